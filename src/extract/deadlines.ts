/**
 * Deadlines: every time expression that says when something is to be done,
 * typed (date, period, relative, conditional, recurring, continuous) and
 * normalized (`due` = last allowed day, `rrule` = iCalendar RRULE).
 *
 * Dates that only date a cited document ("Chỉ thị số 50-CT/TW, ngày 23/7/2025")
 * and the document's own place/date line are not deadlines: a bare date is read
 * only after an explicit cue ("trước ngày", "đến ngày", "vào ngày" …).
 */
import { dayBefore, isoDate, lastDayOfMonth, validDate } from '../normalize/dates.js';
import type { Deadline, Doc, Result, Span } from '../model.js';
import { collapse } from '../normalize/vi.js';
import { NUMBER_WORDS, quarterNumber } from '../vocab/numerals.js';
import { PERIODS, perPeriodRrule } from '../vocab/time.js';
import { taskRows } from './tables.js';
import { AfterLookbehind, segmentAt, segmentLocator } from './util.js';
import { visit } from '../segment/tree.js';

type Kind = Deadline['kind'];

interface Candidate {
  /** characters of the match before the quote (a cue word that is not part of the expression) */
  skip?: number;
  start: number;
  end: number;
  kind: Kind;
  due: string | null;
  rrule: string | null;
  event: string | null;
  offsetDays: number | null;
}

// ------------------------------------------------------------------ calendar helpers

export { dayBefore, isoDate, lastDayOfMonth } from '../normalize/dates.js';

/** A number as digits or as a number word (NUMBER_WORDS of src/vocab/numerals.ts). */
const WORD_NUM: Readonly<Record<string, number>> = Object.fromEntries(NUMBER_WORDS.map((w) => [w.word, w.value]));
function num(s: string): number | null {
  const t = s.toLowerCase();
  if (/^\d+$/.test(t)) return parseInt(t, 10);
  return WORD_NUM[t] ?? null;
}

/** "every `count` times per `unit`" → RRULE (the periods table of src/vocab/time.ts). */
const perUnit = perPeriodRrule;
/** ngày|tuần|tháng|quý|năm */
const PERIOD_WORDS = PERIODS.map((p) => p.word).join('|');

// ------------------------------------------------------------------ patterns

const W = String.raw`\s+`; // whitespace incl. hard line breaks of PDF text
const HANG = String.raw`(?:hằng|hàng)`;
/** Characters that end an event clause. */
const STOP = String.raw`[^().;:\n!?]`;

interface Pattern {
  re: RegExp;
  /** the same pattern run with its leading lookbehind checked apart */
  lb: AfterLookbehind | null;
  /** cells: spans of the time cells of task table rows, where a bare period is a deadline */
  make: (m: RegExpExecArray, text: string, cells: readonly Span[]) => Omit<Candidate, 'start' | 'end'> | null;
  /** offset of the quote start within the match (e.g. skip a cue word) */
  group?: number;
}

const P: Pattern[] = [];
/**
 * Every pattern starts with "(?<![\p{L}])"; they run as AfterLookbehind (same matches, much faster).
 */
const add = (src: string, make: Pattern['make'], group?: number) => {
  const re = new RegExp(src, 'giu');
  P.push({ re, lb: src.startsWith(String.raw`(?<![`) ? new AfterLookbehind(re) : null, make, group });
};
const base = { due: null, rrule: null, event: null, offsetDays: null };

/** A deadline rule as data: an id, the kind of deadline it reads, and real wording it must find (test/vocab.test.ts). */
export interface DeadlineRule {
  id: string;
  kind: Kind;
  examples: readonly string[];
}
/** The rules of this file, in the order they run. */
export const DEADLINE_RULES: DeadlineRule[] = [];
const rule = (r: DeadlineRule, src: string, make: Pattern['make'], group?: number) => {
  DEADLINE_RULES.push(r);
  add(src, make, group);
};

// --- conditional: "(ngay) sau khi có hướng dẫn của Trung ương", "đến khi có quy định …", "khi có thay đổi về nhân sự"
rule({ id: "until-event", kind: 'conditional', examples: ['ngay sau khi có hướng dẫn của Trung ương', 'đến khi có quy định, hướng dẫn mới của Trung ương'] }, String.raw`(?<![\p{L}])(?:ngay${W})?(?:sau|đến|cho${W}đến|cho${W}tới|tới)${W}khi${W}(${STOP}+?)(?=\s*[).;:\n]|\s*$)`, (m) => ({
  ...base,
  kind: 'conditional',
  event: cleanEvent(m[1]),
}));
rule({ id: "when-event", kind: 'conditional', examples: ['khi có thay đổi về nhân sự cấp ủy'] }, String.raw`(?<![\p{L}])khi${W}(có${W}[^().;:,\n]+?)(?=\s*[).;:,\n]|\s*$)`, (m) => ({ ...base, kind: 'conditional', event: cleanEvent(m[1]) }));

// --- relative: "sau 15 ngày tổ chức hội nghị cấp thành phố", "trong vòng 30 ngày kể từ ngày …"
rule({ id: "relative-offset", kind: 'relative', examples: ['sau 15 ngày tổ chức hội nghị cấp thành phố', 'trong vòng 30 ngày kể từ ngày ban hành Kế hoạch'] }, 
  String.raw`(?<![\p{L}])(?:sau|trong${W}vòng|trong${W}thời${W}hạn|chậm${W}nhất)${W}(\d+|\p{L}+)${W}(ngày|tuần|tháng)(?:${W}làm${W}việc)?(?:${W}(?:kể${W}từ|sau${W}khi|từ)${W}(?:ngày${W})?|${W})(${STOP}+?)(?=\s*[).;:,\n]|\s*$)`,
  (m) => {
    const n = num(m[1]);
    if (n == null) return null;
    const unit = m[2].toLowerCase();
    const days = unit === 'ngày' ? n : unit === 'tuần' ? n * 7 : n * 30;
    return { ...base, kind: 'relative', offsetDays: days, event: cleanEvent(m[3]) };
  },
);

// --- dates with a cue: "trước ngày 30/8/2025" (→ day before), "đến ngày", "chậm nhất ngày", "vào ngày 03 tháng 9 năm 2025"
const DATE_NUM = String.raw`(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})`;
const DATE_TXT = String.raw`(\d{1,2})${W}tháng${W}(\d{1,2})${W}năm${W}(\d{4})`;
for (const [d, r] of [
  [DATE_NUM, { id: 'cue-date-numeric', kind: 'date', examples: ['báo cáo kết quả trước ngày 30/8/2025', 'chậm nhất ngày 15/12/2025'] }],
  [DATE_TXT, { id: 'cue-date-words', kind: 'date', examples: ['tổ chức vào ngày 03 tháng 9 năm 2025'] }],
] as const) {
  rule(r, 
    String.raw`(?<![\p{L}])(trước|đến|tới|chậm${W}nhất(?:${W}là)?(?:${W}vào)?|hạn${W}chót|vào|trong|từ|hoàn${W}thành(?:${W}trước)?|kỳ${W}sinh${W}hoạt(?:${W}chi${W}bộ)?)(?:${W}hết)?${W}ngày${W}${d}`,
    (m) => {
      const [dd, mm, yy] = [+m[2], +m[3], +m[4]];
      if (!validDate(yy, mm, dd)) return null;
      const cue = m[1].toLowerCase().replace(/\s+/g, ' ');
      const due = cue === 'trước' || cue === 'hoàn thành trước' ? dayBefore(yy, mm, dd) : isoDate(yy, mm, dd);
      // "trước/đến/chậm nhất ngày …" keep their cue; "vào/trong/kỳ sinh hoạt … ngày …" start at "ngày"
      const keepCue = /^(?:trước|đến|tới|chậm nhất|hạn chót|hoàn thành trước)/u.test(cue);
      const skip = keepCue ? 0 : m[0].search(/ngày/iu);
      return { ...base, kind: 'date', due, skip };
    },
  );
}

// --- periods: "trong tháng 10/2025", "trong quý IV năm 2025", "Quý IV/2025", "trong năm 2025", "6 tháng đầu năm 2025"
const PERIOD_CUE = String.raw`(?:(trong|đến${W}hết|đến|trước|cuối|chậm${W}nhất(?:${W}là)?(?:${W}trong)?)${W})`;
const periodMake = (kindOf: (m: RegExpExecArray) => { y: number; lastMonth: number; firstMonth: number } | null) => (m: RegExpExecArray, text: string, cells: readonly Span[]) => {
  const r = kindOf(m);
  if (!r) return null;
  const cue = (m[1] ?? '').toLowerCase().replace(/\s+/g, ' ');
  if (!cue && !bareAllowed(text, m.index!) && !inCell(text, cells, m.index!, m.index! + m[0].length)) return null;
  let due: string;
  if (cue === 'trước') {
    due = dayBefore(r.y, r.firstMonth, 1);
  } else due = isoDate(r.y, r.lastMonth, lastDayOfMonth(r.y, r.lastMonth));
  return { ...base, kind: 'period' as Kind, due };
};
rule({ id: "month-of-year", kind: 'period', examples: ['hoàn thành trong tháng 10/2025', 'trước tháng 12 năm 2025'] }, 
  String.raw`(?<![\p{L}])${PERIOD_CUE}?tháng${W}(\d{1,2})\s*(?:/|${W}năm${W}|-)\s*(\d{4})(?![\d/])`,
  periodMake((m) => {
    const mo = +m[2];
    return mo >= 1 && mo <= 12 ? { y: +m[3], lastMonth: mo, firstMonth: mo } : null;
  }),
);
rule({ id: "quarter-of-year", kind: 'period', examples: ['trong quý IV năm 2025', 'tổ chức sơ kết trong Quý IV/2025'] }, 
  String.raw`(?<![\p{L}])${PERIOD_CUE}?quý${W}(IV|III|II|I|[1-4])\s*(?:/|${W}năm${W}|-)\s*(\d{4})(?![\d/])`,
  periodMake((m) => {
    const q = quarterNumber(m[2])!;
    return { y: +m[3], lastMonth: q * 3, firstMonth: q * 3 - 2 };
  }),
);
rule({ id: "half-year", kind: 'period', examples: ['trong 6 tháng đầu năm 2026'] }, 
  String.raw`(?<![\p{L}])${PERIOD_CUE}?(?:6|06|sáu)${W}tháng${W}(đầu|cuối)${W}năm${W}(\d{4})`,
  periodMake((m) => (m[2].toLowerCase() === 'đầu' ? { y: +m[3], lastMonth: 6, firstMonth: 1 } : { y: +m[3], lastMonth: 12, firstMonth: 7 })),
);
rule({ id: "year", kind: 'period', examples: ['hoàn thành trong năm 2025', 'đến hết năm 2026'] }, 
  String.raw`(?<![\p{L}])${PERIOD_CUE}năm${W}(\d{4})(?![\d/-])`,
  periodMake((m) => ({ y: +m[2], lastMonth: 12, firstMonth: 1 })),
);
// a bare year is a deadline only as the whole of a task table's time cell ("Năm 2026"; a date elsewhere ends in "năm 2026")
rule({ id: "year-cell", kind: 'period', examples: ['|\nSTT\n|\nNhiệm vụ\n|\nCơ quan chủ trì\n|\nThời gian hoàn thành\n|\n|\n1\n|\nTổng kết việc thi hành Luật\n|\nSở Nội vụ\n|\nNăm 2026\n|'] }, 
  String.raw`(?<![\p{L}])()năm${W}(\d{4})(?![\d/-])`,
  (m, text, cells) => (inCell(text, cells, m.index!, m.index! + m[0].length, true) ? periodMake((x) => ({ y: +x[2], lastMonth: 12, firstMonth: 1 }))(m, text, cells) : null),
);

// --- recurring
rule({ id: "monthly-day", kind: 'recurring', examples: ['sinh hoạt định kỳ vào ngày 03 hằng tháng'] }, String.raw`(?<![\p{L}])ngày${W}(\d{1,2})${W}${HANG}${W}tháng`, (m) => {
  const d = +m[1];
  return d >= 1 && d <= 31 ? { ...base, kind: 'recurring', rrule: `FREQ=MONTHLY;BYMONTHDAY=${d}` } : null;
});
rule({ id: "times-per-period", kind: 'recurring', examples: ['mỗi quý ít nhất 01 lần', 'một năm hai lần'] }, String.raw`(?<![\p{L}])(?:ít${W}nhất${W})?(?:mỗi|một)${W}(tuần|tháng|quý|năm)${W}(?:ít${W}nhất${W})?(\d+|một|hai|ba|bốn)${W}lần`, (m) => {
  const c = num(m[2]);
  return c ? { ...base, kind: 'recurring', rrule: perUnit(m[1], c) } : null;
});
rule({ id: "months-once", kind: 'recurring', examples: ['06 tháng và hằng năm', '3 tháng một lần'] }, String.raw`(?<![\p{L}])(?:định${W}kỳ${W})?(\d+|sáu|ba)${W}tháng(?:${W}(?:và|,)${W}${HANG}${W}năm|${W}(?:một|1|01)${W}lần)`, (m) => {
  const n = num(m[1]);
  return n ? { ...base, kind: 'recurring', rrule: n === 1 ? 'FREQ=MONTHLY' : `FREQ=MONTHLY;INTERVAL=${n}` } : null;
});
rule({ id: "periodic-months", kind: 'recurring', examples: ['định kỳ 6 tháng báo cáo kết quả'] }, String.raw`(?<![\p{L}])định${W}kỳ${W}(\d+|sáu|ba)${W}tháng`, (m) => {
  const n = num(m[1]);
  return n ? { ...base, kind: 'recurring', rrule: n === 1 ? 'FREQ=MONTHLY' : `FREQ=MONTHLY;INTERVAL=${n}` } : null;
});
rule({ id: "quarter-yearly", kind: 'recurring', examples: ['trong quý I hằng năm'] }, String.raw`(?<![\p{L}])trong${W}quý${W}(IV|III|II|I|[1-4])${W}${HANG}${W}năm`, (m) => {
  const q = quarterNumber(m[1])!;
  return { ...base, kind: 'recurring', rrule: `FREQ=YEARLY;BYMONTH=${q * 3};BYMONTHDAY=${q * 3 === 3 || q * 3 === 12 ? 31 : 30}` };
});
rule({ id: "month-yearly", kind: 'recurring', examples: ['trong tháng 12 hằng năm'] }, String.raw`(?<![\p{L}])trong${W}tháng${W}(\d{1,2})${W}${HANG}${W}năm`, (m) => {
  const mo = +m[1];
  if (mo < 1 || mo > 12) return null;
  return { ...base, kind: 'recurring', rrule: `FREQ=YEARLY;BYMONTH=${mo};BYMONTHDAY=${mo === 2 ? -1 : lastDayOfMonth(2001, mo)}` };
});
rule({ id: "every-period", kind: 'recurring', examples: ['báo cáo hằng tháng', 'định kỳ hằng năm tổ chức sơ kết'] }, String.raw`(?<![\p{L}])(?:định${W}kỳ${W})?${HANG}${W}(${PERIOD_WORDS})(?![\p{L}])`, (m) => ({
  ...base,
  kind: 'recurring',
  rrule: perUnit(m[1], 1),
}));
rule({ id: "first-week-monthly", kind: 'recurring', examples: ['trong tuần đầu tiên của mỗi tháng'] }, String.raw`(?<![\p{L}])trong${W}tuần${W}đầu(?:${W}tiên)?${W}(?:của${W})?(?:mỗi${W})?tháng`, () => ({ ...base, kind: 'recurring' }));
rule({ id: "each-meeting", kind: 'recurring', examples: ['tại các kỳ sinh hoạt chi bộ'] }, String.raw`(?<![\p{L}])(?:trong|tại|vào)${W}(?:mỗi|các)${W}kỳ${W}sinh${W}hoạt(?:${W}chi${W}bộ|${W}đảng)?`, () => ({ ...base, kind: 'recurring' }));
rule({ id: "periodic", kind: 'recurring', examples: ['định kỳ kiểm tra, giám sát việc thực hiện'] }, String.raw`(?<![\p{L}])định${W}kỳ(?![\p{L}])`, () => ({ ...base, kind: 'recurring' }));

// --- continuous
rule({ id: "continuous", kind: 'continuous', examples: ['thực hiện thường xuyên'] }, String.raw`(?<![\p{L}])(?:thực${W}hiện${W})?thường${W}xuyên(?![\p{L}])`, () => ({ ...base, kind: 'continuous' }));

// ------------------------------------------------------------------ filters

function cleanEvent(s: string): string {
  return collapse(s).replace(/[,\s]+$/u, '');
}

/**
 * Whether [start, end) lies in the time cell of a task table row ("Thời gian hoàn thành": "Tháng 12/2025",
 * "Quý II/2026"); `whole`: and is all the cell says.
 */
function inCell(text: string, cells: readonly Span[], start: number, end: number, whole = false): boolean {
  return cells.some(([s, e]) => s <= start && end <= e && (!whole || text.slice(s, e).trim() === text.slice(start, end).trim()));
}

/** A period without a cue word is read only in a bracketed note or after "Thời gian:"/"Thời hạn:", or in a time cell. */
function bareAllowed(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 40), at);
  if (/\(\s*$/u.test(before)) return true;
  if (/(?:thời\s+gian|thời\s+hạn|hạn)\s*:\s*$/iu.test(before)) return true;
  if (/(?:hoàn\s+thành|xong)\s*$/iu.test(before)) return true;
  return false;
}

/** Nouns after which "định kỳ" qualifies a meeting rather than scheduling an action. */
const PERIODIC_NOUN = /(?:sinh\s+hoạt|họp|cuộc\s+họp|buổi|hội\s+nghị|báo\s+cáo)\s*$/iu;
/** Words after "thường xuyên" that show it qualifies a noun, not an action ("nhiệm vụ trọng tâm, thường xuyên trong …"). */
const NOT_VERB_AFTER = /^\s*(?:với|trong|của|và|hơn|nhất|là|cho|đối|[,.;:)])/iu;

function keep(c: Candidate, text: string, headingSpans: Span[]): boolean {
  const quote = text.slice(c.start, c.end);
  const before = text.slice(Math.max(0, c.start - 40), c.start);
  const after = text.slice(c.end, c.end + 30);
  // headings repeat the wording of the body below; the time expression belongs to the body
  if ((c.kind === 'continuous' || c.kind === 'recurring') && headingSpans.some(([s, e]) => s <= c.start && c.end <= e)) return false;
  // negated schedule: "không họp vào ngày 03 hằng tháng"
  if (c.kind === 'recurring' && /không\s+[^.;,()]{0,25}$/iu.test(before)) return false;
  if (/^định\s+kỳ$/iu.test(collapse(quote)) && PERIODIC_NOUN.test(before)) return false;
  if (c.kind === 'continuous' && !/^thực\s+hiện/iu.test(quote)) {
    const actionBefore = /(?:tiến\s+hành|thực\s+hiện|làm)[^.;\n]{0,15}$/iu.test(before.replace(/\n/g, ' '));
    if (!actionBefore && NOT_VERB_AFTER.test(after)) return false;
    if (!actionBefore && /^\s*$/u.test(after)) return false;
  }
  return true;
}

/** Heading spans: from segments when present, else lines that look like numbered titles. */
function headingSpans(doc: Doc): Span[] {
  const out: Span[] = [];
  visit(doc.segments, (s) => {
    if (s.kind === 'heading') out.push(s.span);
    else if (s.heading && !s.children.some((c) => c.kind === 'heading')) {
      const i = doc.text.indexOf(s.heading.slice(0, 20), s.span[0]);
      if (i >= 0 && i < s.span[1]) out.push([i, Math.min(s.span[1], i + s.heading.length)]);
    }
  });
  if (doc.segments.length === 0) {
    // fallback on raw text: a numbered line that does not end a sentence and is followed by a capitalised line
    const re = /^[ \t]*(?:[IVX]+|\d+(?:\.\d+)*)\.[ \t]+([^\n]*[^.;:,\s])[ \t]*\n(?=[ \t]*\p{Lu})/gmu;
    for (const m of doc.text.matchAll(re)) out.push([m.index!, m.index! + m[0].length]);
  }
  return out;
}

// ------------------------------------------------------------------ main

export function findDeadlines(doc: Doc): Result<Deadline[]> {
  const text = doc.text;
  const cands: Candidate[] = [];
  const cells = taskRows(doc).flatMap((r) => (r.deadline && r.deadline.text.trim() ? [r.deadline.span] : []));
  for (const p of P) {
    for (const m of p.lb ? p.lb.matchAll(text) : text.matchAll(p.re)) {
      const v = p.make(m as RegExpExecArray, text, cells);
      if (!v) continue;
      const start = m.index! + (v.skip ?? 0);
      let end = m.index! + m[0].length;
      // trim trailing whitespace from the quote
      while (end > start && /\s/.test(text[end - 1])) end--;
      const { skip: _skip, ...rest } = v;
      cands.push({ ...rest, start, end });
    }
  }
  // overlaps: the longest expression wins ("định kỳ hằng quý" over "hằng quý" and "định kỳ")
  cands.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const hs = headingSpans(doc);
  // the chosen expressions never overlap: kept sorted by start, an overlap is found by binary search next to
  // where the candidate would go (comparing it with every chosen one was quadratic: 20 000 short paragraphs, 200 s)
  const chosen: Candidate[] = [];
  for (const c of cands) {
    let lo = 0;
    let hi = chosen.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (chosen[mid].start < c.start) lo = mid + 1;
      else hi = mid;
    }
    if ((lo > 0 && chosen[lo - 1].end > c.start) || (lo < chosen.length && chosen[lo].start < c.end)) continue;
    if (!keep(c, text, hs)) continue;
    chosen.splice(lo, 0, c);
  }
  const loc = segmentLocator(doc.segments);
  const value: Deadline[] = chosen.map((c) => ({
    text: text.slice(c.start, c.end),
    kind: c.kind,
    due: c.due,
    rrule: c.rrule,
    event: c.event,
    offsetDays: c.offsetDays,
    span: [c.start, c.end],
    path: loc.pathAt(c.start),
    task: null,
  }));
  return { value, diagnostics: [] };
}

export { segmentAt };
