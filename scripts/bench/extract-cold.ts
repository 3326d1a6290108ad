/**
 * Cold cost of the extract stage as the CLI sees it: a fresh process loads and segments one file
 * (extract off), then imports the extract modules and calls each function once.
 * Prints one JSON line; run several times (fresh processes) and take the median.
 *
 *   node --import tsx scripts/bench/extract-cold.ts [FILE]
 */
import path from 'node:path';
import { processFile } from '../../src/pipeline.js';

const file = process.argv[2] ?? path.join(import.meta.dirname, '..', '..', 'corpus', 'tinh-uy-ke-hoach-thuc-hien-chi-thi-50.txt');
const r = await processFile(file, { extract: false });
const doc = r.docs[0];
const out: Record<string, number> = {};
let t = performance.now();
const idx = await import('../../src/extract/index.js');
const { findCitations } = await import('../../src/extract/citations.js');
const { findTasks, linkDeadlines } = await import('../../src/extract/tasks.js');
out.import = performance.now() - t;
t = performance.now();
findCitations(doc);
out.findCitations = performance.now() - t;
t = performance.now();
const dl = idx.findDeadlines(doc).value;
out.findDeadlines = performance.now() - t;
t = performance.now();
const bodies = idx.findBodies(doc).value;
out.findBodies = performance.now() - t;
t = performance.now();
const tasks = findTasks(doc, bodies, dl).value;
linkDeadlines(dl, tasks);
out.findTasks = performance.now() - t;
out.total = out.findCitations + out.findDeadlines + out.findBodies + out.findTasks;
t = performance.now();
idx.extractEntities({ ...doc, text: doc.text + ' ' });
out.secondCall = performance.now() - t;
console.log(JSON.stringify(Object.fromEntries(Object.entries(out).map(([k, v]) => [k, +v.toFixed(1)]))));
