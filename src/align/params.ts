/**
 * Changed parameters between a requirement and the plan passage that keeps it:
 * numbers, days of the month, frequencies, weakening qualifiers, lists that
 * lose or gain members, and the body a task is given to.
 */
import { asciiFold, matchKey } from '../normalize/vi.js';
import { type Tok, freqLabel } from './tokens.js';

export type ParamKind = 'number' | 'day' | 'frequency';
export interface Param {
  kind: ParamKind;
  value: string;
  text: string;
  at: number; // token index
}

const MONTH_WORDS = new Set(['thang']);

/** Numbers, days and frequencies in a token range. */
export function paramsOf(toks: Tok[], text: string, from = 0, to = toks.length): Param[] {
  const out: Param[] = [];
  for (let i = from; i < to; i++) {
    const t = toks[i];
    if (t.kind === 'freq') {
      // "6 tháng một lần": the count belongs to the frequency
      const next = toks[i + 1];
      const end = next && next.kind === 'times' && next.value === '1' && i + 1 < to ? next.end : t.end;
      out.push({ kind: 'frequency', value: t.value!, text: text.slice(t.start, end), at: i });
    }
    else if (t.kind === 'times') out.push({ kind: 'number', value: `${t.value}×`, text: text.slice(t.start, t.end), at: i });
    else if (t.kind === 'num') {
      const prev = toks[i - 1];
      const next = toks[i + 1];
      const n = Number(t.value);
      // "ngày 03" (not a full date "ngày 23 tháng 7 năm 2025")
      if (prev?.key === 'ngay' && Number.isInteger(n) && n >= 1 && n <= 31 && !(next && MONTH_WORDS.has(next.key) && toks[i + 2]?.kind === 'num')) {
        out.push({ kind: 'day', value: String(n), text: text.slice(prev.start, t.end), at: i });
        continue;
      }
      // part of a date "ngày 23 tháng 7 năm 2025": not a parameter of the requirement
      if (prev?.key === 'thang' && toks[i - 2]?.kind === 'num') continue;
      if (prev?.key === 'nam' && toks[i - 2]?.kind === 'num' && toks[i - 3]?.key === 'thang') continue;
      if (prev?.key === 'ngay' && next?.key === 'thang') continue;
      const unit = next && next.kind === 'word' && /^(ngay|thang|nam|tuan|quy|lan|gio|phut|%|dong|nguoi|chi|dang)$/.test(next.key) ? ' ' + text.slice(next.start, next.end) : '';
      out.push({ kind: 'number', value: t.value! + (unit ? ' ' + next!.key : ''), text: text.slice(t.start, t.end) + unit, at: i });
    }
  }
  return out;
}

export interface Change {
  kind: 'number' | 'day' | 'frequency' | 'qualifier' | 'list' | 'body' | 'deadline';
  from: string | null;
  to: string | null;
  note?: string;
}

/** Compare the parameters of a requirement with those of the plan region that keeps it. */
export function paramChanges(req: Param[], plan: Param[]): Change[] {
  const out: Change[] = [];
  for (const kind of ['day', 'frequency', 'number'] as ParamKind[]) {
    const r = req.filter((p) => p.kind === kind);
    const p = plan.filter((x) => x.kind === kind);
    const pLeft = [...p];
    const missing: Param[] = [];
    for (const x of r) {
      const k = pLeft.findIndex((y) => y.value === x.value);
      if (k >= 0) pLeft.splice(k, 1);
      else missing.push(x);
    }
    for (const x of missing) {
      const y = pLeft.shift() ?? null;
      out.push({ kind, from: x.text, to: y ? y.text : null, note: y ? undefined : `kế hoạch không còn «${kind === 'frequency' ? freqLabel(x.value) : x.text}»` });
    }
  }
  // a frequency turned into a number of months ("mỗi quý" → "6 tháng"): reported as frequency
  for (const c of out) {
    if (c.kind === 'frequency' && c.to === null) {
      const n = out.find((x) => x.kind === 'number' && x.from === null);
      if (n) c.to = n.to;
    }
  }
  return out;
}

// ---------------------------------------------------------------- qualifiers

/** Words that soften an obligation when a plan adds them. */
export const WEAKENERS = [
  'cơ bản',
  'có thể',
  'khuyến khích',
  'nếu có điều kiện',
  'nơi có điều kiện',
  'những nơi có điều kiện',
  'tùy tình hình',
  'tùy điều kiện',
  'phấn đấu',
  'từng bước',
  'tương đối',
  'nếu cần',
  'khi cần thiết',
  'hạn chế',
];
/** Words that make an obligation strict when the base has them. */
export const STRENGTHENERS = ['tuyệt đối', 'bắt buộc', 'nghiêm cấm', 'không được', 'ít nhất', 'tối thiểu', 'kiên quyết', 'triệt để', 'nghiêm túc', 'phải'];

const wordRe = (w: string) => new RegExp(`(?<![\\p{L}])${matchKey(w).replace(/ /g, '\\s+')}(?![\\p{L}])`, 'u');
const WEAK_RE = WEAKENERS.map((w) => [w, wordRe(w)] as const);
const STRONG_RE = STRENGTHENERS.map((w) => [w, wordRe(w)] as const);
/** The longest syllable of each word's key: the regex cannot match a text that lacks it (a cheap test first). */
const longest = (w: string) => matchKey(w).split(' ').reduce((a, b) => (b.length > a.length ? b : a), '');
const WEAK_SYL = WEAKENERS.map(longest);
const STRONG_SYL = STRENGTHENERS.map(longest);

/** Words by which a footnote allows exceptions to the sentence it is attached to. */
const EXCEPTION_WORDS = ['có thể', 'không họp', 'ngoài', 'trừ', 'trường hợp', 'được phép', 'linh hoạt'].map(matchKey);

/** Which weakeners and strengtheners a requirement key holds (computed once per base, in its index). */
export interface Qualifiers {
  weak: boolean[];
  strong: boolean[];
}
export function qualifiersOf(reqKey: string): Qualifiers {
  return { weak: WEAK_RE.map(([, re]) => re.test(reqKey)), strong: STRONG_RE.map(([, re]) => re.test(reqKey)) };
}

/** r: the requirement's qualifiers (`qualifiersOf` its key); planKey: matchKey form of the plan region. */
export function qualifierChanges(r: Qualifiers, planKey: string, footnotes: string[]): Change[] {
  const p = planKey;
  const out: Change[] = [];
  for (const [k, [w, re]] of WEAK_RE.entries()) {
    if (!r.weak[k] && p.includes(WEAK_SYL[k]) && re.test(p)) {
      // "hạn chế" is a noun ("những hạn chế") as often as a verb: only when it governs the task
      if (w === 'hạn chế' || w === 'có thể' && /có thể\s+(?:hiện|thấy)/u.test(p)) continue;
      if (out.some((c) => c.to && matchKey(c.to).includes(matchKey(w)))) continue;
      out.push({ kind: 'qualifier', from: null, to: w, note: `kế hoạch thêm «${w}»` });
    }
  }
  for (const [k, [w, re]] of STRONG_RE.entries()) {
    if (r.strong[k] && !(p.includes(STRONG_SYL[k]) && re.test(p))) {
      if (w === 'phải' || w === 'nghiêm túc') continue; // too common to be a reliable signal on its own
      out.push({ kind: 'qualifier', from: w, to: null, note: `kế hoạch bỏ «${w}»` });
    }
  }
  for (const f of footnotes) {
    const fk = matchKey(f);
    if (EXCEPTION_WORDS.some((w) => fk.includes(w)))
      out.push({ kind: 'qualifier', from: null, to: f.length > 160 ? f.slice(0, 157) + '…' : f, note: 'chú thích cho phép ngoại lệ' });
  }
  return out;
}

// ---------------------------------------------------------------- lists

/**
 * Enumerations: runs of ≥ 3 short comma-separated members (each ≤ 6 syllables)
 * in a token range, by token index.
 */
export function listsOf(text: string, toks: Tok[], from = 0, to = toks.length): { start: number; end: number; members: string[] }[] {
  const out: { start: number; end: number; members: string[] }[] = [];
  // comma-separated pieces, each tagged with whether a stop (; . : parenthesis) follows it
  const pieces: { s: number; e: number; stop: boolean }[] = [];
  let s0 = from;
  for (let i = from; i < to; i++) {
    const next = toks[i + 1];
    const gap = next && i + 1 < to ? text.slice(toks[i].end, next.start) : '.';
    if (/^\s*,\s*$/.test(gap)) {
      pieces.push({ s: s0, e: i + 1, stop: false });
      s0 = i + 1;
    } else if (/[;.:()"“”]/.test(gap)) {
      pieces.push({ s: s0, e: i + 1, stop: true });
      s0 = i + 1;
    }
  }
  let run: { s: number; e: number }[] = [];
  const flush = () => {
    if (run.length >= 3) {
      const members = run.map((m) => memberText(text, toks, m.s, m.e));
      out.push({ start: run[0].s, end: run[run.length - 1].e, members });
    }
    run = [];
  };
  for (const p of pieces) {
    let { s } = p;
    const len = p.e - s;
    // a lead-in inside the piece starts a new list after it
    for (let i = p.e - 1; i > s; i--) {
      const k = toks[i - 1].key + ' ' + toks[i].key;
      if (k === 'nhat la' || k === 'dac biet' || toks[i].key === 'gom' || k === 'bao gom') {
        flush();
        s = i + 1 + (toks[i + 1]?.key === 'la' ? 1 : 0);
        break;
      }
    }
    if (p.e - s <= 0) continue;
    if (p.e - s > 8 || (run.length === 0 && s === p.s && len > 5)) {
      flush();
      if (p.stop) flush();
      continue;
    }
    run.push({ s, e: p.e });
    if (p.stop) flush();
  }
  flush();
  return out;
}

function memberText(text: string, toks: Tok[], s: number, e: number): string {
  return text
    .slice(toks[s].start, toks[e - 1].end)
    .replace(/^(?:(?:và|hoặc|nhất là|đặc biệt là|như|ở|tại)\s+)+/iu, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

const memberKey = (m: string) => matchKey(m.replace(/^(?:và|hoặc|các|những|ở|tại)\s+/iu, ''));
/** Diacritic-free words of a list member, and their joined form (memoized: members recur across requirements and plans). */
const FOLD_CACHE = new Map<string, { words: string[]; set: Set<string>; joined: string }>();
function folded(m: string): { words: string[]; set: Set<string>; joined: string } {
  let f = FOLD_CACHE.get(m);
  if (!f) {
    const words = asciiFold(memberKey(m)).split(' ').filter(Boolean);
    f = { words, set: new Set(words), joined: words.join(' ') };
    if (FOLD_CACHE.size > 50000) FOLD_CACHE.clear();
    FOLD_CACHE.set(m, f);
  }
  return f;
}

/** Two members are the same when most of their (diacritic-free) syllables agree: OCR slips and small rewordings pass. */
function sameMember(a: string, b: string): boolean {
  const fa = folded(a);
  const fb = folded(b);
  const x = fa.words;
  const y = fb.words;
  if (!x.length || !y.length) return false;
  const ys = fb.set;
  let common = 0;
  for (const w of x) if (ys.has(w)) common++;
  return common / (x.length + y.length - common) >= 0.6 || (common >= 2 && (fa.joined.endsWith(fb.joined) || fb.joined.endsWith(fa.joined)));
}

/** Whether a member's words occur in a text (diacritic-free, as a phrase). */
function mentioned(member: string, textKey: string): boolean {
  const w = folded(member).joined;
  return w.length > 0 && (' ' + textKey + ' ').includes(' ' + w + ' ');
}

/**
 * Members lost and gained between a base list and the plan list aligned to it.
 * A member counts as lost only when the plan region does not mention it at all,
 * and as gained only when the requirement does not, so that a list cut at a
 * different place is not a change. reqFold: `asciiFold` of the requirement's matchKey form;
 * planKey: matchKey form of the plan region.
 */
export function listChange(base: string[], plan: string[], reqFold: string, planKey: string): Change | null {
  const rk = reqFold;
  const pk = asciiFold(planKey);
  const lost = base.filter((m) => !plan.some((x) => sameMember(m, x)) && !mentioned(m, pk));
  const gained = plan.filter((m) => !base.some((x) => sameMember(m, x)) && !mentioned(m, rk));
  if (!lost.length && !gained.length) return null;
  // a wholesale difference means the lists are not counterparts
  if (lost.length === base.length && gained.length === plan.length) return null;
  const note = [lost.length ? `bớt: ${lost.join(', ')}` : '', gained.length ? `thêm: ${gained.join(', ')}` : ''].filter(Boolean).join('; ');
  return { kind: 'list', from: base.join(', '), to: plan.join(', '), note };
}
