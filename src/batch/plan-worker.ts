/**
 * Worker of the second phase of `analyze` on the worker path: one plan per task, diffed against its
 * base (each base's requirement index built once per worker and reused) and its Word report made —
 * the two per-plan jobs that used to run one after the other in the main thread.
 * With `targets` (the links of the plan's citations, made in the main thread: the only part of the page that
 * depends on the rest of the corpus), the plan's page of the site and its calendar are made here too.
 * Task: { id, key, plan: JSON of the plan Doc, baseKey, base: JSON of the base Doc, targets: string[] | null }.
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
  targets?: string[] | null;
}

try {
  const { buildBaseIndex, diffPlan } = await import('../align/index.js');
  const { planDocx } = await import('../report/docx.js');
  const { planPageHtml } = await import('../report/plan.js');
  const { planIcs } = await import('../report/calendar.js');
  const bases = new Map<string, { doc: Doc; index: ReturnType<typeof buildBaseIndex> }>();
  port.on('message', async (t: PlanTask) => {
    let reply: unknown;
    try {
      let b = bases.get(t.baseKey);
      if (!b) {
        const doc = JSON.parse(t.base) as Doc;
        b = { doc, index: buildBaseIndex(doc) };
        bases.set(t.baseKey, b);
      }
      const plan = JSON.parse(t.plan) as Doc;
      const diff = diffPlan(b.index, plan).value;
      const diffJson = JSON.stringify(diff);
      // the Word report reads the plan, the base and the diff only (reviewSections)
      const mini = { docs: [plan, b.doc], diffs: [diff], index: { documents: [], relations: [], anomalies: [] }, failures: [] };
      const docx = await planDocx(mini, diff);
      // the page and the calendar from the diff as the main thread has it (its JSON), as they would be made there
      let page: string | null = null;
      let ics: string | null = null;
      if (t.targets) {
        const d = JSON.parse(diffJson);
        const a = { ...mini, diffs: [d] };
        page = planPageHtml(a, d, t.targets);
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
