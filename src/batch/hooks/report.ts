/**
 * Batch hook: render the per-plan HTML report of every diff the diff hook produced
 * (the report stage of the pipeline, per file, inside the workers). Returns the page
 * sizes and a hash of the pages so the bench can check that outputs do not depend
 * on the number of workers.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Doc } from '../../model.js';
import type { DiffHookOptions, DiffHookResult } from './diff.js';
import type { HookSpec } from '../types.js';

/** The HookSpec to pass in BatchOptions.hooks, after the diff hook. */
export function reportHook(options: DiffHookOptions): HookSpec {
  return { name: 'report', module: new URL(import.meta.url).href, options };
}

interface State {
  base: Doc;
  planPageHtml: typeof import('../../report/plan.js').planPageHtml;
}

export async function init(options: unknown): Promise<State> {
  const { loadBase } = await import('./diff.js');
  const { planPageHtml } = await import('../../report/plan.js');
  return { base: await loadBase(options as DiffHookOptions), planPageHtml };
}

/** What `run` returns, checked on a cache hit. */
export const result = z.object({ pages: z.number().int(), bytes: z.number().int(), sha256: z.string() });

export function run(state: State, docs: Doc[], _file: string, extra: Record<string, unknown>) {
  const diffs = (extra.diff ?? []) as DiffHookResult;
  const h = createHash('sha256');
  let bytes = 0;
  for (const { diff } of diffs) {
    const html = state.planPageHtml({ docs: [state.base, ...docs], diffs: [diff], index: { documents: [], relations: [], anomalies: [] }, failures: [] }, diff);
    bytes += Buffer.byteLength(html);
    h.update(html);
  }
  return { pages: diffs.length, bytes, sha256: h.digest('hex') };
}
