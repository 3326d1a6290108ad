/**
 * Batch hook: diff every document of each file against one base document.
 * The base is read and its requirement index built once per worker (init), then
 * reused for every plan.
 *
 *   processMany(files, { hooks: [diffHook({ base: 'corpus/x.txt' })] })
 *   → item.extra.diff: { index: number; diff: DiffResult }[]   (documents equal to the base are skipped)
 */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DiffResult, type Doc } from '../../model.js';
import type { HookSpec } from '../types.js';

export interface DiffHookOptions {
  /** file holding the base directive */
  base: string;
  /** which document of that file; default the last whose kind is CHỈ THỊ, else the last */
  baseIndex?: number;
}

export interface DiffHookState {
  index: import('../../align/index.js').BaseIndex;
  baseText: string;
  diffPlan: typeof import('../../align/index.js').diffPlan;
}

export type DiffHookResult = { index: number; diff: DiffResult }[];
/** What `run` returns, checked on a cache hit. */
export const result: z.ZodType<DiffHookResult> = z.array(z.object({ index: z.number().int().nonnegative(), diff: DiffResult }));

/** The HookSpec to pass in BatchOptions.hooks. */
export function diffHook(options: DiffHookOptions): HookSpec {
  return { name: 'diff', module: new URL(import.meta.url).href, options };
}

export function pickBase(docs: Doc[], baseIndex?: number): Doc {
  if (baseIndex !== undefined) {
    const d = docs.find((x) => x.source.index === baseIndex);
    if (!d) throw new Error(`the base file has no document #${baseIndex}`);
    return d;
  }
  return [...docs].reverse().find((d) => d.meta.kind === 'CHỈ THỊ') ?? docs[docs.length - 1];
}

/** The base document, read once per worker and shared by the hooks that need it (diff, report). */
const BASES = new Map<string, Promise<Doc>>();
export function loadBase(o: DiffHookOptions): Promise<Doc> {
  if (!o?.base) throw new Error('diff hook: options.base (the base file) is required');
  const file = o.base.startsWith('file:') ? fileURLToPath(o.base) : o.base;
  const key = `${file}#${o.baseIndex ?? ''}`;
  let p = BASES.get(key);
  if (!p) {
    p = import('../../pipeline.js').then(async ({ processFile }) => pickBase((await processFile(file)).docs, o.baseIndex));
    BASES.set(key, p);
  }
  return p;
}

export async function init(options: unknown): Promise<DiffHookState> {
  const base = await loadBase(options as DiffHookOptions);
  const { buildBaseIndex, diffPlan } = await import('../../align/index.js');
  return { index: buildBaseIndex(base), baseText: base.text, diffPlan };
}

export function run(state: DiffHookState, docs: Doc[]): DiffHookResult {
  const out: DiffHookResult = [];
  for (const d of docs) {
    if (d.text === state.baseText) continue;
    const r = state.diffPlan(state.index, d);
    out.push({ index: d.source.index, diff: r.value });
  }
  return out;
}
