/**
 * Evaluate the diff (src/align) against ../shared/gold-dev/coverage.json and
 * against mutations of the real plans (scripts/mutations.ts).
 *
 *   npx tsx scripts/eval-diff.ts [--mutations N] [--no-renderings]
 *
 * Gold: each gold requirement (a key phrase of the directive) is mapped to our
 * requirement(s) whose text contains the phrase (matchKey, then diacritic-free);
 * predicted "omission" = all mapped requirements are omitted or partial. Gold
 * 'ambiguous' and 'not-applicable' are not scored. Additions: a gold addition is
 * recalled when one of our additions overlaps it (by span) or names it (citation,
 * body). Changed parameters: recalled when a mapped requirement carries a change
 * of the right kind.
 */
import path from 'node:path';
import { buildBaseIndex, diffPlan } from '../src/align/index.js';
import type { DiffResult, Doc, Span } from '../src/model.js';
import { asciiFold, matchKey } from '../src/normalize/vi.js';
import { docsFromText, processFile } from '../src/pipeline.js';
import { tokenize } from '../src/align/tokens.js';
import { FIXTURES, SEEDS, gold, locate, pct, prf } from './lib.js';
import { MUTATIONS, type Mutated } from './mutations.js';


const args = process.argv.slice(2);
const NMUT = Number(args[args.indexOf('--mutations') + 1]) || 12;

interface GoldCov {
  requirements: { id: string; key: string }[];
  plans: Record<string, { file: string; status: Record<string, { expected: string; evidence?: string }>; additions: string[]; changes: { requirement: string; what: string }[] }>;
}
const G = gold<GoldCov>('coverage.json');

const base = (await processFile(path.join(SEEDS, '000_660a23ec831d8ecf.txt'))).docs[1];
const t0 = performance.now();
const index = buildBaseIndex(base);
const buildMs = performance.now() - t0;

// map gold requirements to ours
const fold = (s: string) => asciiFold(matchKey(s));
const mapping = new Map<string, string[]>();
for (const g of G.requirements) {
  let ids = index.reqs.filter((r) => matchKey(r.text).includes(matchKey(g.key))).map((r) => r.id);
  if (!ids.length) ids = index.reqs.filter((r) => fold(r.text).includes(fold(g.key))).map((r) => r.id);
  if (!ids.length) {
    // a key spanning two of our requirements: those containing its first or last words
    const w = fold(g.key).split(' ');
    const head = w.slice(0, 4).join(' ');
    const tail = w.slice(-4).join(' ');
    ids = index.reqs.filter((r) => fold(r.text).includes(head) || fold(r.text).includes(tail)).map((r) => r.id);
  }
  mapping.set(g.id, ids);
}
const unmapped = [...mapping].filter(([, v]) => !v.length).map(([k]) => k);

interface Score {
  tp: number;
  fp: number;
  fn: number;
  addFound: number;
  addTotal: number;
  chFound: number;
  chTotal: number;
  errors: string[];
}
const zero = (): Score => ({ tp: 0, fp: 0, fn: 0, addFound: 0, addTotal: 0, chFound: 0, chTotal: 0, errors: [] });

function predictedOmitted(d: DiffResult, gid: string): boolean {
  const ids = mapping.get(gid) ?? [];
  const reqs = d.requirements.filter((r) => ids.includes(r.id));
  return reqs.length > 0 && reqs.every((r) => r.status === 'omitted' || r.status === 'partial');
}

function additionFound(d: DiffResult, plan: Doc, phrase: string): boolean {
  const sp = locate(plan.text, phrase);
  const k = matchKey(phrase);
  if (d.additions.some((a) => [...a.citations, ...a.bodies].some((x) => matchKey(x).includes(k) || k.includes(matchKey(x)))) && d.additions.some((a) => matchKey(a.text + ' ' + a.bodies.join(' ') + ' ' + a.citations.join(' ')).includes(k)))
    return true;
  if (!sp) return d.additions.some((a) => fold(a.text).includes(fold(phrase)));
  return overlapShare(d.additions.map((a) => a.span), sp) >= 0.5;
}

/** Share of span `sp` covered by the union of `spans`. */
function overlapShare(spans: Span[], sp: Span): number {
  let n = 0;
  for (let i = sp[0]; i < sp[1]; i++) if (spans.some((s) => s[0] <= i && i < s[1])) n++;
  return n / Math.max(1, sp[1] - sp[0]);
}

const canon = (s: string) => tokenize(s).map((t) => t.key).join(' ');

function scoreGold(d: DiffResult, plan: Doc, gp: GoldCov['plans'][string], s: Score, expectedOverride?: Map<string, string>) {
  for (const [gid, st] of Object.entries(gp.status)) {
    const exp = expectedOverride?.get(gid) ?? st.expected;
    if (exp !== 'present' && exp !== 'omitted') continue;
    const pred = predictedOmitted(d, gid);
    if (pred && exp === 'omitted') s.tp++;
    else if (pred) {
      s.fp++;
      s.errors.push(`false omission ${gid} (${(mapping.get(gid) ?? []).join(',')})`);
    } else if (exp === 'omitted') {
      s.fn++;
      s.errors.push(`missed omission ${gid}`);
    }
  }
}

function scoreGoldExtras(d: DiffResult, plan: Doc, gp: GoldCov['plans'][string], s: Score) {
  for (const a of gp.additions) {
    s.addTotal++;
    if (additionFound(d, plan, a)) s.addFound++;
    else s.errors.push(`missed addition "${a}"`);
  }
  for (const c of gp.changes) {
    s.chTotal++;
    const kind = /weaken/i.test(c.what) ? 'qualifier' : 'list';
    const ids = mapping.get(c.requirement) ?? [];
    if (d.requirements.some((r) => ids.includes(r.id) && r.changes.some((x) => x.kind === kind))) s.chFound++;
    else s.errors.push(`missed change ${c.requirement} (${kind}): ${c.what}`);
  }
}

const fmt = (s: Score) => {
  const o = prf(s.tp, s.fp, s.fn);
  return `omissions P=${pct(o.p)} R=${pct(o.r)} (tp ${s.tp}, fp ${s.fp}, fn ${s.fn}); additions recall=${s.addTotal ? pct(s.addFound / s.addTotal) : '-'} (${s.addFound}/${s.addTotal}); changed parameters recall=${s.chTotal ? pct(s.chFound / s.chTotal) : '-'} (${s.chFound}/${s.chTotal})`;
};

console.log(`base: ${base.meta.symbol} — ${index.reqs.length} requirements (index built in ${buildMs.toFixed(1)} ms)`);
console.log(`gold requirements mapped: ${G.requirements.length - unmapped.length}/${G.requirements.length}${unmapped.length ? ' unmapped: ' + unmapped.join(', ') : ''}`);

// ---------------------------------------------------------------- gold
const plans: { id: string; label: string; file: string }[] = [];
for (const id of ['002', '003']) {
  plans.push({ id, label: `${id} txt`, file: path.join(SEEDS, G.plans[id].file) });
  if (!args.includes('--no-renderings')) {
    if (id === '002') plans.push({ id, label: '002 pdf', file: path.join(FIXTURES, '002_7cd20b194e2a205a.pdf') });
    if (id === '003') plans.push({ id, label: '003 docx', file: path.join(FIXTURES, '003_16dc449be3f50a1e.docx') });
  }
}
const planDocs = new Map<string, Doc>();
const timings: number[] = [];
const cpu: number[] = [];
/** Wall and CPU time of one diff (CPU time is robust to other processes sharing the machine). */
function timed<T>(f: () => T): T {
  const t = performance.now();
  const c = process.cpuUsage();
  const v = f();
  const dc = process.cpuUsage(c);
  timings.push(performance.now() - t);
  cpu.push((dc.user + dc.system) / 1000);
  return v;
}
const total = zero();
for (const p of plans) {
  let doc: Doc;
  try {
    const docs = (await processFile(p.file)).docs;
    doc = docs[0];
  } catch (e) {
    console.log(`${p.label}: cannot read (${e instanceof Error ? e.message : e})`);
    continue;
  }
  if (p.label.endsWith('txt')) planDocs.set(p.id, doc);
  const d = timed(() => diffPlan(index, doc).value);
  const s = zero();
  scoreGold(d, doc, G.plans[p.id], s);
  scoreGoldExtras(d, doc, G.plans[p.id], s);
  if (p.label.endsWith('txt')) for (const k of ['tp', 'fp', 'fn', 'addFound', 'addTotal', 'chFound', 'chTotal'] as const) total[k] += s[k];
  const sm = d.summary;
  console.log(`${p.label}: ${fmt(s)}  [covered ${sm.covered}, adapted ${sm.adapted}, partial ${sm.partial}, omitted ${sm.omitted}, additions ${sm.additions}, coverage ${sm.coverage}]`);
  for (const e of s.errors) console.log(`    ${e}`);
}
console.log(`gold (txt, both plans): ${fmt(total)}`);

// ---------------------------------------------------------------- mutations
const mut = { tp: 0, fp: 0, fn: 0, addFound: 0, addTotal: 0, chFound: 0, chTotal: 0, paraFlags: 0, paraTotal: 0, n: 0 };
const perKind: Record<string, { tp: number; fp: number; fn: number; n: number }> = {};
const mutErrors: string[] = [];
for (const [id, plan] of planDocs) {
  const gp = G.plans[id];
  const original = diffPlan(index, plan).value;
  for (const [name, fn] of Object.entries(MUTATIONS)) {
    for (let seed = 1; seed <= NMUT; seed++) {
      const m: Mutated = (fn as (t: string, s: number) => Mutated)(plan.text, seed * 7919 + id.charCodeAt(2));
      if (m.truth.kind === 'none') continue;
      const doc = docsFromText(m.text, { file: `${id}-${name}-${seed}`, format: 'txt' })[0];
      const d = timed(() => diffPlan(index, doc).value);
      mut.n++;
      // expected statuses: gold, with requirements whose evidence was deleted now omitted
      const override = new Map<string, string>();
      if (m.truth.kind === 'delete')
        for (const [gid, st] of Object.entries(gp.status))
          if (st.expected === 'present' && st.evidence && locate(plan.text, st.evidence) && !locate(m.text, st.evidence)) override.set(gid, 'omitted');
      // scored: gold-present requirements the original diff gets right (gold omissions and the
      // original's own errors are measured on the gold above, not counted again for every mutation)
      for (const [gid, st] of Object.entries(gp.status)) {
        if (override.has(gid)) continue;
        if (st.expected !== 'present' || predictedOmitted(original, gid)) override.set(gid, 'skip');
      }
      const s = zero();
      scoreGold(d, doc, gp, s, override);
      mut.tp += s.tp;
      mut.fp += s.fp;
      mut.fn += s.fn;
      const k = (perKind[name] ??= { tp: 0, fp: 0, fn: 0, n: 0 });
      k.tp += s.tp;
      k.fp += s.fp;
      k.fn += s.fn;
      k.n++;
      for (const e of s.errors) mutErrors.push(`${id} ${name} seed ${seed}: ${e}`);
      if (m.truth.kind === 'insert') {
        mut.addTotal++;
        const sp = m.truth.span;
        if (overlapShare(d.additions.map((a) => a.span), sp) >= 0.5) mut.addFound++;
        else mutErrors.push(`${id} ${name} seed ${seed}: inserted item not reported as an addition: ${m.truth.text}`);
      }
      if (m.truth.kind === 'change') {
        mut.chTotal++;
        const tr = m.truth;
        const hit = d.requirements.some(
          (r) =>
            r.changes.some((c) => (c.kind === tr.param || (tr.param === 'frequency' && c.kind === 'number') || (tr.param === 'number' && c.kind === 'frequency')) && c.to !== null && canon(c.to).includes(canon(tr.to))) &&
            r.matches.some((x) => x.span[0] <= tr.span[1] + 40 && x.span[1] >= tr.span[0] - 40),
        );
        if (hit) mut.chFound++;
        else {
          // a changed parameter in a local addition is not a change of a requirement: count it apart
          const inAddition = d.additions.some((a) => a.span[0] <= tr.span[0] && a.span[1] >= tr.span[1]);
          if (inAddition) {
            mut.chTotal--;
          } else mutErrors.push(`${id} ${name} seed ${seed}: change not flagged: ${tr.param} ${tr.from} → ${tr.to} at ${tr.span} "${m.text.slice(tr.span[0] - 40, tr.span[1] + 20).replace(/\s+/g, ' ')}"`);
        }
      }
      if (m.truth.kind === 'paraphrase') {
        mut.paraTotal++;
        const sp = m.truth.span;
        const before = new Set(original.requirements.flatMap((r) => r.changes.filter((c) => ['number', 'day', 'frequency'].includes(c.kind)).map((c) => r.id)));
        if (d.requirements.some((r) => !before.has(r.id) && r.changes.some((c) => ['number', 'day', 'frequency'].includes(c.kind)) && r.matches.some((x) => x.span[0] < sp[1] && x.span[1] > sp[0])))
          mut.paraFlags++;
      }
    }
  }
}
const mo = prf(mut.tp, mut.fp, mut.fn);
console.log(`\nmutations (${mut.n} diffs of 002 and 003): omissions P=${pct(mo.p)} R=${pct(mo.r)} (tp ${mut.tp}, fp ${mut.fp}, fn ${mut.fn}); additions recall=${pct(mut.addFound / Math.max(1, mut.addTotal))} (${mut.addFound}/${mut.addTotal}); changed number/day/frequency flagged ${mut.chFound}/${mut.chTotal}; paraphrases wrongly flagged as parameter changes ${mut.paraFlags}/${mut.paraTotal}`);
for (const [k, v] of Object.entries(perKind)) {
  const x = prf(v.tp, v.fp, v.fn);
  console.log(`  ${k.padEnd(16)} ${v.n} diffs: omissions P=${pct(x.p)} R=${pct(x.r)} (tp ${v.tp}, fp ${v.fp}, fn ${v.fn})`);
}
for (const e of mutErrors.slice(0, 40)) console.log(`    ${e}`);
if (mutErrors.length > 40) console.log(`    … ${mutErrors.length - 40} more`);
timings.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
const q = (xs: number[], f: number) => xs[Math.floor(xs.length * f)].toFixed(1);
console.log(`\ndiff time per plan (index reused), ${timings.length} diffs: wall median ${q(timings, 0.5)} ms, p90 ${q(timings, 0.9)} ms; CPU median ${q(cpu, 0.5)} ms, p90 ${q(cpu, 0.9)} ms`);
