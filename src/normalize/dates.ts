/** Calendar helpers shared by the header reader, citations and deadlines (proleptic Gregorian, UTC). */

const pad = (n: number) => String(n).padStart(2, '0');

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
