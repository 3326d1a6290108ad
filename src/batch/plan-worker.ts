/**
 * Worker of the second phase of `analyze` on the worker path: one plan per task, diffed against its
 * base (each base's requirement index built once per worker and reused) and its Word report made —
 * the two per-plan jobs that used to run one after the other in the main thread.
 * Task: { id, key, plan: JSON of the plan Doc, baseKey, base: JSON of the base Doc, chain? }; `chain`, for a plan
 * naming several bases: its other bases ({ key, doc: JSON }) and its intermediates as [via, directive] positions
 * in [base, ...other bases] (src/align/chain.ts).
 * Reply: { ok: true, diff: JSON of the DiffResult, docx: bytes } or { ok: false, code, reason }.
 */
import { parentPort } from 'node:worker_threads';
import type { Doc } from '../model.js';
import { describeError } from '../errors.js';

const port = parentPort!;

interface PlanTask {
  id: number;
  plan: string;
  baseKey: string;
  base: string;
  chain?: { bases: { key: string; doc: string }[]; intermediates: [number, number][] };
}

try {
  const { buildBaseIndex, diffPlan } = await import('../align/index.js');
  const { planDocx } = await import('../report/docx.js');
  const { diffChain } = await import('../align/chain.js');
  const bases = new Map<string, { doc: Doc; index: ReturnType<typeof buildBaseIndex> }>();
  port.on('message', async (t: PlanTask) => {
    let reply: unknown;
    try {
      const baseOf = (key: string, json: string) => {
        let b = bases.get(key);
        if (!b) {
          const doc = JSON.parse(json) as Doc;
          b = { doc, index: buildBaseIndex(doc) };
          bases.set(key, b);
        }
        return b;
      };
      const b = baseOf(t.baseKey, t.base);
      const plan = JSON.parse(t.plan) as Doc;
      const diff = diffPlan(b.index, plan).value;
      if (t.chain?.bases.length) {
        const all = [b, ...t.chain.bases.map((x) => baseOf(x.key, x.doc))];
        const indexOf = (d: Doc) => all.find((x) => x.doc === d)!.index;
        const intermediates = t.chain.intermediates.map(([v, d]) => ({ via: all[v].doc, directive: all[d].doc }));
        diff.chain = diffChain(plan, { base: b.doc, diff }, all.slice(1).map((x) => x.doc), intermediates, indexOf);
      }
      // the Word report reads the plan, the base and the diff only (reviewSections)
      const docx = await planDocx({ docs: [plan, b.doc], diffs: [diff], index: { documents: [], relations: [], anomalies: [] }, failures: [] }, diff);
      reply = { ok: true, diff: JSON.stringify(diff), docx };
    } catch (e) {
      reply = { ok: false, ...describeError(e), timings: {}, cacheable: false };
    }
    port.postMessage({ type: 'result', id: t.id, reply });
  });
  port.postMessage({ type: 'ready' });
} catch (e) {
  port.postMessage({ type: 'init-error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}
