import { describe, expect, it } from 'vitest';
import { onCacheWarning } from '../src/batch/cache.js';
import { withCacheWarnings } from './helpers/cache-warnings.js';

describe('withCacheWarnings (test helper)', () => {
  it('collects the warnings of its body and puts back the sink set before, also when the body throws or rejects', async () => {
    const before = onCacheWarning;
    expect(withCacheWarnings((w) => (onCacheWarning('a'), w))).toEqual(['a']);
    expect(onCacheWarning).toBe(before);
    expect(() => withCacheWarnings(() => { throw new Error('x'); })).toThrow('x');
    expect(onCacheWarning).toBe(before);
    let inside: unknown;
    await expect(withCacheWarnings(async () => { inside = onCacheWarning; await Promise.resolve(); throw new Error('y'); })).rejects.toThrow('y');
    expect(inside).not.toBe(before);
    expect(onCacheWarning).toBe(before);
  });
});
