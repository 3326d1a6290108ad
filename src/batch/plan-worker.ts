/**
 * Worker of the second phase of `analyze` on the worker path: one plan per task, diffed against its
 * base (each base's requirement index built once per worker and reused) and its Word report made —
 * the two per-plan jobs that used to run one after the other in the main thread.
 * With `targets` (the links of the plan's citations, made in the main thread: the only part of the page that
 * depends on the rest of the corpus, with `pages`: the page of each base of a chain), the plan's page of the site
 * and its calendar are made here too.
 * Task: { id, key, plan: JSON of the plan Doc, baseKey, base: JSON of the base Doc, chain?, targets: string[] | null,
 * pages? }; `chain`, for a plan naming several bases: its other bases ({ key, doc: JSON }) and its intermediates as
 * [via, directive] positions in [base, ...other bases] (src/align/chain.ts).
 * Reply: { ok: true, diff: JSON of the DiffResult, docx: bytes, page: string | null, ics: string | null } or
 * { ok: false, code, reason }.
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
  targets?: string[] | null;
  pages?: Record<string, string>;
}

try {
  const { buildBaseIndex, diffPlan } = await import('../align/index.js');
  const { planDocx } = await import('../report/docx.js');
  const { diffChain } = await import('../align/chain.js');
  const { planPageHtml } = await import('../report/plan.js');
  const { planIcs } = await import('../report/calendar.js');
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
      const all = [b, ...(t.chain?.bases ?? []).map((x) => baseOf(x.key, x.doc))];
      if (t.chain?.bases.length) {
        const indexOf = (d: Doc) => all.find((x) => x.doc === d)!.index;
        const intermediates = t.chain.intermediates.map(([v, d]) => ({ via: all[v].doc, directive: all[d].doc }));
        diff.chain = diffChain(plan, { base: b.doc, diff }, all.slice(1).map((x) => x.doc), intermediates, indexOf);
      }
      const diffJson = JSON.stringify(diff);
      // the Word report reads the plan, its bases (a chain's other bases: their names) and the diff only
      const mini = { docs: [plan, ...all.map((x) => x.doc)], diffs: [diff], index: { documents: [], relations: [], anomalies: [] }, failures: [] };
      const docx = await planDocx(mini, diff);
      // the page and the calendar from the diff as the main thread has it (its JSON), as they would be made there
      let page: string | null = null;
      let ics: string | null = null;
      if (t.targets) {
        const d = JSON.parse(diffJson);
        const a = { ...mini, diffs: [d] };
        page = planPageHtml(a, d, t.targets, t.pages);
        ics = planIcs(a, plan);
      }
      reply = { ok: true, diff: diffJson, docx, page, ics };
    } catch (e) {
      reply = { ok: false, ...describeError(e), timings: {}, cacheable: false };
    }
    port.postMessage({ type: 'result', id: t.id, reply });
  });
  port.postMessage({ type: 'ready' });
} catch (e) {
  port.postMessage({ type: 'init-error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}
