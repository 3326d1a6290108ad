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
import type { Deadline, Doc, Result, Segment, Span } from '../model.js';
import { collapse } from '../normalize/vi.js';
import { AfterLookbehind, segmentAt, segmentLocator } from './util.js';

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

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };
const WORD_NUM: Record<string, number> = {
  một: 1, hai: 2, ba: 3, bốn: 4, năm: 5, sáu: 6, bảy: 7, tám: 8, chín: 9, mười: 10, mươi: 10,
};
function num(s: string): number | null {
  const t = s.toLowerCase();
  if (/^\d+$/.test(t)) return parseInt(t, 10);
  return WORD_NUM[t] ?? null;
}

/** Frequency words → RRULE fragments. */
const FREQ: Record<string, string> = {
  ngày: 'FREQ=DAILY',
  tuần: 'FREQ=WEEKLY',
  tháng: 'FREQ=MONTHLY',
  quý: 'FREQ=MONTHLY;INTERVAL=3',
  năm: 'FREQ=YEARLY',
};
const MONTHS_IN: Record<string, number> = { ngày: 0, tuần: 0, tháng: 1, quý: 3, năm: 12 };

/** "every `count` times per `unit`" → RRULE. */
function perUnit(unit: string, count: number): string | null {
  const u = unit.toLowerCase();
  if (count === 1) return FREQ[u] ?? null;
  const months = MONTHS_IN[u];
  if (months && months % count === 0) {
    const interval = months / count;
    return interval === 1 ? 'FREQ=MONTHLY' : `FREQ=MONTHLY;INTERVAL=${interval}`;
  }
  return null;
}

// ------------------------------------------------------------------ patterns

const W = String.raw`\s+`; // whitespace incl. hard line breaks of PDF text
const HANG = String.raw`(?:hằng|hàng)`;
/** Characters that end an event clause. */
const STOP = String.raw`[^().;:\n!?]`;

interface Pattern {
  re: RegExp;
  /** the same pattern run with its leading lookbehind checked apart */
  lb: AfterLookbehind | null;
  make: (m: RegExpExecArray, text: string) => Omit<Candidate, 'start' | 'end'> | null;
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

// --- conditional: "(ngay) sau khi có hướng dẫn của Trung ương", "đến khi có quy định …", "khi có thay đổi về nhân sự"
add(String.raw`(?<![\p{L}])(?:ngay${W})?(?:sau|đến|cho${W}đến|cho${W}tới|tới)${W}khi${W}(${STOP}+?)(?=\s*[).;:\n]|\s*$)`, (m) => ({
  ...base,
  kind: 'conditional',
  event: cleanEvent(m[1]),
}));
add(String.raw`(?<![\p{L}])khi${W}(có${W}[^().;:,\n]+?)(?=\s*[).;:,\n]|\s*$)`, (m) => ({ ...base, kind: 'conditional', event: cleanEvent(m[1]) }));

// --- relative: "sau 15 ngày tổ chức hội nghị cấp thành phố", "trong vòng 30 ngày kể từ ngày …"
add(
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
for (const d of [DATE_NUM, DATE_TXT]) {
  add(
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
const periodMake = (kindOf: (m: RegExpExecArray) => { y: number; lastMonth: number; firstMonth: number } | null) => (m: RegExpExecArray, text: string) => {
  const r = kindOf(m);
  if (!r) return null;
  const cue = (m[1] ?? '').toLowerCase().replace(/\s+/g, ' ');
  if (!cue && !bareAllowed(text, m.index!)) return null;
  let due: string;
  if (cue === 'trước') {
    due = dayBefore(r.y, r.firstMonth, 1);
  } else due = isoDate(r.y, r.lastMonth, lastDayOfMonth(r.y, r.lastMonth));
  return { ...base, kind: 'period' as Kind, due };
};
add(
  String.raw`(?<![\p{L}])${PERIOD_CUE}?tháng${W}(\d{1,2})\s*(?:/|${W}năm${W}|-)\s*(\d{4})(?![\d/])`,
  periodMake((m) => {
    const mo = +m[2];
    return mo >= 1 && mo <= 12 ? { y: +m[3], lastMonth: mo, firstMonth: mo } : null;
  }),
);
add(
  String.raw`(?<![\p{L}])${PERIOD_CUE}?quý${W}(IV|III|II|I|[1-4])\s*(?:/|${W}năm${W}|-)\s*(\d{4})(?![\d/])`,
  periodMake((m) => {
    const q = ROMAN[m[2].toLowerCase()];
    return { y: +m[3], lastMonth: q * 3, firstMonth: q * 3 - 2 };
  }),
);
add(
  String.raw`(?<![\p{L}])${PERIOD_CUE}?(?:6|06|sáu)${W}tháng${W}(đầu|cuối)${W}năm${W}(\d{4})`,
  periodMake((m) => (m[2].toLowerCase() === 'đầu' ? { y: +m[3], lastMonth: 6, firstMonth: 1 } : { y: +m[3], lastMonth: 12, firstMonth: 7 })),
);
add(
  String.raw`(?<![\p{L}])${PERIOD_CUE}năm${W}(\d{4})(?![\d/-])`,
  periodMake((m) => ({ y: +m[2], lastMonth: 12, firstMonth: 1 })),
);

// --- recurring
add(String.raw`(?<![\p{L}])ngày${W}(\d{1,2})${W}${HANG}${W}tháng`, (m) => {
  const d = +m[1];
  return d >= 1 && d <= 31 ? { ...base, kind: 'recurring', rrule: `FREQ=MONTHLY;BYMONTHDAY=${d}` } : null;
});
add(String.raw`(?<![\p{L}])(?:ít${W}nhất${W})?(?:mỗi|một)${W}(tuần|tháng|quý|năm)${W}(?:ít${W}nhất${W})?(\d+|một|hai|ba|bốn)${W}lần`, (m) => {
  const c = num(m[2]);
  return c ? { ...base, kind: 'recurring', rrule: perUnit(m[1], c) } : null;
});
add(String.raw`(?<![\p{L}])(?:định${W}kỳ${W})?(\d+|sáu|ba)${W}tháng(?:${W}(?:và|,)${W}${HANG}${W}năm|${W}(?:một|1|01)${W}lần)`, (m) => {
  const n = num(m[1]);
  return n ? { ...base, kind: 'recurring', rrule: n === 1 ? 'FREQ=MONTHLY' : `FREQ=MONTHLY;INTERVAL=${n}` } : null;
});
add(String.raw`(?<![\p{L}])định${W}kỳ${W}(\d+|sáu|ba)${W}tháng`, (m) => {
  const n = num(m[1]);
  return n ? { ...base, kind: 'recurring', rrule: n === 1 ? 'FREQ=MONTHLY' : `FREQ=MONTHLY;INTERVAL=${n}` } : null;
});
add(String.raw`(?<![\p{L}])trong${W}quý${W}(IV|III|II|I|[1-4])${W}${HANG}${W}năm`, (m) => {
  const q = ROMAN[m[1].toLowerCase()];
  return { ...base, kind: 'recurring', rrule: `FREQ=YEARLY;BYMONTH=${q * 3};BYMONTHDAY=${q * 3 === 3 || q * 3 === 12 ? 31 : 30}` };
});
add(String.raw`(?<![\p{L}])trong${W}tháng${W}(\d{1,2})${W}${HANG}${W}năm`, (m) => {
  const mo = +m[1];
  if (mo < 1 || mo > 12) return null;
  return { ...base, kind: 'recurring', rrule: `FREQ=YEARLY;BYMONTH=${mo};BYMONTHDAY=${mo === 2 ? -1 : lastDayOfMonth(2001, mo)}` };
});
add(String.raw`(?<![\p{L}])(?:định${W}kỳ${W})?${HANG}${W}(ngày|tuần|tháng|quý|năm)(?![\p{L}])`, (m) => ({
  ...base,
  kind: 'recurring',
  rrule: FREQ[m[1].toLowerCase()] ?? null,
}));
add(String.raw`(?<![\p{L}])trong${W}tuần${W}đầu(?:${W}tiên)?${W}(?:của${W})?(?:mỗi${W})?tháng`, () => ({ ...base, kind: 'recurring' }));
add(String.raw`(?<![\p{L}])(?:trong|tại|vào)${W}(?:mỗi|các)${W}kỳ${W}sinh${W}hoạt(?:${W}chi${W}bộ|${W}đảng)?`, () => ({ ...base, kind: 'recurring' }));
add(String.raw`(?<![\p{L}])định${W}kỳ(?![\p{L}])`, () => ({ ...base, kind: 'recurring' }));

// --- continuous
add(String.raw`(?<![\p{L}])(?:thực${W}hiện${W})?thường${W}xuyên(?![\p{L}])`, () => ({ ...base, kind: 'continuous' }));

// ------------------------------------------------------------------ filters

function cleanEvent(s: string): string {
  return collapse(s).replace(/[,\s]+$/u, '');
}

/** A period without a cue word is read only in a bracketed note or after "Thời gian:"/"Thời hạn:". */
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
  const walk = (segs: Segment[]) => {
    for (const s of segs) {
      if (s.kind === 'heading') out.push(s.span);
      else if (s.heading && !s.children.some((c) => c.kind === 'heading')) {
        const i = doc.text.indexOf(s.heading.slice(0, 20), s.span[0]);
        if (i >= 0 && i < s.span[1]) out.push([i, Math.min(s.span[1], i + s.heading.length)]);
      }
      walk(s.children);
    }
  };
  walk(doc.segments);
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
  for (const p of P) {
    for (const m of p.lb ? p.lb.matchAll(text) : text.matchAll(p.re)) {
      const v = p.make(m as RegExpExecArray, text);
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
