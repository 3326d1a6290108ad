/**
 * Snapshot of the extract stage's outputs (citations, deadlines, tasks, bodies, diagnostics per document)
 * for checking that an optimisation changes nothing.
 *
 *   npx tsx scripts/bench/extract-snapshot.ts --out /tmp/extract-before.json
 *   npx tsx scripts/bench/extract-snapshot.ts --compare /tmp/extract-before.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { extractEntities } from '../../src/extract/index.js';
import { allDocs } from './extract-docs.js';

const { values } = parseArgs({ options: { out: { type: 'string' }, compare: { type: 'string' } } });
const docs = await allDocs();
const snap: Record<string, string> = {};
for (const { name, doc } of docs) {
  const r = extractEntities(doc);
  const v = r.value;
  snap[name] = JSON.stringify({ citations: v.citations, deadlines: v.deadlines, tasks: v.tasks, bodies: v.bodies, diagnostics: r.diagnostics });
}
if (values.out) {
  writeFileSync(values.out, JSON.stringify(snap, null, 1));
  console.log(`${Object.keys(snap).length} documents written to ${values.out}`);
}
if (values.compare) {
  const before = JSON.parse(readFileSync(values.compare, 'utf8')) as Record<string, string>;
  let diff = 0;
  for (const k of new Set([...Object.keys(before), ...Object.keys(snap)]))
    if (before[k] !== snap[k]) {
      diff++;
      if (diff <= 5) {
        const a = before[k] ?? '';
        const b = snap[k] ?? '';
        let i = 0;
        while (i < a.length && a[i] === b[i]) i++;
        console.log(`DIFF ${k} at ${i}:\n  before: ${a.slice(Math.max(0, i - 80), i + 120)}\n  after:  ${b.slice(Math.max(0, i - 80), i + 120)}`);
      }
    }
  console.log(diff ? `${diff} of ${Object.keys(before).length} documents differ` : `identical (${Object.keys(before).length} documents)`);
  process.exitCode = diff ? 1 : 0;
}
