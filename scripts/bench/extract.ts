/**
 * Extract-stage benchmark: per function (findCitations, findDeadlines, findBodies, findTasks)
 * and for extractEntities as a whole, cold (first call in the process) and warm (median of N runs),
 * on the corpus documents (corpus/*.txt, loaded with extract off).
 *
 *   npx tsx scripts/bench/extract.ts [--runs 20] [--json]
 *   node --cpu-prof --import tsx scripts/bench/extract.ts
 */
import { parseArgs } from 'node:util';
import type { Doc } from '../../src/model.js';
import { corpusDocs } from './extract-docs.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' }, json: { type: 'boolean' } } });
const RUNS = Number(values.runs);

// import time of the stage (module evaluation: regex construction etc.)
let t = performance.now();
const cit = await import('../../src/extract/citations.js');
const tImportCit = performance.now() - t;
t = performance.now();
const dl = await import('../../src/extract/deadlines.js');
const tImportDl = performance.now() - t;
t = performance.now();
const bod = await import('../../src/extract/bodies.js');
const tImportBod = performance.now() - t;
t = performance.now();
const tk = await import('../../src/extract/tasks.js');
const idx = await import('../../src/extract/index.js');
const tImportRest = performance.now() - t;

const docs = await corpusDocs();

type Fn = (d: Doc) => unknown;
const fns: [string, Fn][] = [
  ['findCitations', (d) => cit.findCitations(d)],
  ['findDeadlines', (d) => dl.findDeadlines(d)],
  ['findBodies', (d) => bod.findBodies(d)],
  [
    'findTasks',
    (d) => {
      // inputs computed outside the timed call would be fairer, but keep it simple: precomputed per doc below
      return d;
    },
  ],
];
const pre = new Map<Doc, { bodies: ReturnType<typeof bod.findBodies>['value']; dls: ReturnType<typeof dl.findDeadlines>['value'] }>();

const freshDocs = new Map<Doc, Doc>();
/** a copy of the document whose text differs (trailing spaces) from every other run's; findTasks reuses the original's inputs */
function fresh(doc: Doc, i: number): Doc {
  const d = { ...doc, text: doc.text + ' '.repeat(i + 1) };
  freshDocs.set(d, doc);
  return d;
}
const time = (f: () => unknown) => {
  const a = performance.now();
  f();
  return performance.now() - a;
};
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// cold: the first call of each function, on the first document
const cold: Record<string, number> = {};
const d0 = docs[0].doc;
cold.findCitations = time(() => cit.findCitations(d0));
let dls0: ReturnType<typeof dl.findDeadlines>['value'] = [];
cold.findDeadlines = time(() => (dls0 = dl.findDeadlines(d0).value));
let bodies0: ReturnType<typeof bod.findBodies>['value'] = [];
cold.findBodies = time(() => (bodies0 = bod.findBodies(d0).value));
cold.findTasks = time(() => tk.findTasks(d0, bodies0, dls0));
cold.extractEntities = time(() => idx.extractEntities(docs[1]?.doc ?? d0)); // first whole-stage call on a fresh document

for (const { doc } of docs) pre.set(doc, { bodies: bod.findBodies(doc).value, dls: dl.findDeadlines(doc).value });
fns[3][1] = (d) => {
  const o = pre.get(d) ?? pre.get(freshDocs.get(d)!)!;
  return tk.findTasks(d, o.bodies, o.dls);
};
fns.push(['extractEntities', (d) => idx.extractEntities(d)]);

const warm: Record<string, Record<string, number>> = {};
for (const { name, doc } of docs) {
  const row: Record<string, number> = {};
  for (const [fname, f] of fns) {
    const xs: number[] = [];
    // each run gets a text of its own (trailing spaces added), so that nothing memoised on the text carries over:
    // every run costs what a new document of the same content would
    for (let i = 0; i < RUNS; i++) {
      const d = fresh(doc, i);
      xs.push(time(() => f(d)));
    }
    row[fname] = median(xs);
  }
  warm[name] = row;
}
const mean: Record<string, number> = {};
for (const [fname] of fns) mean[fname] = Object.values(warm).reduce((s, r) => s + r[fname], 0) / docs.length;

const out = { import: { citations: tImportCit, deadlines: tImportDl, bodies: tImportBod, tasksAndIndex: tImportRest }, cold, warmMeanPerDoc: mean, warm, docs: docs.map((d) => ({ name: d.name, chars: d.doc.text.length })) };
if (values.json) console.log(JSON.stringify(out));
else {
  const f = (x: number) => x.toFixed(2).padStart(8);
  console.log(`import ms: citations ${tImportCit.toFixed(1)}, deadlines ${tImportDl.toFixed(1)}, bodies ${tImportBod.toFixed(1)}, tasks+index ${tImportRest.toFixed(1)}`);
  console.log(`cold ms (first call): ${Object.entries(cold).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
  console.log(`warm median ms over ${RUNS} runs:`);
  console.log(`${'document'.padEnd(62)} ${fns.map(([n]) => n.replace(/^find/, '').slice(0, 8).padStart(8)).join(' ')}`);
  for (const { name, doc } of docs) console.log(`${(name + ` (${doc.text.length})`).padEnd(62)} ${fns.map(([n]) => f(warm[name][n])).join(' ')}`);
  console.log(`${'mean per document'.padEnd(62)} ${fns.map(([n]) => f(mean[n])).join(' ')}`);
}
