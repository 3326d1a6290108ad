/**
 * `rasoat analyze [DIR=corpus] [--out extracted] [--base FILE]`: the main job. Reads every
 * document of DIR, indexes citations, diffs each plan against the corpus
 * document it implements (or a document of FILE), and writes extracted/ (documents, diffs, index,
 * exports, calendar, Word reports, report site). Deterministic; files are
 * written atomically and only when their content changed.
 */
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CrossIndex, DiffResult, Doc, Diagnostic } from '../model.js';
import { corpusFiles, processFile, type ProcessOptions } from '../pipeline.js';
export { corpusFiles } from '../pipeline.js';
import { buildBaseIndex, diffPlan } from '../align/index.js';
import { cacheKey, readCache, writeCache } from '../batch/cache.js';
import { implementedSymbols, selectBase } from '../align/base.js';
import { buildIndex, renderIndexMarkdown } from '../extract/xref.js';
import { describeError } from '../errors.js';
import { type Analysis, type Failure, type Ref, pct, refKey, shortName } from '../report/common.js';
import { buildOutputs, type Outputs } from '../report/outputs.js';

export { describeError } from '../errors.js';

export interface Progress {
  (done: number, total: number, label: string): void;
}


export interface CorpusOptions extends ProcessOptions {
  /** worker threads; 0 = in this thread. Default: all cores from PARALLEL_FROM files on */
  workers?: number;
  /** content-hash cache for the worker path (null: none) */
  cacheDir?: string | null;
  /** per-file timeout in the worker path */
  timeoutMs?: number;
  /** files outside the folder whose documents may be the base a plan implements (`--base FILE`) */
  baseFiles?: string[];
}

/** Below this many files, starting worker threads costs more than it saves. */
export const PARALLEL_FROM = 16;

export function processOptions(flags: Record<string, unknown>): CorpusOptions {
  const num = (v: unknown) => (typeof v === 'string' && v ? Number(v) : undefined);
  return {
    maxBytes: num(flags['max-bytes']),
    maxPages: num(flags['max-pages']),
    ocr: flags.ocr !== false,
    workers: num(flags.workers),
    cacheDir: flags['no-cache'] ? null : typeof flags.cache === 'string' ? flags.cache : undefined,
    timeoutMs: num(flags.timeout) !== undefined ? num(flags.timeout)! * 1000 : undefined,
  };
}

/** Read every file of the folder; bad files become failures, the others go through. */
export async function loadCorpus(dir: string, opts: CorpusOptions, progress?: Progress): Promise<{ files: string[]; docs: Doc[]; failures: Failure[]; cacheDir: string | null }> {
  await import('../extract/register.js');
  const files = await corpusFiles(dir);
  const docs: Doc[] = [];
  const failures: Failure[] = [];
  const { processMany, defaultWorkers, DEFAULT_CACHE_DIR } = await import('../batch/index.js');
  const workers = opts.workers ?? (files.length >= PARALLEL_FROM ? defaultWorkers() : 0);
  if (workers > 0) {
    // worker pool over the cores, results in input order, unchanged files served from the cache
    const paths = files.map((f) => path.join(dir, f));
    let i = 0;
    const cacheDir = opts.cacheDir === undefined ? DEFAULT_CACHE_DIR : opts.cacheDir;
    for await (const item of processMany(paths, { ...opts, workers, cacheDir: cacheDir ?? undefined })) {
      progress?.(++i, files.length, files[item.index]);
      if (item.ok) docs.push(...item.docs);
      else failures.push({ file: files[item.index], code: item.code, reason: item.reason });
    }
    progress?.(files.length, files.length, '');
    return { files, docs, failures, cacheDir };
  }
  for (let i = 0; i < files.length; i++) {
    progress?.(i, files.length, files[i]);
    try {
      docs.push(...(await processFile(path.join(dir, files[i]), opts)).docs);
    } catch (e) {
      failures.push({ file: files[i], ...describeError(e) });
    }
  }
  progress?.(files.length, files.length, '');
  return { files, docs, failures, cacheDir: null };
}

/**
 * The base of each plan: the corpus document it cites with an "implements"
 * relation (most such citations first, then earliest in the plan).
 */
export function findBases(docs: Doc[], index: CrossIndex): { plan: Doc; base: Doc }[] {
  const found = new Map<string, { base: Ref; n: number; first: number }[]>();
  for (const e of index.documents) {
    if (!e.inCorpus) continue;
    for (const c of e.citedBy) {
      if (c.relation !== 'implements' || (c.file === e.inCorpus.file && c.index === e.inCorpus.index)) continue;
      const k = refKey(c);
      const list = found.get(k) ?? [];
      const hit = list.find((x) => refKey(x.base) === refKey(e.inCorpus!));
      if (hit) {
        hit.n++;
        hit.first = Math.min(hit.first, c.span[0]);
      } else list.push({ base: e.inCorpus, n: 1, first: c.span[0] });
      found.set(k, list);
    }
  }
  const out: { plan: Doc; base: Doc }[] = [];
  for (const plan of docs) {
    const cands = found.get(refKey(plan.source));
    if (!cands?.length) continue;
    cands.sort((x, y) => y.n - x.n || x.first - y.first);
    const base = docs.find((d) => refKey(d.source) === refKey(cands[0].base));
    if (base) out.push({ plan, base });
  }
  return out;
}

/** Plans (Kế hoạch, Chương trình): the documents analyze diffs against the document they implement. */
const isPlan = (d: Doc) => /^(?:KẾ HOẠCH|CHƯƠNG TRÌNH)/u.test(d.meta.kind ?? '');

/**
 * Plans that say which document they implement ("Thực hiện Chỉ thị số 50-CT/TW …") when that
 * document is not among those read: they cannot be diffed, and the user should know why.
 */
export function missingBases(docs: Doc[], pairs: { plan: Doc }[]): { plan: Doc; symbol: string }[] {
  const paired = new Set(pairs.map((x) => refKey(x.plan.source)));
  const out: { plan: Doc; symbol: string }[] = [];
  for (const d of docs) {
    if (!isPlan(d) || paired.has(refKey(d.source))) continue;
    const [symbol] = implementedSymbols(d);
    if (symbol) out.push({ plan: d, symbol });
  }
  return out;
}

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

/** Subfolders of the output that analyze owns entirely (stale files there are removed). */
export const MANAGED = ['docs', 'diffs', 'exports', 'reports', 'site', 'calendars'];

async function listTree(root: string, rel = ''): Promise<string[]> {
  let ents;
  try {
    ents = await readdir(path.join(root, rel), { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of ents) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listTree(root, r)));
    else out.push(r);
  }
  return out;
}

/** Write every output whose content differs, atomically (temp file + rename); remove stale managed files. */
export async function writeOutputs(outDir: string, outputs: Outputs): Promise<{ written: string[]; unchanged: number; removed: string[] }> {
  const written: string[] = [];
  const removed: string[] = [];
  let unchanged = 0;
  for (const [rel, content] of [...outputs.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const file = path.join(outDir, rel);
    const buf = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const old = await readFile(file).catch(() => null);
    if (old && old.equals(buf)) {
      unchanged++;
      continue;
    }
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
    await writeFile(tmp, buf);
    await rename(tmp, file);
    written.push(rel);
  }
  for (const sub of MANAGED)
    for (const rel of await listTree(path.join(outDir, sub))) {
      const full = `${sub}/${rel}`;
      if (!outputs.has(full)) {
        await rm(path.join(outDir, full), { force: true });
        removed.push(full);
      }
    }
  return { written, unchanged, removed };
}

function progressBar(): Progress | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (done, total, label) => {
    const w = 28;
    const n = total ? Math.round((done / total) * w) : w;
    const line = `[${'█'.repeat(n)}${'░'.repeat(w - n)}] ${done}/${total} ${label}`.slice(0, (process.stderr.columns || 80) - 1);
    process.stderr.write(`\r\x1b[K${done >= total ? '' : line}`);
  };
}

export function summaryText(a: Analysis, files: number, outDir: string, w: { written: string[]; unchanged: number; removed: string[] }, notes: Diagnostic[] = []): string {
  const lines: string[] = [];
  lines.push(`rasoat analyze → ${outDir}`);
  lines.push(`  files ${files}, documents ${a.docs.length}, plans ${a.diffs.length}, failures ${a.failures.length}`);
  if (a.diffs.length) {
    lines.push('');
    lines.push(`  ${'plan'.padEnd(44)} ${'base'.padEnd(12)} ${'coverage'.padStart(8)}  cov  adp  par  omi  add`);
    for (const d of a.diffs) {
      const p = a.docs.find((x) => refKey(x.source) === refKey(d.plan));
      const b = a.docs.find((x) => refKey(x.source) === refKey(d.base));
      const s = d.summary;
      const name = (p ? shortName(p) : refKey(d.plan)).slice(0, 44);
      lines.push(`  ${name.padEnd(44)} ${(b ? shortName(b) : refKey(d.base)).slice(0, 12).padEnd(12)} ${pct(s.coverage).padStart(8)} ${[s.covered, s.adapted, s.partial, s.omitted, s.additions].map((n) => String(n).padStart(4)).join(' ')}`);
    }
  }
  const missing = notes.filter((n) => n.code === 'base-not-found');
  if (missing.length) {
    lines.push('');
    lines.push('  not diffed (base not found):');
    for (const n of missing) lines.push(`    ${n.message}`);
  }
  const forced = notes.filter((n) => n.code === 'not-implementing');
  if (forced.length) {
    lines.push('');
    lines.push('  diffed against --base although they do not say they implement it:');
    for (const n of forced) lines.push(`    ${n.message}`);
  }
  if (a.failures.length) {
    lines.push('');
    lines.push('  failures:');
    for (const f of a.failures) lines.push(`    ${f.file}: ${f.reason} [${f.code}]`);
  }
  lines.push('');
  lines.push(`  wrote ${w.written.length} file(s), ${w.unchanged} unchanged, removed ${w.removed.length}; report: ${path.join(outDir, 'site', 'index.html')}`);
  return lines.join('\n') + '\n';
}

export async function run(args: string[], flags: Record<string, unknown>): Promise<number> {
  const dir = args[0] ?? 'corpus';
  const outDir = typeof flags.out === 'string' && flags.out ? flags.out : 'extracted';
  try {
    if (!(await stat(dir)).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  } catch (e) {
    process.stderr.write(`rasoat analyze: ${dir}: ${describeError(e).reason}\n`);
    return 2;
  }
  const bar = progressBar();
  const opts = processOptions(flags);
  if (typeof flags.base === 'string' && flags.base) opts.baseFiles = [flags.base];
  const { analysis, files, indexMarkdown, diagnostics } = await analyzeCorpus(dir, opts, bar);
  const outputs = await buildOutputs(analysis, { indexMarkdown, files: files.length });
  const w = await writeOutputs(outDir, outputs);
  process.stdout.write(summaryText(analysis, files.length, outDir, w, diagnostics));
  return analysis.failures.length ? 1 : 0;
}
