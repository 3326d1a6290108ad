/**
 * The corpus layer's main job: every document of a folder, the cross-reference index, each plan paired
 * with its base (in the folder, or among the documents of --base FILE) and diffed. Returns the Analysis
 * the reports are made from; writes nothing.
 */
import path from 'node:path';
import { type Analysis, type DiffResult, type Doc, type Diagnostic, refKey } from '../model.js';
import { processFile } from '../pipeline.js';
import { buildBaseIndex, diffPlan } from '../align/index.js';
import { cacheKey, readCache, writeCache } from '../batch/cache.js';
import { describeError } from '../errors.js';
import { renderIndexMarkdown } from '../report/xref-md.js';
import { findBases, isPlan, missingBases, selectBase } from './bases.js';
import { loadCorpus, type CorpusOptions, type Progress } from './load.js';
import { buildIndex } from './xref.js';

export async function analyzeCorpus(dir: string, opts: CorpusOptions = {}, progress?: Progress): Promise<{ analysis: Analysis; files: string[]; indexMarkdown: string; diagnostics: Diagnostic[] }> {
  const { files, docs, failures, cacheDir } = await loadCorpus(dir, opts, progress);
  const diagnostics: Diagnostic[] = [];
  // --base FILE: its documents are candidate bases for the plans whose base is not in the folder
  const extraBases: Doc[] = [];
  for (const f of opts.baseFiles ?? []) {
    const abs = path.resolve(f);
    try {
      extraBases.push(...(await processFile(abs, opts)).docs);
    } catch (e) {
      failures.push({ file: f, ...describeError(e) });
    }
  }
  let ix = buildIndex(docs);
  let pairs = findBases(docs, ix.value);
  if (extraBases.length) {
    const paired = new Set(pairs.map((x) => refKey(x.plan.source)));
    const forced: { plan: Doc; base: Doc }[] = [];
    for (const plan of docs) {
      if (!isPlan(plan) || paired.has(refKey(plan.source))) continue;
      const sel = selectBase(plan, extraBases, true);
      if (!sel.base) continue;
      forced.push({ plan, base: sel.base });
      for (const d of sel.diagnostics) diagnostics.push({ ...d, message: `${refKey(plan.source)}: ${d.message}` });
    }
    // the bases used join the analysis (their page, their requirements in the matrix)
    for (const b of new Set(forced.map((x) => x.base))) if (!docs.some((d) => refKey(d.source) === refKey(b.source))) docs.push(b);
    if (forced.length) {
      ix = buildIndex(docs);
      pairs = [...findBases(docs, ix.value).filter((x) => !forced.some((y) => y.plan === x.plan)), ...forced];
    }
  }
  diagnostics.push(...ix.diagnostics);
  for (const m of missingBases(docs, pairs))
    diagnostics.push({
      level: 'warning',
      code: 'base-not-found',
      message: `${refKey(m.plan.source)} implements ${m.symbol}, which is not among the documents read: add it to the folder or pass --base FILE`,
    });
  // diffs in this thread, each base's requirement index built once; on the worker path the
  // documents came from the cache, and so do the diffs (keyed by plan and base content)
  const diffs: DiffResult[] = [];
  const bases = new Map<string, ReturnType<typeof buildBaseIndex>>();
  for (const { plan, base } of pairs) {
    const key = cacheDir ? diffCacheKey(plan, base) : null;
    const hit = key ? readCache(cacheDir!, key) : null;
    if (hit?.ok) {
      diffs.push(JSON.parse(hit.payload.toString()) as DiffResult);
      continue;
    }
    try {
      const k = refKey(base.source);
      if (!bases.has(k)) bases.set(k, buildBaseIndex(base));
      const diff = diffPlan(bases.get(k)!, plan).value;
      diffs.push(diff);
      if (key) writeCache(cacheDir!, key, { ok: true, format: null, ndocs: 1, payload: JSON.stringify(diff) });
    } catch (e) {
      failures.push({ file: refKey(plan.source), code: 'diff-failed', reason: describeError(e).reason });
    }
  }
  return { analysis: { docs, diffs, index: ix.value, failures }, files, indexMarkdown: renderIndexMarkdown(ix.value), diagnostics };
}

/** Cache key of a diff: the code version and the content (file hash, document index) of plan and base. */
function diffCacheKey(plan: Doc, base: Doc): string | null {
  if (!plan.source.sha256 || !base.source.sha256) return null;
  return cacheKey(plan.source.sha256, `${plan.source.file}#${plan.source.index}`, `diff:${base.source.sha256}#${base.source.index}:${base.source.file}`);
}
