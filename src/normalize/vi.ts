/**
 * Vietnamese text helpers: NFC, a matching key that ignores old/new tone
 * placement ("uỷ"/"ủy", "hoá"/"hóa"), case and whitespace, and syllable tokens.
 */

const TONES = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);

/** NFC and nothing else: the display form. */
export function nfc(s: string): string {
  return s.normalize('NFC');
}

/**
 * Move every tone mark of a syllable to its end, so that the tone's position
 * inside the vowel cluster no longer matters. "ủy" and "uỷ" both become "uy\u0309".
 * The result is NFC-composed where possible (vowel quality marks kept).
 */
export function foldTonePlacement(word: string): string {
  const d = word.normalize('NFD');
  let base = '';
  let tones = '';
  for (const ch of d) {
    if (TONES.has(ch)) tones += ch;
    else base += ch;
  }
  return base.normalize('NFC') + tones;
}

/** Remove all tone marks (and keep vowel quality marks): "hoá" -> "hoa". */
export function stripTones(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFD')) if (!TONES.has(ch)) out += ch;
  return out.normalize('NFC');
}

/** Remove all diacritics, đ->d: a coarse key for OCR-tolerant comparison. */
export function asciiFold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

/**
 * The matching key: lower-case, tone placement folded per syllable, whitespace collapsed.
 * Two strings that differ only in tone placement, case or whitespace have the same key.
 */
export function matchKey(s: string): string {
  return s
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\p{L}\p{M}]+/gu, foldTonePlacement)
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Collapse runs of whitespace to one space and trim. */
export function collapse(s: string): string {
  return s.replace(/\s+/gu, ' ').trim();
}

const WORD = /[\p{L}\p{N}]+(?:[-/.][\p{L}\p{N}]+)*/gu;

/** Syllable tokens with their offsets (Vietnamese words are space-separated syllables). */
export function syllables(s: string): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  for (const m of s.matchAll(WORD)) out.push({ text: m[0], start: m.index!, end: m.index! + m[0].length });
  return out;
}

/** Share of letters that are Vietnamese-specific (diacritics or đ) among all letters. */
export function vietnameseScore(s: string): number {
  const letters = s.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return 0;
  let vi = 0;
  for (const ch of letters) if (/[^\x00-\x7f]/.test(ch) && /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i.test(ch)) vi++;
  return vi / letters.length;
}

/**
 * Rewrite old-style tone placement to the new style ("uỷ" → "ủy", "hoá" → "hóa")
 * keeping the string length, so spans found on the result are spans of the input.
 */
export function foldTones(s: string): string {
  if (!OLD_TONE_PAIR.test(s)) return s;
  if (s.length < FOLD_CACHE_MIN) return foldTonesRaw(s);
  // the recognisers fold the whole document text once per clause; remember the last few long inputs
  let out = foldCache.get(s);
  if (out === undefined) {
    out = foldTonesRaw(s);
    if (foldCache.size >= FOLD_CACHE_SIZE) foldCache.delete(foldCache.keys().next().value!);
    foldCache.set(s, out);
  }
  return out;
}

/** a vowel o/u followed by a toned vowel: nothing to fold without one */
const OLD_TONE_PAIR = /[oOuU][àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ]/;
const FOLD_CACHE_MIN = 256;
const FOLD_CACHE_SIZE = 8;
const foldCache = new Map<string, string>();

function foldTonesRaw(s: string): string {
  return s.replace(/([oOuU])([àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ])(?![\p{L}])/gu, (all, v1: string, v2: string) => {
    const d = v2.normalize('NFD');
    if (d.length !== 2) return all;
    const out = (v1 + d[1]).normalize('NFC') + d[0];
    return out.length === all.length ? out : all;
  });
}
