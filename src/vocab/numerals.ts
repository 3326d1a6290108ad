/**
 * Numbers as Vietnamese documents write them: number words ("ba tháng một lần"), Roman numerals (section
 * labels "II.", "Quý IV", "khóa XIII"). One reader and one writer for Roman numerals.
 */

export interface NumberWordRow {
  id: string;
  word: string;
  value: number;
  examples: readonly string[];
}

/** Number words (as written, with tones); each example is a relative deadline whose offset is the number. "mươi" alone
 * ("mươi ngày", about ten days) is read as 10. */
export const NUMBER_WORDS: readonly NumberWordRow[] = [
  { id: 'mot', word: 'một', value: 1, examples: ['trong vòng một tuần kể từ ngày nhận được Kế hoạch'] },
  { id: 'hai', word: 'hai', value: 2, examples: ['sau hai tuần kể từ ngày tổ chức hội nghị'] },
  { id: 'ba', word: 'ba', value: 3, examples: ['trong vòng ba ngày kể từ ngày nhận được văn bản'] },
  { id: 'bon', word: 'bốn', value: 4, examples: ['sau bốn tuần kể từ ngày phát động'] },
  { id: 'tu', word: 'tư', value: 4, examples: ['trong vòng tư ngày kể từ ngày ký'] },
  { id: 'nam', word: 'năm', value: 5, examples: ['trong thời hạn năm ngày làm việc kể từ ngày nhận được hồ sơ'] },
  { id: 'sau', word: 'sáu', value: 6, examples: ['sau sáu tháng kể từ ngày ban hành'] },
  { id: 'bay', word: 'bảy', value: 7, examples: ['trong vòng bảy ngày kể từ ngày kết thúc hội nghị'] },
  { id: 'tam', word: 'tám', value: 8, examples: ['sau tám ngày kể từ ngày tổ chức đại hội'] },
  { id: 'chin', word: 'chín', value: 9, examples: ['trong vòng chín ngày kể từ ngày nhận'] },
  { id: 'muoi', word: 'mười', value: 10, examples: ['chậm nhất mười ngày sau khi kết thúc đợt sinh hoạt'] },
  { id: 'muoi-2', word: 'mươi', value: 10, examples: ['trong vòng mươi ngày kể từ ngày nhận'] },
];

const ROMAN_DIGITS: Readonly<Record<string, number>> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };

/** "IV" → 4, "XIII" → 13 (upper case; subtractive notation). */
export function romanValue(r: string): number {
  let s = 0;
  for (let i = 0; i < r.length; i++) {
    const a = ROMAN_DIGITS[r[i]];
    const b = ROMAN_DIGITS[r[i + 1]] ?? 0;
    s += a < b ? -a : a;
  }
  return s;
}

const ROMAN_WRITE: readonly [number, string][] = [
  [1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i'],
];
/** 4 → "iv" (lower case, as Word's lowerRoman numbering writes it). */
export function toRoman(n: number): string {
  let s = '';
  for (const [v, r] of ROMAN_WRITE) while (n >= v) (s += r), (n -= v);
  return s;
}

/** The quarter in "Quý IV", "quý 4", "quý i": 1–4, else undefined. */
export function quarterNumber(s: string): number | undefined {
  if (/^[1-4]$/.test(s)) return Number(s);
  return /^(?:i|ii|iii|iv)$/i.test(s) ? romanValue(s.toUpperCase()) : undefined;
}
