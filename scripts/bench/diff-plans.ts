/**
 * Diff performance and output-stability check (src/align).
 *
 *   npx tsx scripts/bench/diff-plans.ts freeze FILE.json     process base + 3 real plans + 30 mutated plans + 8 condensed + 10 derived, write the Docs
 *   npx tsx scripts/bench/diff-plans.ts snapshot DOCS.json OUT.json   diffPlan outputs of the frozen Docs
 *   npx tsx scripts/bench/diff-plans.ts bench DOCS.json [ROUNDS]      index build time, median/p90 of diffPlan per plan
 *
 * Freezing the Docs keeps the comparison independent of changes to the other stages.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { buildBaseIndex, diffPlan } from '../../src/align/index.js';
import type { Doc } from '../../src/model.js';
import { docsFromText, processFile } from '../../src/pipeline.js';
import { MUTATIONS, type Mutated, derivePlan } from '../mutations.js';
import { readdirSync } from 'node:fs';


const [mode, file, out] = process.argv.slice(2);

if (mode === 'freeze') {
  const bundle = (await processFile('corpus/tap-doan-cnnl-ke-hoach-va-chi-thi-50-CT-TW.txt')).docs;
  const base = bundle[1];
  const plans: Doc[] = [bundle[0]];
  for (const f of ['corpus/tinh-uy-ke-hoach-thuc-hien-chi-thi-50.txt', 'corpus/thanh-uy-hai-phong-ke-hoach-thuc-hien-chi-thi-50.txt']) plans.push((await processFile(f)).docs[0]);
  const real = plans.slice();
  const names = Object.keys(MUTATIONS) as (keyof typeof MUTATIONS)[];
  let n = 0;
  for (let seed = 1; n < 30; seed++)
    for (const [pi, p] of real.entries()) {
      const name = names[(seed + pi) % names.length];
      const m: Mutated = (MUTATIONS[name] as (t: string, s: number) => Mutated)(p.text, seed * 7919 + pi);
      if (m.truth.kind === 'none' || n >= 30) continue;
      plans.push(docsFromText(m.text, { file: `mut-${pi}-${name}-${seed}`, format: 'txt' })[0]);
      n++;
    }
  // the condensed plans (gold/condensed) and plans derived from the directive (as scripts/eval-diff.ts makes them)
  for (const f of readdirSync('gold/condensed').filter((x) => /^\d.*\.txt$/.test(x)).sort()) plans.push((await processFile(`gold/condensed/${f}`)).docs[0]);
  const reqs = buildBaseIndex(base).reqs;
  const central = (i: number) => /^9\.-/.test(reqs[i].path) || /^Chỉ thị này thay thế/u.test(reqs[i].text);
  for (let seed = 1; seed <= 10; seed++) {
    const m = derivePlan(reqs.map((q) => ({ path: q.path, text: q.text })), seed * 104729, central);
    plans.push(docsFromText(m.text, { file: `derived-${seed}`, format: 'txt' })[0]);
  }
  writeFileSync(file, JSON.stringify({ base, plans }));
  console.log(`froze base + ${plans.length} plans`);
} else {
  const { base, plans } = JSON.parse(readFileSync(file, 'utf8')) as { base: Doc; plans: Doc[] };
  if (mode === 'snapshot') {
    const index = buildBaseIndex(base);
    writeFileSync(out, JSON.stringify(plans.map((p) => diffPlan(index, p).value), null, 1));
    console.log(`wrote ${plans.length} diffs`);
  } else {
    const rounds = Number(out) || 5;
    const bt: number[] = [];
    let index = buildBaseIndex(base);
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      index = buildBaseIndex(base);
      bt.push(performance.now() - t);
    }
    for (const p of plans) diffPlan(index, p);
    const times: number[] = [];
    const cpu: number[] = [];
    for (let r = 0; r < rounds; r++)
      for (const p of plans) {
        const t = performance.now();
        const c = process.cpuUsage();
        diffPlan(index, p);
        const dc = process.cpuUsage(c);
        times.push(performance.now() - t);
        cpu.push((dc.user + dc.system) / 1000);
      }
    const q = (xs: number[], f: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * f))].toFixed(1);
    const first = times.slice(0, plans.length);
    console.log(
      JSON.stringify({ plans: plans.length, rounds, medianMs: +q(times, 0.5), p90Ms: +q(times, 0.9), maxMs: +q(times, 1), cpuMedianMs: +q(cpu, 0.5), cpuP90Ms: +q(cpu, 0.9), realMs: first.slice(0, 3).map((x) => +x.toFixed(1)), indexMs: +q(bt, 0.5) }),
    );
  }
}
