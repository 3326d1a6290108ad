/**
 * Benchmark of the whole pipeline (ingest → segment → extract → diff → report) on synthetic
 * corpora, against the targets of issue 6. Prints a table and writes docs/performance.md.
 *
 *   npx tsx scripts/bench.ts [--n 100,1000,2000] [--workers 2] [--seed 1] [--no-write] [--skip cold,pdf,workers,diff]
 *
 * Each batch run is a fresh process (scripts/bench/run.ts) so that its peak RSS is its own.
 * Corpora and caches live in .cache/bench/ (ignored by git); corpora are reused when present.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pipelineVersion } from '../src/batch/index.js';
import { seedFile } from './lib.js';
import { synthesize } from './synth.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const BASE = seedFile('000'); // the plan + Chỉ thị 50 bundle: the diff hook picks the CHỈ THỊ in it
const WORK = path.join(ROOT, '.cache', 'bench');

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '100,1000,2000' },
    workers: { type: 'string', default: '2' },
    seed: { type: 'string', default: '1' },
    'no-write': { type: 'boolean' },
    skip: { type: 'string', default: '' },
  },
});
const NS = values.n!.split(',').map(Number);
const WORKERS = Number(values.workers);
const SEED = Number(values.seed);
const skip = new Set(values.skip!.split(',').filter(Boolean));
const log = (s: string) => process.stderr.write(s + '\n');

interface Run {
  files: number;
  docs: number;
  cached: number;
  failures: Record<string, number>;
  wallMs: number;
  firstItemMs: number;
  maxRssKb: number;
  stages: Record<string, number>;
  ingestBy: Record<string, { ms: number; files: number }>;
  outputSha: string;
}

// the code version is pinned for the whole bench so that edits to src/ during a long bench do not empty the cache
const VERSION = pipelineVersion();
// the batch runs the compiled dist/ (what `rasoat` runs after `npm install`): build it now
execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' });

function batch(dir: string, workers: number, cache: string | null): Run {
  const args = ['--import', 'tsx', path.join(ROOT, 'scripts/bench/run.ts'), '--dir', dir, '--workers', String(workers), '--base', BASE, '--cache-version', VERSION];
  if (cache) args.push('--cache', cache);
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`bench run failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f1 = (x: number) => x.toFixed(1);
const f0 = (x: number) => x.toFixed(0);
const mb = (kb: number) => (kb / 1024).toFixed(0);

// ------------------------------------------------------------------ batch runs per N

const results: { n: number; cold: Run; warm: Run; synthS: number }[] = [];
for (const n of NS) {
  const t0 = performance.now();
  const { dir } = await synthesize({ n, seed: SEED, out: path.join(WORK, `corpus-n${n}-s${SEED}`) });
  const synthS = (performance.now() - t0) / 1000;
  const cache = path.join(WORK, `cache-n${n}`);
  rmSync(cache, { recursive: true, force: true });
  log(`N=${n}: corpus ready (${f1(synthS)} s); first run…`);
  const cold = batch(dir, WORKERS, cache);
  log(`N=${n}: ${f1(cold.wallMs / 1000)} s, ${f1((cold.files / cold.wallMs) * 1000)} files/s, RSS ${mb(cold.maxRssKb)} MB; re-run…`);
  const warm = batch(dir, WORKERS, cache);
  log(`N=${n}: re-run ${f1(warm.wallMs / 1000)} s (${warm.cached} cached)`);
  results.push({ n, cold, warm, synthS });
}

// ------------------------------------------------------------------ same results with 1 and N workers

let workersCheck: { n: number; one: string; many: string; equal: boolean; oneS: number; tries: number } | null = null;
if (!skip.has('workers') && results.length) {
  // back to back, no cache, and only valid when src/ did not change in between (other sessions may be editing it)
  const r0 = results[0];
  const dir = path.join(WORK, `corpus-n${r0.n}-s${SEED}`);
  for (let tries = 1; tries <= 3; tries++) {
    log(`N=${r0.n}: 1 and ${WORKERS} workers, for the equality check (try ${tries})…`);
    const v0 = pipelineVersion(true);
    const one = batch(dir, 1, null);
    const many = batch(dir, WORKERS, null);
    if (pipelineVersion(true) !== v0) continue;
    workersCheck = { n: r0.n, one: one.outputSha, many: many.outputSha, equal: one.outputSha === many.outputSha, oneS: one.wallMs / 1000, tries };
    break;
  }
}

// ------------------------------------------------------------------ cold start of the CLI

let cold: { cmd: string; median: number; min: number }[] = [];
const textFile = path.join(ROOT, 'corpus', readdirSync(path.join(ROOT, 'corpus')).find((f) => f.endsWith('.txt'))!);
if (!skip.has('cold')) {
  log('cold start of rasoat extract…');
  const variants: [string, string, string[]][] = [
    ['npx tsx src/cli.ts extract FILE --json', 'npx', ['tsx', 'src/cli.ts', 'extract', textFile, '--json']],
    ['node --import tsx src/cli.ts extract FILE --json', process.execPath, ['--import', 'tsx', 'src/cli.ts', 'extract', textFile, '--json']],
    ['node bin/rasoat.js extract FILE --json', process.execPath, ['bin/rasoat.js', 'extract', textFile, '--json']],
  ];
  cold = variants.map(([cmd, exe, args]) => {
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      const t0 = performance.now();
      const r = spawnSync(exe, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
      const t = performance.now() - t0;
      if (r.status !== 0) throw new Error(`${cmd}: ${r.stderr}`);
      if (i > 0) times.push(t); // the first run warms the disk and tsx caches
    }
    return { cmd, median: median(times), min: Math.min(...times) };
  });
}

// ------------------------------------------------------------------ PDF extraction vs pdftotext

let pdf: { files: number; pages: number; ours: number; oursCold: number; poppler: number; popplerInProc: number } | null = null;
if (!skip.has('pdf')) {
  log('PDF text extraction vs pdftotext…');
  const dir = path.join(WORK, `corpus-n${NS[0]}-s${SEED}`);
  const pdfs = readdirSync(dir)
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => path.join(dir, f));
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/bench/pdf.ts'), ...pdfs], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const ours = JSON.parse(r.stdout.trim().split('\n').pop()!) as { pages: number; warmMs: number; coldMs: number };
  let popplerMs = 0;
  for (const f of pdfs) {
    const t0 = performance.now();
    execFileSync('pdftotext', ['-enc', 'UTF-8', f, '-'], { maxBuffer: 1 << 26 });
    popplerMs += performance.now() - t0;
  }
  // pdftotext on the same pages without 20 process start-ups: all files concatenated is not possible, so subtract the start-up of an empty run
  const s0 = performance.now();
  for (let i = 0; i < 5; i++) spawnSync('pdftotext', ['-v']);
  const startMs = (performance.now() - s0) / 5;
  pdf = { files: pdfs.length, pages: ours.pages, ours: ours.warmMs, oursCold: ours.coldMs, poppler: popplerMs, popplerInProc: Math.max(0.001, popplerMs - startMs * pdfs.length) };
}

// ------------------------------------------------------------------ diff in process

let diff: { plans: number; medianMs: number; maxMs: number; indexMs: number } | null = null;
if (!skip.has('diff')) {
  log('diff of one plan against Chỉ thị 50, in process…');
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/bench/diff.ts'), BASE, seedFile('000'), seedFile('002'), seedFile('003')], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  diff = JSON.parse(r.stdout.trim().split('\n').pop()!);
}

// ------------------------------------------------------------------ report

const machine = {
  cpus: os.availableParallelism(),
  model: os.cpus()[0]?.model ?? '?',
  memGb: (os.totalmem() / 2 ** 30).toFixed(1),
  node: process.version,
  os: `${os.type()} ${os.release()}`,
};
const ok = (b: boolean) => (b ? 'yes' : '**NO**');
const lines: string[] = [];
const out = (s = '') => lines.push(s);
const first = results.find((r) => r.n === 1000) ?? results[results.length - 1];
const last = results.find((r) => r.n === 2000);

out('# Performance');
out();
out(`Measured by \`npx tsx scripts/bench.ts --n ${values.n} --workers ${WORKERS}\` on ${new Date().toISOString().slice(0, 10)}.`);
out();
out(`Machine: ${machine.cpus} CPUs (${machine.model}), ${machine.memGb} GiB RAM, Node ${machine.node}, ${machine.os}.`);
out();
out('Corpus: synthetic plans from the real plans (seed 000 plan part, 002, 003) mutated as in the diff tests (delete, reorder, paraphrase, change numbers, insert local items); 60 % text, 20 % DOCX, 20 % PDF (`scripts/synth.ts`, deterministic from `--seed`). End to end = ingest → segment → extract → diff against Chỉ thị 50 (index built once per worker) → per-plan HTML report, in worker threads, results streamed in input order.');
out();
out('## Batch runs');
out();
out(`| N | wall (s) | docs/s | peak RSS (MB) | first result (s) | failures | re-run (s) | re-run / first |`);
out(`|---:|---:|---:|---:|---:|---|---:|---:|`);
for (const r of results)
  out(
    `| ${r.n} | ${f1(r.cold.wallMs / 1000)} | ${f1((r.cold.docs / r.cold.wallMs) * 1000)} | ${mb(Math.max(r.cold.maxRssKb, r.warm.maxRssKb))} | ${f1(r.cold.firstItemMs / 1000)} | ${Object.entries(r.cold.failures).map(([k, v]) => `${k} ${v}`).join(', ') || '0'} | ${f1(r.warm.wallMs / 1000)} | ${f1((100 * r.warm.wallMs) / r.cold.wallMs)} % |`,
  );
out();
out('Time per stage, summed over files inside the workers (CPU-time-like: with 2 workers the wall time is about half the sum). ms per file in parentheses.');
out();
const stageNames = ['ingest', 'segment', 'extract', 'diff', 'report', 'serialize'];
out(`| N | ${stageNames.join(' | ')} | ingest txt | ingest DOCX | ingest PDF |`);
out(`|---:|${stageNames.map(() => '---:').join('|')}|---:|---:|---:|`);
for (const r of results) {
  const s = r.cold.stages;
  const by = (f: string) => {
    const b = r.cold.ingestBy[f];
    return b ? `${f1(b.ms / 1000)} s (${f1(b.ms / b.files)})` : '—';
  };
  out(`| ${r.n} | ${stageNames.map((k) => `${f1((s[k] ?? 0) / 1000)} s (${f1((s[k] ?? 0) / r.cold.files)})`).join(' | ')} | ${by('txt')} | ${by('docx')} | ${by('pdf')} |`);
}
out();
if (workersCheck)
  out(`Results with 1 and ${WORKERS} workers on N = ${workersCheck.n}: hash of all outputs ${workersCheck.one.slice(0, 12)} vs ${workersCheck.many.slice(0, 12)} — ${workersCheck.equal ? 'identical' : '**DIFFERENT**'} (1 worker: ${f1(workersCheck.oneS)} s).`);
out();
if (cold.length) {
  out('## Cold start of `rasoat extract` on one text file (wall, including start-up; median of 5 after one warm-up)');
  out();
  out('| command | median (s) | min (s) |');
  out('|---|---:|---:|');
  for (const c of cold) out(`| \`${c.cmd}\` | ${(c.median / 1000).toFixed(2)} | ${(c.min / 1000).toFixed(2)} |`);
  out();
}
if (pdf) {
  out(`## PDF text extraction vs poppler \`pdftotext\` (${pdf.files} generated PDFs, ${pdf.pages} pages)`);
  out();
  out('| | total (ms) | ms / page |');
  out('|---|---:|---:|');
  out(`| rasoat PDF reader, warm (pdfjs + reflow) | ${f0(pdf.ours)} | ${f1(pdf.ours / pdf.pages)} |`);
  out(`| rasoat PDF reader, first file of a process | ${f0(pdf.oursCold)} | — |`);
  out(`| \`pdftotext\`, one process per file | ${f0(pdf.poppler)} | ${f1(pdf.poppler / pdf.pages)} |`);
  out(`| \`pdftotext\`, minus process start-up | ${f0(pdf.popplerInProc)} | ${f1(pdf.popplerInProc / pdf.pages)} |`);
  out();
  out(`Ratio per page: ${f1(pdf.ours / pdf.poppler)} × pdftotext as a command, ${f1(pdf.ours / pdf.popplerInProc)} × without its process start-up.`);
  out();
}
if (diff) {
  out(`## Diff in process`);
  out();
  out(`One plan against Chỉ thị 50, base index built once (${f1(diff.indexMs)} ms): median ${f1(diff.medianMs)} ms, max ${f1(diff.maxMs)} ms over ${diff.plans} diffs of the real plans (warm).`);
  out();
}
out('## Targets');
out();
out('| target | measured | met |');
out('|---|---|---|');
if (first) out(`| ${first.n} mixed plans end to end ≤ 60 s on 2 cores | ${f1(first.cold.wallMs / 1000)} s | ${ok(first.cold.wallMs <= 60_000)} |`);
if (first && last) out(`| 2000 ≤ 2.2 × 1000 | ${f1(last.cold.wallMs / first.cold.wallMs)} × | ${ok(last.cold.wallMs <= 2.2 * first.cold.wallMs)} |`);
const peak = Math.max(...results.map((r) => r.cold.maxRssKb));
out(`| peak RSS ≤ 1 GB | ${mb(peak)} MB | ${ok(peak <= 1024 * 1024)} |`);
if (diff) out(`| one plan diff ≤ 30 ms in process | ${f1(diff.medianMs)} ms | ${ok(diff.medianMs <= 30)} |`);
const cli = cold.find((c) => c.cmd.startsWith('node bin/rasoat.js'));
const viaTsx = cold.find((c) => c.cmd.startsWith('node --import'));
if (cli) out(`| \`rasoat extract\` one text file ≤ 0.5 s wall | ${(cli.median / 1000).toFixed(2)} s (\`rasoat\`, compiled dist/); ${viaTsx ? (viaTsx.median / 1000).toFixed(2) : '?'} s (node --import tsx); ${(cold[0].median / 1000).toFixed(2)} s (npx tsx) | ${ok(cli.median <= 500)} |`);
if (pdf) out(`| PDF extraction ≤ 3 × pdftotext per page | ${f1(pdf.ours / pdf.poppler)} × | ${ok(pdf.ours <= 3 * pdf.poppler)} |`);
const worst = Math.max(...results.map((r) => r.warm.wallMs / r.cold.wallMs));
out(`| re-run ≤ 5 % of first run | ${f1(100 * worst)} % (worst N) | ${ok(worst <= 0.05)} |`);
if (workersCheck) out(`| identical results whatever the number of workers | 1 vs ${WORKERS} workers | ${ok(workersCheck.equal)} |`);
out();
out('## How the batch layer works (`src/batch/`)');
out();
out('- `processMany(files, opts)` yields one item per file in input order; a file never throws: failures are items `{ok: false, file, code, reason}`. At most `window` files are read ahead of the consumer, so memory does not grow with N.');
out('- Worker threads (`node:worker_threads`, one task per worker) run ingest → segment → extract and the hooks (`diff`: `src/batch/hooks/diff.ts`, base index built once per worker; the bench adds a report hook). Workers start lazily: a fully cached re-run starts none.');
out('- Cache: `cacheDir/xx/<sha256(code version, options, file name, sha256 of bytes)>.json` holds the worker\'s JSON verbatim; the code version is a hash of `src/` and the lock file, so any code change invalidates it. Deterministic failures (e.g. `not-a-document`) are cached too; timeouts and crashes are not.');
out('- Workers load tsx through `src/batch/shim.mjs`, which imports pdfjs-dist (and mammoth, jszip) natively *before* registering tsx: through the tsx loader pdfjs alone costs ~2.3 s and ~400 MB per thread, natively ~0.15 s and ~50 MB.');
out();
out('## Limits (all configurable; `BatchOptions` in `src/batch/types.ts`)');
out();
out('| limit | default | on violation |');
out('|---|---|---|');
out("| file size (`maxBytes`, `--max-bytes`) | 50 MiB | `too-large`, checked with stat before reading |");
out("| PDF pages (`maxPages`, `--max-pages`) | 500 | `too-large` |");
out("| DOCX inflated size (`maxInflatedBytes`) | 200 MiB | `too-large` (zip bomb) |");
out("| per-file timeout (`timeoutMs`) | 60 s | `timeout`: the worker is terminated and replaced, the batch goes on |");
out("| worker heap (`workerMemoryMb`) | 768 MiB | `out-of-memory`: the worker is replaced |");
out("| read-ahead (`window`) | 8 × workers files | bounds memory: results are streamed in input order |");
out();
const md = lines.join('\n') + '\n';
process.stdout.write(md);
if (!values['no-write']) {
  writeFileSync(path.join(ROOT, 'docs', 'performance.md'), md);
  writeFileSync(path.join(WORK, 'last.json'), JSON.stringify({ machine, results, workersCheck, cold, pdf, diff }, null, 1));
  log('wrote docs/performance.md');
}
void readFileSync;
