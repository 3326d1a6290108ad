/**
 * A Word review report per plan, laid out as an organizing-board officer attaches
 * it to an official reply ("Phụ lục … kèm theo Công văn số …"): Times New Roman 13,
 * A4 with the administrative margins, tables of omitted and changed requirements,
 * the plan's local additions and its tasks. Output is byte-for-byte deterministic
 * (fixed timestamps inside the package).
 */
import { Document, Packer, Paragraph, TextRun, convertMillimetersToTwip } from 'docx';
import JSZip from 'jszip';
import type { DiffResult, Doc } from '../model.js';
import { clean, rruleVi, safeRrule } from './calendar.js';
import { xmlText } from './esc.js';
import { type Analysis, CHANGE_LABEL, REACHES_LABEL, STATUS_LABEL, docName, findDoc, kindTitle, pct, viDate } from './common.js';

const FONT = 'Times New Roman';
const SIZE = 26; // half-points: 13 pt
const SMALL = 24;

/** Options of a paragraph of the report. */
export interface ParaOpts {
  bold?: boolean;
  italics?: boolean;
  center?: boolean;
  size?: number;
  before?: number;
  after?: number;
  indent?: boolean;
}

/**
 * The report as plain blocks: paragraphs, tables with a shaded header row (widths in percent) and the
 * borderless-grey information table. `planDocx` writes them as WordprocessingML; test/docx.test.ts writes
 * the same blocks through the `docx` library and checks the two packages are byte-identical.
 */
export type Block =
  | { type: 'p'; text: string; o: ParaOpts }
  | { type: 'table'; widths: number[]; header: string[]; rows: string[][] }
  | { type: 'info'; rows: [string, string][] };

export interface ReportContent {
  blocks: Block[];
  title: string;
  description: string;
  date: Date;
}

const p = (text: string, o: ParaOpts = {}): Block => ({ type: 'p', text, o });
const table = (widths: number[], header: string[], rows: string[][]): Block => ({ type: 'table', widths, header, rows });

function bodyName(doc: Doc, id: string): string {
  return doc.bodies.find((b) => b.id === id)?.name ?? id;
}

/** The report's content, as plain data (also used by tests). */
export function reviewSections(a: Analysis, d: DiffResult) {
  const plan = findDoc(a, d.plan);
  const base = findDoc(a, d.base);
  const weak = d.requirements.filter((r) => r.status === 'omitted' || r.status === 'partial');
  const changed = d.requirements.filter((r) => r.changes.length);
  return { plan, base, weak, changed };
}

/**
 * Section VI of a plan naming several bases (issue 11, item 7): its diff against each other base (counts,
 * omissions with the nearest passage) and the directive's requirements reaching it through the intermediate
 * plan (src/align/chain.ts). None for a plan with one base.
 */
function chainBlocks(a: Analysis, d: DiffResult): Block[] {
  if (!d.chain) return [];
  const name = (r: DiffResult['base']) => {
    const doc = findDoc(a, r);
    return doc ? docName(doc) : r.symbol ?? r.file;
  };
  const clip = (t: string) => (t.length > 120 ? t.slice(0, 117) + '…' : t);
  const out: Block[] = [p('VI. CHUỖI VĂN BẢN CĂN CỨ', { bold: true, before: 200 })];
  for (const c of d.chain.diffs) {
    const s = c.summary;
    const weak = c.requirements.filter((r) => r.status === 'omitted' || r.status === 'partial');
    out.push(
      p(
        `So với ${name(c.base)}${c.base.title ? ' ' + c.base.title : ''}: ${c.requirements.length} yêu cầu; kế hoạch thể hiện đầy đủ ${s.covered}, có điều chỉnh ${s.adapted}, thực hiện một phần ${s.partial}, bỏ sót ${s.omitted}; tỷ lệ bao phủ ${pct(s.coverage)}.`,
        { indent: true },
      ),
    );
    if (weak.length)
      out.push(
        table(
          [6, 9, 50, 11, 24],
          ['STT', 'Mục', `Nội dung yêu cầu của ${name(c.base)}`, 'Tình trạng', 'Ghi chú'],
          weak.map((r, i) => [
            String(i + 1),
            r.path,
            r.text,
            STATUS_LABEL[r.status],
            r.missing.length
              ? `Còn thiếu: ${r.missing.join('; ')}`
              : r.nearMisses?.length
                ? `Đoạn gần nhất: ${r.nearMisses.map((n) => `mục ${n.path} (điểm ${n.score.toFixed(2)}) «${clip(n.text)}»`).join('; ')}`
                : 'Không có nội dung tương ứng',
          ]),
        ),
      );
  }
  for (const t of d.chain.transitive) {
    const s = t.summary;
    out.push(
      p(
        `Yêu cầu của ${name(t.directive)} đến kế hoạch qua ${name(t.via)}: trong ${s.requirements} yêu cầu (không kể yêu cầu không áp dụng cho địa phương), kế hoạch cấp trên thể hiện ${s.carried}; đến kế hoạch này qua kế hoạch cấp trên ${s.through}, trực tiếp ${s.direct}, tổng cộng ${s.reaching}; không đến ${s.requirements - s.reaching}.`,
        { indent: true },
      ),
    );
    const rows = t.rows.filter((x) => x.reaches !== 'not-applicable');
    if (rows.length)
      out.push(
        table(
          [9, 45, 14, 16, 16],
          ['Mục', 'Yêu cầu', 'Kế hoạch cấp trên', 'Qua yêu cầu (trong kế hoạch này)', 'Đến kế hoạch'],
          rows.map((x) => [x.path, clip(x.text), STATUS_LABEL[x.intermediate], x.via.length ? `${x.via.join(', ')} (${x.viaStatus ? STATUS_LABEL[x.viaStatus] : '—'})` : '—', REACHES_LABEL[x.reaches]]),
        ),
      );
  }
  return out;
}

/** What the Word report of a plan says, block by block. */
export function reportContent(a: Analysis, d: DiffResult): ReportContent {
  const { plan, base, weak, changed } = reviewSections(a, d);
  const planName = plan ? docName(plan) : d.plan.title ?? d.plan.file;
  const baseName = base ? docName(base) : d.base.symbol ?? d.base.file;
  const s = d.summary;
  const blocks: Block[] = [
    p('PHỤ LỤC', { bold: true, center: true, size: 28 }),
    p(`KẾT QUẢ RÀ SOÁT ${(plan ? kindTitle(plan) : 'văn bản').toUpperCase()} ${plan?.meta.symbol ?? ''}`.replace(/\s+$/, ''), { bold: true, center: true, size: 28 }),
    p(`${plan?.meta.issuer ? plan.meta.issuer + ' ' : ''}${plan?.meta.title ?? ''}`.trim(), { bold: true, center: true }),
    p('(Kèm theo Công văn số ……… ngày …… tháng …… năm …… của ………)', { italics: true, center: true, after: 240 }),

    p('I. THÔNG TIN VĂN BẢN', { bold: true, before: 120 }),
    { type: 'info', rows: [
      ['Văn bản được rà soát', planName],
      ['Trích yếu', plan?.meta.title ?? d.plan.title ?? ''],
      ['Cơ quan ban hành', plan?.meta.issuer ?? ''],
      ['Số, ký hiệu; ngày', [plan?.meta.symbol, plan?.meta.date ? viDate(plan.meta.date) : null].filter(Boolean).join('; ') || 'không ghi'],
      ['Người ký', [plan?.meta.signer.role, plan?.meta.signer.name].filter(Boolean).join(' — ')],
      ['Văn bản căn cứ', `${baseName}${base?.meta.date ? ' ngày ' + viDate(base.meta.date) : ''}${base?.meta.issuer ? ' của ' + base.meta.issuer : ''} ${base?.meta.title ?? d.base.title ?? ''}`.trim()],
      ['Tệp nguồn', `${d.plan.file}${d.plan.index ? ' (văn bản thứ ' + (d.plan.index + 1) + ')' : ''}`],
    ] },

    p('II. KẾT QUẢ TỔNG HỢP', { bold: true, before: 200 }),
    p(
      `${baseName} có ${d.requirements.length} yêu cầu. Kế hoạch thể hiện đầy đủ ${s.covered} yêu cầu, có điều chỉnh ${s.adapted}, thực hiện một phần ${s.partial}, bỏ sót ${s.omitted}; tỷ lệ bao phủ ${pct(s.coverage)}. Kế hoạch có ${s.additions} nội dung bổ sung so với văn bản căn cứ${changed.length ? `; ${changed.length} yêu cầu bị thay đổi thông số (ngày, tần suất, con số, phạm vi…)` : ''}.`,
      { indent: true },
    ),
    ...(s.worstPoints.length ? [p(`Các điểm bỏ sót nhiều nhất của văn bản căn cứ: ${s.worstPoints.map((w) => `mục ${w.path} (${w.omitted} bỏ sót, ${w.partial} một phần)`).join('; ')}.`, { indent: true })] : []),

    p('III. CÁC YÊU CẦU BỊ BỎ SÓT HOẶC THỰC HIỆN MỘT PHẦN', { bold: true, before: 200 }),
    weak.length
      ? table(
          [6, 9, 50, 11, 24],
          ['STT', 'Mục', `Nội dung yêu cầu của ${baseName}`, 'Tình trạng', 'Ghi chú'],
          weak.map((r, i) => [
            String(i + 1),
            r.path,
            r.text,
            STATUS_LABEL[r.status],
            r.missing.length
              ? `Còn thiếu: ${r.missing.join('; ')}`
              : r.matches[0]
                ? `Gần nhất: mục ${r.matches[0].path} (điểm ${r.matches[0].score.toFixed(2)})`
                : r.nearMisses?.length
                  ? `Không có nội dung tương ứng. Đoạn gần nhất: ${r.nearMisses.map((n) => `mục ${n.path} (điểm ${n.score.toFixed(2)}) «${n.text.length > 120 ? n.text.slice(0, 117) + '…' : n.text}»`).join('; ')}`
                  : 'Không có nội dung tương ứng',
          ]),
        )
      : p('Kế hoạch không bỏ sót yêu cầu nào.', { indent: true }),

    p('IV. CÁC YÊU CẦU CÓ THAY ĐỔI THÔNG SỐ', { bold: true, before: 200 }),
    changed.length
      ? table(
          [6, 9, 40, 30, 15],
          ['STT', 'Mục', 'Nội dung yêu cầu', 'Thay đổi trong kế hoạch', 'Vị trí trong kế hoạch'],
          changed.map((r, i) => [
            String(i + 1),
            r.path,
            r.text,
            r.changes.map((c) => `${CHANGE_LABEL[c.kind] ?? c.kind}: «${c.from ?? '—'}» → «${c.to ?? '—'}»${c.note ? ` (${c.note})` : ''}`).join('\n'),
            r.matches.map((m) => m.path).join(', '),
          ]),
        )
      : p('Không phát hiện thông số nào bị thay đổi.', { indent: true }),

    p('V. NỘI DUNG BỔ SUNG CỦA KẾ HOẠCH', { bold: true, before: 200 }),
    d.additions.length ? table([6, 14, 80], ['STT', 'Vị trí', 'Nội dung'], d.additions.map((x, i) => [String(i + 1), x.path, x.text])) : p('Không có nội dung bổ sung.', { indent: true }),

    ...chainBlocks(a, d),

    p(`${d.chain ? 'VII' : 'VI'}. NHIỆM VỤ VÀ THỜI HẠN`, { bold: true, before: 200 }),
    plan && plan.tasks.length
      ? table(
          [6, 24, 50, 20],
          ['STT', 'Cơ quan chủ trì', 'Nhiệm vụ', 'Thời hạn'],
          plan.tasks.map((t, i) => [
            String(i + 1),
            t.lead.map((b) => bodyName(plan, b)).join('; ') || '—',
            clean(t.text),
            t.deadlines
              .map((k) => plan.deadlines[k])
              .filter(Boolean)
              .map((x) => clean(x.text) + (x.rrule && safeRrule(x.rrule) ? ` (${rruleVi(x.rrule)})` : x.due ? ` (${viDate(x.due)})` : ''))
              .join('; ') || '—',
          ]),
        )
      : p('Không nhận diện được nhiệm vụ.', { indent: true }),
    p('Ghi chú: kết quả do công cụ rasoat đối chiếu tự động; cán bộ rà soát kiểm tra lại từng nội dung trước khi sử dụng.', { italics: true, before: 240, size: SMALL }),
  ];
  return { blocks, title: `Kết quả rà soát — ${planName}`, description: `Đối chiếu với ${baseName}`, date: fixedDate(plan, base) };
}

// ------------------------------------------------------------------ WordprocessingML

const XML_ESC: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };
/** Text as the docx library writes it: XML-forbidden characters removed, then escaped. */
const xt = (s: string) => xmlText(s).replace(/[&"'<>]/g, (c) => XML_ESC[c]);

const rPr = (size: number, bold?: boolean, italics?: boolean) =>
  `<w:rPr><w:rFonts w:ascii="${FONT}" w:cs="${FONT}" w:eastAsia="${FONT}" w:hAnsi="${FONT}"/>${bold ? '<w:b/><w:bCs/>' : ''}${italics ? '<w:i/><w:iCs/>' : ''}<w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr>`;
const run = (text: string, size: number, bold?: boolean, italics?: boolean) => `<w:r>${rPr(size, bold, italics)}<w:t xml:space="preserve">${xt(text)}</w:t></w:r>`;

/** First-line indent of 10 mm in twips, as the library converts it. */
const INDENT = convertMillimetersToTwip(10);
/** Text width of the page (A4, margins 30 + 15 mm) in twips: what table percentages are relative to. */
const PAGE = { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297), top: convertMillimetersToTwip(20), bottom: convertMillimetersToTwip(20), left: convertMillimetersToTwip(30), right: convertMillimetersToTwip(15) };

function paraXml(text: string, o: ParaOpts): string {
  return `<w:p><w:pPr><w:spacing w:after="${o.after ?? 60}" w:before="${o.before ?? 0}"/>${o.indent ? `<w:ind w:firstLine="${INDENT}"/>` : ''}<w:jc w:val="${o.center ? 'center' : 'both'}"/></w:pPr>${run(text, o.size ?? SIZE, o.bold, o.italics)}</w:p>`;
}

const CELL_MARGINS = '<w:tcMar><w:top w:type="dxa" w:w="40"/><w:left w:type="dxa" w:w="80"/><w:bottom w:type="dxa" w:w="40"/><w:right w:type="dxa" w:w="80"/></w:tcMar>';
function cellXml(text: string, o: { bold?: boolean; width?: number; center?: boolean; shade?: string }): string {
  const paras = text
    .split('\n')
    .map((l) => `<w:p><w:pPr><w:jc w:val="${o.center ? 'center' : 'left'}"/></w:pPr>${run(l, SMALL, o.bold)}</w:p>`)
    .join('');
  return `<w:tc><w:tcPr>${o.width ? `<w:tcW w:type="pct" w:w="${o.width * 50}"/>` : ''}${o.shade ? `<w:shd w:fill="${o.shade}" w:color="auto" w:val="clear"/>` : ''}${CELL_MARGINS}<w:vAlign w:val="top"/></w:tcPr>${paras}</w:tc>`;
}

const borders = (color: string) => `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((k) => `<w:${k} w:val="single" w:color="${color}" w:sz="4"/>`).join('')}</w:tblBorders>`;
const grid = (widths: number[]) => `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${Math.round((w / 100) * (PAGE.width - PAGE.left - PAGE.right))}"/>`).join('')}</w:tblGrid>`;

function blockXml(b: Block): string {
  if (b.type === 'p') return paraXml(b.text, b.o);
  if (b.type === 'info')
    return `<w:tbl><w:tblPr><w:tblW w:type="pct" w:w="5000"/>${borders('999999')}</w:tblPr>${grid([28, 72])}${b.rows
      .map(([k, v]) => `<w:tr>${cellXml(k, { bold: true, width: 28 })}${cellXml(v, { width: 72 })}</w:tr>`)
      .join('')}</w:tbl>`;
  const head = `<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>${b.header.map((h, i) => cellXml(h, { bold: true, width: b.widths[i], center: true, shade: 'E7E6E6' })).join('')}</w:tr>`;
  const rows = b.rows.map((r) => `<w:tr><w:trPr><w:cantSplit w:val="off"/></w:trPr>${r.map((c, i) => cellXml(c, { width: b.widths[i], center: i === 0 })).join('')}</w:tr>`).join('');
  return `<w:tbl><w:tblPr><w:tblW w:type="pct" w:w="5000"/>${borders('auto')}</w:tblPr>${grid(b.widths)}${head}${rows}</w:tbl>`;
}

/** The document properties and page set-up of every report (the `docx` library's Document options). */
export function documentOptions(title: string, description: string) {
  return {
    creator: 'rasoat',
    lastModifiedBy: 'rasoat',
    title: xmlText(title),
    description: xmlText(description),
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sectionProperties: {
      page: {
        size: { width: PAGE.width, height: PAGE.height },
        margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
      },
    },
  };
}

const MARK_TITLE = 'RASOAT-TITLE-MARK';
const MARK_DESC = 'RASOAT-DESCRIPTION-MARK';
const MARK_BODY = 'RASOAT-BODY-MARK';

/**
 * The parts every report shares (styles, numbering, settings, fonts, theme, relationships…), made once by
 * the `docx` library from a document holding marks: document.xml around its body, core.xml around the
 * title and description.
 */
let skeleton: Promise<{ parts: Map<string, Uint8Array | string>; docHead: string; docTail: string; coreParts: string[] }> | null = null;
function getSkeleton() {
  return (skeleton ??= (async () => {
    const o = documentOptions(MARK_TITLE, MARK_DESC);
    const { sectionProperties, ...rest } = o;
    const buf = await Packer.toBuffer(new Document({ ...rest, sections: [{ properties: sectionProperties, children: [new Paragraph({ children: [new TextRun(MARK_BODY)] })] }] }));
    const zip = await JSZip.loadAsync(buf);
    const parts = new Map<string, Uint8Array | string>();
    for (const name of Object.keys(zip.files)) if (!zip.files[name].dir) parts.set(name, await zip.files[name].async('uint8array'));
    const doc = Buffer.from(parts.get('word/document.xml')!).toString('utf8');
    const bodyAt = doc.indexOf('<w:body>') + '<w:body>'.length;
    const sectAt = doc.indexOf('<w:sectPr');
    if (bodyAt < 8 || sectAt < bodyAt || !doc.slice(bodyAt, sectAt).includes(MARK_BODY)) throw new Error('docx skeleton: unexpected document.xml');
    const core = Buffer.from(parts.get('docProps/core.xml')!).toString('utf8');
    const coreParts = core.split(new RegExp(`${MARK_TITLE}|${MARK_DESC}`));
    if (coreParts.length !== 3 || core.indexOf(MARK_TITLE) > core.indexOf(MARK_DESC)) throw new Error('docx skeleton: unexpected core.xml');
    return { parts, docHead: doc.slice(0, bodyAt), docTail: doc.slice(sectAt), coreParts };
  })());
}

/**
 * The Word report of a plan: its blocks written as WordprocessingML into the parts the `docx` library
 * made once (getSkeleton), packed with fixed dates. Byte-identical to building the whole document with the
 * library (test/docx.test.ts), twenty times faster: the library's object tree cost half a second per plan.
 */
export async function planDocx(a: Analysis, d: DiffResult): Promise<Buffer> {
  const c = reportContent(a, d);
  const sk = await getSkeleton();
  const parts = new Map(sk.parts);
  parts.set('word/document.xml', sk.docHead + c.blocks.map(blockXml).join('') + sk.docTail);
  parts.set('docProps/core.xml', sk.coreParts[0] + xt(c.title) + sk.coreParts[1] + xt(c.description) + sk.coreParts[2]);
  return zipParts(parts, c.date);
}

function fixedDate(plan: Doc | undefined, base: Doc | undefined): Date {
  const iso = plan?.meta.date ?? base?.meta.date ?? '2000-01-01';
  return new Date(iso + 'T00:00:00Z');
}

/** Re-pack an OOXML package with fixed entry dates and fixed core-property timestamps. */
export async function deterministicZip(buf: Buffer, date: Date): Promise<Buffer> {
  const src = await JSZip.loadAsync(buf);
  const parts = new Map<string, Uint8Array | string>();
  for (const name of Object.keys(src.files)) if (!src.files[name].dir) parts.set(name, await src.files[name].async('uint8array'));
  return zipParts(parts, date);
}

/** The parts of an OOXML package zipped in a fixed order with fixed dates (core-property timestamps set to `date`). */
export async function zipParts(parts: Map<string, Uint8Array | string | NodeJS.ReadableStream>, date: Date): Promise<Buffer> {
  const out = new JSZip();
  const stamp = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  for (const name of [...parts.keys()].sort((x, y) => (x === '[Content_Types].xml' ? -1 : y === '[Content_Types].xml' ? 1 : x < y ? -1 : 1))) {
    let data = parts.get(name)!;
    if (name === 'docProps/core.xml') data = (typeof data === 'string' ? data : Buffer.from(data as Uint8Array).toString('utf8')).replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g, `$1${stamp}$2`);
    out.file(name, data, { date, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'UNIX' });
}
