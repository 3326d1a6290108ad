/**
 * Deadlines of every plan: one table (HTML and CSV rows) and iCalendar files that
 * say what the plans say.
 *
 * - Dated deadlines ("trước ngày 30/8/2025", "trong tháng 10/2025") are all-day events on
 *   the last allowed day (`due`); the event text is the plan's own sentence and wording.
 * - Recurring duties ("ngày 03 hằng tháng", "hằng quý") are events with an RRULE that
 *   start at the plan's date, or — when the plan carries none — at the first date the plan
 *   itself names (its earliest dated deadline or the start of its earliest period, not before
 *   the date of the document it implements), and end
 *   at the plan's period ("giai đoạn 2025 – 2030") or else at the horizon (31/12 of the
 *   fifth year after the start: one Party term). Every RRULE has an UNTIL.
 * - Compound frequencies ("06 tháng và hằng năm") give one event per frequency.
 * - What a calendar cannot express (a recurring duty without a frequency, "trong tuần đầu
 *   tiên của tháng", deadlines counted from an event, conditional and continuous duties) is
 *   listed with the reason on the calendar page and in deadlines.csv, not dropped.
 *
 * Files: one calendar per plan (`calendars/<plan>.ics`, all its events) and one combined
 * calendar of the dated, non-recurring deadlines of every plan (`calendar.ics`).
 */
import type { Deadline, Doc } from '../model.js';
import { collapse } from '../normalize/vi.js';
import { type Analysis, DEADLINE_KIND_LABEL, anchorFor, diffOf, docName, findDoc, planPage, refKey, shortName, slug, viDate } from './common.js';
import { esc } from './esc.js';
import { joinParts, link, pageParts } from './html.js';
import { NAV } from './plan.js';

/** Recurring duties of a plan without a stated period end this many years after they start (31/12). */
export const HORIZON_YEARS = 5;

export interface CalendarEvent {
  /** RRULE without UNTIL (null: a one-day event) */
  rrule: string | null;
  /** the words of the plan this event stands for ("06 tháng", "hằng năm") */
  wording: string;
  start: string;
  /** last day of the recurrence (UNTIL), null for one-day events */
  until: string | null;
}

export interface CalendarRow {
  plan: Doc;
  /** index of the deadline in plan.deadlines */
  index: number;
  deadline: Deadline;
  task: string;
  /** the sentence of the plan that holds the deadline */
  sentence: string;
  lead: string[];
  /** ISO date of the first occurrence (dated deadlines and anchored recurring ones) */
  start: string | null;
  events: CalendarEvent[];
  /** why the deadline is not in any calendar (null when it is) */
  unscheduled: string | null;
}

const KIND_RANK: Record<string, number> = { date: 0, period: 0, recurring: 1, relative: 2, conditional: 3, continuous: 4 };

export function clean(s: string): string {
  return collapse(s.replace(/\s+/g, ' '));
}

/** Safe RRULE: only NAME=VALUE parts of upper-case letters, digits, commas, signs. */
export function safeRrule(r: string | null): string | null {
  if (!r) return null;
  return /^(?:[A-Z]+=[A-Z0-9,+-]+)(?:;[A-Z]+=[A-Z0-9,+-]+)*$/.test(r) ? r : null;
}

function addDays(iso: string, n: number): string {
  const t = new Date(iso + 'T00:00:00Z');
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

/** First day on or after `anchor` that fits the rule's BYMONTHDAY / BYMONTH (others start at the anchor). */
export function firstOccurrence(anchor: string, rrule: string): string {
  const parts = Object.fromEntries(rrule.split(';').map((p) => p.split('=') as [string, string]));
  const day = parts.BYMONTHDAY && /^\d+$/.test(parts.BYMONTHDAY) ? Number(parts.BYMONTHDAY) : null;
  const month = parts.BYMONTH && /^\d+$/.test(parts.BYMONTH) ? Number(parts.BYMONTH) : null;
  if (day === null && month === null) return anchor;
  let d = anchor;
  for (let i = 0; i < 800; i++, d = addDays(d, 1)) {
    const [, m, dd] = d.split('-').map(Number);
    if ((day === null || dd === day) && (month === null || m === month)) return d;
  }
  return anchor;
}

/** First day of the period a "period" deadline names ("trong tháng 10/2025" → 2025-10-01). */
export function periodStart(d: Pick<Deadline, 'text' | 'due'>): string | null {
  if (!d.due) return null;
  const [y, m] = d.due.split('-').map(Number);
  const t = d.text.toLowerCase();
  if (/6\s+tháng\s+đầu\s+năm|06\s+tháng\s+đầu\s+năm/u.test(t)) return `${y}-01-01`;
  if (/6\s+tháng\s+cuối\s+năm|06\s+tháng\s+cuối\s+năm/u.test(t)) return `${y}-07-01`;
  if (/quý/u.test(t)) return `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
  if (/tháng/u.test(t)) return `${y}-${String(m).padStart(2, '0')}-01`;
  if (/năm/u.test(t)) return `${y}-01-01`;
  return d.due;
}

/** The plan's first explicit date: its earliest dated deadline, or the start of its earliest period. */
export function firstExplicitDate(plan: Doc, notBefore: string | null = null): string | null {
  // a period that began before the plan could exist ("trong năm 2025" in a plan under a July 2025
  // directive) says nothing about when the plan starts
  const ds = plan.deadlines
    .map((d) => (d.kind === 'date' ? d.due : d.kind === 'period' ? periodStart(d) : null))
    .filter((x): x is string => !!x && (!notBefore || x >= notBefore));
  return ds.length ? ds.sort()[0] : null;
}

export interface Anchor {
  date: string;
  /** where the date comes from */
  source: 'plan-date' | 'first-explicit-date' | 'base-date';
}

/**
 * The date recurring duties of a plan start from: the plan's date; else the first date the plan
 * names; else (a plan that names no date at all) its base's date.
 */
export function planAnchor(a: Analysis, plan: Doc): Anchor | null {
  if (plan.meta.date) return { date: plan.meta.date, source: 'plan-date' };
  const d = diffOf(a, plan.source);
  const base = d ? findDoc(a, d.base) : undefined;
  const first = firstExplicitDate(plan, base?.meta.date ?? null);
  if (first) return { date: first, source: 'first-explicit-date' };
  return base?.meta.date ? { date: base.meta.date, source: 'base-date' } : null;
}
export function anchorDate(a: Analysis, plan: Doc): string | null {
  return planAnchor(a, plan)?.date ?? null;
}

const PERIOD_RE = /(?:giai\s+đoạn|nhiệm\s+kỳ|thời\s+kỳ)\s+(\d{4})\s*[-–—]\s*(\d{4})|(?:đến|tới)\s+năm\s+(\d{4})/iu;

export interface PlanEnd {
  date: string;
  /** the plan's words ("giai đoạn 2025 – 2030"), or null for the horizon */
  wording: string | null;
}

/** Where a plan's recurring duties end: its stated period, else the horizon after `start`. */
export function planEnd(plan: Doc, start: string): PlanEnd {
  // the period a plan states in its title or purpose (the first 3000 characters), later than the start
  const head = plan.text.slice(0, 3000);
  const m = PERIOD_RE.exec(head);
  const y = m ? Number(m[2] ?? m[3]) : NaN;
  if (m && y >= Number(start.slice(0, 4))) return { date: `${y}-12-31`, wording: clean(m[0]) };
  return { date: `${Number(start.slice(0, 4)) + HORIZON_YEARS}-12-31`, wording: null };
}

/** Frequency words of one part of a compound expression → RRULE. */
const PART_RULES: [RegExp, (m: RegExpExecArray) => string | null][] = [
  [/^(?:định\s+kỳ\s+)?(?:hằng|hàng|mỗi)\s+tháng$/iu, () => 'FREQ=MONTHLY'],
  [/^(?:định\s+kỳ\s+)?(?:hằng|hàng|mỗi)\s+quý$/iu, () => 'FREQ=MONTHLY;INTERVAL=3'],
  [/^(?:định\s+kỳ\s+)?(?:hằng|hàng|mỗi)\s+năm$/iu, () => 'FREQ=YEARLY'],
  [/^(?:định\s+kỳ\s+)?(?:hằng|hàng|mỗi)\s+tuần$/iu, () => 'FREQ=WEEKLY'],
  [/^(?:định\s+kỳ\s+)?(\d{1,2}|sáu|ba)\s+tháng(?:\s+(?:một|1|01)\s+lần)?$/iu, (m) => {
    const n = /^\d+$/.test(m[1]) ? Number(m[1]) : m[1].toLowerCase() === 'sáu' ? 6 : 3;
    return n === 1 ? 'FREQ=MONTHLY' : n > 0 && n <= 12 ? `FREQ=MONTHLY;INTERVAL=${n}` : null;
  }],
];

/** The recurrences a recurring deadline stands for: one per frequency of a compound ("06 tháng và hằng năm"). */
export function recurrences(d: Pick<Deadline, 'text' | 'rrule'>): { rrule: string; wording: string }[] {
  const text = clean(d.text);
  const parts = text.split(/\s*[,;]\s*|\s+và\s+/u).filter(Boolean);
  if (parts.length > 1) {
    const rules = parts.map((p) => {
      for (const [re, f] of PART_RULES) {
        const m = re.exec(p);
        if (m) return { rrule: f(m), wording: p };
      }
      return null;
    });
    if (rules.every((r) => r && r.rrule)) return rules.map((r) => ({ rrule: r!.rrule!, wording: r!.wording }));
  }
  const rr = safeRrule(d.rrule);
  return rr ? [{ rrule: rr, wording: text }] : [];
}

/** Why a deadline cannot be a calendar event (null when it can). */
export function unscheduledReason(d: Deadline, anchor: Anchor | null): string | null {
  switch (d.kind) {
    case 'date':
    case 'period':
      return d.due ? null : 'không xác định được ngày';
    case 'recurring':
      if (!recurrences(d).length) {
        if (/tuần\s+đầu/iu.test(d.text)) return 'một khoảng trong tháng (tuần đầu), không phải một ngày: lịch không diễn đạt được';
        if (/kỳ\s+sinh\s+hoạt/iu.test(d.text)) return 'theo từng kỳ sinh hoạt, không có ngày riêng';
        return 'định kỳ nhưng kế hoạch không nói tần suất';
      }
      return anchor ? null : 'kế hoạch và văn bản gốc không ghi ngày nào để bắt đầu';
    case 'relative':
      return `tính từ sự kiện chưa có ngày${d.event ? `: ${clean(d.event)}` : ''}${d.offsetDays !== null ? ` (${d.offsetDays} ngày)` : ''}`;
    case 'conditional':
      return `khi có điều kiện${d.event ? `: ${clean(d.event)}` : ''}`;
    case 'continuous':
      return 'thực hiện thường xuyên, không có mốc thời gian';
    default:
      return 'không có ngày';
  }
}

/** Every deadline of every plan, with its events (the page, the .ics files and the CSV share one list per analysis). */
const ROWS = new WeakMap<Analysis, CalendarRow[]>();
export function calendarRows(a: Analysis): CalendarRow[] {
  let rows = ROWS.get(a);
  if (!rows) ROWS.set(a, (rows = buildRows(a)));
  return rows;
}

function buildRows(a: Analysis): CalendarRow[] {
  const rows: CalendarRow[] = [];
  for (const d of a.diffs) {
    const plan = findDoc(a, d.plan);
    if (!plan) continue;
    const anchor = planAnchor(a, plan);
    plan.deadlines.forEach((dl, index) => {
      const task = dl.task ? plan.tasks.find((t) => t.id === dl.task) : plan.tasks.find((t) => t.deadlines.includes(index));
      const sentence = clean(segmentText(plan, dl));
      const context = task?.text ?? sentence;
      const bodies = (task?.lead ?? []).map((id) => plan.bodies.find((b) => b.id === id)?.name ?? id);
      const unscheduled = unscheduledReason(dl, anchor);
      const events: CalendarEvent[] = [];
      if (!unscheduled && dl.due) events.push({ rrule: null, wording: clean(dl.text), start: dl.due, until: null });
      else if (!unscheduled && anchor)
        for (const r of recurrences(dl)) {
          const start = firstOccurrence(anchor.date, r.rrule);
          events.push({ rrule: r.rrule, wording: r.wording, start, until: planEnd(plan, start).date });
        }
      const start = events.length ? events.map((e) => e.start).sort()[0] : null;
      rows.push({ plan, index, deadline: dl, task: clean(context), sentence, lead: bodies, start, events, unscheduled });
    });
  }
  return rows.sort(
    (x, y) =>
      KIND_RANK[x.deadline.kind] - KIND_RANK[y.deadline.kind] ||
      (x.deadline.due ?? '').localeCompare(y.deadline.due ?? '') ||
      refKey(x.plan.source).localeCompare(refKey(y.plan.source)) ||
      x.index - y.index,
  );
}

/** The sentence around the deadline, as the plan words it (hard line breaks inside a sentence are not ends). */
function segmentText(plan: Doc, dl: Deadline): string {
  const t = plan.text;
  let a = dl.span[0];
  let b = dl.span[1];
  const endsBefore = (i: number) => /[.;:]/.test(t[i - 1]) || (t[i - 1] === '\n' && (t[i - 2] === '\n' || /^[-+•]\s/.test(t.slice(i, i + 2))));
  const endsAt = (i: number) => /[.;]/.test(t[i]) || (t[i] === '\n' && (t[i + 1] === '\n' || /^[-+•]\s/.test(t.slice(i + 1, i + 3))));
  while (a > 0 && !endsBefore(a) && dl.span[0] - a < 400) a--;
  while (b < t.length && !endsAt(b) && b - dl.span[1] < 400) b++;
  return t.slice(a, b).replace(/\*\*/g, '').replace(/^\s*[-+•]\s+/, '');
}

const RRULE_VI: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^FREQ=MONTHLY;BYMONTHDAY=(\d+)$/, (m) => `ngày ${m[1]} hằng tháng`],
  [/^FREQ=MONTHLY;INTERVAL=3$/, () => 'mỗi quý'],
  [/^FREQ=MONTHLY;INTERVAL=6$/, () => '6 tháng một lần'],
  [/^FREQ=MONTHLY(?:;INTERVAL=1)?$/, () => 'hằng tháng'],
  [/^FREQ=MONTHLY;INTERVAL=(\d+)$/, (m) => `${m[1]} tháng một lần`],
  [/^FREQ=YEARLY;BYMONTH=(\d+);BYMONTHDAY=(-?\d+)$/, (m) => (m[2] === '-1' ? `ngày cuối tháng ${m[1]} hằng năm` : `ngày ${m[2]}/${m[1]} hằng năm`)],
  [/^FREQ=YEARLY$/, () => 'hằng năm'],
  [/^FREQ=WEEKLY$/, () => 'hằng tuần'],
  [/^FREQ=DAILY$/, () => 'hằng ngày'],
];
/** A Vietnamese reading of an RRULE; never the RRULE itself ("định kỳ" when unknown). */
export function rruleVi(r: string | null): string {
  if (!r) return '';
  for (const [re, f] of RRULE_VI) {
    const m = re.exec(r);
    if (m) return f(m);
  }
  return 'định kỳ';
}

const ANCHOR_VI: Record<Anchor['source'], string> = {
  'plan-date': 'ngày ban hành kế hoạch',
  'first-explicit-date': 'ngày đầu tiên kế hoạch nêu',
  'base-date': 'ngày của văn bản gốc (kế hoạch không ghi ngày nào)',
};

/** The file of a plan's own calendar (site and extracted/calendars/). */
export const planCalendarFile = (plan: Pick<Doc, 'source'>): string => `${slug(plan.source)}.ics`;

export function calendarPageHtml(a: Analysis): string {
  return joinParts(calendarPageParts(a));
}

/** The calendar page as parts, a row at a time (every deadline of every plan: never one string). */
export function calendarPageParts(a: Analysis): Generator<string> {
  return pageParts({ title: 'Lịch thời hạn', nav: NAV }, calendarBody(a));
}

function* calendarBody(a: Analysis): Generator<string> {
  const rows = calendarRows(a);
  const kinds = [...new Set(rows.map((r) => r.deadline.kind))];
  const plans = a.diffs.map((d) => findDoc(a, d.plan)).filter((p): p is Doc => !!p);
  // deadlines in a calendar, per plan (counted once, not by a scan of every row per plan)
  const inCalendar = new Map<Doc, number>();
  for (const r of rows) if (r.events.length) inCalendar.set(r.plan, (inCalendar.get(r.plan) ?? 0) + 1);
  const off = rows.filter((r) => r.unscheduled).length;
  yield `<h1>Lịch thời hạn của các kế hoạch</h1>
<p>${rows.length} thời hạn trong ${a.diffs.length} kế hoạch; ${rows.length - off} đưa được vào lịch, ${off} không (lý do ở cột cuối).</p>
<ul><li>Tệp <a href="calendar.ics" download>calendar.ics</a>: mọi thời hạn có ngày cụ thể (không lặp lại) của mọi kế hoạch, mỗi thời hạn là một sự kiện cả ngày vào ngày cuối cùng được phép; nội dung sự kiện là câu chữ của kế hoạch.</li>
<li>Mỗi kế hoạch một tệp lịch riêng, gồm cả việc định kỳ (sự kiện lặp có ngày kết thúc):<ul>`;
  for (const p of plans) {
    const an = planAnchor(a, p);
    const end = an ? planEnd(p, an.date) : null;
    const n = inCalendar.get(p) ?? 0;
    yield `<li>${link(pg(p), null, docName(p))} — <a href="calendars/${esc(planCalendarFile(p))}" download>${esc(planCalendarFile(p))}</a> (${n} thời hạn). Việc định kỳ bắt đầu từ ${an ? `${esc(viDate(an.date))}, ${esc(ANCHOR_VI[an.source])}` : 'không xác định'}${end ? `; kết thúc ${esc(viDate(end.date))}${end.wording ? ` (${esc(end.wording)})` : ` (kế hoạch không nêu thời kỳ: mặc định ${HORIZON_YEARS} năm, hết năm ${end.date.slice(0, 4)})`}` : ''}.</li>`;
  }
  yield `</ul></li></ul>
<p class="small muted">Tần suất ghép («06 tháng và hằng năm») thành hai sự kiện lặp. Thời hạn tính từ một sự kiện, có điều kiện, thường xuyên, hoặc định kỳ không rõ tần suất không có ngày trong lịch: chúng được liệt kê dưới đây với lý do.</p>
<div class="tools"><input type="search" placeholder="Lọc theo nhiệm vụ, cơ quan…" data-filter="deadlines" aria-label="Lọc thời hạn"><select data-status="deadlines" aria-label="Loại thời hạn"><option value="">Mọi loại</option>${kinds.map((k) => `<option value="${esc(k)}">${esc(DEADLINE_KIND_LABEL[k] ?? k)}</option>`).join('')}<option value="unscheduled">Không đưa vào lịch</option></select><span class="muted small">Hiển thị <span data-count="deadlines">${rows.length}</span>/${rows.length}</span></div>
<table class="sortable" id="deadlines"><thead><tr><th>Ngày</th><th>Kế hoạch</th><th>Vị trí</th><th>Câu trong kế hoạch</th><th>Cơ quan chủ trì</th><th>Thời hạn (nguyên văn)</th><th>Loại</th><th>Trong lịch</th></tr></thead><tbody>`;
  for (const [i, r] of rows.entries()) {
    const d = r.deadline;
    const pg = planPage(r.plan.source);
    const rec = r.events.filter((e) => e.rrule).map((e) => `${esc(e.wording)} <span class="muted small">(từ ${esc(viDate(e.start))} đến ${esc(viDate(e.until))})</span>`);
    const cell = r.unscheduled ? `<span class="muted">Không đưa vào lịch: ${esc(r.unscheduled)}</span>` : rec.length ? rec.join('<br>') : `<span class="muted small">Sự kiện ngày ${esc(viDate(r.start))}</span>`;
    yield `<tr class="fi" data-statuses="${esc(d.kind)}${r.unscheduled ? ' unscheduled' : ''}"><td data-sort="${esc(r.start ?? '9999')}-${i}">${esc(r.start ? viDate(r.start) : '—')}</td><td style="min-width:9rem">${link(pg, null, shortName(r.plan))}</td><td>${link(pg, anchorFor(r.plan, d.path, d.span), d.path, 'path')}</td><td>${esc(r.sentence)}</td><td>${esc(r.lead.join('; ') || '—')}</td><td><b>${esc(clean(d.text))}</b></td><td data-sort="${KIND_RANK[d.kind]}">${esc(DEADLINE_KIND_LABEL[d.kind] ?? d.kind)}</td><td>${cell}</td></tr>`;
  }
  yield '</tbody></table>';
}
const pg = (p: Doc) => planPage(p.source);

// ---------------------------------------------------------------- iCalendar

function icsText(s: string): string {
  // every line break (CRLF, LF, a bare CR, U+2028/9) is \n; other control characters would end or corrupt the content line
  return s
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|[\r\n\u2028\u2029\u0085]/g, '\\n')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
}
/** Fold a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 sequence. */
export function foldLine(line: string): string {
  // most lines are short: at most 75 UTF-16 units are at most 75 octets only if all ASCII, so measure them
  if (line.length <= 25 || (line.length <= 75 && Buffer.byteLength(line) <= 75)) return line;
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of line) {
    // UTF-8 length of the code point (a lone surrogate is written as U+FFFD: 3 octets, as Buffer.byteLength counts it)
    const c = ch.codePointAt(0)!;
    const n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (bytes + n > (out.length ? 74 : 75)) {
      out.push(cur);
      cur = '';
      bytes = 0;
    }
    cur += ch;
    bytes += n;
  }
  out.push(cur);
  return out.join('\r\n ');
}
const icsDate = (iso: string) => iso.replace(/-/g, '');

function vevents(a: Analysis, r: CalendarRow, withPlanName: boolean): string[] {
  const d = r.deadline;
  const out: string[] = [];
  const name = shortName(r.plan);
  const short = r.sentence.length > 140 ? r.sentence.slice(0, 137).replace(/\s+\S*$/, '') + ' …' : r.sentence;
  r.events.forEach((e, k) => {
    const wording = clean(d.text);
    const summary = `${withPlanName ? `[${name}] ` : ''}${short.includes(wording) ? short : `${wording}: ${short}`}`;
    const desc = [
      `${docName(r.plan)}${r.plan.meta.title ? ` ${r.plan.meta.title}` : ''}`,
      `Vị trí: ${d.path}`,
      `Thời hạn (nguyên văn): ${clean(d.text)}`,
      ...(e.rrule && r.events.length > 1 ? [`Sự kiện này: ${e.wording}`] : []),
      e.rrule ? `Lặp lại từ ${viDate(e.start)} đến ${viDate(e.until)}` : `Ngày trong lịch: ${viDate(e.start)} (ngày cuối cùng của thời hạn)`,
      `Nhiệm vụ: ${r.task}`,
      ...(r.lead.length ? [`Chủ trì: ${r.lead.join('; ')}`] : []),
    ].join('\n');
    const anchor = anchorDate(a, r.plan) ?? e.start;
    out.push(
      'BEGIN:VEVENT',
      `UID:${slug(r.plan.source)}-${r.index}${r.events.length > 1 ? `-${k}` : ''}@rasoat`,
      `DTSTAMP:${anchor.replace(/-/g, '')}T000000Z`,
      `DTSTART;VALUE=DATE:${icsDate(e.start)}`,
      `DTEND;VALUE=DATE:${icsDate(addDays(e.start, 1))}`,
      ...(e.rrule ? [`RRULE:${e.rrule};UNTIL=${icsDate(e.until!)}`] : []),
      `SUMMARY:${icsText(summary)}`,
      `DESCRIPTION:${icsText(desc)}`,
      `CATEGORIES:${icsText(DEADLINE_KIND_LABEL[d.kind] ?? d.kind)}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  });
  return out;
}

function calendar(name: string, events: string[]): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//rasoat//Lich thoi han ke hoach//VI', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${icsText(name)}`, ...events, 'END:VCALENDAR'];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** The combined calendar: the dated (non-recurring) deadlines of every plan. */
export function toIcs(a: Analysis): string {
  const ev = calendarRows(a)
    .filter((r) => r.events.length && !r.events.some((e) => e.rrule))
    .flatMap((r) => vevents(a, r, true));
  return calendar('Thời hạn các kế hoạch (rasoat)', ev);
}

/** One plan's calendar: its dated deadlines and its recurring duties. */
const ROWS_OF = new WeakMap<CalendarRow[], Map<Doc, CalendarRow[]>>();
export function planIcs(a: Analysis, plan: Doc): string {
  const all = calendarRows(a);
  let by = ROWS_OF.get(all);
  if (!by) {
    ROWS_OF.set(all, (by = new Map()));
    for (const r of all) {
      if (!by.has(r.plan)) by.set(r.plan, []);
      by.get(r.plan)!.push(r);
    }
  }
  const ev = (by.get(plan) ?? [])
    .filter((r) => r.events.length)
    .flatMap((r) => vevents(a, r, false));
  return calendar(`${docName(plan)} — thời hạn (rasoat)`, ev);
}

/** Every plan's calendar, by file name. */
export function planCalendars(a: Analysis): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of a.diffs) {
    const plan = findDoc(a, d.plan);
    if (plan) out.set(planCalendarFile(plan), planIcs(a, plan));
  }
  return out;
}
