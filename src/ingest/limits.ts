/** The default limits of reading one file (size, inflated size, pages), and how an option value is checked. */
export const DEFAULT_LIMITS = { maxBytes: 50 * 1024 * 1024, maxInflatedBytes: 200 * 1024 * 1024, maxPages: 500 } as const;

/** A size/count limit: a positive finite number, else the default (never NaN, which disables every comparison). */
export function validLimit(v: unknown, dflt: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : dflt;
}
