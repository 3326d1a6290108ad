/** Calendar helpers shared by the header reader, citations and deadlines (proleptic Gregorian, UTC). */

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * "2025-07-23" → "23/7/2025", "2025-02-05" → "05/02/2025": a date as Vietnamese official documents write it
 * (Nghị định 30/2020/NĐ-CP, Phụ lục I; the Party's Hướng dẫn 36-HD/VPTW likewise: a day below 10 and the months
 * 1 and 2 take a leading zero). The one short date format of every output; null when `iso` is no ISO date.
 */
export function viDate(iso: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  return `${m[3]}/${viMonth(m[2])}/${m[1]}`;
}

/** "2025-07-23" → "ngày 23 tháng 7 năm 2025" (the same rule), null when `iso` is no ISO date. */
export function viLongDate(iso: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `ngày ${m[3]} tháng ${viMonth(m[2])} năm ${m[1]}` : null;
}

/** "07" → "7", "02" → "02" (months 1 and 2 keep their zero: "01/12" is not "1/12"). */
const viMonth = (mm: string) => (+mm <= 2 ? mm : String(+mm));

export function isoDate(y: number, m: number, d: number): string {
  return `${y}-${pad(m)}-${pad(d)}`;
}

export function lastDayOfMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** A real day of a plausible document year (1900–2200): no 31/02. */
export function validDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= lastDayOfMonth(y, m) && y >= 1900 && y <= 2200;
}

/** y-m-d as ISO when it is a real date, else null. */
export function isoIfValid(y: number, m: number, d: number): string | null {
  return validDate(y, m, d) ? isoDate(y, m, d) : null;
}

/** The day before y-m-d as ISO. */
export function dayBefore(y: number, m: number, d: number): string {
  const t = new Date(Date.UTC(y, m - 1, d) - 86400000);
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}
