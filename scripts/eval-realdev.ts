/**
 * Scores header, signature, structure, task leads and `implements` relations on the
 * hand-checked real-dev gold (gold/real-dev/gold.jsonl and the fresh held-out set gold/real-dev/gold-fresh.jsonl,
 * see their README) in four layouts:
 *
 *   md      the Markdown file as published by the portal (../shared/real-dev/FILE)
 *   docx    the same document re-typeset in the official layout (scripts/official-layout.ts)
 *   pdf     that DOCX printed to PDF by LibreOffice (soffice --headless --convert-to pdf)
 *   pasted  the text a user gets by copying the PDF (pdftotext, reading order)
 *
 *   npx tsx scripts/eval-realdev.ts [--layout md,docx,pdf,pasted] [--split dev|heldout|fresh|all] [--verbose] [--no-sweep]
 *
 * Also reads every file of ../shared/real-dev (the "sweep": failures, crashes, time per
 * document). Generated DOCX/PDF/text are cached under the OS temp folder by content hash.
 * Skips (exit 0, says so) when ../shared/real-dev is missing.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { processFile } from '../src/pipeline.js';
import type { Doc, Segment } from '../src/model.js';
import { matchKey } from '../src/normalize/vi.js';
import { documentImplements } from '../src/extract/citations.js';
import { SHARED, pct } from './lib.js';
import { renderAll, renderLayouts, type Layout } from './official-layout.js';

export const REAL_DEV = path.join(SHARED, 'real-dev');
const GOLD_DIR = path.join(import.meta.dirname, '..', 'gold', 'real-dev');
/** gold.jsonl: the dev and heldout splits; gold-fresh.jsonl: the fresh held-out set of session 5 (written blind). */
const GOLD_FILES = ['gold.jsonl', 'gold-fresh.jsonl'].map((f) => path.join(GOLD_DIR, f));
export const SPLITS = ['dev', 'heldout', 'fresh'] as const;

export interface GoldDoc {
  file: string;
  split: (typeof SPLITS)[number];
  party?: boolean;
  kind: string | null;
  symbol: string | null;
  date: string | null;
  issuer: string | null;
  issuerAlt?: string[];
  signer: string | null;
  title: string | null;
  titleAlt?: string[];
  top?: string[];
  implements: string[];
  leads?: { prose?: string[]; table?: string[] };
  attached?: { kind: string; top?: string[] };
}

export function loadGold(): GoldDoc[] {
  return GOLD_FILES.filter((f) => existsSync(f)).flatMap((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as GoldDoc),
  );
}

// ------------------------------------------------------------------ comparisons

const k = (s: string) => matchKey(s.replace(/\s*\n\s*/g, ' '));
const symKey = (s: string) => s.replace(/\s+/g, '').toUpperCase();
const words = (s: string) =>
  k(s)
    .replace(/^(?:v\/v|về việc)\s+/u, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
/** Dice coefficient of the two titles' word multisets. */
export function titleSim(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (!wa.length || !wb.length) return 0;
  const count = new Map<string, number>();
  for (const w of wa) count.set(w, (count.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of wb) {
    const c = count.get(w) ?? 0;
    if (c > 0) {
      common++;
      count.set(w, c - 1);
    }
  }
  return (2 * common) / (wa.length + wb.length);
}
const TITLE_OK = 0.9;

/** A lead matches a gold alternative when the keys are equal or one is the other plus more words. */
function leadMatches(pred: string, gold: string): boolean {
  const p = k(pred).replace(/^(?:đề nghị|giao)\s+/u, '');
  return gold.split('|').some((g0) => {
    const g = k(g0);
    return p === g || p.startsWith(g + ' ') || g.startsWith(p + ' ') || p.startsWith(g + ',') || g.startsWith(p + ',');
  });
}

/** Top-level structure labels of a document: "I", "Chương II", "Điều 3", "Phụ lục", "1". */
export function topLabels(doc: Doc): string[] {
  const out: string[] = [];
  for (const s of doc.segments) {
    if (['header', 'preamble', 'paragraph', 'recipients', 'signature', 'footnote', 'closing', 'heading', 'bullet'].includes(s.kind)) continue;
    if (s.label) out.push(s.label);
  }
  return out;
}
const topKey = (s: string) => {
  const t = s.replace(/\s+/g, ' ').trim();
  if (/^phụ lục/iu.test(t)) return 'phụ lục';
  return t.toLowerCase();
};

/** Leads of the document's tasks, split into table rows and prose. */
function predictedLeads(doc: Doc): { prose: string[]; table: string[] } {
  const byId = new Map(doc.bodies.map((b) => [b.id, b]));
  const out = { prose: new Set<string>(), table: new Set<string>() };
  for (const t of doc.tasks) {
    const where = (t as { source?: string }).source === 'table' ? out.table : out.prose;
    for (const id of t.lead) {
      const b = byId.get(id);
      // the mention inside the task's span is the name as written here
      const m = b?.mentions.find((x) => x.span[0] >= t.span[0] && x.span[1] <= t.span[1]) ?? b?.mentions[0];
      where.add(m?.text.replace(/\s+/g, ' ') ?? b?.name ?? id);
    }
  }
  return { prose: [...out.prose], table: [...out.table] };
}

// ------------------------------------------------------------------ scoring

interface Tally {
  n: number;
  ok: number;
}
const tally = (): Tally => ({ n: 0, ok: 0 });
const add = (t: Tally, ok: boolean) => {
  t.n++;
  if (ok) t.ok++;
};
interface PR {
  tp: number;
  fp: number;
  fn: number;
}
const pr = (): PR => ({ tp: 0, fp: 0, fn: 0 });

export interface Scores {
  docs: number;
  failures: string[];
  kind: Tally;
  symbol: Tally;
  symbolSpurious: number;
  date: Tally;
  issuer: Tally;
  signer: Tally;
  title: Tally;
  top: PR;
  attached: Tally;
  leadsProse: PR;
  leadsTable: PR;
  implements: PR;
  errors: string[];
}
export const emptyScores = (): Scores => ({
  docs: 0,
  failures: [],
  kind: tally(),
  symbol: tally(),
  symbolSpurious: 0,
  date: tally(),
  issuer: tally(),
  signer: tally(),
  title: tally(),
  top: pr(),
  attached: tally(),
  leadsProse: pr(),
  leadsTable: pr(),
  implements: pr(),
  errors: [],
});

export function scoreDoc(g: GoldDoc, docs: Doc[], s: Scores, label: string) {
  s.docs++;
  const d = docs[0];
  const err = (what: string) => s.errors.push(`${label} ${g.file}: ${what}`);
  const meta = d?.meta;
  const kindOk = (meta?.kind ?? null) === g.kind;
  add(s.kind, kindOk);
  if (!kindOk) err(`kind ${meta?.kind} ≠ ${g.kind}`);
  if (g.symbol) {
    const ok = !!meta?.symbol && symKey(meta.symbol) === symKey(g.symbol);
    add(s.symbol, ok);
    if (!ok) err(`symbol ${meta?.symbol} ≠ ${g.symbol}`);
  } else if (meta?.symbol) {
    s.symbolSpurious++;
    err(`symbol ${meta.symbol} where the document has none`);
  }
  if (g.date) {
    const ok = meta?.date === g.date;
    add(s.date, ok);
    if (!ok) err(`date ${meta?.date} ≠ ${g.date}`);
  }
  if (g.issuer) {
    const ok = !!meta?.issuer && [g.issuer, ...(g.issuerAlt ?? [])].some((x) => k(x) === k(meta.issuer!));
    add(s.issuer, ok);
    if (!ok) err(`issuer ${meta?.issuer} ≠ ${g.issuer}`);
  }
  if (g.signer) {
    const n = meta?.signer.name ?? '';
    const ok = !!n && (k(n) === k(g.signer) || k(n).endsWith(' ' + k(g.signer)));
    add(s.signer, ok);
    if (!ok) err(`signer ${n || null} ≠ ${g.signer}`);
  }
  if (g.title) {
    const t = meta?.title ?? '';
    const sim = Math.max(...[g.title, ...(g.titleAlt ?? [])].map((x) => titleSim(t, x)));
    add(s.title, sim >= TITLE_OK);
    if (sim < TITLE_OK) err(`title (${sim.toFixed(2)}) "${t.slice(0, 90)}" ≠ "${g.title.slice(0, 90)}"`);
  }
  if (g.top && d) {
    const pred = new Set(topLabels(d).map(topKey));
    const gold = new Set(g.top.map(topKey));
    for (const x of gold) pred.has(x) ? s.top.tp++ : (s.top.fn++, err(`top-level ${x} not found`));
    for (const x of pred) if (!gold.has(x)) s.top.fp++;
  }
  if (g.attached) {
    const a = docs[1];
    const ok = !!a && a.meta.kind === g.attached.kind;
    add(s.attached, ok);
    if (!ok) err(`attached ${g.attached.kind} not split off (got ${docs.length} document(s)${a ? `, second ${a.meta.kind}` : ''})`);
    if (a && g.attached.top) {
      const pred = new Set(topLabels(a).map(topKey));
      for (const x of g.attached.top.map(topKey)) pred.has(x) ? s.top.tp++ : (s.top.fn++, err(`attached top-level ${x} not found`));
    }
  }
  if (g.leads && d) {
    const all = docs.flatMap((x) => [predictedLeads(x)]);
    const p = { prose: all.flatMap((x) => x.prose), table: all.flatMap((x) => x.table) };
    for (const kind of ['prose', 'table'] as const) {
      const gold = g.leads[kind];
      if (!gold) continue;
      const t = kind === 'prose' ? s.leadsProse : s.leadsTable;
      for (const gl of gold) p[kind].some((x) => leadMatches(x, gl)) ? t.tp++ : (t.fn++, err(`${kind} lead missing: ${gl}`));
      const seen = new Set<string>();
      for (const x of p[kind]) {
        if (seen.has(k(x))) continue;
        seen.add(k(x));
        if (!gold.some((gl) => leadMatches(x, gl))) {
          t.fp++;
          err(`${kind} lead extra: ${x}`);
        }
      }
    }
  }
  // implements: what the main document says it implements (documentImplements: its opening); an attached plan
  // says what it implements in its own words
  const impl = new Set((d ? documentImplements(d) : []).map((c) => symKey(c.id)));
  const gi = new Set(g.implements.map(symKey));
  for (const x of impl) gi.has(x) ? s.implements.tp++ : (s.implements.fp++, err(`implements ${x} (not in gold)`));
  for (const x of gi) if (!impl.has(x)) s.implements.fn++;
}

const rate = (t: Tally) => (t.n ? `${pct(t.ok / t.n)} (${t.ok}/${t.n})` : '—');
const prs = (x: PR) => {
  const p = x.tp + x.fp ? x.tp / (x.tp + x.fp) : 1;
  const r = x.tp + x.fn ? x.tp / (x.tp + x.fn) : 1;
  return `P ${pct(p)} R ${pct(r)} (tp ${x.tp} fp ${x.fp} fn ${x.fn})`;
};
export function report(name: string, s: Scores): string[] {
  return [
    `${name}: ${s.docs} documents, ${s.failures.length} failures`,
    `  kind ${rate(s.kind)} | symbol ${rate(s.symbol)} spurious ${s.symbolSpurious} | date ${rate(s.date)} | issuer ${rate(s.issuer)} | signer ${rate(s.signer)} | title ${rate(s.title)}`,
    `  top-level structure ${prs(s.top)} | attached document split ${rate(s.attached)}`,
    `  task leads prose ${prs(s.leadsProse)} | table ${prs(s.leadsTable)}`,
    `  implements ${prs(s.implements)}`,
  ];
}

// ------------------------------------------------------------------ main

async function main() {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const verbose = args.includes('--verbose');
  const layouts = (opt('--layout') ?? 'md,docx,pdf,pasted').split(',') as Layout[];
  const split = opt('--split') ?? 'all';
  if (!existsSync(REAL_DEV)) {
    console.log(`real-dev: ${REAL_DEV} not found — skipped (set RASOAT_SHARED)`);
    return;
  }
  if (split !== 'all' && !(SPLITS as readonly string[]).includes(split)) throw new Error(`--split ${split}: expected ${SPLITS.join('|')}|all`);
  const gold = loadGold().filter((g) => split === 'all' || g.split === split);
  if (layouts.some((l) => l !== 'md')) await renderAll(gold.map((g) => ({ md: path.join(REAL_DEV, g.file), gold: g })));
  for (const layout of layouts) {
    const bySplit: Record<string, Scores> = Object.fromEntries(SPLITS.map((sp) => [sp, emptyScores()]));
    const t0 = performance.now();
    for (const g of gold) {
      const md = path.join(REAL_DEV, g.file);
      const s = bySplit[g.split];
      let file = md;
      try {
        if (layout !== 'md') file = (await renderLayouts(md, g))[layout];
        const r = await processFile(file);
        scoreDoc(g, r.docs, s, layout);
      } catch (e) {
        s.docs++;
        s.failures.push(`${g.file}: ${(e as Error).message}`);
      }
    }
    const ms = performance.now() - t0;
    console.log(`\n== layout ${layout} (${gold.length} gold documents, ${(ms / gold.length).toFixed(0)} ms per document incl. rendering)`);
    for (const sp of SPLITS) {
      if (split !== 'all' && split !== sp) continue;
      for (const l of report(`${layout} ${sp}`, bySplit[sp])) console.log(l);
      if (verbose) for (const e of [...bySplit[sp].failures, ...bySplit[sp].errors]) console.log('    ' + e);
    }
  }
  if (!args.includes('--no-sweep')) await sweep();
}

/** Every real-dev file through the whole pipeline: failures, crashes, time. */
async function sweep() {
  const files = readdirSync(REAL_DEV).filter((f) => f.endsWith('.md')).sort();
  const failures: string[] = [];
  const times: number[] = [];
  let docs = 0;
  let withSymbol = 0;
  let withDate = 0;
  for (const f of files) {
    const t0 = performance.now();
    try {
      const r = await processFile(path.join(REAL_DEV, f));
      docs += r.docs.length;
      if (r.docs[0]?.meta.symbol) withSymbol++;
      if (r.docs[0]?.meta.date) withDate++;
    } catch (e) {
      failures.push(`${f}: ${(e as Error).message}`);
    }
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const med = times[Math.floor(times.length / 2)];
  const p90 = times[Math.floor(times.length * 0.9)];
  console.log(`\n== sweep: all ${files.length} real-dev files → ${docs} documents; failures ${failures.length}; symbol found in ${withSymbol}, date in ${withDate}; time per file median ${med.toFixed(0)} ms, p90 ${p90.toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms`);
  for (const x of failures) console.log('  ' + x);
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('eval-realdev.ts')) await main();
