/**
 * Benchmark of the command users run: `rasoat analyze` (bin/rasoat.js, compiled dist/) on synthetic
 * corpora of N mixed plans (scripts/synth.ts: 60 % text, 20 % DOCX, 20 % PDF, from the real plans),
 * diffed against Chỉ thị 50-CT/TW (`--base`, the bundle of seed 000 in corpus/). For each N: a first
 * run (empty cache, no output folder) and an unchanged re-run, each a fresh process; wall time and
 * peak RSS of the whole process (main thread + worker threads) from /usr/bin/time. Then the extraction
 * curve: `processFile` on texts of 1 000 … 4 000 short paragraphs (is each stage near-linear?).
 * Everything lives in os.tmpdir()/rasoat-bench (nothing in the work tree); corpora are reused.
 *
 *   npm run bench [-- --n 1000,2000] [--workers 2] [--seed 1] [--skip curve] [--write]
 *
 * --write puts the table into docs/performance.md (section "rasoat analyze").
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { seedFile } from './lib.js';
import { synthesize } from './synth.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const WORK = path.join(os.tmpdir(), 'rasoat-bench');
const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '1000,2000' },
    workers: { type: 'string', default: '2' },
    seed: { type: 'string', default: '1' },
    skip: { type: 'string', default: '' },
    write: { type: 'boolean' },
  },
});
const NS = values.n!.split(',').map(Number);
const skip = new Set(values.skip!.split(',').filter(Boolean));
const log = (s: string) => process.stderr.write(s + '\n');
mkdirSync(WORK, { recursive: true });

// the command runs the compiled dist/ (what `rasoat` runs after `npm install`)
execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' });
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
if (!TIME) log('bench: /usr/bin/time not found (Debian: apt-get install time): peak RSS is not measured');

interface Run {
  wallS: number;
  /** user + sys CPU seconds of the whole process (all threads), from /usr/bin/time */
  cpuS: number | null;
  maxRssMb: number | null;
  status: number | null;
  wrote: string;
}

function analyze(dir: string, out: string, cache: string): Run {
  const args = [path.join(ROOT, 'bin', 'rasoat.js'), 'analyze', dir, '--out', out, '--cache', cache, '--base', seedFile('000'), '--workers', values.workers!];
  const t0 = performance.now();
  const r = TIME ? spawnSync(TIME, ['-f', 'RASOAT_MAXRSS_KB=%M RASOAT_CPU=%U+%S', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 }) : spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wallS = (performance.now() - t0) / 1000;
  const rss = /RASOAT_MAXRSS_KB=(\d+)/.exec(r.stderr ?? '');
  const cpu = /RASOAT_CPU=([\d.]+)\+([\d.]+)/.exec(r.stderr ?? '');
  if (r.status !== 0 && r.status !== 1) throw new Error(`analyze failed (${r.status}): ${r.stderr}`);
  return { wallS, cpuS: cpu ? Number(cpu[1]) + Number(cpu[2]) : null, maxRssMb: rss ? Number(rss[1]) / 1024 : null, status: r.status, wrote: /wrote .*$/m.exec(r.stdout)?.[0] ?? '' };
}

const rows: { n: number; cold: Run; warm: Run }[] = [];
for (const n of NS) {
  const { dir } = await synthesize({ n, seed: Number(values.seed), out: path.join(WORK, `corpus-n${n}-s${values.seed}`) });
  const out = path.join(WORK, `out-n${n}`);
  const cache = path.join(WORK, `cache-n${n}`);
  rmSync(out, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
  log(`N=${n}: first run…`);
  const cold = analyze(dir, out, cache);
  log(`  ${cold.wallS.toFixed(1)} s, CPU ${cold.cpuS?.toFixed(1)} s, ${cold.maxRssMb?.toFixed(0)} MB, load ${os.loadavg()[0].toFixed(1)}; ${cold.wrote}`);
  log(`N=${n}: unchanged re-run…`);
  const warm = analyze(dir, out, cache);
  log(`  ${warm.wallS.toFixed(1)} s, CPU ${warm.cpuS?.toFixed(1)} s, ${warm.maxRssMb?.toFixed(0)} MB; ${warm.wrote}`);
  rows.push({ n, cold, warm });
}

const lines: string[] = [];
const cpu = os.cpus()[0]?.model ?? '?';
lines.push(`Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} CPUs (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load average at the end ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}; --workers ${values.workers}.`, '');
lines.push('| plans | first run | CPU (user + sys) | peak RSS | unchanged re-run | re-run / first | peak RSS (re-run) |', '|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows)
  lines.push(`| ${r.n} | ${r.cold.wallS.toFixed(1)} s | ${r.cold.cpuS?.toFixed(1) ?? '?'} s | ${r.cold.maxRssMb?.toFixed(0) ?? '?'} MB | ${r.warm.wallS.toFixed(1)} s | ${((100 * r.warm.wallS) / r.cold.wallS).toFixed(1)} % | ${r.warm.maxRssMb?.toFixed(0) ?? '?'} MB |`);
if (rows.length >= 2) lines.push('', `Scaling: ${rows[rows.length - 1].n} plans took ${(rows[rows.length - 1].cold.wallS / rows[0].cold.wallS).toFixed(2)} × the time of ${rows[0].n}.`);

if (!skip.has('curve')) {
  // extraction time against document size: short paragraphs with a deadline each (the worst case of issue 14)
  const { processBuffer } = await import('../src/pipeline.js');
  lines.push('', '| paragraphs | bytes | extract (ms) | ms per 1 000 paragraphs |', '|---:|---:|---:|---:|');
  for (const k of [1000, 2000, 4000]) {
    const text = ['KẾ HOẠCH', 'Thực hiện Chỉ thị số 50-CT/TW', ...Array.from({ length: k }, (_, i) => `${i + 1}. Chi bộ tổ chức sinh hoạt định kỳ, hoàn thành trước ngày ${(i % 28) + 1}/${(i % 12) + 1}/2026.`)].join('\n');
    const buf = Buffer.from(text);
    const t0 = performance.now();
    await processBuffer(buf, 'curve.txt', {});
    const ms = performance.now() - t0;
    lines.push(`| ${k} | ${buf.length} | ${ms.toFixed(0)} | ${((ms / k) * 1000).toFixed(0)} |`);
    log(`curve: ${k} paragraphs ${ms.toFixed(0)} ms`);
  }
}

const table = lines.join('\n');
process.stdout.write(table + '\n');
if (values.write) {
  const doc = path.join(ROOT, 'docs', 'performance.md');
  const old = existsSync(doc) ? readFileSync(doc, 'utf8') : '';
  const head = '## rasoat analyze (the real command, `npm run bench`)';
  const section = `${head}\n\n${table}\n`;
  const re = /## rasoat analyze \(the real command[\s\S]*?(?=\n## |$)/;
  writeFileSync(doc, re.test(old) ? old.replace(re, section) : `${section}\n${old}`);
}
