/**
 * Load check of the review workbench (a benchmark, not a test): N synthetic plans
 * (scripts/synth.ts: mutated real plans, 60 % text, 20 % DOCX, 20 % PDF) uploaded at
 * once to a real `rasoat serve` on a fresh SQLite database; while the background
 * analysis runs, a reviewer's pages are requested one after another. Reports the time
 * until every plan is analysed, page times (p50/p95/max) during and after the
 * analysis, and the server's resident memory (peak, sampled from /proc).
 *
 *   npx tsx scripts/serve-load.ts [--n 60] [--workers 1] [--db postgres://…]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { synthesize } from './synth.js';
import { multipart } from '../test/helpers/serve-fixture.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { n: { type: 'string', default: '60' }, workers: { type: 'string', default: '1' }, db: { type: 'string' } } });
const N = Number(values.n);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'rasoat-load-'));
const db = values.db ?? path.join(tmp, 'wb.sqlite');

process.stdout.write(`synthesizing ${N} plans…\n`);
const { dir, manifest } = await synthesize({ n: N, seed: 7, out: path.join(tmp, 'plans') });

const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'rasoat.js'), 'serve', '--db', db, '--port', '0', '--workers', values.workers!], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
// the server's log, passed through; the research dataset's refresh of all N plans is awaited at the end
let datasetLine = '';
let onDataset: (() => void) | null = null;
child.stderr!.on('data', (d: Buffer) => {
  process.stderr.write(d);
  const m = new RegExp(`dataset: \\d+ documents, ${N} plans refreshed in \\d+ ms`).exec(String(d));
  if (m) {
    datasetLine = m[0];
    onDataset?.();
  }
});
const url: string = await new Promise((resolve, reject) => {
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
    const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
    if (m) resolve(m[1]);
  });
  child.on('exit', (c) => reject(new Error(`server exited ${c}: ${out}`)));
});

// the server's RSS (worker threads included: same process)
let peakRss = 0;
const rss = () => {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
    peakRss = Math.max(peakRss, kb);
    return kb;
  } catch {
    return 0;
  }
};
const sampler = setInterval(rss, 100);

let cookie = '';
const csrf = await (async () => {
  const r = await fetch(url + '/api/csrf');
  cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return (await r.json()).token as string;
})();
async function post(p: string, parts: Parameters<typeof multipart>[0]) {
  const m = multipart(parts);
  return fetch(url + p, { method: 'POST', headers: { ...m.headers, cookie, 'x-csrf-token': csrf }, body: new Blob([new Uint8Array(m.payload)]) });
}
async function timed(p: string): Promise<number> {
  const t0 = performance.now();
  const r = await fetch(url + p, { headers: { cookie } });
  await r.arrayBuffer();
  if (!r.ok) throw new Error(`${p}: ${r.status}`);
  return performance.now() - t0;
}

const base = path.join(ROOT, 'corpus', 'tap-doan-cnnl-ke-hoach-va-chi-thi-50-CT-TW.txt');
const round = (await (await post('/api/rounds', [{ name: 'title', value: 'Tải thử' }, { name: 'base', filename: 'chi-thi-50.txt', data: readFileSync(base) }])).json()).round.id as string;

const t0 = performance.now();
const files = manifest.files.map((f) => f.file);
const answers = await Promise.all(files.map((f) => post(`/api/rounds/${round}/plans`, [{ name: 'file', filename: f, data: readFileSync(path.join(dir, f)) }])));
const tUploaded = performance.now() - t0;
const accepted = answers.filter((a) => a.status === 201).length;

const during: Record<string, number[]> = { round: [], status: [], overview: [], review: [] };
let reviewId: string | null = null;
let done = 0;
let failed = 0;
for (;;) {
  const plans = (await (await fetch(`${url}/api/rounds/${round}/plans`, { headers: { cookie } })).json()).plans as { id: string; status: string }[];
  done = plans.filter((p) => p.status === 'done').length;
  failed = plans.filter((p) => p.status === 'failed').length;
  if (done + failed === plans.length) break;
  reviewId ??= plans.find((p) => p.status === 'done')?.id ?? null;
  during.round.push(await timed(`/rounds/${round}`));
  during.status.push(await timed(`/api/rounds/${round}/plans`));
  during.overview.push(await timed(`/rounds/${round}/overview`));
  if (reviewId) during.review.push(await timed(`/plans/${reviewId}`));
  await new Promise((r) => setTimeout(r, 100));
}
const tAll = performance.now() - t0;
const after: Record<string, number[]> = { round: [], overview: [], review: [], print: [] };
const plans = (await (await fetch(`${url}/api/rounds/${round}/plans`, { headers: { cookie } })).json()).plans as { id: string; status: string }[];
const some = plans.filter((p) => p.status === 'done').map((p) => p.id);
for (let i = 0; i < 20; i++) {
  after.round.push(await timed(`/rounds/${round}`));
  after.overview.push(await timed(`/rounds/${round}/overview`));
  after.review.push(await timed(`/plans/${some[i % some.length]}`));
  if (i < 3) after.print.push(await timed(`/rounds/${round}/print`));
}
// the dataset tables (ds_…) of all N plans, refreshed on a worker thread once the queue drained
if (!datasetLine) await new Promise<void>((r) => ((onDataset = r), setTimeout(r, 300_000)));
clearInterval(sampler);
child.kill('SIGTERM');

const q = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const line = (name: string, xs: number[]) => `| ${name} | ${xs.length} | ${q(xs, 50).toFixed(0)} | ${q(xs, 95).toFixed(0)} | ${Math.max(...xs).toFixed(0)} |`;
const allDuring = Object.values(during).flat();
const fmt = (x: string) => manifest.files.filter((f) => f.format === x).length;
process.stdout.write(`
${os.cpus().length} cores, Node ${process.version}, ${values.db ? 'PostgreSQL' : 'SQLite'}, --workers ${values.workers}
${N} plans (txt ${fmt('txt')}, docx ${fmt('docx')}, pdf ${fmt('pdf')}) uploaded at once: ${accepted} stored in ${(tUploaded / 1000).toFixed(1)} s
all analysed after ${(tAll / 1000).toFixed(1)} s (${done} done, ${failed} failed)
server memory: peak RSS ${(peakRss / 1024).toFixed(0)} MB
research dataset tables: ${datasetLine || 'not refreshed within 5 min'}

page times while the analysis runs (ms):
| page | requests | p50 | p95 | max |
|---|---|---|---|---|
${Object.entries(during).map(([k, v]) => line(k, v)).join('\n')}
${line('all', allDuring)}

page times after, ${done} plans (ms):
| page | requests | p50 | p95 | max |
|---|---|---|---|---|
${Object.entries(after).map(([k, v]) => line(k, v)).join('\n')}
`);
rmSync(tmp, { recursive: true, force: true });
void readdirSync;
