import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { docsFromText, processFile } from '../src/pipeline.js';
import { walk } from '../src/segment/index.js';
import { matchKey } from '../src/normalize/vi.js';
import { conservationErrors, context, corpusFiles, seed } from './helpers.js';

const items = (segs: Parameters<typeof walk>[0]) => walk(segs).filter((s) => s.kind === 'section' || s.kind === 'item');

describe('segmentation of the real corpus', () => {
  it.each(corpusFiles())('conserves text: every non-space char in exactly one leaf (%s)', async (file) => {
    const r = await processFile(file, { extract: false });
    for (const d of r.docs) {
      const e = conservationErrors(d);
      expect(e.uncovered.length, `uncovered: ${context(d, e.uncovered)}`).toBe(0);
      expect(e.twice.length, `covered twice: ${context(d, e.twice)}`).toBe(0);
    }
  });

  it('splits the bundled seed 000 into the Tập đoàn plan and Chỉ thị 50-CT/TW with 9 points', async () => {
    const r = await processFile(seed('000'), { extract: false });
    expect(r.docs).toHaveLength(2);
    const [plan, ct] = r.docs;
    expect(plan.meta.kind).toBe('KẾ HOẠCH');
    expect(plan.meta.signer.name).toBe('Trần Quang Dũng');
    expect(plan.meta.issuer).toContain('Tập đoàn Công nghiệp – Năng lượng Quốc gia Việt Nam');
    expect(ct.meta).toMatchObject({ kind: 'CHỈ THỊ', symbol: '50-CT/TW', date: '2025-07-23', issuer: 'Ban Bí thư', place: 'Hà Nội' });
    expect(ct.meta.title).toBe('về tiếp tục đổi mới và nâng cao chất lượng sinh hoạt chi bộ trong giai đoạn mới');
    expect(ct.meta.signer.name).toBe('Trần Cẩm Tú');
    const points = ct.segments.filter((s) => s.kind === 'item').map((s) => s.path);
    expect(points).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(ct.segments.find((s) => s.path === '9')!.heading).toBe('Tổ chức thực hiện');
    // the received-stamp residue stays in the header, not in the body
    expect(ct.segments[0].kind).toBe('header');
    expect(ct.text.slice(ct.segments[0].span[0], ct.segments[0].span[1])).toContain('DẾN');
  });

  it('reads hard-wrapped PDF text (002): headings, paths, split symbols, page number dropped', async () => {
    const [d] = (await processFile(seed('002'), { extract: false })).docs;
    const byPath = new Map(items(d.segments).map((s) => [s.path, s]));
    expect(byPath.get('II.1')!.heading).toBe('Nâng cao nhận thức của các cấp ủy, tổ chức đảng, cán bộ, đảng viên về vai trò, ý nghĩa, tầm quan trọng của sinh hoạt chi bộ');
    expect(byPath.get('III.3')!.heading).toBe('Ban Tuyên giáo và Dân vận Tỉnh ủy');
    expect(byPath.get('III.4.(1)')!.text).toMatch(/^Quy định số 13-QĐi\/TU/);
    const all = walk(d.segments).map((s) => s.text).join('\n');
    expect(all).toContain('21-NQ/TW');
    expect(d.diagnostics.some((x) => x.code === 'page-number')).toBe(true);
    expect(d.meta.signer).toEqual({ name: 'Sùng A Hồ', role: 'T/M BAN THƯỜNG VỤ PHÓ BÍ THƯ' });
    expect(d.meta.recipients).toContain('Ban Tổ chức Trung ương');
    expect(d.meta.issuer).toBe('Ban Thường vụ Tỉnh ủy');
  });

  it('reads Markdown (003): markup is structure, footnote moved out of the paragraph it interrupts', async () => {
    const [d] = (await processFile(seed('003'), { extract: false })).docs;
    expect(d.text).not.toMatch(/\*\*|<sup>|^#/m);
    const fn = walk(d.segments).find((s) => s.kind === 'footnote')!;
    expect(fn.path).toBe('II.2.1.fn1');
    expect(fn.text).toMatch(/^Chi bộ nơi có nhiều đồng chí/);
    const p22 = walk(d.segments).find((s) => s.path === 'II.2.2')!;
    expect(p22.text).toContain('Hướng dẫn số 03-HD/TW, ngày 27/12/2022 của Ban Bí thư');
    expect(items(d.segments).find((s) => s.path === 'II.3.1')!.heading).toBe('Ban Tổ chức Thành uỷ');
  });

  it('splits leaves into clauses that cover their text', async () => {
    const [d] = (await processFile(seed('002'), { extract: false })).docs;
    const ii1 = walk(d.segments).find((s) => s.path === 'II.1.¶1')!;
    expect(ii1.clauses.length).toBeGreaterThan(4);
    expect(ii1.clauses[0].text).toBe('Các cấp ủy, tổ chức đảng, cán bộ, đảng viên phải nhận thức sâu sắc về ý nghĩa, tầm quan trọng của sinh hoạt chi bộ, coi đây là mệnh lệnh chính trị.');
    for (const c of ii1.clauses) expect(matchKey(d.text.slice(c.span[0], c.span[1]))).toBe(matchKey(c.text.replace(/-(?=\S)/g, '-')));
  });
});

describe('OCR residue in numbering (as tesseract reads the scanned fixture)', () => {
  // lines as they come out of OCR of 002's scan: a lost space after "I.", "_" after item numbers,
  // "S." for "5.", dashes of the recipient list read as "°", "»", "=_"
  const text = [
    'KẾ HOẠCH', 'thực hiện Chỉ thị số 50-CT/TW', '', 'Ban Thường vụ Tỉnh ủy ban hành kế hoạch thực hiện như sau:', '',
    'I.MỤC ĐÍCH, YÊU CẦU', '', '1. Quán triệt, triển khai thực hiện.', '',
    'II. NHIỆM VỤ VÀ GIẢI PHÁP', '', '1. Nâng cao nhận thức', '', 'Các cấp ủy phải làm.', '', '2. Đổi mới', '', 'Nội dung hai.', '',
    '3. Thực hiện nghiêm', '', 'Nội dung ba.', '', '4. Nâng cao chất lượng', '', 'Nội dung bốn.', '',
    '5. _ Xây dựng tiêu chí đánh giá', '', 'Nội dung năm.', '', '6. Thường xuyên theo dõi', '', 'Nội dung sáu.', '',
    'HI. TỔ CHỨC THỰC HIỆN', '', '1. Các đảng ủy trực thuộc tỉnh', '', 'Làm.', '', '2. Ủy ban Kiểm tra Tỉnh ủy', '', 'Làm.', '',
    '3. Ban Tuyên giáo', '', 'Làm.', '', '4. Ban Tổ chức Tỉnh ủy', '', 'Làm.', '', 'S. _ Văn phòng Tỉnh ủy', '', 'Chủ trì.', '',
    'Nơi nhận', '', '° _- Ban Bí thư Trung ương (b/c),', '', '» __ Các ban đảng tỉnh,', '', '°Ò = Lưu VPTU.', '',
    'T/M BAN THƯỜNG VỤ', '', 'PHÓ BÍ THƯ', '', 'Sùng A Hồ', '',
  ].join('\n');
  const [doc] = docsFromText(text, { file: 'ocr.txt', format: 'txt' }, { extract: false });

  it('keeps the numbering: sections I–III, items II.5, II.6 and III.5 with clean headings', () => {
    const got = items(doc.segments).map((s) => `${s.path} ${s.heading ?? ''}`.trim());
    expect(got).toEqual([
      'I MỤC ĐÍCH, YÊU CẦU', 'I.1',
      'II NHIỆM VỤ VÀ GIẢI PHÁP', 'II.1 Nâng cao nhận thức', 'II.2 Đổi mới', 'II.3 Thực hiện nghiêm', 'II.4 Nâng cao chất lượng',
      'II.5 Xây dựng tiêu chí đánh giá', 'II.6 Thường xuyên theo dõi',
      'III TỔ CHỨC THỰC HIỆN', 'III.1 Các đảng ủy trực thuộc tỉnh', 'III.2 Ủy ban Kiểm tra Tỉnh ủy', 'III.3 Ban Tuyên giáo',
      'III.4 Ban Tổ chức Tỉnh ủy', 'III.5 Văn phòng Tỉnh ủy',
    ]);
    const e = conservationErrors(doc);
    expect(e.uncovered.length + e.twice.length).toBe(0);
  });

  it('reads the recipient list through OCR bullets', () => {
    expect(doc.meta.recipients).toEqual(['Ban Bí thư Trung ương (b/c)', 'Các ban đảng tỉnh', 'Lưu VPTU']);
  });

  it('does not take "S." for 5 where 5 is not the next number', () => {
    const [d] = docsFromText('KẾ HOẠCH\n\n1. Một việc.\n\nS. _ Văn phòng Tỉnh ủy\n', { file: 'x.txt', format: 'txt' }, { extract: false });
    expect(items(d.segments).map((s) => s.path)).toEqual(['1']);
  });
});

describe('segmenter properties (random input never crashes or drops text)', () => {
  const marker = fc.constantFrom('I. ', 'II. ', '1. ', '2. ', '1.1. ', '1.2. ', '(1) ', 'a) ', '- ', '+ ', '• ', '¹ ', '');
  const words = fc.array(fc.constantFrom('Các', 'cấp', 'ủy', 'chi', 'bộ', 'Đảng', 'sinh', 'hoạt', 'ngày', '03', 'hằng', 'tháng', 'KẾ HOẠCH', 'Nơi nhận:', 'T/M', '.', ';', ',', '¹'), { minLength: 1, maxLength: 12 });
  const line = fc.tuple(marker, words).map(([m, w]) => m + w.join(' '));
  const layout = fc.array(fc.oneof(line, fc.constant('')), { minLength: 1, maxLength: 40 }).map((ls) => ls.join('\n'));

  it('random bullet/number layouts', () => {
    fc.assert(
      fc.property(layout, (text) => {
        for (const d of docsFromText(text, { file: 'p.txt', format: 'txt' }, { extract: false })) {
          const e = conservationErrors(d);
          expect(e.uncovered).toEqual([]);
          expect(e.twice).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('random Unicode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        for (const d of docsFromText(text.normalize('NFC'), { file: 'u.txt', format: 'txt' }, { extract: false })) {
          const e = conservationErrors(d);
          expect(e.uncovered).toEqual([]);
          expect(e.twice).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('tree spans', () => {
  it.each(corpusFiles())('every inner span covers its children and leaves are in order (%s)', async (file) => {
    for (const d of (await processFile(file, { extract: false })).docs) {
      for (const s of walk(d.segments)) for (const c of s.children) expect(c.span[0] >= s.span[0] && c.span[1] <= s.span[1], `${c.path} inside ${s.path}`).toBe(true);
    }
  });
});
