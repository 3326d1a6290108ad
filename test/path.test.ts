/** The segment-path grammar (src/segment/path.ts): every path the segmenter makes parses and formats back. */
import { describe, expect, it } from 'vitest';
import { processFile } from '../src/pipeline.js';
import { walk } from '../src/segment/index.js';
import { comparePaths, formatPath, parsePath, pointOf, topOf } from '../src/segment/path.js';
import { humanPath } from '../src/serve/review.js';
import { corpusFiles } from './helpers.js';

describe('segment paths', () => {
  it('reads the documented forms', () => {
    expect(parsePath('II.1.¶1').map((p) => [p.kind, p.n])).toEqual([['roman', 2], ['number', 1], ['paragraph', 1]]);
    expect(parsePath('II.1.-2').map((p) => p.kind)).toEqual(['roman', 'number', 'bullet']);
    expect(parsePath('II.4.(1)').map((p) => p.kind)).toEqual(['roman', 'number', 'paren']);
    expect(parsePath('fn1')[0]).toEqual({ kind: 'footnote', text: 'fn1', n: 1 });
    expect(parsePath('preamble.¶2').map((p) => p.kind)).toEqual(['name', 'paragraph']);
    expect(pointOf('2.¶1')).toBe('2');
    expect(pointOf('¶3')).toBe('¶3');
    expect(['II.10', 'II.2', 'I.3', 'IX.1'].sort(comparePaths)).toEqual(['I.3', 'II.2', 'II.10', 'IX.1']);
    expect([topOf('II.1.-2'), topOf('9.-1'), topOf('')]).toEqual(['II', '9', '']);
  });

  it('the workbench names a path in words from the same grammar', () => {
    expect(humanPath('9.-1')).toBe('ý thứ 1 của điểm 9');
    expect(humanPath('II.1.a')).toBe('tiết a của khoản 1 của mục II');
    expect(humanPath('II.1.¶2')).toBe('đoạn 2 của khoản 1 của mục II');
    expect(humanPath('preamble.¶1')).toBe('đoạn 1');
    expect(humanPath('')).toBe('phần mở đầu');
  });

  it.each(corpusFiles())('every path of %s parses into known parts and formats back', async (file) => {
    for (const d of (await processFile(file, { extract: false })).docs)
      for (const s of walk(d.segments)) {
        const parts = parsePath(s.path);
        expect(formatPath(parts), s.path).toBe(s.path);
        if (s.kind === 'paragraph' && s.path.includes('¶')) expect(parts.at(-1)!.kind).toBe('paragraph');
        if (s.kind === 'bullet') expect(parts.at(-1)!.kind).toBe('bullet');
        if (s.kind === 'footnote') expect(parts.at(-1)!.kind).toBe('footnote');
      }
  });
});
