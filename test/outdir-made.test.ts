/**
 * Outputs made straight into a file (the SQLite dataset of a large corpus, src/report/outputs.ts MadeFile):
 * the writer makes them beside the output folder, compares them with the old file on disk and moves them in,
 * and leaves nothing behind when making fails.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeOutputStream } from '../src/batch/outdir.js';
import type { OutputContent } from '../src/report/outputs.js';

async function* entries(db: string, page: string): AsyncGenerator<[string, OutputContent]> {
  yield ['exports/data.bin', { make: (file: string) => writeFileSync(file, Buffer.from(db.repeat(300_000))) }];
  yield ['site/index.html', page];
}

describe('made outputs', () => {
  it('are written, then kept unchanged, then replaced when their bytes change; nothing is left beside the folder', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'rasoat-made-'));
    const out = path.join(root, 'out');
    const w1 = await writeOutputStream(out, entries('ab', 'p1'));
    expect(w1.written).toEqual(['exports/data.bin', 'site/index.html']);
    expect(readFileSync(path.join(out, 'exports/data.bin')).length).toBe(600_000);
    const w2 = await writeOutputStream(out, entries('ab', 'p1'));
    expect(w2).toEqual({ written: [], unchanged: 2, removed: [] });
    // same size, other bytes: found different
    const w3 = await writeOutputStream(out, entries('ba', 'p1'));
    expect(w3.written).toEqual(['exports/data.bin']);
    expect(readFileSync(path.join(out, 'exports/data.bin')).subarray(0, 2).toString()).toBe('ba');
    // a page changed after the made file: the unchanged made file is carried into the new folder
    const w4 = await writeOutputStream(out, entries('ba', 'p2'));
    expect(w4.written).toEqual(['site/index.html']);
    expect(readFileSync(path.join(out, 'exports/data.bin')).subarray(0, 2).toString()).toBe('ba');
    expect(readdirSync(root)).toEqual(['out']);
  });

  it('a failure while making leaves the old output as it was and no partial file', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'rasoat-made-'));
    const out = path.join(root, 'out');
    await writeOutputStream(out, entries('ab', 'p1'));
    async function* failing(): AsyncGenerator<[string, OutputContent]> {
      yield ['site/index.html', 'p2'];
      yield [
        'exports/data.bin',
        {
          make: (file: string) => {
            writeFileSync(file, 'half');
            throw new Error('dataset failed');
          },
        },
      ];
    }
    await expect(writeOutputStream(out, failing())).rejects.toThrow('dataset failed');
    expect(readFileSync(path.join(out, 'site/index.html'), 'utf8')).toBe('p1');
    expect(readFileSync(path.join(out, 'exports/data.bin')).length).toBe(600_000);
    expect(readdirSync(root)).toEqual(['out']);
    expect(existsSync(path.join(root, '.out.rasoat-part'))).toBe(false);
  });
});

describe('pages written a chunk at a time (partsFile: matrix.html, calendar.html)', () => {
  it('are the bytes of the joined parts, whatever the chunk boundaries (multi-byte characters, long and empty parts)', async () => {
    const { partsFile, outputBytes } = await import('../src/report/outputs.js');
    const parts = ['<p>', 'Đ'.repeat(70_000), '', 'ắ😀'.repeat(40_000), 'x'.repeat(65_535), 'ợ', ...Array.from({ length: 5000 }, (_, i) => `<tr><td>${i} Việc ${'ư'.repeat(i % 50)}</td></tr>`)];
    const bytes = outputBytes(partsFile(() => parts));
    expect(Buffer.from(bytes).equals(Buffer.from(parts.join(''), 'utf8'))).toBe(true);
    expect(Buffer.from(outputBytes(partsFile(() => []))).length).toBe(0);
  });

  it('the streamed matrix, calendar and charts pages equal the pages as strings', async () => {
    const { corpusAnalysis } = await import('./helpers/report-fixture.js');
    const { outputEntries, outputBytes } = await import('../src/report/outputs.js');
    const { matrixPageHtml } = await import('../src/report/matrix.js');
    const { calendarPageHtml } = await import('../src/report/calendar.js');
    const { chartsPageHtml } = await import('../src/report/charts.js');
    const { analysis, files, indexMarkdown } = await corpusAnalysis();
    const want = new Map([
      ['site/matrix.html', matrixPageHtml(analysis)],
      ['site/calendar.html', calendarPageHtml(analysis)],
      ['site/charts.html', chartsPageHtml(analysis)],
    ]);
    let seen = 0;
    for await (const [k, v] of outputEntries(analysis, { indexMarkdown, files: files.length }))
      if (want.has(k)) {
        seen++;
        expect(typeof v === 'object' && !Buffer.isBuffer(v), k).toBe(true);
        expect(Buffer.from(outputBytes(v)).equals(Buffer.from(want.get(k)!, 'utf8')), k).toBe(true);
      }
    expect(seen).toBe(3);
  }, 120_000);
});
