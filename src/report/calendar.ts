/**
 * Deadlines of every plan: one table (HTML and CSV rows) and an iCalendar file.
 * Dated deadlines become all-day events; recurring duties become events with an
 * RRULE, starting at the first matching day on or after the plan's date (or the
 * base's date when the plan carries none). Relative, conditional and continuous
 * deadlines have no calendar date and stay in the table only.
 */
import type { Deadline, Doc } from '../model.js';
import { collapse } from '../normalize/vi.js';
import { type Analysis, DEADLINE_KIND_LABEL, anchorFor, docName, findDoc, planPage, refKey, shortName, slug, viDate } from './common.js';
import { esc } from './esc.js';
import { link, page } from './html.js';
import { NAV } from './plan.js';

export interface CalendarRow {
  plan: Doc;
  /** index of the deadline in plan.deadlines */
  index: number;
  deadline: Deadline;
  task: string;
  lead: string[];
  /** ISO date of the first occurrence (dated deadlines and anchored recurring ones) */
  start: string | null;
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

/** The date recurring duties of a plan start from: the plan's date, else its base's date. */
export function anchorDate(a: Analysis, plan: Doc): string | null {
  if (plan.meta.date) return plan.meta.date;
  const d = a.diffs.find((x) => x.plan.file === plan.source.file && x.plan.index === plan.source.index);
  const base = d ? findDoc(a, d.base) : undefined;
  return base?.meta.date ?? null;
}

/** Every deadline of every plan, with its first date (the page, the .ics and the CSV share one list per analysis). */
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
    const anchor = anchorDate(a, plan);
    plan.deadlines.forEach((dl, index) => {
      const task = dl.task ? plan.tasks.find((t) => t.id === dl.task) : plan.tasks.find((t) => t.deadlines.includes(index));
      const context = task?.text ?? segmentText(plan, dl);
      const bodies = (task?.lead ?? []).map((id) => plan.bodies.find((b) => b.id === id)?.name ?? id);
      const rr = safeRrule(dl.rrule);
      const start = dl.due ?? (rr && anchor ? firstOccurrence(anchor, rr) : null);
      rows.push({ plan, index, deadline: dl, task: clean(context), lead: bodies, start });
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

function segmentText(plan: Doc, dl: Deadline): string {
  // the sentence around the deadline
  const t = plan.text;
  let a = dl.span[0];
  let b = dl.span[1];
  while (a > 0 && !/[.;:\n]/.test(t[a - 1]) && dl.span[0] - a < 300) a--;
  while (b < t.length && !/[.;\n]/.test(t[b]) && b - dl.span[1] < 300) b++;
  return t.slice(a, b);
}

const RRULE_VI: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^FREQ=MONTHLY;BYMONTHDAY=(\d+)$/, (m) => `ngày ${m[1]} hằng tháng`],
  [/^FREQ=MONTHLY;INTERVAL=3$/, () => 'mỗi quý'],
  [/^FREQ=MONTHLY;INTERVAL=6$/, () => '6 tháng một lần'],
  [/^FREQ=MONTHLY(?:;INTERVAL=1)?$/, () => 'hằng tháng'],
  [/^FREQ=MONTHLY;INTERVAL=(\d+)$/, (m) => `${m[1]} tháng một lần`],
  [/^FREQ=YEARLY$/, () => 'hằng năm'],
  [/^FREQ=WEEKLY$/, () => 'hằng tuần'],
  [/^FREQ=DAILY$/, () => 'hằng ngày'],
];
export function rruleVi(r: string | null): string {
  if (!r) return '';
  for (const [re, f] of RRULE_VI) {
    const m = re.exec(r);
    if (m) return f(m);
  }
  return r;
}

export function calendarPageHtml(a: Analysis): string {
  const rows = calendarRows(a);
  const tr = rows.map((r, i) => {
    const d = r.deadline;
    const pg = planPage(r.plan.source);
    return `<tr class="fi" data-statuses="${esc(d.kind)}"><td data-sort="${esc(r.start ?? '9999')}-${i}">${esc(r.start ? viDate(r.start) : '—')}</td><td style="min-width:9rem">${link(pg, null, shortName(r.plan))}</td><td>${link(pg, anchorFor(r.plan, d.path, d.span), d.path, 'path')}</td><td>${esc(r.task)}</td><td>${esc(r.lead.join('; ') || '—')}</td><td>${esc(clean(d.text))}</td><td data-sort="${KIND_RANK[d.kind]}">${esc(DEADLINE_KIND_LABEL[d.kind] ?? d.kind)}</td><td>${esc(rruleVi(safeRrule(d.rrule)) || (d.event ? `${d.offsetDays ?? '?'} ngày sau: ${d.event}` : ''))}</td></tr>`;
  });
  const kinds = [...new Set(rows.map((r) => r.deadline.kind))];
  const body = `<h1>Lịch thời hạn của các kế hoạch</h1>
<p>${rows.length} thời hạn trong ${a.diffs.length} kế hoạch. Tệp lịch <a href="calendar.ics" download>calendar.ics</a> nhập được vào Outlook, Google Calendar, Thunderbird: thời hạn có ngày cụ thể là sự kiện cả ngày; nhiệm vụ định kỳ là sự kiện lặp (RRULE), bắt đầu từ ngày ban hành kế hoạch (hoặc của văn bản gốc nếu kế hoạch không ghi ngày). Thời hạn tính từ sự kiện, có điều kiện hoặc thường xuyên chỉ có trong bảng.</p>
<div class="tools"><input type="search" placeholder="Lọc theo nhiệm vụ, cơ quan…" data-filter="deadlines" aria-label="Lọc thời hạn"><select data-status="deadlines" aria-label="Loại thời hạn"><option value="">Mọi loại</option>${kinds.map((k) => `<option value="${esc(k)}">${esc(DEADLINE_KIND_LABEL[k] ?? k)}</option>`).join('')}</select><span class="muted small">Hiển thị <span data-count="deadlines">${rows.length}</span>/${rows.length}</span></div>
<table class="sortable" id="deadlines"><thead><tr><th>Ngày</th><th>Kế hoạch</th><th>Vị trí</th><th>Nhiệm vụ</th><th>Cơ quan chủ trì</th><th>Thời hạn (nguyên văn)</th><th>Loại</th><th>Lặp lại / mốc</th></tr></thead><tbody>${tr.join('')}</tbody></table>`;
  return page({ title: 'Lịch thời hạn', nav: NAV }, body);
}

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
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch);
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

export function toIcs(a: Analysis): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//rasoat//Lich thoi han ke hoach//VI', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'X-WR-CALNAME:Thời hạn các kế hoạch (rasoat)'];
  for (const r of calendarRows(a)) {
    if (!r.start) continue;
    const d = r.deadline;
    const rr = d.due ? null : safeRrule(d.rrule);
    if (!d.due && !rr) continue;
    const name = shortName(r.plan);
    const summary = `[${name}] ${r.task.length > 120 ? r.task.slice(0, 117).replace(/\s+\S*$/, '') + '…' : r.task}`;
    const desc = `${docName(r.plan)}\n${r.plan.meta.title ?? ''}\nVị trí: ${d.path}\nThời hạn: ${clean(d.text)}${rr ? ` (${rruleVi(rr)})` : ''}\nNhiệm vụ: ${r.task}${r.lead.length ? `\nChủ trì: ${r.lead.join('; ')}` : ''}`;
    const stamp = (r.plan.meta.date ?? anchorDate(a, r.plan) ?? r.start).replace(/-/g, '') + 'T000000Z';
    lines.push(
      'BEGIN:VEVENT',
      `UID:${slug(r.plan.source)}-${r.index}@rasoat`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${icsDate(r.start)}`,
      `DTEND;VALUE=DATE:${icsDate(addDays(r.start, 1))}`,
      ...(rr ? [`RRULE:${rr}`] : []),
      `SUMMARY:${icsText(summary)}`,
      `DESCRIPTION:${icsText(desc)}`,
      `CATEGORIES:${icsText(DEADLINE_KIND_LABEL[d.kind] ?? d.kind)}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
