/**
 * The corpus layer's main job: every document of a folder, the cross-reference index, each plan paired
 * with its base (in the folder, or among the documents of --base FILE) and diffed. Returns the Analysis
 * the reports are made from; writes nothing.
 */
import path from 'node:path';
import { type Analysis, DiffResult, type Doc, type Diagnostic, refKey } from '../model.js';
import { processFile } from '../pipeline.js';
import { buildBaseIndex, diffPlan } from '../align/index.js';
import { existsSync } from 'node:fs';
import { cacheKey, cachePath, readCache, readCacheJson, writeCache } from '../batch/cache.js';
import { describeError } from '../errors.js';
import { renderIndexMarkdown } from '../report/xref-md.js';
import { diffChain } from '../align/chain.js';
import { findBases, isPlan, missingBases, selectBase, selectBases } from './bases.js';
import { loadCorpus, PARALLEL_FROM, type CorpusOptions, type Progress } from './load.js';
import { buildIndex } from './xref.js';
import { type Interner, interner } from './intern.js';

export async function analyzeCorpus(
  dir: string,
  opts: CorpusOptions = {},
  progress?: Progress,
): Promise<{ analysis: Analysis; files: string[]; indexMarkdown: string; diagnostics: Diagnostic[]; /** Word reports, pages and calendars made on the workers */ made?: MadeOnWorkers }> {
  // one copy of each repeated string of the documents and diffs the run holds (src/corpus/intern.ts)
  const intern = interner();
  const baseFiles = opts.baseFiles ?? [];
  // --base FILE read while the folder is (read like the folder's files: in an isolated worker, with the time
  // and memory limits); its failures are listed after the folder's
  const baseRead = opts.isolate && baseFiles.length ? readBases(baseFiles, opts) : null;
  baseRead?.catch(() => {}); // awaited below; not an unhandled rejection if the folder fails first
  const { files, docs, failures, cacheDir } = await loadCorpus(dir, opts, progress, intern);
  const diagnostics: Diagnostic[] = [];
  // --base FILE: its documents are candidate bases for the plans whose base is not in the folder
  const extraBases: Doc[] = [];
  if (baseRead) {
    const r = await baseRead;
    extraBases.push(...intern(r.docs));
    failures.push(...r.failures);
  } else
    for (const f of baseFiles) {
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
  const chained = withChains(pairs, [...docs, ...extraBases.filter((b) => !docs.includes(b))]);
  // a base of a chain found among the --base documents joins the analysis too (its page, linked from the plan's)
  const joining = [...new Set(chained.flatMap((x) => [x.base, ...x.others]))].filter((b) => !docs.includes(b));
  if (joining.length) {
    docs.push(...joining);
    ix = buildIndex(docs);
  }
  diagnostics.push(...ix.diagnostics);
  for (const m of missingBases(docs, pairs))
    diagnostics.push({
      level: 'warning',
      code: 'base-not-found',
      message: `${refKey(m.plan.source)} implements ${m.symbol}, which is not among the documents read: add it to the folder or pass --base FILE`,
    });
  // The diffs (and, on the worker path, the Word reports): cached by plan and base content. On the
  // worker path the missing ones are computed on the worker pool (src/batch/plan-worker.ts), else here,
  // each base's requirement index built once.
  const diffs: DiffResult[] = [];
  const workers = opts.workers ?? (files.length >= PARALLEL_FROM ? (await import('../batch/index.js')).defaultWorkers() : 0);
  if (cacheDir !== null && workers > 0 && chained.length) {
    const made = new MadeOnWorkers(cacheDir);
    const { chainPages, citationTargets } = await import('../report/plan.js');
    const { findDoc } = await import('../report/common.js');
    // the links of each plan's citations (and the pages of its chain's bases), as they will be when every pair is
    // diffed (a plan whose diff fails changes them: its page is then made again in the main thread, see
    // MadeOnWorkers.page)
    const provisional: Analysis = { docs, diffs: chained.map((x) => ({ plan: x.plan.source }) as unknown as DiffResult), index: ix.value, failures: [] };
    const found = (d: Doc) => findDoc(provisional, d.source) === d;
    const targetsOf = ({ plan, base, others }: Chained): PageLinks | null =>
      found(plan) && found(base) && others.every(found)
        ? { targets: citationTargets(provisional, plan), pages: others.length ? chainPages(provisional, [base, ...others].map((b) => b.source)) : undefined }
        : null;
    const results = await diffOnWorkers(chained, cacheDir, workers, opts.timeoutMs, intern, targetsOf, made);
    for (const [i, r] of results.entries()) {
      if (r.ok) diffs.push(r.diff);
      else failures.push({ file: refKey(chained[i].plan.source), code: 'diff-failed', reason: r.reason });
    }
    return { analysis: { docs, diffs, index: ix.value, failures }, files, indexMarkdown: renderIndexMarkdown(ix.value), diagnostics, made };
  }
  const bases = new Map<string, ReturnType<typeof buildBaseIndex>>();
  const indexOf = (b: Doc) => {
    const k = refKey(b.source);
    if (!bases.has(k)) bases.set(k, buildBaseIndex(b));
    return bases.get(k)!;
  };
  for (const { plan, base, others, intermediates } of chained) {
    const key = cacheDir ? diffCacheKey(plan, base, others) : null;
    // checked against the model's DiffResult (a bad entry is dropped with a warning and the diff made again)
    const hit = key ? readCacheJson(cacheDir!, key, DiffResult) : null;
    if (hit?.ok) {
      diffs.push(intern(hit.value));
      continue;
    }
    try {
      const diff = diffPlan(indexOf(base), plan).value;
      if (others.length) diff.chain = diffChain(plan, { base, diff }, others, intermediates, indexOf);
      diffs.push(diff);
      // best effort: a cache that cannot be written never turns a result into a failure
      if (key) writeCache(cacheDir!, key, { ok: true, format: null, ndocs: 1, payload: JSON.stringify(diff) });
    } catch (e) {
      failures.push({ file: refKey(plan.source), code: 'diff-failed', reason: describeError(e).reason });
    }
  }
  return { analysis: { docs, diffs, index: ix.value, failures }, files, indexMarkdown: renderIndexMarkdown(ix.value), diagnostics };
}

async function readBases(baseFiles: string[], opts: CorpusOptions): Promise<{ docs: Doc[]; failures: Analysis['failures'] }> {
  const { processMany } = await import('../batch/index.js');
  const docs: Doc[] = [];
  const failures: Analysis['failures'] = [];
  for await (const item of processMany(baseFiles.map((f) => path.resolve(f)), { ...opts, workers: 1, cacheDir: undefined })) {
    if (item.ok) docs.push(...item.docs);
    else failures.push({ file: baseFiles[item.index], code: item.code, reason: item.reason });
  }
  return { docs, failures };
}

type PlanResult = { ok: true; diff: DiffResult } | { ok: false; reason: string };

/**
 * The Word reports, plan pages and plan calendars made on the plan workers. They are kept in the cache, not in
 * memory (a 1 000-plan run's pages are ≈ 190 MB), and read back one at a time when written; an entry the cache
 * could not keep (a full disk) is held here. A page is used only if the links of the plan's citations it was made
 * with are those of the finished analysis (its cache key holds them).
 */
export class MadeOnWorkers {
  /** diff cache key of each plan diffed on the worker path, by plan refKey */
  readonly keys = new Map<string, string>();
  /** plans whose page and calendar may be made on a worker: the plan and bases sent are those the analysis finds */
  readonly pages = new Set<string>();
  readonly held = new Map<string, Buffer>();
  constructor(private readonly cacheDir: string) {}
  has(key: string): boolean {
    return this.held.has(key) || existsSync(cachePath(this.cacheDir, key));
  }
  put(key: string, bytes: Buffer): void {
    // best effort: what the cache cannot keep is kept here
    if (!writeCache(this.cacheDir, key, { ok: true, format: null, ndocs: 1, payload: bytes })) this.held.set(key, bytes);
  }
  private get(key: string | undefined): Buffer | undefined {
    if (!key) return undefined;
    const h = this.held.get(key);
    if (h) return h;
    const e = readCache(this.cacheDir, key);
    // the entry's own bytes, not a copy (a 1 000-plan run reads ≈ 200 MB of pages back in a few seconds)
    return e?.ok ? (typeof e.payload === 'string' ? Buffer.from(e.payload, 'utf8') : e.payload) : undefined;
  }
  docx(plan: string): Buffer | undefined {
    const k = this.keys.get(plan);
    return this.get(k && docxKey(k));
  }
  page(plan: string, targets: string[], pages?: Record<string, string>): Buffer | undefined {
    const k = this.pages.has(plan) ? this.keys.get(plan) : undefined;
    return this.get(k && pageKey(k, { targets, pages }));
  }
  ics(plan: string): Buffer | undefined {
    const k = this.pages.has(plan) ? this.keys.get(plan) : undefined;
    return this.get(k && icsKey(k));
  }
}

/**
 * Diff, Word report, page and calendar of every pair, in order: from the cache when they are all there, else on a
 * pool of plan workers (at most 4 tasks per worker in flight, so memory does not grow with the number of plans).
 */
async function diffOnWorkers(
  pairs: Chained[],
  cacheDir: string,
  workers: number,
  timeoutMs: number | undefined,
  intern: Interner,
  targetsOf: (pair: Chained) => PageLinks | null,
  made: MadeOnWorkers,
): Promise<PlanResult[]> {
  const { Pool, workerEntry } = await import('../batch/pool.js');
  const { DEFAULT_BATCH } = await import('../batch/index.js');
  let pool: InstanceType<typeof Pool> | null = null;
  const baseJson = new Map<string, string>();
  const baseKey = (b: Doc) => {
    const bk = refKey(b.source) + '\0' + (b.source.sha256 ?? '');
    if (!baseJson.has(bk)) baseJson.set(bk, JSON.stringify(b));
    return bk;
  };
  const one = async (pair: Chained): Promise<PlanResult> => {
    const { plan, base, others, intermediates } = pair;
    const key = diffCacheKey(plan, base, others);
    const links = key ? targetsOf(pair) : null;
    if (key) {
      made.keys.set(refKey(plan.source), key);
      if (links) made.pages.add(refKey(plan.source));
      const d = readCacheJson(cacheDir, key, DiffResult);
      if (d?.ok && made.has(docxKey(key)) && (!links || (made.has(pageKey(key, links)) && made.has(icsKey(key))))) return { ok: true, diff: intern(d.value) };
    }
    const bk = baseKey(base);
    // a chain: the other bases (each sent with its key; the worker keeps one index per base) and the
    // intermediates as positions in [base, ...others]
    const all = [base, ...others];
    const chain = others.length
      ? { bases: others.map((b) => ({ key: baseKey(b), doc: baseJson.get(baseKey(b))! })), intermediates: intermediates.map((x) => [all.indexOf(x.via), all.indexOf(x.directive)]) }
      : undefined;
    pool ??= new Pool({ size: workers, timeoutMs: timeoutMs ?? DEFAULT_BATCH.timeoutMs, memoryMb: DEFAULT_BATCH.workerMemoryMb, init: { hooks: [] }, entry: workerEntry('plan-worker') });
    const r = await pool.runMessage<{ ok: true; diff: string; docx: Uint8Array; page: string | null; ics: string | null } | { ok: false; reason: string }>({
      plan: JSON.stringify(plan),
      baseKey: bk,
      base: baseJson.get(bk)!,
      chain,
      targets: links?.targets ?? null,
      pages: links?.pages,
    });
    if (!r.ok) return { ok: false, reason: r.reason };
    const docx = Buffer.from(r.docx.buffer, r.docx.byteOffset, r.docx.byteLength);
    if (key) {
      writeCache(cacheDir, key, { ok: true, format: null, ndocs: 1, payload: r.diff });
      made.put(docxKey(key), docx);
      if (links && r.page !== null && r.ics !== null) {
        made.put(pageKey(key, links), Buffer.from(r.page, 'utf8'));
        made.put(icsKey(key), Buffer.from(r.ics, 'utf8'));
      }
    }
    return { ok: true, diff: intern(JSON.parse(r.diff) as DiffResult) };
  };
  const out: PlanResult[] = new Array(pairs.length);
  const window = workers * 4;
  const running = new Set<Promise<void>>();
  try {
    for (let i = 0; i < pairs.length; i++) {
      const p: Promise<void> = one(pairs[i]).then((r) => {
        out[i] = r;
        running.delete(p);
      });
      running.add(p);
      if (running.size >= window) await Promise.race(running);
    }
    await Promise.all(running);
  } finally {
    const p = pool as InstanceType<typeof Pool> | null;
    if (p) await p.close();
  }
  return out;
}

const docxKey = (diffKey: string) => cacheKey(diffKey, 'docx', 'report:docx');
/**
 * What a plan's page made on a worker takes from the rest of the corpus: the links of its citations (plan.ts
 * citationTargets) and, for a chained plan, the page of each base of its chain (plan.ts chainPages).
 */
export interface PageLinks {
  targets: string[];
  pages?: Record<string, string>;
}
// a plan with one base: the key of its citations' links alone (as before chains)
const pageKey = (diffKey: string, { targets, pages }: PageLinks) => cacheKey(diffKey, 'page', `report:page:${JSON.stringify(pages ? [targets, pages] : targets)}`);
const icsKey = (diffKey: string) => cacheKey(diffKey, 'ics', 'report:ics');

/** Cache key of a diff: the code version and the content (file hash, document index) of plan and base (and of the chain's other bases). */
function diffCacheKey(plan: Doc, base: Doc, others: Doc[] = []): string | null {
  if (!plan.source.sha256 || !base.source.sha256 || others.some((b) => !b.source.sha256)) return null;
  const one = (b: Doc) => `${b.source.sha256}#${b.source.index}:${b.source.file}`;
  return cacheKey(plan.source.sha256, `${plan.source.file}#${plan.source.index}`, `diff:${[base, ...others].map(one).join('|')}`);
}

/** A plan, the base it is diffed against and, for a plan naming several available bases, the rest of its chain. */
export interface Chained {
  plan: Doc;
  /** the top of the chain (the directive) when the plan names several bases, else the base findBases chose */
  base: Doc;
  /** the plan's other bases (the intermediate plans): diffed too, in `diff.chain` */
  others: Doc[];
  /** each intermediate among the bases with the base it implements */
  intermediates: { via: Doc; directive: Doc }[];
}

/**
 * Chains (issue 11, item 7): a plan naming several of the documents read ("Thực hiện Chỉ thị số 50-CT/TW … và
 * Kế hoạch số 25-KH/TU …") is diffed against the top of its chain, its other bases come in `diff.chain`. A plan
 * whose paired base is not among the bases its text names keeps that base alone.
 */
export function withChains(pairs: { plan: Doc; base: Doc }[], candidates: Doc[]): Chained[] {
  return pairs.map(({ plan, base }) => {
    const chain = selectBases(plan, candidates);
    if (chain.bases.length < 2 || !chain.bases.includes(base)) return { plan, base, others: [], intermediates: [] };
    return { plan, base: chain.bases[0], others: chain.bases.slice(1), intermediates: chain.intermediates };
  });
}
