/**
 * The official two-column header as LibreOffice and Word set it in a PDF: the issuing body's cell and the national
 * motto's cell stand about a word and a half apart on their first line ("ỦY BAN NHÂN DÂN THÀNH" | "CỘNG HÒA XÃ HỘI
 * CHỦ NGHĨA VIỆT NAM", 22 pt apart at 13 pt), and the document's kind line ("QUYẾT ĐỊNH") is read inside that header
 * block. Measured on real-dev in the PDF layout: issuer 0.893 → 0.964, attached documents split off 1/4 → 4/4.
 */
import { describe, expect, it } from 'vitest';
import { columnBlocks } from '../src/ingest/pdf-tables.js';
import { itemsToLines } from '../src/ingest/pdf.js';
import { splitBundle } from '../src/segment/bundle.js';

/** one run of text as pdf.js gives it, with an advance of 0.55 × size per character */
const run = (str: string, x: number, y: number, size = 13) => ({ str, x, y, w: str.length * size * 0.55, size, font: 'f' });

describe('PDF header cells set close together', () => {
  it('splits two cells of capitals a word and a half apart, not a line of body text with a wide justified gap', () => {
    const lines = itemsToLines([run('ỦY BAN NHÂN DÂN THÀNH', 100, 70), run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 100 + 21 * 13 * 0.55 + 22, 70)], 1);
    expect(lines.map((l) => l.text)).toEqual(['ỦY BAN NHÂN DÂN THÀNH', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']);
    // justified body text: same gap, lower case on the left
    const body = itemsToLines([run('Ủy ban nhân dân thành', 100, 70), run('phố ban hành Kế hoạch', 100 + 21 * 13 * 0.55 + 22, 70)], 1);
    expect(body.map((l) => l.text)).toEqual(['Ủy ban nhân dân thành phố ban hành Kế hoạch']);
    // a wide gap splits whatever the case (unchanged)
    const wide = itemsToLines([run('Nơi nhận:', 100, 500), run('KT. CHỦ TỊCH', 400, 500)], 1);
    expect(wide).toHaveLength(2);
  });

  it('reads the two cells as one header block, the left cell with its second line', () => {
    const w = (s: string) => s.length * 13 * 0.55;
    const lines = itemsToLines(
      [
        run('ỦY BAN NHÂN DÂN THÀNH', 100, 70),
        run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 100 + w('ỦY BAN NHÂN DÂN THÀNH') + 22, 70),
        run('PHỐ HỒ CHÍ MINH', 125, 84),
        run('Độc lập - Tự do - Hạnh phúc', 330, 84),
        run('Số: 172/KH-UBND', 128, 108),
        run('Thành phố Hồ Chí Minh, ngày 18 tháng 11 năm 2025', 300, 108),
      ],
      1,
    );
    const blocks = columnBlocks(lines, 14);
    expect(blocks[0].block).toBe('columns');
    expect(blocks[0].text.split('\n')).toEqual(['|', 'ỦY BAN NHÂN DÂN THÀNH', 'PHỐ HỒ CHÍ MINH', 'Số: 172/KH-UBND', '|', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Thành phố Hồ Chí Minh, ngày 18 tháng 11 năm 2025', '|']);
  });
});

describe('a Quyết định whose kind line sits in its header block, then the plan it issues', () => {
  const text = [
    '|', 'ỦY BAN NHÂN DÂN', 'THÀNH PHỐ HỒ CHÍ MINH', 'Số: 2820/QĐ-UBND', '|', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc',
    'Thành phố Hồ Chí Minh, ngày 19 tháng 11 năm 2025', 'QUYẾT ĐỊNH', '|', '',
    'BAN HÀNH KẾ HOẠCH TRIỂN KHAI QUYẾT ĐỊNH SỐ 06/QĐ-TTG', '', 'QUYẾT ĐỊNH:', '',
    'Điều 1. Ban hành kèm theo Quyết định này Kế hoạch triển khai Quyết định số 06/QĐ-TTg.', '',
    'Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.', '',
    '|', 'Nơi nhận:', '- Như Điều 3;', '- Lưu: VT.', '|', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', '', 'Nguyễn Lộc Hà', '|', '',
    'KẾ HOẠCH', '', 'TRIỂN KHAI QUYẾT ĐỊNH SỐ 06/QĐ-TTG', '', '(Kèm theo Quyết định số 2820/QĐ-UBND ngày 19 tháng 11 năm 2025)', '',
    'I. MỤC ĐÍCH, YÊU CẦU', '',
  ].join('\n');
  it('splits off the attached plan after the signer', () => {
    const spans = splitBundle(text);
    expect(spans).toHaveLength(2);
    expect(text.slice(spans[1][0]).startsWith('KẾ HOẠCH')).toBe(true);
  });
});
