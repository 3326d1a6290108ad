import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { Document, FootnoteReferenceRun, LevelFormat, Packer, Paragraph, TextRun } from 'docx';
import JSZip from 'jszip';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { ingestBuffer, IngestError } from '../src/ingest/index.js';
import { formatNumber, materializeNumbering } from '../src/ingest/docx.js';
import { ocrEngine } from '../src/ingest/ocr.js';
import { matchKey } from '../src/normalize/vi.js';
import { FIXTURES as FIX, seed as seedFile } from './helpers.js';

const DOCX = readFileSync(`${FIX}/003_16dc449be3f50a1e.docx`);
const PDF = readFileSync(`${FIX}/002_7cd20b194e2a205a.pdf`);
/** page 1 of the scanned rendering (test/fixtures/README.md) */
const SCAN = `${FIX}/002_7cd20b194e2a205a.scan-p1.pdf`;

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(IngestError);
    expect((e as IngestError).message.length).toBeGreaterThan(10); // a human reason
    return (e as IngestError).code;
  }
  return 'no error';
}

function pdfkitBuffer(build: (doc: PDFKit.PDFDocument) => void, opts: PDFKit.PDFDocumentOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false, ...opts });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    build(doc);
    doc.end();
  });
}

describe('DOCX (pandoc fixture of seed 003)', async () => {
  const r = await ingestBuffer(DOCX, 'plan.docx');
  const text = r.value!.text;
  const lines = text.split('\n');

  it('materializes Word auto-numbering 1., 2., 3. under I.', () => {
    const i = lines.findIndex((l) => l.startsWith('I. MỤC ĐÍCH, YÊU CẦU'));
    const ii = lines.findIndex((l) => l.startsWith('II. NỘI DUNG'));
    expect(i).toBeGreaterThan(0);
    const items = lines.slice(i + 1, ii).filter(Boolean);
    expect(items.map((l) => /^(\d+)\. /.exec(l)?.[1])).toEqual(['1', '2', '3']);
    expect(items[0]).toMatch(/^1\. Nhằm triển khai/);
  });

  it('writes bullets as "- " and nested bullets as "+ "', () => {
    expect(text).toContain('\n- Hình thức tổ chức:\n\n+ Ban Thường vụ Thành ủy tổ chức Hội nghị trực tiếp kết hợp trực tuyến.\n');
  });

  it('puts the footnote ref as "¹" after the word and its body on its own line after the paragraph', () => {
    expect(text).toContain('hằng tháng¹ (nếu vào ngày nghỉ');
    const ref = lines.findIndex((l) => l.includes('hằng tháng¹'));
    expect(lines[ref + 1]).toBe('');
    expect(lines[ref + 2]).toMatch(/^¹ Chi bộ nơi có nhiều đồng chí ủy viên ban thường vụ/);
    expect(r.diagnostics.some((d) => d.code === 'docx-numbering')).toBe(true);
  });

  it('is in the canonical layout and agrees with the TXT seed paragraph by paragraph', () => {
    expect(text).toBe(text.normalize('NFC'));
    expect(text).not.toMatch(/\r|\n{3,}|[ \t]\n/);
    // every DOCX paragraph (except the footnote, which the TXT prints elsewhere) appears in the seed
    const seed = matchKey(readFileSync(seedFile('003'), 'utf8').replace(/<sup>\d+<\/sup>|[*#]+/g, ''));
    const paras = text.split('\n\n').filter((p) => !p.startsWith('¹'));
    const found = paras.filter((p) => seed.includes(matchKey(p.replace(/¹/g, ''))));
    expect(found.length / paras.length).toBeGreaterThan(0.9);
  });

  it('formats numbering: letters, roman, restart of sub-levels', () => {
    expect([1, 2, 26, 27].map((n) => formatNumber(n, 'lowerLetter'))).toEqual(['a', 'b', 'z', 'aa']);
    expect(formatNumber(14, 'upperRoman')).toBe('XIV');
    const numbering =
      '<w:numbering><w:abstractNum w:abstractNumId="5"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>' +
      '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl></w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="5"/></w:num></w:numbering>';
    const p = (lvl: number, t: string) => `<w:p><w:pPr><w:numPr><w:ilvl w:val="${lvl}"/><w:numId w:val="7"/></w:numPr></w:pPr><w:r><w:t>${t}</w:t></w:r></w:p>`;
    const { xml, count } = materializeNumbering(`<w:body>${p(0, 'A')}${p(1, 'x')}${p(1, 'y')}${p(0, 'B')}${p(1, 'z')}</w:body>`, numbering, null);
    expect(count).toBe(5);
    expect([...xml.matchAll(/<w:t xml:space="preserve">([^<]*)<\/w:t>/g)].map((m) => m[1].trim())).toEqual(['I.', 'a)', 'b)', 'II.', 'a)']);
  });
});

describe('DOCX written by the docx library (Word-style numbering)', () => {
  it('gives multi-level numbers, letters, bullets and several footnotes', async () => {
    const n = (text: string, level: number) => new Paragraph({ text, numbering: { reference: 'vn', level } });
    const doc = new Document({
      numbering: {
        config: [
          {
            reference: 'vn',
            levels: [
              { level: 0, format: LevelFormat.UPPER_ROMAN, text: '%1.', start: 1 },
              { level: 1, format: LevelFormat.DECIMAL, text: '%2.', start: 1 },
              { level: 2, format: LevelFormat.DECIMAL, text: '%2.%3.', start: 1 },
              { level: 3, format: LevelFormat.LOWER_LETTER, text: '%4)', start: 1 },
            ],
          },
        ],
      },
      footnotes: { 1: { children: [new Paragraph('Ghi chú một.')] }, 2: { children: [new Paragraph('Ghi chú hai.')] } },
      sections: [
        {
          children: [
            n('MỤC ĐÍCH', 0), n('Mục một', 1), n('Mục một chấm một', 2), n('Điểm a', 3), n('Điểm b', 3), n('Mục một chấm hai', 2), n('NỘI DUNG', 0), n('Mục một mới', 1),
            new Paragraph({ children: [new TextRun('Có chú thích'), new FootnoteReferenceRun(1), new TextRun(' và nữa'), new FootnoteReferenceRun(2), new TextRun('.')] }),
            new Paragraph({ text: 'Gạch đầu dòng', bullet: { level: 0 } }),
            new Paragraph({ text: 'Cộng', bullet: { level: 1 } }),
          ],
        },
      ],
    });
    const r = await ingestBuffer(await Packer.toBuffer(doc), 'g.docx');
    expect(r.value!.text.split('\n\n')).toEqual([
      'I. MỤC ĐÍCH', '1. Mục một', '1.1. Mục một chấm một', 'a) Điểm a', 'b) Điểm b', '1.2. Mục một chấm hai', 'II. NỘI DUNG', '1. Mục một mới',
      'Có chú thích¹ và nữa².', '¹ Ghi chú một.', '² Ghi chú hai.', '- Gạch đầu dòng', '+ Cộng\n',
    ]);
  });
});

describe('PDF (LibreOffice fixture of seed 002)', async () => {
  const r = await ingestBuffer(PDF, 'plan.pdf');
  const text = r.value!.text;

  it('drops page numbers and reflows hard-wrapped lines into paragraphs', () => {
    expect(r.value!.pages).toBe(8);
    expect(text.split('\n').filter((l) => /^\s*\d{1,3}\s*$/.test(l))).toEqual([]);
    expect(r.diagnostics.find((d) => d.code === 'pdf-furniture')?.message).toMatch(/dropped 7 page-number lines/);
    expect(text).toContain('\n1. Quán triệt, triển khai thực hiện có hiệu quả Chỉ thị số 50-CT/TW, ngày 23/7/2025 của Ban Bí thư về tiếp tục đổi mới và nâng cao chất lượng sinh hoạt chi bộ trong giai đoạn mới.\n');
    expect(text).toContain('Nghị quyết số 21-NQ/TW');
    expect(text).toContain('\n- Ban Bí thư Trung ương (b/c),\n'); // "•" list → "- "
  });

  it('has >= 98 % of seed 002 paragraphs verbatim (matchKey), and no paragraph foreign to the seed', () => {
    // the PDF was made from a copy without the stray page number "8" and with "21-\nNQ/TW" joined
    const seedText = readFileSync(seedFile('002'), 'utf8')
      .replace(/^\s*\d{1,3}\s*$/gm, '')
      .replace(/([\p{L}\p{N}]-)[ \t]*\n\s*(?=[\p{L}\p{N}])/gu, '$1');
    const hay = matchKey(text);
    const blocks = seedText.split(/\n\s*\n/).map((b) => b.trim()).filter((b) => b && !/^-+$/.test(b));
    const found = blocks.filter((b) => hay.includes(matchKey(b)));
    expect(found.length / blocks.length).toBeGreaterThanOrEqual(0.98);
    const seedKey = matchKey(seedText);
    const paras = text.split('\n\n');
    expect(paras.filter((p) => seedKey.includes(matchKey(p))).length / paras.length).toBeGreaterThanOrEqual(0.98);
  });

  it('joins a symbol split after its hyphen, drops running headers, turns footnotes into "¹" (generated PDF)', async () => {
    // ASCII text so that the PDF's standard font suffices; 13 pt lines 18 pt apart
    const buf = await pdfkitBuffer((doc) => {
      for (let p = 1; p <= 4; p++) {
        doc.addPage();
        doc.font('Times-Roman').fontSize(10).text('BAN CHAP HANH DANG BO TINH', 200, 30, { lineBreak: false });
        if (p > 1) doc.fontSize(13).text(String(p), 295, 55, { lineBreak: false });
        const body = [
          [110, `Thuc hien Nghi quyet so ${20 + p}-`],
          [85, 'NQ/TW, ngay 16/6/2022 cua Ban Chap hanh Trung uong ve tang cuong cung co'],
          [85, 'xay dung to chuc co so dang va nang cao chat luong dang vien trong giai doan'],
          [85, 'moi, cac cap uy to chuc thuc hien nghiem tuc.'],
          [110, 'Huong dan so 06-'],
          [85, 'HD/BTCTU cua Ban To chuc Tinh uy ve sinh hoat chi bo duoc thuc hien hang'],
          [85, 'thang theo quy dinh cua Dieu le Dang va huong dan cua cap tren truc tiep.'],
        ];
        let y = 90;
        for (const [x, s] of body) {
          doc.font('Times-Roman').fontSize(13).text(s as string, x as number, y, { lineBreak: false });
          y += 18;
        }
        if (p === 2) {
          doc.fontSize(13).text('Sinh hoat vao ngay 03 hang thang', 110, y, { lineBreak: false });
          const w = doc.widthOfString('Sinh hoat vao ngay 03 hang thang');
          doc.fontSize(8).text('1', 110 + w, y - 3, { lineBreak: false }); // a raised small footnote reference
          doc.fontSize(10).text('1 Tru truong hop dac biet theo quy dinh.', 85, 780, { lineBreak: false });
        }
      }
    });
    const r = await ingestBuffer(buf, 'gen.pdf');
    const t = r.value!.text;
    expect(t).toContain('Thuc hien Nghi quyet so 22-NQ/TW, ngay 16/6/2022');
    expect(t).toContain('Huong dan so 06-HD/BTCTU cua Ban');
    expect(t).not.toContain('BAN CHAP HANH DANG BO TINH');
    expect(t.split('\n').filter((l) => /^\d+$/.test(l))).toEqual([]);
    expect(t).toContain('Sinh hoat vao ngay 03 hang thang¹\n\n¹ Tru truong hop dac biet theo quy dinh.');
    // paragraphs: each page has two + the footnoted one on page 2
    expect(t.split('\n\n').filter((p) => p.startsWith('Thuc hien'))).toHaveLength(4);
  });
});

describe('scanned PDF', () => {
  it('is detected as having no text layer', async () => {
    expect(await code(ingestBuffer(readFileSync(SCAN), 'scan.pdf', { ocr: false }))).toBe('no-text-layer');
  });

  it('is OCRed with tesseract (first page only)', async (ctx) => {
    const eng = await ocrEngine();
    if (!eng) {
      console.warn('SKIPPED OCR test: tesseract with "vie" data or pdftoppm is not installed (apt-get install tesseract-ocr tesseract-ocr-vie poppler-utils)');
      ctx.skip();
      return;
    }
    const r = await ingestBuffer(readFileSync(SCAN), 'scan.pdf', { ocrMaxPages: 1 });
    expect(r.diagnostics.find((d) => d.code === 'no-text-layer')?.level).toBe('warning');
    expect(r.diagnostics.find((d) => d.code === 'ocr')?.message).toMatch(/tesseract \d/);
    const t = r.value!.text;
    expect(t.split('\n')[0]).toBe('KẾ HOẠCH');
    expect(matchKey(t)).toContain(matchKey('ngăn chặn, đẩy lùi suy thoái về tư tưởng chính trị'));
    expect(t).toMatch(/\n2\. Nâng cao nhận thức của các cấp ủy, tổ chức đảng và đảng viên về vai trò, ý nghĩa, tầm quan trọng [^\n]+ toàn diện\.\n/);
  }, 60_000);
});

describe('bad input', () => {
  it('empty file', async () => {
    expect(await code(ingestBuffer(Buffer.alloc(0), 'x.txt'))).toBe('empty');
  });

  it('random bytes', async () => {
    let s = 12345;
    const buf = Buffer.from(new Uint8Array(4096).map(() => ((s = (s * 1103515245 + 12345) >>> 0), s >>> 24)));
    expect(await code(ingestBuffer(buf, 'x.pdf'))).toBe('not-a-document');
  });

  it('truncated PDF (first 30 %)', async () => {
    expect(await code(ingestBuffer(PDF.subarray(0, Math.floor(PDF.length * 0.3)), 'x.pdf'))).toBe('corrupt-pdf');
  });

  it('encrypted PDF', async () => {
    const buf = await pdfkitBuffer(
      (doc) => {
        doc.addPage();
        doc.text('secret', 100, 100);
      },
      { userPassword: 'pw', ownerPassword: 'owner', pdfVersion: '1.7' },
    );
    expect(await code(ingestBuffer(buf, 'x.pdf'))).toBe('encrypted');
  });

  it('too many pages', async () => {
    expect(await code(ingestBuffer(PDF, 'x.pdf', { maxPages: 3 }))).toBe('too-large');
  });

  it('a DOCX named .pdf is read as DOCX with a format-mismatch warning', async () => {
    const r = await ingestBuffer(DOCX, 'plan.pdf');
    expect(r.format).toBe('docx');
    expect(r.diagnostics.find((d) => d.code === 'format-mismatch')?.level).toBe('warning');
    expect(r.value!.text).toContain('I. MỤC ĐÍCH, YÊU CẦU');
  });

  it('zip bomb DOCX: refused from declared sizes, and when sizes are forged', async () => {
    const zip = new JSZip();
    const DOCX_ZIP = await JSZip.loadAsync(DOCX);
    for (const name of ['[Content_Types].xml', '_rels/.rels', 'word/_rels/document.xml.rels']) zip.file(name, await DOCX_ZIP.file(name)!.async('nodebuffer'));
    const para = '<w:p><w:r><w:t>' + 'a'.repeat(1000) + '</w:t></w:r></w:p>';
    zip.file('word/document.xml', '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' + para.repeat(2100) + '</w:body></w:document>');
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(await code(ingestBuffer(bomb, 'bomb.docx', { maxInflatedBytes: 1024 * 1024 }))).toBe('too-large');
    // forge the declared size of word/document.xml to 1000 bytes in both headers: the capped inflate refuses
    const forged = Buffer.from(bomb);
    const name = Buffer.from('word/document.xml');
    const local = forged.indexOf(name);
    const central = forged.indexOf(name, local + 1);
    forged.writeUInt32LE(1000, local - 30 + 22);
    forged.writeUInt32LE(1000, central - 46 + 24);
    expect(await code(ingestBuffer(forged, 'bomb.docx', { maxInflatedBytes: 1024 * 1024 }))).toBe('too-large');
  });

  it('a zip that is not a DOCX (XLSX, random zip)', async () => {
    const x = new JSZip();
    x.file('xl/workbook.xml', '<workbook/>');
    x.file('[Content_Types].xml', '<Types/>');
    const e = ingestBuffer(await x.generateAsync({ type: 'nodebuffer' }), 'book.docx');
    expect(await code(e)).toBe('not-a-document');
    await expect(e).rejects.toThrow(/Excel/);
    const z = new JSZip();
    z.file('notes.txt', 'hello');
    expect(await code(ingestBuffer(await z.generateAsync({ type: 'nodebuffer' }), 'a.docx'))).toBe('not-a-document');
  });

  it('a truncated DOCX', async () => {
    expect(await code(ingestBuffer(DOCX.subarray(0, Math.floor(DOCX.length / 2)), 'x.docx'))).toBe('corrupt-docx');
  });

  const seed = readFileSync(seedFile('004'), 'utf8');
  const utf8 = async () => (await ingestBuffer(Buffer.from(seed, 'utf8'), 'd.txt')).value!.text;

  it('UTF-16 LE with BOM text', async () => {
    const r = await ingestBuffer(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(seed, 'utf16le')]), 'd.txt');
    expect(r.value!.encoding).toBe('utf-16le');
    expect(r.value!.text).toBe(await utf8());
  });

  it('Windows-1258 text is decoded and the encoding reported', async () => {
    // cp1258 has precomposed vowel letters (ơ, ư, â, ...) but tones only as combining marks
    const TONE = /[\u0300\u0301\u0303\u0309\u0323]/g;
    const decomposed = seed.normalize('NFD').replace(/(\P{M})(\p{M}*)/gu, (_, base: string, marks: string) => (base + marks.replace(TONE, '')).normalize('NFC') + (marks.match(TONE) ?? []).join(''));
    const buf = iconv.encode(decomposed, 'windows-1258');
    expect(iconv.decode(buf, 'windows-1258')).toBe(decomposed); // nothing unencodable
    const r = await ingestBuffer(buf, 'd.txt');
    expect(r.value!.encoding).toBe('windows-1258');
    expect(r.diagnostics.find((d) => d.code === 'encoding')?.message).toMatch(/Windows-1258/);
    expect(r.value!.text).toBe(await utf8());
  });
});
