/**
 * Hostile inputs of issue 14, made at test (or benchmark) time, never committed:
 * a PDF whose one content stream is a Flate bomb, a DOCX with hundreds of thousands of unclosed
 * paragraph properties, a plan of many short paragraphs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { constants, deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/**
 * A one-page PDF whose content stream (FlateDecode) inflates to `inflated` bytes of spaces: ~1 MB of file
 * per GiB. Deflate of a repeated byte compresses ~1030:1, so the stream is made from one deflated block of
 * `chunk` spaces repeated: a raw deflate stream of stored-free blocks concatenated, wrapped as zlib.
 */
export function flateBombPdf(inflated: number): Buffer {
  // a zlib stream of `inflated` spaces, deflated in pieces (never holding the inflated bytes)
  const piece = 1 << 24; // 16 MiB of spaces per full-flush piece
  const block = deflateRawSync(Buffer.alloc(piece, 0x20), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const n = Math.floor(inflated / piece);
  const tail = deflateRawSync(Buffer.alloc(inflated - n * piece, 0x20), { level: 9 });
  // zlib header (78 DA) + raw blocks + adler32 (pdf.js does not check it; 0 is written)
  const stream = Buffer.concat([Buffer.from([0x78, 0xda]), ...Array.from({ length: n }, () => block), tail, Buffer.alloc(4)]);
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>',
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let len = parts[0].length;
  const push = (b: Buffer) => {
    parts.push(b);
    len += b.length;
  };
  objs.forEach((o, i) => {
    offsets.push(len);
    push(Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`, 'latin1'));
  });
  offsets.push(len);
  push(Buffer.from(`4 0 obj\n<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'));
  push(stream);
  push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
  const xref = len;
  push(Buffer.from(`xref\n0 5\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/** The test fixture DOCX with `n` unclosed `<w:p><w:pPr>…` before its body (300 000: ~64 KB). */
export async function unclosedPprDocx(n: number): Promise<Buffer> {
  const zip = await JSZip.loadAsync(readFileSync(path.join(ROOT, 'test', 'fixtures', '003_16dc449be3f50a1e.docx')));
  const doc = await zip.file('word/document.xml')!.async('string');
  zip.file('word/document.xml', doc.replace('<w:body>', '<w:body>' + '<w:p><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr>'.repeat(n)));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A plan of `n` short paragraphs (~65 bytes each): a heading, then numbered tasks with deadlines and bodies. */
export function shortParagraphsPlan(n: number): string {
  const head = [
    'TỈNH ỦY TUYÊN QUANG',
    'ĐẢNG CỘNG SẢN VIỆT NAM',
    'Số 99-KH/TU',
    'Tuyên Quang, ngày 10 tháng 9 năm 2025',
    'KẾ HOẠCH',
    'thực hiện Chỉ thị số 50-CT/TW, ngày 23/7/2025 của Ban Bí thư',
    'I. MỤC ĐÍCH, YÊU CẦU',
  ];
  const verbs = ['Tổ chức quán triệt', 'Rà soát, bổ sung', 'Kiểm tra, giám sát', 'Tuyên truyền sâu rộng', 'Báo cáo kết quả'];
  const bodies = ['Ban Tuyên giáo Tỉnh ủy', 'Ủy ban Kiểm tra Tỉnh ủy', 'Văn phòng Tỉnh ủy', 'các chi bộ'];
  const lines: string[] = [...head];
  for (let i = 0; i < n; i++) lines.push(`- ${verbs[i % 5]} việc số ${i + 1}; ${bodies[i % 4]} thực hiện trước ngày ${(i % 28) + 1}/${(i % 12) + 1}/2026.`);
  return lines.join('\n\n') + '\n';
}
