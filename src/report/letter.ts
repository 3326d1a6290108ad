/**
 * The feedback letter: a công văn in the Party's document format (Hướng dẫn
 * 36-HD/VPTW) built from the findings a reviewer accepted — issuing body with "*",
 * number line, "ĐẢNG CỘNG SẢN VIỆT NAM", place and date, "V/v góp ý Kế hoạch …",
 * "Kính gửi", recommendations grouped by point of the directive, signature block
 * (T/M, K/T, T/L), "Nơi nhận", page numbers from page 2. Pure: a draft (editable
 * JSON) from findings, then DOCX bytes from the draft. No tool vocabulary.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  UnderlineType,
  WidthType,
  convertMillimetersToTwip,
} from 'docx';
import { z } from 'zod';
import { viDate as formatViDate, viLongDate as formatViLongDate } from '../normalize/dates.js';

export const LetterDraft = z.object({
  /** issuing body, one line each: the superior committee (may be empty) then the body itself */
  organ: z.array(z.string().max(200)).max(3),
  /** "Số 125-CV/BTCTW" */
  number: z.string().max(120),
  place: z.string().max(80),
  /** ISO date (yyyy-mm-dd) */
  date: z.string().max(20),
  /** "V/v góp ý Kế hoạch …" */
  subject: z.string().max(400),
  /** "Kính gửi: …" (without the label) */
  recipient: z.string().max(400),
  intro: z.string().max(4000),
  points: z.array(z.object({ heading: z.string().max(400), items: z.array(z.string().max(4000)).max(200) })).max(200),
  closing: z.string().max(4000),
  /** "T/M BAN THƯỜNG VỤ", "K/T BÍ THƯ", "PHÓ BÍ THƯ" — or a T/L block */
  signature: z.array(z.string().max(200)).max(5),
  signer: z.string().max(120),
  /** "Nơi nhận" entries */
  recipients: z.array(z.string().max(300)).max(30),
});
export type LetterDraft = z.infer<typeof LetterDraft>;

export interface LetterFinding {
  kind: string;
  /** point of the directive ("9"), "+" for local additions */
  point: string;
  /** human place inside the directive: "ý thứ 1 của điểm 9" */
  where: string;
  baseText: string;
  planText: string;
  missing: string[];
  changes: { kind: string; from: string | null; to: string | null }[];
  note: string | null;
}

export interface LetterContext {
  plan: { kind: string | null; symbol: string | null; date: string | null; title: string | null; issuer: string | null };
  base: { kind: string | null; symbol: string | null; date: string | null; title: string | null; issuer: string | null };
  /** findings the reviewer accepted, in the directive's order */
  accepted: LetterFinding[];
  dueDate: string | null;
  today: string;
  /** header/signature defaults the user saved for the round */
  defaults?: Partial<LetterDraft>;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const trimEnd = (s: string) => s.trim().replace(/[\s;,.:]+$/u, '');

/** Decimal point → Vietnamese decimal comma in numbers ("1.5" → "1,5", "50.5%" → "50,5%"); dates and symbols untouched. */
export function viDecimal(s: string): string {
  return s.replace(/(?<![\d./-])(\d+)\.(\d+)(?![\d./-])/g, (m, a: string, b: string) => (b.length === 3 && a.length <= 3 ? m : `${a},${b}`));
}

/** "2026-12-05" → "ngày 05 tháng 12 năm 2026" (normalize/dates.ts) */
export function viLongDate(iso: string): string {
  return formatViLongDate(iso) ?? iso;
}

const shortDate = (iso: string | null) => (iso ? formatViDate(iso) : null);

function docTitle(d: LetterContext['base'], fallbackKind: string): string {
  const kind = cap((d.kind ?? fallbackKind).toLowerCase());
  const parts = [kind];
  if (d.symbol) parts.push(`số ${d.symbol}`);
  const date = shortDate(d.date);
  if (date) parts.push(`ngày ${date}`);
  if (d.issuer) parts.push(`của ${d.issuer}`);
  return parts.join(' ').replace(/ số (\S+) ngày/, ' số $1, ngày');
}

function quote(s: string): string {
  return `“${trimEnd(s)}”`;
}

/** One recommendation sentence per accepted finding, in the words an officer uses. */
export function recommendation(f: LetterFinding, baseName: string): string {
  const note = f.note?.trim() ? ` ${cap(trimEnd(f.note.trim()))}.` : '';
  switch (f.kind) {
    case 'omitted':
      return `Đề nghị bổ sung nội dung ${quote(f.baseText)}.${note}`;
    case 'partial':
      return f.missing.length
        ? `Đề nghị bổ sung đầy đủ nội dung ${quote(f.baseText)}, trong đó còn thiếu: ${f.missing.map(quote).join('; ')}.${note}`
        : `Đề nghị bổ sung đầy đủ nội dung ${quote(f.baseText)}.${note}`;
    case 'changed': {
      const parts = f.changes.map((c) =>
        c.to && c.from
          ? `đề nghị điều chỉnh ${quote(viDecimal(c.to))} cho phù hợp với ${quote(viDecimal(c.from))} theo ${baseName}`
          : c.from
            ? `đề nghị bổ sung ${quote(viDecimal(c.from))} theo ${baseName}`
            : `đề nghị xem lại ${quote(viDecimal(c.to ?? ''))} cho phù hợp với ${baseName}`,
      );
      const body = parts.length ? cap(parts.join('; ')) : `Đề nghị điều chỉnh nội dung ${quote(f.planText)} cho phù hợp với ${baseName}`;
      return `${body} (nội dung ${quote(f.baseText)}).${note}`;
    }
    case 'adapted':
      return `Đề nghị điều chỉnh nội dung ${quote(f.planText)} cho phù hợp với yêu cầu ${quote(f.baseText)} của ${baseName}.${note}`;
    case 'addition':
      return `Đề nghị xem xét, làm rõ căn cứ của nội dung ${quote(f.planText)} (${baseName} không đề ra nội dung này).${note}`;
    default:
      return `Đề nghị rà soát nội dung ${quote(f.baseText || f.planText)} cho phù hợp với ${baseName}.${note}`;
  }
}

/** The letter as a draft the officer edits before exporting it. */
export function draftLetter(ctx: LetterContext): LetterDraft {
  const baseName = docTitle(ctx.base, 'Chỉ thị').replace(/ của .*$/u, '');
  const planName = docTitle(ctx.plan, 'Kế hoạch');
  const planKind = lower(cap((ctx.plan.kind ?? 'Kế hoạch').toLowerCase()));
  const groups = new Map<string, LetterFinding[]>();
  for (const f of ctx.accepted) groups.set(f.point, [...(groups.get(f.point) ?? []), f]);
  const points: LetterDraft['points'] = [...groups].map(([point, fs]) => ({
    heading: point === '+' ? `Về các nội dung ${planKind} bổ sung ngoài ${baseName}` : `Về nội dung điểm ${point} của ${baseName}`,
    items: fs.map((f) => (f.point === '+' ? '' : f.where.startsWith('điểm') ? '' : `Tại ${f.where}: `) + lowerFirstIfPrefixed(f, recommendation(f, baseName))),
  }));
  const recipient = ctx.plan.issuer ?? '';
  const d: LetterDraft = {
    organ: ['BAN CHẤP HÀNH TRUNG ƯƠNG', 'BAN TỔ CHỨC'],
    number: 'Số       -CV/BTCTW',
    place: 'Hà Nội',
    date: ctx.today,
    subject: `V/v góp ý ${planKind} thực hiện ${baseName}`,
    recipient,
    intro: `Sau khi nghiên cứu ${planName}${ctx.plan.title ? ` ${trimEnd(ctx.plan.title)}` : ''}, đối chiếu với ${docTitle(ctx.base, 'Chỉ thị')}${ctx.base.title ? ` ${trimEnd(ctx.base.title)}` : ''}, xin góp ý như sau:`,
    points,
    closing: points.length
      ? `Đề nghị ${recipient || 'đồng chí'} nghiên cứu, tiếp thu, hoàn chỉnh ${planKind}${ctx.dueDate ? ` và gửi về trước ${viLongDate(ctx.dueDate)}` : ''}.`
      : `Nội dung ${planKind} cơ bản phù hợp với ${baseName}; đề nghị ${recipient || 'đồng chí'} tổ chức thực hiện.`,
    signature: ['K/T TRƯỞNG BAN', 'PHÓ TRƯỞNG BAN'],
    signer: '',
    recipients: [`Như trên`, 'Lưu Văn phòng'],
  };
  return { ...d, ...stripContent(ctx.defaults) };
}

function lowerFirstIfPrefixed(f: LetterFinding, s: string): string {
  return f.point !== '+' && !f.where.startsWith('điểm') ? lower(s) : s;
}

/** Only header and signature fields carry over between letters of a round. */
function stripContent(d: Partial<LetterDraft> | undefined): Partial<LetterDraft> {
  if (!d) return {};
  const out: Partial<LetterDraft> = {};
  for (const k of ['organ', 'number', 'place', 'signature', 'signer'] as const) if (d[k] !== undefined) (out as Record<string, unknown>)[k] = d[k];
  return out;
}

// ------------------------------------------------------------------ DOCX

const FONT = 'Times New Roman';
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

function run(text: string, o: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {}): TextRun {
  return new TextRun({ text, bold: o.bold, italics: o.italics, font: FONT, size: o.size ?? 28, underline: o.underline ? { type: UnderlineType.SINGLE } : undefined });
}

function para(children: TextRun[], o: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: boolean; before?: number; after?: number } = {}): Paragraph {
  return new Paragraph({
    alignment: o.align ?? AlignmentType.JUSTIFIED,
    spacing: { before: o.before ?? 0, after: o.after ?? 60, line: 300 },
    indent: o.indent ? { firstLine: convertMillimetersToTwip(12.7) } : undefined,
    children,
  });
}

function cell(children: Paragraph[], width: number): TableCell {
  return new TableCell({ width: { size: width, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, children });
}

const C = AlignmentType.CENTER;

/** The letter as DOCX bytes. */
export async function letterDocx(d: LetterDraft): Promise<Buffer> {
  const organ = d.organ.filter((s) => s.trim());
  const left: Paragraph[] = organ.map((s, i) => para([run(s.toUpperCase(), { bold: i === organ.length - 1, size: i === organ.length - 1 ? 28 : 26 })], { align: C, after: 0 }));
  left.push(para([run('*', { size: 28 })], { align: C, after: 0 }));
  left.push(para([run(d.number, { size: 28 })], { align: C, after: 0 }));
  left.push(para([run(d.subject, { italics: true, size: 24 })], { align: C, after: 0 }));
  const right: Paragraph[] = [
    para([run('ĐẢNG CỘNG SẢN VIỆT NAM', { bold: true, underline: true, size: 30 })], { align: C, after: 120 }),
    para([run(`${d.place}, ${viLongDate(d.date)}`, { italics: true })], { align: C }),
  ];
  const header = new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, rows: [new TableRow({ children: [cell(left, 45), cell(right, 55)] })] });

  const body: Paragraph[] = [para([run('Kính gửi: ', { italics: false }), run(d.recipient)], { align: C, before: 240, after: 240 })];
  if (d.intro.trim()) body.push(para([run(viDecimal(d.intro))], { indent: true }));
  d.points.forEach((p, i) => {
    body.push(para([run(`${i + 1}. ${p.heading}`, { bold: true })], { indent: true, before: 60 }));
    for (const it of p.items.filter((x) => x.trim())) body.push(para([run(`- ${viDecimal(it)}`)], { indent: true }));
  });
  if (d.closing.trim()) body.push(para([run(viDecimal(d.closing))], { indent: true, before: 60 }));

  const recips: Paragraph[] = [para([run('Nơi nhận:', { bold: true, underline: true, size: 24 })], { align: AlignmentType.LEFT, after: 0 })];
  d.recipients.forEach((r, i) => recips.push(para([run(`- ${r}${i === d.recipients.length - 1 ? '.' : ','}`, { size: 22 })], { align: AlignmentType.LEFT, after: 0 })));
  const sign: Paragraph[] = d.signature.map((s) => para([run(s.toUpperCase(), { bold: true })], { align: C, after: 0 }));
  sign.push(para([run('')], { align: C, after: 1000 }));
  sign.push(para([run(d.signer, { bold: true })], { align: C }));
  const foot = new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, rows: [new TableRow({ children: [cell(recips, 50), cell(sign, 50)] })] });

  const doc = new Document({
    creator: d.organ.filter(Boolean).join(' '),
    title: d.subject,
    styles: { default: { document: { run: { font: FONT, size: 28 } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: { top: convertMillimetersToTwip(20), bottom: convertMillimetersToTwip(20), left: convertMillimetersToTwip(30), right: convertMillimetersToTwip(15) },
          },
        },
        // page numbers at the top centre from page 2 (the first page has none)
        headers: {
          default: new Header({ children: [new Paragraph({ alignment: C, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 28 })] })] }),
          first: new Header({ children: [new Paragraph({ children: [] })] }),
        },
        children: [header, ...body, para([run('')]), foot],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

/** All visible text of a draft (for checks: no tool vocabulary). */
export function letterText(d: LetterDraft): string {
  return [...d.organ, d.number, d.place, d.subject, d.recipient, d.intro, ...d.points.flatMap((p) => [p.heading, ...p.items]), d.closing, ...d.signature, d.signer, ...d.recipients].join('\n');
}
