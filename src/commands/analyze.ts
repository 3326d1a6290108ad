/**
 * `rasoat analyze [DIR=corpus] [--out extracted] [--base FILE]`: the main job. Reads every
 * document of DIR, indexes citations, diffs each plan against the corpus
 * document it implements (or a document of FILE), and writes extracted/ (documents, diffs, index,
 * exports, calendar, Word reports, report site). Deterministic; files are
 * written atomically and only when their content changed. The work is the corpus layer's (src/corpus/);
 * this module parses the options, shows progress and prints the summary.
 */
import { stat } from 'node:fs/promises';
import { lockOutput, OutputError, testStop, type WriteResult } from '../batch/outdir.js';
import path from 'node:path';
import { type Analysis, type Diagnostic, refKey } from '../model.js';
import { reapOnExit } from '../ingest/children.js';
import { describeError } from '../errors.js';
import type { CorpusOptions, Progress } from '../corpus/load.js';
import { findDoc, pct, shortName } from '../report/common.js';
import { DETERMINISTIC_FAILURES, recalledRun, recordRun, runKey, type RunRecord } from '../batch/runmemo.js';
import { corpusFiles, PARALLEL_FROM } from '../corpus/load.js';

// the corpus layer, re-exported for the callers that know it from here
export { analyzeCorpus } from '../corpus/analyze.js';
export { corpusFiles, loadCorpus, PARALLEL_FROM, type CorpusOptions, type Progress } from '../corpus/load.js';
export { findBases, missingBases } from '../corpus/bases.js';
export { MANAGED, writeOutputs } from '../corpus/write.js';
export { describeError } from '../errors.js';

export function processOptions(flags: Record<string, unknown>): CorpusOptions {
  // programs started for a file (OCR) and their temporary folders do not outlive the command
  reapOnExit();
  const num = (v: unknown) => (typeof v === 'string' && v ? Number(v) : undefined);
  return {
    maxBytes: num(flags['max-bytes']),
    maxPages: num(flags['max-pages']),
    ocr: flags.ocr !== false,
    workers: num(flags.workers),
    cacheDir: flags['no-cache'] ? null : typeof flags.cache === 'string' ? flags.cache : undefined,
    timeoutMs: num(flags.timeout) !== undefined ? num(flags.timeout)! * 1000 : undefined,
    // without parallel workers the files are still read in an isolated worker: the time and memory limits hold
    isolate: true,
  };
}

/** Runs that did the work and runs recalled from the memo (tests count them). */
export const memoStats = { runs: 0, recalled: 0 };

/**
 * The run memo (src/batch/runmemo.ts) where the content-hash cache is used (the worker path, not --no-cache):
 * the key of this run and, when the output folder is as the same run left it, what that run printed.
 */
async function memoOf(dir: string, outDir: string, opts: CorpusOptions): Promise<{ cacheDir: string; key: string; recalled: RunRecord | null } | null> {
  const files = await corpusFiles(dir);
  const { defaultWorkers, DEFAULT_CACHE_DIR } = await import('../batch/index.js');
  const workers = opts.workers ?? (files.length >= PARALLEL_FROM ? defaultWorkers() : 0);
  const cacheDir = workers > 0 ? (opts.cacheDir === undefined ? DEFAULT_CACHE_DIR : opts.cacheDir) : null;
  if (!cacheDir) return null;
  const options = { maxBytes: opts.maxBytes ?? null, maxPages: opts.maxPages ?? null, ocr: opts.ocr ?? null };
  const key = await runKey({ dir, files, outDir, options, baseFiles: opts.baseFiles ?? [], maxBytes: opts.maxBytes });
  return { cacheDir, key, recalled: recalledRun(cacheDir, outDir, key) };
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
      const p = findDoc(a, d.plan);
      const b = findDoc(a, d.base);
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
  // one run at a time per output folder: a second one refuses instead of mixing its files in
  let unlock: () => void;
  try {
    unlock = lockOutput(outDir);
  } catch (e) {
    process.stderr.write(`rasoat analyze: ${e instanceof Error ? e.message : e}\n`);
    return 1;
  }
  try {
    const bar = progressBar();
    const opts = processOptions(flags);
    if (typeof flags.base === 'string' && flags.base) opts.baseFiles = [flags.base];
    // an unchanged re-run (same inputs, code and options; output folder as the last run left it) does no work
    const memo = await memoOf(dir, outDir, opts);
    if (memo?.recalled) {
      memoStats.recalled++;
      process.stdout.write(memo.recalled.stdout);
      process.stderr.write(memo.recalled.stderr);
      return memo.recalled.status;
    }
    memoStats.runs++;
    // the analysis and the report stack are loaded only when there is work to do
    const { analyzeCorpus } = await import('../corpus/analyze.js');
    const { outputEntries } = await import('../report/outputs.js');
    const { writeOutputStream } = await import('../corpus/write.js');
    const { analysis, files, indexMarkdown, diagnostics, made } = await analyzeCorpus(dir, opts, bar);
    testStop('analyzed');
    // made and written one at a time (a 1 000-plan run's outputs are over a gigabyte)
    let w: WriteResult;
    try {
      w = await writeOutputStream(outDir, outputEntries(analysis, { indexMarkdown, files: files.length, made }));
    } catch (e) {
      if (!(e instanceof OutputError)) throw e;
      process.stderr.write(`rasoat analyze: ${e.message}\n`);
      return 1;
    }
    process.stdout.write(summaryText(analysis, files.length, outDir, w, diagnostics));
    // failures on stderr, as every command (README: exit status)
    let errText = '';
    for (const f of analysis.failures) errText += `rasoat: ${f.file}: ${f.reason} [${f.code}]\n`;
    if (analysis.failures.length) errText += `rasoat: ${analysis.failures.length} of ${files.length} file(s) failed: ${analysis.failures.map((x) => x.file).join(', ')}\n`;
    process.stderr.write(errText);
    const status = analysis.failures.length ? 1 : 0;
    // recorded only when no input changed while the run read them (the key is taken again)
    if (memo && analysis.failures.every((f) => DETERMINISTIC_FAILURES.has(f.code)) && (await memoOf(dir, outDir, opts))?.key === memo.key) {
      const unchanged = { written: [], unchanged: w.written.length + w.unchanged, removed: [] };
      recordRun(memo.cacheDir, outDir, { key: memo.key, status, stdout: summaryText(analysis, files.length, outDir, unchanged, diagnostics), stderr: errText });
    }
    return status;
  } finally {
    unlock();
  }
}
