/**
 * Issue 14 §3, §4: memory and time per document are bounded on every path — in process, `extract`, and
 * `analyze` without parallel workers — not only on the worker pool. Hostile files are made at test time
 * (test/helpers/hostile.ts) in os.tmpdir().
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkInflatedSize, lzwLength, runLengthLength, textPathStreams } from '../src/ingest/pdfstreams.js';
import { flateBombPdf, unclosedPprDocx } from './helpers/hostile.js';
import { CORPUS, ROOT } from './helpers/report-fixture.js';

const tmp = (p: string) => mkdtempSync(path.join(os.tmpdir(), `rasoat-lim-${p}-`));
const BIN = path.join(ROOT, 'bin', 'rasoat.js');

describe('PDF decompression bombs (issue 14 §3)', () => {
  it('a 1 MB Flate bomb inflating to 1 GiB is refused in process with a bounded peak memory (was 1.6 GB and 2 min)', { timeout: 120_000 }, () => {
    const dir = tmp('bomb');
    const bomb = path.join(dir, 'bomb.pdf');
    writeFileSync(bomb, flateBombPdf(1 << 30));
    expect(readFileSync(bomb).length).toBeLessThan(1.2e6);
    // in a child, so that its peak resident memory (VmHWM) is the reading's alone
    const script = path.join(dir, 'read.mts');
    writeFileSync(
      script,
      `import { readFileSync } from 'node:fs';
const { processFile } = await import(${JSON.stringify(path.join(ROOT, 'src', 'pipeline.ts'))});
let out = 'read';
try { await processFile(${JSON.stringify(bomb)}); } catch (e) { out = e.code + ': ' + e.message; }
console.log(out);
console.log('HWM ' + /VmHWM:\\s*(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]);`,
    );
    const r = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, encoding: 'utf8', timeout: 110_000 });
    expect(r.stdout, r.stderr).toMatch(/^too-large: the PDF's compressed streams inflate to more than 200 MiB/m);
    const hwmMb = Number(/HWM (\d+)/.exec(r.stdout)![1]) / 1024;
    // Node + tsx + pdf.js loaded take ~100–150 MB; the bomb's 1 GiB buffer never exists
    expect(hwmMb).toBeLessThan(400);
  });

  it('extract (isolated worker) refuses the bomb the same way', { timeout: 120_000 }, () => {
    const dir = tmp('bomb-x');
    const bomb = path.join(dir, 'bomb.pdf');
    writeFileSync(bomb, flateBombPdf(1 << 30));
    const r = spawnSync(process.execPath, [BIN, 'extract', bomb], { encoding: 'utf8', timeout: 110_000 });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/bomb\.pdf: the PDF's compressed streams inflate to more than 200 MiB .*\[too-large\]/);
  });

  it('streams are counted through chained filters, LZW and run-length; images (never decoded for text) are not', async () => {
    // the PDF specification's LZW example: 10 bytes
    expect(lzwLength(Buffer.from('800B6050220C0C8501', 'hex'), 1e9)).toBe(10);
    expect(runLengthLength(Buffer.from([2, 97, 98, 99, 254, 120, 128]), 1e9)).toBe(6);
    const big = deflateSync(Buffer.alloc(4 << 20, 0x20));
    const pdf = (dict: string, data: Buffer) => Buffer.concat([Buffer.from(`%PDF-1.4\n1 0 obj\n<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream\nendobj\n%%EOF\n', 'latin1')]);
    expect(textPathStreams(pdf('/Filter /FlateDecode', big))).toHaveLength(1);
    expect(await checkInflatedSize(pdf('/Filter /FlateDecode', big), 1e9)).toBe(4 << 20);
    expect(await checkInflatedSize(pdf('/Filter [/ASCIIHexDecode /FlateDecode]', Buffer.from(big.toString('hex') + '>')), 1e9)).toBe(4 << 20);
    expect(await checkInflatedSize(pdf('/Filter [/FlateDecode /FlateDecode]', deflateSync(big)), 1e9)).toBe(4 << 20);
    expect(await checkInflatedSize(pdf('/Type /XObject /Subtype /Image /Filter /FlateDecode', big), 1e9)).toBe(0);
    await expect(checkInflatedSize(pdf('/Filter /FlateDecode', big), 1 << 20)).rejects.toMatchObject({ code: 'too-large' });
  });
});

describe('time limit on every path (issue 14 §4)', () => {
  // 300 000 unclosed <w:pPr> (64 KB): ~16 s of CPU before the reader gives up on this machine; the limits are 1 and 4 s
  // (the other file of the folder takes well under a second)
  it('extract: a DOCX with 300 000 unclosed <w:pPr> stops with a clear timeout error', { timeout: 180_000 }, async () => {
    const dir = tmp('ppr');
    const file = path.join(dir, 'ppr-bomb.docx');
    writeFileSync(file, await unclosedPprDocx(300_000));
    expect(readFileSync(file).length).toBeLessThan(70_000);
    const r = spawnSync(process.execPath, [BIN, 'extract', file, '--timeout', '1'], { encoding: 'utf8', timeout: 170_000 });
    expect(r.signal).toBeNull();
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/ppr-bomb\.docx: processing took longer than the time limit of 1 s \(--timeout\); abandoned \[timeout\]/);
  });

  it('analyze without parallel workers: the file times out, is listed, and the run goes on', { timeout: 180_000 }, async () => {
    const dir = tmp('ppr-an');
    writeFileSync(path.join(dir, 'ppr-bomb.docx'), await unclosedPprDocx(300_000));
    copyFileSync(path.join(CORPUS, 'tap-doan-cnnl-ke-hoach-va-chi-thi-50-CT-TW.txt'), path.join(dir, 'base.txt'));
    const out = path.join(tmp('ppr-an-out'), 'out');
    const r = spawnSync(process.execPath, [BIN, 'analyze', dir, '--out', out, '--workers', '0', '--no-cache', '--timeout', '4'], { encoding: 'utf8', timeout: 170_000 });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/rasoat: ppr-bomb\.docx: processing took longer than the time limit of 4 s \(--timeout\); abandoned \[timeout\]/);
    expect(JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')).documents).toBe(2);
  });
});

describe('OCR programs and folders do not outlive a timeout or a kill (issue 14 §6)', () => {
  const mine = (tag: string, pid = process.pid) => tag.startsWith(`${pid}-`);
  const SCAN = path.join(ROOT, 'test', 'fixtures', '002_7cd20b194e2a205a.scan-p1.pdf');
  const hasOcr = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' }).stdout?.includes('vie') && spawnSync('pdftoppm', ['-v']).status === 0;

  /** pdftoppm and tesseract processes whose parent is this process (what the old code left running) */
  const ocrChildren = () =>
    readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .flatMap((p) => {
        try {
          const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
          const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
          return ppid === process.pid && /^(pdftoppm|tesseract)$/.test(comm) ? [`${p} ${comm}`] : [];
        } catch {
          return [];
        }
      });
  const ocrFolders = () => readdirSync(os.tmpdir()).filter((f) => f.startsWith('rasoat-ocr-'));

  it.skipIf(!hasOcr)('a file timed out during OCR leaves no pdftoppm/tesseract process and no temporary folder (needs tesseract-ocr-vie, poppler-utils)', { timeout: 120_000 }, async () => {
    const { collect } = await import('../src/batch/index.js');
    const before = new Set(ocrFolders());
    // 3 s for pdf.js, rendering at 300 dpi and recognising a page: never enough, so the OCR is stopped mid-way
    const items = await collect([SCAN], { workers: 1, timeoutMs: 3000 });
    expect(items.map((i) => (i.ok ? 'ok' : i.code))).toEqual(['timeout']);
    expect(ocrChildren()).toEqual([]);
    expect(ocrFolders().filter((f) => !before.has(f))).toEqual([]);
  });

  it('the pool reaps what a terminated worker started; a later run reaps what a killed (-9) process left', async () => {
    const { spawn } = await import('node:child_process');
    const { OWNER_ENV, reapChildren, reapStale, taggedFolders, taggedProcesses, TMP_PREFIX } = await import('../src/ingest/children.js');
    const tag = `${process.pid}-9999`;
    const child = spawn('sleep', ['300'], { env: { ...process.env, [OWNER_ENV]: tag }, stdio: 'ignore' });
    const gone = new Promise((r) => child.on('exit', r));
    const dir = mkdtempSync(path.join(os.tmpdir(), `${TMP_PREFIX}${tag}-`));
    writeFileSync(path.join(dir, 'p-1.png'), 'x');
    expect(taggedProcesses()).toContainEqual([child.pid, tag]);
    reapChildren(tag);
    await gone;
    expect(taggedProcesses().filter(([, t]) => t === tag)).toEqual([]);
    expect(taggedFolders().filter(([, t]) => t === tag)).toEqual([]);
    // a process that no longer exists: its tagged program and folder are reaped by the next OCR (reapStale)
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadTag = `${dead.stdout}-0`;
    const orphan = spawn('sleep', ['300'], { env: { ...process.env, [OWNER_ENV]: deadTag }, stdio: 'ignore' });
    const orphanGone = new Promise((r) => orphan.on('exit', r));
    mkdtempSync(path.join(os.tmpdir(), `${TMP_PREFIX}${deadTag}-`));
    reapStale();
    await orphanGone;
    expect(taggedProcesses().filter(([, t]) => t === deadTag)).toEqual([]);
    expect(taggedFolders().filter(([, t]) => t === deadTag)).toEqual([]);
  });
});
