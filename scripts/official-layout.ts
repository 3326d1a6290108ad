/**
 * Renders documents in the official Vietnamese layout (Nghị định 30/2020/NĐ-CP,
 * Quy định 66-QĐ/TW): a borderless two-column header table (issuing body | national
 * or Party motto; "Số …" | place and date), the kind and title, the body (with its
 * tables), a two-column signature table (Nơi nhận | TM./KT. role, name) and what
 * follows the signature (appendices, an attached Quy định or Kế hoạch).
 *
 *   toDocx(doc)            DOCX with the `docx` package (real Word tables)
 *   toPdf(docxFiles, dir)  PDF printed by LibreOffice headless (one soffice run for many files)
 *   pdfText(pdf)           the text a user gets by copying the PDF (pdftotext, reading order)
 *   fromRealDev(md, gold)  an OfficialDoc from a real-dev Markdown file and its hand-checked gold
 *   renderLayouts(md, g)   { docx, pdf, pasted } files for one real-dev document (cached by content)
 *
 * Used by scripts/eval-realdev.ts and by the tests' fixture generator (test/fixtures/official/).
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType } from 'docx';

export type Block = { p: string; bold?: boolean; italic?: boolean; center?: boolean } | { table: string[][]; header?: boolean };

export interface OfficialDoc {
  party: boolean;
  /** left header cell, top to bottom: parent body (plain) then the issuing body (bold from `organBoldFrom`) */
  organ: string[];
  organBoldFrom?: number;
  symbol: string | null;
  /** "Nghệ An, ngày 18 tháng 11 năm 2025" */
  placeDate: string | null;
  kind: string | null;
  title: string[];
  body: Block[];
  recipients: string[];
  /** role lines then the name (last line) */
  signature: string[];
  /** appendices, attached documents: after the signature */
  after: Block[];
}

// ------------------------------------------------------------------ DOCX

const FONT = 'Times New Roman';
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const SINGLE = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const ALL_BORDERS = { top: SINGLE, bottom: SINGLE, left: SINGLE, right: SINGLE, insideHorizontal: SINGLE, insideVertical: SINGLE };

const run = (text: string, o: { bold?: boolean; italic?: boolean; size?: number } = {}) => new TextRun({ text, font: FONT, bold: o.bold, italics: o.italic, size: o.size ?? 26 });
const para = (text: string, o: { bold?: boolean; italic?: boolean; center?: boolean; size?: number; indent?: boolean } = {}) =>
  new Paragraph({
    alignment: o.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    spacing: { after: 80 },
    indent: o.indent ? { firstLine: 567 } : undefined,
    children: [run(text, o)],
  });
const cell = (paras: Paragraph[], width: number, borders = false) =>
  new TableCell({
    width: { size: width, type: WidthType.PERCENTAGE },
    verticalAlign: VerticalAlign.TOP,
    borders: borders ? { top: SINGLE, bottom: SINGLE, left: SINGLE, right: SINGLE } : { top: NONE, bottom: NONE, left: NONE, right: NONE },
    children: paras.length ? paras : [new Paragraph('')],
  });

function headerTable(d: OfficialDoc): Table {
  const bold = d.organBoldFrom ?? 0;
  const left = d.organ.map((l, i) => para(l, { bold: i >= bold, center: true, size: 24 }));
  if (d.party) left.push(para('*', { center: true, size: 24 }));
  const right = d.party
    ? [para('ĐẢNG CỘNG SẢN VIỆT NAM', { bold: true, center: true, size: 26 })]
    : [
        para('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, center: true, size: 24 }),
        para('Độc lập - Tự do - Hạnh phúc', { bold: true, center: true, size: 26 }),
      ];
  const sym = d.symbol ? (d.party ? `Số ${d.symbol}` : `Số: ${d.symbol}`) : '';
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [
      new TableRow({ children: [cell(left, 42), cell(right, 58)] }),
      new TableRow({ children: [cell(sym ? [para(sym, { center: true, size: 26 })] : [], 42), cell(d.placeDate ? [para(d.placeDate, { italic: true, center: true, size: 26 })] : [], 58)] }),
    ],
  });
}

function signatureTable(d: OfficialDoc): Table {
  const left = d.recipients.length ? [para('Nơi nhận:', { bold: true, italic: true, size: 24 }), ...d.recipients.map((r) => para(`- ${r}`, { size: 22 }))] : [];
  const right = d.signature.map((l, i) => para(l, { bold: i === d.signature.length - 1 || /^(?:TM|KT|TL|T\/M|K\/T|T\/L)\b/.test(l) || l === l.toUpperCase(), center: true, size: 26 }));
  // the blank lines of the handwritten signature sit before the name
  if (right.length) right.splice(right.length - 1, 0, para(''), para(''), para(''));
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, rows: [new TableRow({ children: [cell(left, 50), cell(right, 50)] })] });
}

function dataTable(rows: string[][], header: boolean): Table {
  const width = Math.max(...rows.map((r) => r.length));
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: ALL_BORDERS,
    rows: rows.map(
      (r, i) =>
        new TableRow({
          tableHeader: header && i === 0,
          children: Array.from({ length: width }, (_, j) => cell(r[j] !== undefined ? r[j].split('\n').map((t) => para(t, { bold: header && i === 0, center: header && i === 0, size: 22 })) : [], 100 / width, true)),
        }),
    ),
  });
}

function blocks(bs: Block[]): (Paragraph | Table)[] {
  return bs.map((b) => ('table' in b ? dataTable(b.table, b.header ?? true) : para(b.p, { bold: b.bold, italic: b.italic, center: b.center, indent: !b.center })));
}

export async function toDocx(d: OfficialDoc): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [headerTable(d), para('')];
  if (d.kind) children.push(para(d.kind, { bold: true, center: true, size: 28 }));
  for (const t of d.title) children.push(para(t, { bold: true, center: true, size: 28 }));
  // (the short rules under the title and the bodies are drawn lines in Word: no text)
  children.push(...blocks(d.body), para(''), signatureTable(d), ...blocks(d.after));
  const doc = new Document({
    creator: 'rasoat official-layout generator',
    sections: [{ properties: { page: { margin: { top: 1134, bottom: 1134, left: 1701, right: 1134 } } }, children }],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

// ------------------------------------------------------------------ PDF and pasted text

/** Print DOCX files to PDF with LibreOffice (one run for all; a private profile so parallel users do not collide). */
export function toPdf(docxFiles: string[], outDir: string) {
  if (!docxFiles.length) return;
  const profile = path.join(os.tmpdir(), `rasoat-lo-profile-${process.getuid?.() ?? 0}`);
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, ...docxFiles], { stdio: 'pipe', timeout: 600_000 });
}

/** What copying the PDF's text gives: pdftotext in reading order (no -layout). */
export function pdfText(pdf: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
}

// ------------------------------------------------------------------ from real-dev Markdown

const strip = (l: string) =>
  l
    .replace(/\*\*|__/g, '')
    .replace(/^#+\s*/, '')
    .replace(/(^|\s)\*(?=\S)|(?<=\S)\*(?=\s|$)/g, '$1')
    .replace(/^\*+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
const RULE = /^[-_=*]{3,}$/;
const CHROME_END = /^(?:Văn bản này chưa cập nhật|#+ Văn bản liên quan|Lưu trữ$|Ghi chú$|Ý kiến$|Click vào|Đang tải văn bản)|\bdo\s[^.]{3,80}\sban hành$/u;

interface Cell {
  lines: string[];
}
/**
 * The Markdown as a stream of text runs and linearized tables. The portal writes a row as
 * "|" cell "|" cell "|", rows back to back ("|" "|" between them), and nothing after the
 * last row: text after a single "|" is a further cell, unless the row already has as many
 * cells as the row before it (then the table has ended) or a blank line comes first.
 */
function tokens(md: string): ({ text: string[] } | { rows: Cell[][] })[] {
  // a chapter label glued to its title ("**Chương I****QUY ĐỊNH CHUNG**"): two lines, as in the document
  md = md.replace(/(\*\*(?:Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN)\s+[\dIVXLC]+[.:]?\*\*)(?=\*\*\S)/gu, '$1\n');
  const L = md.replace(/\r/g, '').split('\n');
  const out: ({ text: string[] } | { rows: Cell[][] })[] = [];
  let i = 0;
  while (i < L.length) {
    if (L[i].trim() !== '|') {
      const text: string[] = [];
      while (i < L.length && L[i].trim() !== '|') text.push(L[i++]);
      out.push({ text });
      continue;
    }
    const rows: Cell[][] = [];
    let row: Cell[] = [];
    let prevCells = 0;
    i++; // the opening bar
    for (;;) {
      // read one cell up to the next bar
      const cur: string[] = [];
      let blank = false;
      while (i < L.length && L[i].trim() !== '|') {
        if (!L[i].trim()) blank = true;
        cur.push(L[i].trim());
        i++;
      }
      if (i >= L.length) {
        // text to the end: not a cell
        if (row.length) rows.push(row);
        if (cur.length) out.push({ rows }, { text: cur });
        else out.push({ rows });
        break;
      }
      row.push({ lines: cur.filter(Boolean) });
      void blank;
      i++; // the closing bar of this cell
      if (i < L.length && L[i].trim() === '|') {
        // end of row, next row starts
        rows.push(row);
        prevCells = Math.max(prevCells, row.length);
        row = [];
        i++;
        continue;
      }
      // after a single bar: another cell, or the end of the table
      let j = i;
      while (j < L.length && !L[j].trim()) j++;
      const blankAfter = j > i;
      let jn = j;
      while (jn < L.length && !strip(L[jn])) jn++;
      const next = jn < L.length ? strip(L[jn]) : '';
      const headerDone = rows.length > 0 && isHeaderRow(rows[rows.length - 1]) && row.length >= 2;
      const stopLine = /^(?:KẾ HOẠCH|QUYẾT ĐỊNH|NGHỊ QUYẾT|CHỈ THỊ|KẾT LUẬN|THÔNG BÁO|HƯỚNG DẪN|QUY ĐỊNH|QUY CHẾ|CHƯƠNG TRÌNH|THÔNG TƯ|NGHỊ ĐỊNH|PHỤ LỤC|Phụ lục|Chương [IVX]+|Điều \d+\.|[IVX]+\.\s)/u.test(next);
      if (j >= L.length || blankAfter || headerDone || stopLine || (prevCells > 0 && row.length >= prevCells)) {
        rows.push(row);
        out.push({ rows });
        i = j;
        break;
      }
    }
  }
  return out;
}

/**
 * Paragraphs of a text run: blank lines separate them; so does a line that opens with bold, a list
 * marker or a capital after a line that closed a sentence or a bold run (the portal drops the blank
 * lines of some documents).
 */
const paragraphs = (lines: string[]): string[] => {
  const out: string[] = [];
  let cur: string[] = [];
  let prevRaw = '';
  for (const l of lines) {
    const t = strip(l);
    if (!t || RULE.test(t)) {
      if (cur.length) out.push(cur.join(' '));
      cur = [];
      prevRaw = '';
      continue;
    }
    const raw = l.trim();
    // a sentence closed, also inside an italic or bold run ("… nhiều lao động.*" then "**Điều 1. …**")
    // or an emphasis run closed before a bold one opens ("(Chi tiết … kèm theo)*" then "**III. NGUỒN KINH PHÍ**")
    // and a line in capitals (a title or the authority line "CHÍNH PHỦ") before one that is not ("Căn cứ …")
    const caps = (x: string) => /\p{Lu}/u.test(x) && !/\p{Ll}/u.test(x);
    const closed =
      /(?:[.:;!?…]["”’)]?[*_]*|\*\*)$/u.test(prevRaw) || (/\*$/u.test(prevRaw) && raw.startsWith('**')) || (caps(strip(prevRaw)) && !caps(t) && /\p{L}/u.test(t));
    const opens = /^(?:\*\*|[-+•]\s|[a-zđ]\)\s|\d+(?:\.\d+)*\.?\s|[IVX]+\.\s|\p{Lu})/u.test(raw);
    if (cur.length && closed && opens) {
      out.push(cur.join(' '));
      cur = [];
    }
    cur.push(t);
    prevRaw = raw;
  }
  if (cur.length) out.push(cur.join(' '));
  return out;
};
const cellText = (c: Cell) => c.lines.map(strip).filter((x) => x && !RULE.test(x));

export interface GoldLike {
  kind: string | null;
  symbol: string | null;
  date: string | null;
  issuer: string | null;
  title: string | null;
  signer: string | null;
  party?: boolean;
}

const isHeaderRow = (r: Cell[]) => r.some((c) => /CỘNG\s+H[OÒ]A|ĐẢNG\s+CỘNG\s+SẢN/u.test(c.lines.join(' ')));
const folded = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase();

export function fromRealDev(md: string, g: GoldLike): OfficialDoc {
  const toks = tokens(md);
  // a công văn carries no kind line in the official layout (its subject goes under the symbol as "V/v …")
  const kindLine = g.kind === 'CÔNG VĂN' ? null : g.kind;
  const d: OfficialDoc = { party: !!g.party, organ: [], symbol: g.symbol, placeDate: null, kind: kindLine, title: [], body: [], recipients: [], signature: [], after: [] };
  // ---- header: the first table row with the motto, and the row after it (Số | place, date)
  let at = 0;
  for (let t = 0; t < toks.length; t++) {
    const tk = toks[t];
    if (!('rows' in tk)) continue;
    const hr = tk.rows.findIndex(isHeaderRow);
    if (hr < 0) continue;
    const row = tk.rows[hr];
    const left = row.findIndex((c) => !/CỘNG\s+H[OÒ]A|ĐẢNG\s+CỘNG\s+SẢN/u.test(c.lines.join(' ')) && cellText(c).length);
    if (left >= 0) {
      const lines = row[left].lines.filter((l) => strip(l) && !RULE.test(strip(l)));
      // rejoin a body name the portal wrapped inside its bold run ("ỦY BAN NHÂN" / "DÂN")
      const merged: { text: string; bold: boolean }[] = [];
      let open = false;
      for (const l of lines) {
        const bold = /\*\*/.test(l);
        const t = strip(l);
        if (open && merged.length) merged[merged.length - 1].text += ' ' + t;
        else merged.push({ text: t, bold });
        const n = (l.match(/\*\*/g) ?? []).length;
        if (n % 2 === 1) open = !open;
      }
      const firstBold = merged.findIndex((m) => m.bold);
      d.organ = merged.map((m) => m.text);
      d.organBoldFrom = firstBold < 0 ? 0 : firstBold;
    }
    d.party = d.party || row.some((c) => /ĐẢNG\s+CỘNG\s+SẢN/u.test(c.lines.join(' ')));
    const next = tk.rows[hr + 1];
    if (next) {
      const dateCell = next.find((c) => /ngày/u.test(c.lines.join(' ')));
      if (dateCell) d.placeDate = cellText(dateCell).join(' ');
    }
    at = t + 1;
    break;
  }
  if (!d.organ.length && g.issuer) d.organ = [g.issuer.toLocaleUpperCase('vi')];
  if (!d.placeDate && g.date) {
    const [y, m, dd] = g.date.split('-').map(Number);
    d.placeDate = `Hà Nội, ngày ${dd} tháng ${m} năm ${y}`;
  }
  // ---- kind and title: from the kind line on, the lines whose words all belong to the gold title
  const rest: string[] = [];
  const restToks = toks.slice(at);
  let phase = (g.kind ? 'kind' : 'body') as 'kind' | 'title' | 'body';
  const titleWords = new Set(folded(g.title ?? '').split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  const bodyToks: typeof toks = [];
  for (const tk of restToks) {
    if (phase === 'body' || 'rows' in tk) {
      if (phase !== 'body') phase = 'body';
      bodyToks.push(tk);
      continue;
    }
    const lines = tk.text;
    let i = 0;
    for (; i < lines.length && (phase as string) !== 'body'; i++) {
      const t = strip(lines[i]);
      if (!t || RULE.test(t)) continue;
      if (phase === 'kind') {
        if (g.kind && folded(t).startsWith(folded(g.kind))) {
          phase = 'title';
          const tail = t.slice(g.kind.length).trim();
          if (tail) rest.push(tail);
        }
        continue;
      }
      const ws = folded(t).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
      const letters = t.replace(/[^\p{L}]/gu, '');
      const upper = letters.replace(/[^\p{Lu}]/gu, '').length >= letters.length * 0.6;
      const titleCased = !!g.title && g.title !== g.title.toUpperCase();
      if (ws.length && ws.every((w) => titleWords.has(w)) && (upper || titleCased || /^\*\*/.test(lines[i].trim()))) {
        rest.push(t);
        continue;
      }
      phase = 'body';
      break;
    }
    if ((phase as string) === 'body') bodyToks.push({ text: lines.slice(i) });
  }
  if (phase === 'kind') {
    // no kind line found: everything after the header is body
    bodyToks.splice(0, bodyToks.length, ...restToks);
  }
  d.title = g.title ? wrap(g.title, 70) : rest;
  // ---- body until the signature table; what follows it goes after
  let target: Block[] = d.body;
  let stop = false;
  for (const tk of bodyToks) {
    if (stop) break;
    if ('text' in tk) {
      const ps: string[] = [];
      for (const p of paragraphs(tk.text)) {
        if (target === d.after && CHROME_END.test(p)) {
          stop = true;
          break;
        }
        ps.push(p);
      }
      for (const p of ps) target.push({ p, center: /^(?:PHỤ LỤC|QUY ĐỊNH|QUY CHẾ|KẾ HOẠCH|CHƯƠNG TRÌNH|Chương [IVX]+)$/u.test(p) || (p === p.toUpperCase() && p.length < 120 && /\p{Lu}{3}/u.test(p)) });
      continue;
    }
    const rows = tk.rows;
    const sigRow = rows.findIndex((r) => r.some((c) => /^(?:\*|_)*Nơi nhận/u.test(c.lines[0] ?? '')));
    if (sigRow >= 0 && target === d.body) {
      const r = rows[sigRow];
      const ci = r.findIndex((c) => /Nơi nhận/u.test(c.lines[0] ?? ''));
      d.recipients = cellText(r[ci])
        .slice(1)
        .map((x) => x.replace(/^[-–+•]\s*/, ''))
        .reduce<string[]>((acc, x) => {
          if (acc.length && /^\p{Ll}/u.test(x)) acc[acc.length - 1] += ' ' + x;
          else acc.push(x);
          return acc;
        }, []);
      const sig = r.find((c, j) => j !== ci && cellText(c).length);
      if (sig) {
        // join role lines the portal wrapped ("TM. ỦY BAN" / "NHÂN DÂN")
        const out: string[] = [];
        for (const l of cellText(sig)) {
          if (out.length && /^(?:TM|KT|TL|T\/M|K\/T|T\/L)\b/.test(out[out.length - 1]) && !/^(?:TM|KT|TL|T\/M|K\/T|T\/L)\b/.test(l) && l === l.toUpperCase() && !/CHỦ TỊCH|TRƯỞNG|THỦ TƯỚNG|BÍ THƯ|GIÁM ĐỐC|CHÁNH/.test(l))
            out[out.length - 1] += ' ' + l;
          else out.push(l);
        }
        d.signature = out;
      }
      target = d.after;
      for (const rr of rows.slice(sigRow + 1)) target.push({ table: [rr.map((c) => cellText(c).join('\n'))] });
      continue;
    }
    const table = rows.map((r) => r.map((c) => cellText(c).join('\n'))).filter((r) => r.some((x) => x));
    if (table.length) target.push({ table, header: true });
  }
  if (!d.signature.length && g.signer) d.signature = [g.signer];
  return d;
}

function wrap(s: string, width: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const w of s.split(/\s+/)) {
    if (cur && cur.length + 1 + w.length > width) {
      out.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) out.push(cur);
  return out;
}

// ------------------------------------------------------------------ cached rendering of real-dev documents

export type Layout = 'md' | 'docx' | 'pdf' | 'pasted';
const GEN_VERSION = '7';
export const CACHE = path.join(os.tmpdir(), `rasoat-official-${process.getuid?.() ?? 0}`);

/** DOCX, PDF and pasted text of one real-dev document in the official layout (generated once, then cached). */
export async function renderLayouts(mdFile: string, g: GoldLike): Promise<Record<'docx' | 'pdf' | 'pasted', string>> {
  mkdirSync(CACHE, { recursive: true });
  const md = readFileSync(mdFile, 'utf8');
  const h = createHash('sha1').update(GEN_VERSION).update(md).update(JSON.stringify(g)).digest('hex').slice(0, 16);
  const base = path.join(CACHE, `${path.basename(mdFile, '.md')}-${h}`);
  const files = { docx: `${base}.docx`, pdf: `${base}.pdf`, pasted: `${base}.pasted.txt` };
  if (!existsSync(files.docx)) writeFileSync(files.docx, await toDocx(fromRealDev(md, g)));
  if (!existsSync(files.pdf)) toPdf([files.docx], CACHE);
  if (!existsSync(files.pasted)) writeFileSync(files.pasted, pdfText(files.pdf));
  return files;
}

/** Render many at once: the DOCX first, then one LibreOffice run for all missing PDFs. */
export async function renderAll(items: { md: string; gold: GoldLike }[]): Promise<void> {
  mkdirSync(CACHE, { recursive: true });
  const missing: string[] = [];
  for (const it of items) {
    const md = readFileSync(it.md, 'utf8');
    const h = createHash('sha1').update(GEN_VERSION).update(md).update(JSON.stringify(it.gold)).digest('hex').slice(0, 16);
    const base = path.join(CACHE, `${path.basename(it.md, '.md')}-${h}`);
    if (!existsSync(`${base}.docx`)) writeFileSync(`${base}.docx`, await toDocx(fromRealDev(md, it.gold)));
    if (!existsSync(`${base}.pdf`)) missing.push(`${base}.docx`);
  }
  for (let i = 0; i < missing.length; i += 20) toPdf(missing.slice(i, i + 20), CACHE);
}
