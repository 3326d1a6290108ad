/**
 * Comparable tokens for alignment. A token is a syllable (or a number, or a
 * symbol such as "03-HD/TW") with its offsets in the document text and a
 * comparison key that ignores case, tone marks and vowel-quality marks
 * (asciiFold), so that OCR slips such as "gán"/"gắn" or "Số"/"Sổ" and old/new
 * tone placement compare equal. Numbers compare by value ("01" = "1").
 *
 * A small table of equivalent Vietnamese time/frequency expressions is applied
 * on top: "mỗi quý", "hằng quý", "3 tháng một lần" become one unit with the key
 * "⟨P3M⟩"; "ít nhất"/"tối thiểu" become "⟨MIN⟩"; "1 lần"/"một lần" become "⟨×1⟩".
 * This is linguistic knowledge about Vietnamese, not about any document.
 */
import { asciiFold, matchKey } from '../normalize/vi.js';
import { THESAURUS } from '../vocab/paraphrase.js';
import { NUMBER_WORDS } from '../vocab/numerals.js';
import { PERIODS, type PeriodRow, durationLabel, isoDuration } from '../vocab/time.js';
import { DROPPED_WORDS, PARAMETER_SLOTS } from '../vocab/restatement.js';

export type TokKind = 'word' | 'num' | 'freq' | 'min' | 'times';

export interface Tok {
  /** comparison key: lower-case, diacritics removed, numbers by value, or a canonical unit key */
  key: string;
  /** tone-placement-insensitive form of the surface text (matchKey) */
  mk: string;
  start: number;
  end: number;
  kind: TokKind;
  /** for 'num': the value; for 'freq': an ISO-8601 duration; for 'times': the count */
  value?: string;
  /** interned ids: key, key with i/y spelling folded, and (plan side) the base key one letter away (-1 none) */
  id: number;
  iy: number;
  fz: number;
}

const VOCAB = new Map<string, number>();
/** Intern a key as a small integer (process-wide). */
export function intern(k: string): number {
  let id = VOCAB.get(k);
  if (id === undefined) VOCAB.set(k, (id = VOCAB.size));
  return id;
}
function withIds(t: Omit<Tok, 'id' | 'iy' | 'fz'>): Tok {
  const iyKey = t.kind === 'word' ? t.key.replace(/y$/, 'i').replace(/^y/, 'i') : t.key;
  return { key: t.key, mk: t.mk, start: t.start, end: t.end, kind: t.kind, value: t.value, id: intern(t.key), iy: intern('~' + iyKey), fz: -1 };
}
const WORD_CACHE = new Map<string, { key: string; mk: string; id: number; iy: number }>();

// superscript digits are footnote references, not words
// A token is /[\p{L}\p{M}\p{Nd}]+(?:[-–/.,][\p{L}\p{M}\p{Nd}]+)*/u; rawTokens scans for it by hand,
// classifying characters once (BMP table filled on first sight, astral code points through the regex).
const WORD_CHAR = /^[\p{L}\p{M}\p{Nd}]$/u;
const BMP_CLASS = new Uint8Array(65536); // 0 not yet seen, 1 word character, 2 not
const ASTRAL_CLASS = new Map<number, boolean>();
/** Length (1 or 2 code units) of the word character at s[i], or 0 when s[i] does not start one (end = end of the scanned range). */
function wordCharAt(s: string, i: number, end: number): number {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= end) {
    // BMP (a lone surrogate is a code point that is no letter, mark or digit)
    let k = BMP_CLASS[c];
    if (k === 0) BMP_CLASS[c] = k = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
    return k === 1 ? 1 : 0;
  }
  const d = s.charCodeAt(i + 1);
  if (d < 0xdc00 || d > 0xdfff) {
    let k = BMP_CLASS[c];
    if (k === 0) BMP_CLASS[c] = k = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
    return k === 1 ? 1 : 0;
  }
  const cp = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
  let w = ASTRAL_CLASS.get(cp);
  if (w === undefined) ASTRAL_CLASS.set(cp, (w = WORD_CHAR.test(String.fromCodePoint(cp))));
  return w ? 2 : 0;
}
/** End of the run of word characters starting at i. */
function wordRun(s: string, i: number, end: number): number {
  while (i < end) {
    const n = wordCharAt(s, i, end);
    if (!n) break;
    i += n;
  }
  return i;
}
const isSep = (c: number) => c === 45 /* - */ || c === 0x2013 /* – */ || c === 47 /* / */ || c === 46 /* . */ || c === 44; /* , */

/** Number words by their folded key (NUMBER_WORDS of src/vocab/numerals.ts: "một" → mot → 1). */
const NUM_WORDS = new Map<string, number>(NUMBER_WORDS.map((w) => [asciiFold(w.word), w.value]));

function fold(s: string): string {
  return asciiFold(s.normalize('NFC')).toLowerCase();
}

/** Raw syllable tokens of text[from, to). */
export function rawTokens(text: string, from = 0, to = text.length): Tok[] {
  const out: Tok[] = [];
  for (let i = from; i < to; ) {
    const n0 = wordCharAt(text, i, to);
    if (!n0) {
      i++;
      continue;
    }
    // word characters, then (separator, word characters)* while a word character follows the separator
    let e = wordRun(text, i + n0, to);
    while (e + 1 < to && isSep(text.charCodeAt(e)) && wordCharAt(text, e + 1, to)) e = wordRun(text, e + 1, to);
    const t = text.slice(i, e);
    const start = i;
    i = e;
    // a trailing "." or "," joined by the regex only between digits ("1.1", "2,5"); words never keep them
    const c0 = t.charCodeAt(0);
    // both number forms start with an ASCII digit
    if (c0 >= 48 && c0 <= 57 && /^\d+$/.test(t)) {
      out.push(withIds({ key: String(Number(t)), mk: t, start, end: start + t.length, kind: 'num', value: String(Number(t)) }));
      continue;
    }
    if (c0 >= 48 && c0 <= 57 && /^\d+[.,]\d+$/.test(t)) {
      out.push(withIds({ key: t.replace(',', '.'), mk: t, start, end: start + t.length, kind: 'num', value: t.replace(',', '.') }));
      continue;
    }
    let c = WORD_CACHE.get(t);
    if (!c) {
      const u = t.replace(/–/g, '-');
      const key = fold(u);
      const iyKey = key.replace(/y$/, 'i').replace(/^y/, 'i');
      c = { key, mk: matchKey(u), id: intern(key), iy: intern('~' + iyKey) };
      if (WORD_CACHE.size > 200000) WORD_CACHE.clear();
      WORD_CACHE.set(t, c);
    }
    out.push({ key: c.key, mk: c.mk, start, end: start + t.length, kind: 'word', value: undefined, id: c.id, iy: c.iy, fz: -1 });
  }
  return out;
}

function numOf(t: Tok | undefined): number | null {
  if (!t) return null;
  if (t.kind === 'num') return Number(t.value);
  const w = NUM_WORDS.get(t.key);
  return w ?? null;
}

const EVERY = new Set(['moi', 'hang', 'tung']);
/** Period words by their folded key → ISO unit (PERIODS of src/vocab/time.ts). */
const PERIOD = new Map<string, PeriodRow['iso']>(PERIODS.map((p) => [asciiFold(p.word), p.iso]));

const isoOf = isoDuration;

/** Human label of a canonical frequency ("P3M" → "hằng quý"). */
export const freqLabel = durationLabel;

/**
 * Merge multi-token expressions into canonical units (see module comment).
 * The unit spans the original tokens, so offsets stay exact.
 */
const TRIGGERS = new Set(['it', 'toi', 'mot', 'hai', 'ba', 'moi', 'hang', 'tung', 'dinh', 'ngay', 'tuan', 'thang', 'quy', 'nam']);
export function canonical(toks: Tok[]): Tok[] {
  const out: Tok[] = [];
  const k = (i: number) => toks[i]?.key;
  const unit = (i: number, j: number, key: string, kind: TokKind, value?: string): Tok =>
    withIds({
      key,
      mk: toks.slice(i, j).map((t) => t.mk).join(' '),
      start: toks[i].start,
      end: toks[j - 1].end,
      kind,
      value,
    });
  for (let i = 0; i < toks.length; ) {
    // every rule below starts at a number or at one of these words
    if (toks[i].kind !== 'num' && !TRIGGERS.has(toks[i].key)) {
      out.push(toks[i]);
      i++;
      continue;
    }
    const a = k(i);
    const b = k(i + 1);
    // ít nhất / tối thiểu / không ít hơn
    if ((a === 'it' && b === 'nhat') || (a === 'toi' && b === 'thieu')) {
      out.push(unit(i, i + 2, '⟨MIN⟩', 'min'));
      i += 2;
      continue;
    }
    // N lần (N digit or number word); "một lần" only when it is a count
    if (b === 'lan' && numOf(toks[i]) !== null && (toks[i].kind === 'num' || a === 'mot' || a === 'hai' || a === 'ba')) {
      const n = numOf(toks[i])!;
      out.push(unit(i, i + 2, `⟨×${n}⟩`, 'times', String(n)));
      i += 2;
      continue;
    }
    // hằng/mỗi/từng + period: "hằng tháng", "mỗi quý", "hằng năm"
    if (a && EVERY.has(a) && b && PERIOD.get(b) && !(a === 'tung' && b === 'ngay')) {
      // "mỗi 3 tháng" handled below; "hằng tháng" = P1M
      const iso = isoOf(1, PERIOD.get(b)!);
      out.push(unit(i, i + 2, `⟨${iso}⟩`, 'freq', iso));
      i += 2;
      continue;
    }
    // mỗi/định kỳ N tháng; N tháng một lần; N tháng/lần; quý một lần
    if (a && (EVERY.has(a) || (a === 'dinh' && b === 'ky'))) {
      const off = a === 'dinh' ? 2 : 1;
      const n = numOf(toks[i + off]);
      const u = PERIOD.get(k(i + off + 1) ?? '');
      if (n !== null && u && toks[i + off].kind === 'num') {
        const iso = isoOf(n, u);
        if (off === 2) out.push(unit(i, i + 2, 'dinh', 'word'), unit(i + 1, i + 2, 'ky', 'word'));
        out.push(unit(i + off, i + off + 2, `⟨${iso}⟩`, 'freq', iso));
        i += off + 2;
        continue;
      }
    }
    {
      const n = numOf(toks[i]);
      const u = PERIOD.get(b ?? '');
      // "3 tháng một lần" / "06 tháng 1 lần" / "6 tháng/lần" (the slash makes "tháng/lần" one token)
      if (n !== null && toks[i].kind === 'num' && u && numOf(toks[i + 2]) === 1 && k(i + 3) === 'lan') {
        const iso = isoOf(n, u);
        out.push(unit(i, i + 2, `⟨${iso}⟩`, 'freq', iso));
        out.push(unit(i + 2, i + 4, '⟨×1⟩', 'times', '1'));
        i += 4;
        continue;
      }
      if (n !== null && toks[i].kind === 'num' && b && /^(ngay|tuan|thang|quy|nam)\/lan$/.test(b)) {
        const iso = isoOf(n, PERIOD.get(b.split('/')[0])!);
        out.push(unit(i, i + 2, `⟨${iso}⟩`, 'freq', iso));
        i += 2;
        continue;
      }
      // "quý một lần" → P3M ×1
      if (a && PERIOD.get(a) && a !== 'ngay' && numOf(toks[i + 1]) === 1 && k(i + 2) === 'lan' && i > 0 && toks[i - 1].kind !== 'num' && !EVERY.has(k(i - 1) ?? '')) {
        const iso = isoOf(1, PERIOD.get(a)!);
        out.push(unit(i, i + 1, `⟨${iso}⟩`, 'freq', iso));
        out.push(unit(i + 1, i + 3, '⟨×1⟩', 'times', '1'));
        i += 3;
        continue;
      }
    }
    out.push(toks[i]);
    i++;
  }
  return out;
}

// thesaurus rows by the folded key of their variants' first syllable: [variant keys, canonical keys]
const THES = new Map<string, [string[], string[]][]>();
for (const row of THESAURUS) {
  const canon = fold(row.canonical).split(/\s+/u);
  for (const v of row.variants) {
    const vk = fold(v).split(/\s+/u);
    if (vk.length !== canon.length) throw new Error(`thesaurus row ${row.id}: «${v}» and «${row.canonical}» differ in length`);
    const l = THES.get(vk[0]) ?? [];
    l.push([vk, canon]);
    THES.set(vk[0], l);
  }
}

/**
 * The thesaurus (thesaurus.ts) and number words: variants take the canonical key; "mồng" before a
 * day is dropped and a number word that sets a day or a period becomes a number ("ngày mồng ba" = "ngày 03",
 * "ba tháng một lần" = "3 tháng 1 lần"). Offsets and the surface form (mk) are kept.
 */
export function paraphraseNormal(toks: Tok[]): Tok[] {
  const out: Tok[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.kind !== 'word') {
      out.push(t);
      continue;
    }
    const rows = THES.get(t.key);
    if (rows) {
      const row = rows.find(([vk]) => vk.every((k, j) => toks[i + j]?.key === k));
      if (row) {
        row[1].forEach((k, j) => {
          const x = toks[i + j];
          out.push(withIds({ key: k, mk: x.mk, start: x.start, end: x.end, kind: 'word' }));
        });
        i += row[1].length - 1;
        continue;
      }
    }
    const prev = toks[i - 1]?.key;
    const next = toks[i + 1];
    // "báo cáo về kết quả" = "báo cáo kết quả" (DROPPED_WORDS)
    const dropped = DROPPED.get(t.key);
    if (dropped && dropped.some((after) => after.every((k, j) => toks[i - after.length + j]?.key === k))) continue;
    if (t.key === 'mong' && prev === 'ngay' && next && (next.kind === 'num' || NUM_WORDS.has(next.key))) continue;
    const n = NUM_WORDS.get(t.key);
    if (n !== undefined && t.key !== 'tu') {
      const day = (prev === 'ngay' && t.key !== 'nam') || prev === 'mong';
      const k2 = toks[i + 2];
      const period = !!next && /^(ngay|tuan|thang|quy|nam)(\/lan)?$/.test(next.key) && (next.key.includes('/') || ((k2?.key === 'mot' || (k2?.kind === 'num' && k2.value === '1')) && toks[i + 3]?.key === 'lan'));
      if (day || period) {
        out.push(withIds({ key: String(n), mk: t.mk, start: t.start, end: t.end, kind: 'num', value: String(n) }));
        continue;
      }
    }
    out.push(t);
  }
  return out;
}

/** DROPPED_WORDS by the folded key of the word: the folded verbs it may follow. */
const DROPPED = new Map<string, string[][]>();
for (const row of DROPPED_WORDS) DROPPED.set(fold(row.word), [...(DROPPED.get(fold(row.word)) ?? []), ...row.after.map((a) => fold(a).split(/\s+/u))]);

/** PARAMETER_SLOTS: the i/y id a day of the month, and a frequency, share with every other value of the slot. */
const SLOT_DAY = PARAMETER_SLOTS.some((r) => r.kind === 'day') ? intern('~⟨DAY⟩') : -1;
const SLOT_FREQ = PARAMETER_SLOTS.some((r) => r.kind === 'frequency') ? intern('~⟨FREQ⟩') : -1;

/**
 * A day of the month ("ngày 03", not a full date "ngày 23 tháng 7") and a frequency unit are slots
 * (PARAMETER_SLOTS): another value in the same slot compares at 0.9 (the i/y similarity), so a kept
 * sentence with a changed day or frequency stays aligned and the change is reported (params.ts).
 */
function slots(toks: Tok[]): Tok[] {
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.kind === 'freq' && SLOT_FREQ >= 0) toks[i] = { ...t, iy: SLOT_FREQ };
    else if (t.kind === 'num' && SLOT_DAY >= 0 && toks[i - 1]?.key === 'ngay') {
      const n = Number(t.value);
      const next = toks[i + 1];
      // its own id as well: a number equal to it elsewhere (not a day) must not compare by id while its i/y id differs
      if (Number.isInteger(n) && n >= 1 && n <= 31 && !(next && (next.key === 'thang' || next.key === 'nam') && toks[i + 2]?.kind === 'num')) toks[i] = { ...t, id: intern('⟨DAY⟩' + t.key), iy: SLOT_DAY };
    }
  }
  return toks;
}

/** The id of a token in bigrams (retrieval, concept bigrams): a slot's, for a day of the month or a frequency, so that "ngày 05" retrieves the requirement of "ngày 03". */
export const gramId = (t: Tok): number => (t.iy === SLOT_DAY || t.iy === SLOT_FREQ ? t.iy : t.id);
/** The key of a token in bigrams (see gramId). */
export const gramKey = (t: Tok): string => (t.iy === SLOT_DAY ? '⟨DAY⟩' : t.iy === SLOT_FREQ ? '⟨FREQ⟩' : t.key);

export function tokenize(text: string, from = 0, to = text.length): Tok[] {
  return slots(canonical(paraphraseNormal(rawTokens(text, from, to))));
}

/** Similarity of two tokens: 1 same key (tones/diacritics ignored), 0.9 i/y spelling variant, 0.5 one letter substituted in a long syllable (OCR slip, plan side), 0 otherwise. */
export function tokSim(a: Tok, b: Tok): number {
  if (a.id === b.id) return 1;
  if (a.iy === b.iy) return 0.9;
  if (b.fz === a.id || a.fz === b.id) return 0.5;
  return 0;
}

/** Substitution patterns of a key ("gian" → "*ian", "g*an", …) for one-letter OCR slips. */
export function fuzzyPatterns(key: string): string[] {
  if (key.length < 4) return [];
  const out: string[] = [];
  for (let i = 0; i < key.length; i++) out.push(key.slice(0, i) + '*' + key.slice(i + 1));
  return out;
}
