/**
 * Capture the batch cache's warnings for the length of a test body: `fn` gets the array the warnings are
 * pushed to; afterwards (also when `fn` throws or its promise rejects) the sink that was set before is back.
 */
import { onCacheWarning, setCacheWarning } from '../../src/batch/cache.js';

export function withCacheWarnings<T>(fn: (warnings: string[]) => T): T {
  const before = onCacheWarning;
  const warnings: string[] = [];
  setCacheWarning((m) => warnings.push(m));
  let result: T;
  try {
    result = fn(warnings);
  } catch (e) {
    setCacheWarning(before);
    throw e;
  }
  if (result instanceof Promise) return result.finally(() => setCacheWarning(before)) as T;
  setCacheWarning(before);
  return result;
}
