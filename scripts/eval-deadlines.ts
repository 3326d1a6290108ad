/**
 * Scores deadlines and task leads against ../shared/gold-dev (seeds 002, 003) and,
 * when the readers work, on the DOCX/PDF fixtures of the same documents.
 *
 *   npx tsx scripts/eval-deadlines.ts [--verbose]
 *
 * Deadlines: a gold quote is located in the seed file by its `occurrence` (exact
 * substring count, as the gold was written), turned into the ordinal of its
 * tolerant match (case, tone placement, whitespace, Markdown emphasis), and found
 * again in the document text by that ordinal. A prediction matches when its span
 * overlaps that place (one-to-one). "value right" = due and rrule both equal.
 * Task leads: a gold assignment matches a predicted task with a compatible section
 * path (equal or below), a lead whose name or mention equals the gold lead under
 * matchKey, and a span that overlaps a tolerant match of the gold task quote.
 */
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { processFile } from '../src/pipeline.js';
import type { Body, Doc, Span, Task } from '../src/model.js';
import { matchKey } from '../src/normalize/vi.js';
import { foldTones } from '../src/normalize/vi.js';
import { FIXTURES, GOLD, SEEDS } from './lib.js';

const FIX = FIXTURES;
const verbose = process.argv.includes('--verbose');

interface GoldDeadline {
  quote: string;
  kind: string;
  due: string | null;
  rrule: string | null;
  event: string | null;
  offset_days: number | null;
  task: string;
  occurrence: number;
}
interface GoldAssignment {
  lead: string;
  support: string[];
  task: string;
  section: string;
}

const goldDl: Record<string, GoldDeadline[]> = JSON.parse(readFileSync(path.join(GOLD, 'deadlines.json'), 'utf8'));
const goldAs: Record<string, GoldAssignment[]> = JSON.parse(readFileSync(path.join(GOLD, 'assignments.json'), 'utf8'));

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A regex that finds `quote` tolerant of case, whitespace, tone placement and Markdown emphasis. */
function tolerant(quote: string): RegExp {
  const toks = foldTones(quote.normalize('NFC'))
    .replace(/\*+|<\/?sup>/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map(esc);
  return new RegExp(toks.join('[\\s*_#¹²³⁴⁵⁶⁷⁸⁹⁰]+'), 'giu');
}
function tolerantMatches(text: string, quote: string): Span[] {
  const t = foldTones(text.normalize('NFC'));
  return [...t.matchAll(tolerant(quote))].map((m) => [m.index!, m.index! + m[0].length] as Span);
}
function nthIndexOf(hay: string, needle: string, n: number): number {
  let i = -1;
  for (let k = 0; k < n; k++) {
    i = hay.indexOf(needle, i + 1);
    if (i < 0) return -1;
  }
  return i;
}
/** Place of a gold quote in the document text via its ordinal among tolerant matches in the seed. */
function locate(raw: string, docText: string, quote: string, occurrence: number): Span | null {
  const at = nthIndexOf(raw, quote, occurrence);
  const inRaw = tolerantMatches(raw, quote);
  let ord = inRaw.findIndex(([s]) => s === at);
  if (ord < 0) ord = Math.min(occurrence - 1, inRaw.length - 1);
  const inDoc = tolerantMatches(docText, quote);
  return inDoc[ord] ?? null;
}
const overlaps = (a: Span, b: Span) => a[0] < b[1] && b[0] < a[1];
const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
const pct = (x: number) => (x * 100).toFixed(1).padStart(5);

interface Score {
  tp: number;
  pred: number;
  gold: number;
  valueRight: number;
  exactQuote: number;
}

function scoreDeadlines(doc: Doc, raw: string, gold: GoldDeadline[]): Score {
  const preds = doc.deadlines;
  const used = new Set<number>();
  let tp = 0;
  let valueRight = 0;
  let exactQuote = 0;
  for (const g of gold) {
    const place = locate(raw, doc.text, g.quote, g.occurrence);
    if (!place) {
      if (verbose) console.log(`   ? gold not located: ${JSON.stringify(g.quote)} #${g.occurrence}`);
      continue;
    }
    let best = -1;
    let bestOv = 0;
    preds.forEach((p, i) => {
      if (used.has(i) || !overlaps(p.span, place)) return;
      const ov = Math.min(p.span[1], place[1]) - Math.max(p.span[0], place[0]);
      if (ov > bestOv) {
        bestOv = ov;
        best = i;
      }
    });
    if (best < 0) {
      if (verbose) console.log(`   - missed ${JSON.stringify(g.quote)} #${g.occurrence} (${g.kind})`);
      continue;
    }
    used.add(best);
    tp++;
    const p = preds[best];
    const ok = p.due === g.due && p.rrule === g.rrule;
    if (ok) valueRight++;
    else if (verbose) console.log(`   ≠ ${JSON.stringify(g.quote)}: due ${p.due} vs ${g.due}, rrule ${p.rrule} vs ${g.rrule}`);
    if (matchKey(p.text.replace(/\*/g, '')) === matchKey(g.quote.replace(/\*/g, ''))) exactQuote++;
    else if (verbose) console.log(`   ~ quote ${JSON.stringify(p.text)} vs ${JSON.stringify(g.quote)}`);
  }
  if (verbose) preds.forEach((p, i) => !used.has(i) && console.log(`   + extra ${JSON.stringify(p.text)} (${p.kind}) at ${p.path}`));
  return { tp, pred: preds.length, gold: gold.length, valueRight, exactQuote };
}

const stripQ = (s: string) => matchKey(s).replace(/^(?:các|mỗi|những) /u, '');
function leadNames(doc: Doc, t: Task): string[] {
  const out: string[] = [];
  for (const id of t.lead) {
    const b: Body | undefined = doc.bodies.find((x) => x.id === id);
    if (!b) continue;
    out.push(stripQ(b.name));
    for (const m of b.mentions) out.push(stripQ(m.text));
  }
  return out;
}
const pathOk = (pred: string, gold: string) => pred === gold || pred.startsWith(gold + '.');

function scoreTasks(doc: Doc, gold: GoldAssignment[]): Score {
  const used = new Set<number>();
  let tp = 0;
  for (const g of gold) {
    const places = tolerantMatches(doc.text, g.task);
    const want = stripQ(g.lead);
    const i = doc.tasks.findIndex(
      (t, k) => !used.has(k) && pathOk(t.path, g.section) && leadNames(doc, t).includes(want) && places.some((pl) => overlaps(pl, t.span)),
    );
    if (i < 0) {
      if (verbose) {
        const near = doc.tasks.filter((t) => places.some((pl) => overlaps(pl, t.span)));
        console.log(`   - missed [${g.section}] ${g.lead} :: ${g.task.slice(0, 50).replace(/\s+/g, ' ')}${near.length ? '  (near: ' + near.map((t) => `${t.path} ${t.lead.join('+')}`).join('; ') + ')' : ''}`);
      }
      continue;
    }
    used.add(i);
    tp++;
  }
  if (verbose)
    doc.tasks.forEach((t, k) => {
      if (!used.has(k)) console.log(`   + extra [${t.path}] ${t.lead.map((id) => doc.bodies.find((b) => b.id === id)?.name).join('+')} :: ${t.text.slice(0, 60).replace(/\s+/g, ' ')}`);
    });
  return { tp, pred: doc.tasks.length, gold: gold.length, valueRight: 0, exactQuote: 0 };
}

function line(label: string, s: Score, extra = '') {
  const p = s.pred ? s.tp / s.pred : 0;
  const r = s.gold ? s.tp / s.gold : 0;
  console.log(`${label.padEnd(34)} P ${pct(p)}  R ${pct(r)}  F1 ${pct(f1(p, r))}  (tp ${s.tp}, pred ${s.pred}, gold ${s.gold})${extra}`);
}

async function main() {
  const seeds = readdirSync(SEEDS);
  const fixtures = existsSync(FIX) ? readdirSync(FIX) : [];
  const totals = { dl: { tp: 0, pred: 0, gold: 0, valueRight: 0, exactQuote: 0 }, ts: { tp: 0, pred: 0, gold: 0, valueRight: 0, exactQuote: 0 } };
  for (const id of Object.keys(goldDl)) {
    const seed = seeds.find((f) => f.startsWith(id + '_'));
    if (!seed) continue;
    const raw = readFileSync(path.join(SEEDS, seed), 'utf8').normalize('NFC');
    const inputs = [path.join(SEEDS, seed), ...fixtures.filter((f) => f.startsWith(id)).map((f) => path.join(FIX, f))];
    for (const file of inputs) {
      let doc: Doc;
      try {
        const r = await processFile(file);
        doc = r.docs[0];
        if (!doc) throw new Error('no document');
      } catch (e) {
        console.log(`${id} ${path.basename(file)}: cannot process (${e instanceof Error ? e.message : String(e)})`);
        continue;
      }
      const isSeed = file.includes('/seeds/');
      console.log(`== ${id} ${path.basename(file)}`);
      const d = scoreDeadlines(doc, raw, goldDl[id]);
      line('  deadlines', d, `  due/rrule right ${pct(d.tp ? d.valueRight / d.tp : 0)}%  exact quote ${pct(d.tp ? d.exactQuote / d.tp : 0)}%`);
      const t = scoreTasks(doc, goldAs[id] ?? []);
      line('  task leads', t);
      if (isSeed) {
        for (const k of ['tp', 'pred', 'gold', 'valueRight', 'exactQuote'] as const) {
          totals.dl[k] += d[k];
          totals.ts[k] += t[k];
        }
      }
    }
  }
  console.log('== seeds total');
  line('  deadlines', totals.dl, `  due/rrule right ${pct(totals.dl.tp ? totals.dl.valueRight / totals.dl.tp : 0)}%`);
  line('  task leads', totals.ts);
}

await main();
