/**
 * A Word review report per plan, laid out as an organizing-board officer attaches
 * it to an official reply ("Phụ lục … kèm theo Công văn số …"): Times New Roman 13,
 * A4 with the administrative margins, tables of omitted and changed requirements,
 * the plan's local additions and its tasks. Output is byte-for-byte deterministic
 * (fixed timestamps inside the package).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  convertMillimetersToTwip,
} from 'docx';
import JSZip from 'jszip';
import type { DiffResult, Doc } from '../model.js';
import { clean, rruleVi, safeRrule } from './calendar.js';
import { xmlText } from './esc.js';
import { type Analysis, CHANGE_LABEL, STATUS_LABEL, docName, findDoc, kindTitle, pct, viDate } from './common.js';

const FONT = 'Times New Roman';
const SIZE = 26; // half-points: 13 pt
const SMALL = 24;

function p(text: string, o: { bold?: boolean; italics?: boolean; center?: boolean; size?: number; before?: number; after?: number; indent?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: o.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    spacing: { before: o.before ?? 0, after: o.after ?? 60 },
    indent: o.indent ? { firstLine: convertMillimetersToTwip(10) } : undefined,
    children: [new TextRun({ text: xmlText(text), bold: o.bold, italics: o.italics, font: FONT, size: o.size ?? SIZE })],
  });
}

function cell(text: string, o: { bold?: boolean; width?: number; center?: boolean; shade?: string } = {}): TableCell {
  const lines = text.split('\n');
  return new TableCell({
    width: o.width ? { size: o.width, type: WidthType.PERCENTAGE } : undefined,
    verticalAlign: VerticalAlign.TOP,
    shading: o.shade ? { fill: o.shade, color: 'auto', type: 'clear' } : undefined,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: lines.map(
      (l) =>
        new Paragraph({
          alignment: o.center ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [new TextRun({ text: xmlText(l), bold: o.bold, font: FONT, size: SMALL })],
        }),
    ),
  });
}

function table(widths: number[], header: string[], rows: string[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: header.map((h, i) => cell(h, { bold: true, width: widths[i], center: true, shade: 'E7E6E6' })) }),
      ...rows.map((r) => new TableRow({ cantSplit: false, children: r.map((c, i) => cell(c, { width: widths[i], center: i === 0 })) })),
    ],
  });
}

function infoTable(rows: [string, string][]): Table {
  const none = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
    rows: rows.map(([k, v]) => new TableRow({ children: [cell(k, { bold: true, width: 28 }), cell(v, { width: 72 })] })),
  });
}

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

export async function planDocx(a: Analysis, d: DiffResult): Promise<Buffer> {
  const { plan, base, weak, changed } = reviewSections(a, d);
  const planName = plan ? docName(plan) : d.plan.title ?? d.plan.file;
  const baseName = base ? docName(base) : d.base.symbol ?? d.base.file;
  const s = d.summary;
  const children: (Paragraph | Table)[] = [
    p('PHỤ LỤC', { bold: true, center: true, size: 28 }),
    p(`KẾT QUẢ RÀ SOÁT ${(plan ? kindTitle(plan) : 'văn bản').toUpperCase()} ${plan?.meta.symbol ?? ''}`.replace(/\s+$/, ''), { bold: true, center: true, size: 28 }),
    p(`${plan?.meta.issuer ? plan.meta.issuer + ' ' : ''}${plan?.meta.title ?? ''}`.trim(), { bold: true, center: true }),
    p('(Kèm theo Công văn số ……… ngày …… tháng …… năm …… của ………)', { italics: true, center: true, after: 240 }),

    p('I. THÔNG TIN VĂN BẢN', { bold: true, before: 120 }),
    infoTable([
      ['Văn bản được rà soát', planName],
      ['Trích yếu', plan?.meta.title ?? d.plan.title ?? ''],
      ['Cơ quan ban hành', plan?.meta.issuer ?? ''],
      ['Số, ký hiệu; ngày', [plan?.meta.symbol, plan?.meta.date ? viDate(plan.meta.date) : null].filter(Boolean).join('; ') || 'không ghi'],
      ['Người ký', [plan?.meta.signer.role, plan?.meta.signer.name].filter(Boolean).join(' — ')],
      ['Văn bản căn cứ', `${baseName}${base?.meta.date ? ' ngày ' + viDate(base.meta.date) : ''}${base?.meta.issuer ? ' của ' + base.meta.issuer : ''} ${base?.meta.title ?? d.base.title ?? ''}`.trim()],
      ['Tệp nguồn', `${d.plan.file}${d.plan.index ? ' (văn bản thứ ' + (d.plan.index + 1) + ')' : ''}`],
    ]),

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

    p('VI. NHIỆM VỤ VÀ THỜI HẠN', { bold: true, before: 200 }),
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
  const document = new Document({
    creator: 'rasoat',
    lastModifiedBy: 'rasoat',
    title: xmlText(`Kết quả rà soát — ${planName}`),
    description: xmlText(`Đối chiếu với ${baseName}`),
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: { top: convertMillimetersToTwip(20), bottom: convertMillimetersToTwip(20), left: convertMillimetersToTwip(30), right: convertMillimetersToTwip(15) },
          },
        },
        children,
      },
    ],
  });
  return deterministicZip(await Packer.toBuffer(document), fixedDate(plan, base));
}

function fixedDate(plan: Doc | undefined, base: Doc | undefined): Date {
  const iso = plan?.meta.date ?? base?.meta.date ?? '2000-01-01';
  return new Date(iso + 'T00:00:00Z');
}

/** Re-pack an OOXML package with fixed entry dates and fixed core-property timestamps. */
export async function deterministicZip(buf: Buffer, date: Date): Promise<Buffer> {
  const src = await JSZip.loadAsync(buf);
  const out = new JSZip();
  const stamp = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  for (const name of Object.keys(src.files).sort((x, y) => (x === '[Content_Types].xml' ? -1 : y === '[Content_Types].xml' ? 1 : x < y ? -1 : 1))) {
    const f = src.files[name];
    if (f.dir) continue;
    let data: string | Uint8Array = await f.async('uint8array');
    if (name === 'docProps/core.xml') data = Buffer.from(data).toString('utf8').replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g, `$1${stamp}$2`);
    out.file(name, data, { date, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'UNIX' });
}
