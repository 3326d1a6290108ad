/**
 * Periods of time as Vietnamese plans write them ("hằng tháng", "mỗi quý", "06 tháng một lần"), each with
 * its ISO 8601 duration unit, its iCalendar RRULE and its Vietnamese label: period → ISO duration →
 * RRULE → label. The deadline finder and the diff's frequency units read this table.
 */

export interface PeriodRow {
  id: string;
  /** the period word */
  word: string;
  /** ISO 8601 duration unit of one period ("quý" is counted in months: 3 × M) */
  iso: 'D' | 'W' | 'M' | 'Q' | 'Y';
  /** months in one period (0 for days and weeks) */
  months: number;
  /** RRULE of "hằng <word>" */
  rrule: string;
  /** the Vietnamese label of "once per period" */
  label: string;
  examples: readonly string[];
}

export const PERIODS: readonly PeriodRow[] = [
  { id: 'ngay', word: 'ngày', iso: 'D', months: 0, rrule: 'FREQ=DAILY', label: 'hằng ngày', examples: ['hằng ngày'] },
  { id: 'tuan', word: 'tuần', iso: 'W', months: 0, rrule: 'FREQ=WEEKLY', label: 'hằng tuần', examples: ['hằng tuần', 'mỗi tuần'] },
  { id: 'thang', word: 'tháng', iso: 'M', months: 1, rrule: 'FREQ=MONTHLY', label: 'hằng tháng', examples: ['hằng tháng', 'mỗi tháng một lần'] },
  { id: 'quy', word: 'quý', iso: 'Q', months: 3, rrule: 'FREQ=MONTHLY;INTERVAL=3', label: 'hằng quý', examples: ['hằng quý', 'mỗi quý', '03 tháng một lần'] },
  { id: 'nam', word: 'năm', iso: 'Y', months: 12, rrule: 'FREQ=YEARLY', label: 'hằng năm', examples: ['hằng năm', 'mỗi năm'] },
];

/** ISO 8601 duration of n periods: 3 × quý = P9M, 12 tháng = P1Y. */
export function isoDuration(n: number, unit: PeriodRow['iso']): string {
  if (unit === 'Q') return `P${3 * n}M`;
  if (unit === 'D') return `P${n}D`;
  if (unit === 'W') return `P${n}W`;
  if (unit === 'Y') return `P${n}Y`;
  if (unit === 'M' && n % 12 === 0) return `P${n / 12}Y`;
  return `P${n}${unit}`;
}

/** Vietnamese label of an ISO duration used as a frequency: P1M → "hằng tháng", P3M → "hằng quý", P6M → "6 tháng một lần". */
export function durationLabel(iso: string): string {
  const m = /^P(\d+)([DWMY])$/.exec(iso);
  if (!m) return iso;
  const n = Number(m[1]);
  const u = PERIODS.find((p) => p.iso === m[2])!.word;
  if (m[2] === 'M' && n === 3) return 'hằng quý';
  return n === 1 ? `hằng ${u}` : `${n} ${u} một lần`;
}

/** RRULE of "every `count` times per period" ("hằng tháng" → FREQ=MONTHLY; "6 tháng 2 lần" → every 3 months). */
export function perPeriodRrule(word: string, count: number): string | null {
  const p = PERIODS.find((x) => x.word === word.toLowerCase());
  if (!p) return null;
  if (count === 1) return p.rrule;
  if (p.months && p.months % count === 0) {
    const interval = p.months / count;
    return interval === 1 ? 'FREQ=MONTHLY' : `FREQ=MONTHLY;INTERVAL=${interval}`;
  }
  return null;
}
