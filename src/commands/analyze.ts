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
import { analyzeCorpus } from '../corpus/analyze.js';
import type { CorpusOptions, Progress } from '../corpus/load.js';
import { writeOutputs } from '../corpus/write.js';
import { pct, shortName } from '../report/common.js';
import { buildOutputs } from '../report/outputs.js';

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
    const { analysis, files, indexMarkdown, diagnostics, docx } = await analyzeCorpus(dir, opts, bar);
    testStop('analyzed');
    const outputs = await buildOutputs(analysis, { indexMarkdown, files: files.length, docx });
    let w: WriteResult;
    try {
      w = await writeOutputs(outDir, outputs);
    } catch (e) {
      if (!(e instanceof OutputError)) throw e;
      process.stderr.write(`rasoat analyze: ${e.message}\n`);
      return 1;
    }
    process.stdout.write(summaryText(analysis, files.length, outDir, w, diagnostics));
    // failures on stderr, as every command (README: exit status)
    for (const f of analysis.failures) process.stderr.write(`rasoat: ${f.file}: ${f.reason} [${f.code}]\n`);
    if (analysis.failures.length) process.stderr.write(`rasoat: ${analysis.failures.length} of ${files.length} file(s) failed: ${analysis.failures.map((x) => x.file).join(', ')}\n`);
    return analysis.failures.length ? 1 : 0;
  } finally {
    unlock();
  }
}
