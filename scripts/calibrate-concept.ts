/**
 * Calibration data for the concept-matching thresholds (src/align/index.ts THRESHOLDS.CONCEPT_*):
 * for every requirement of every condensed plan (gold/condensed) and of the gold plans, the
 * alignment coverage and the best concept score, with the truth. Prints one TSV row each.
 *   npx tsx scripts/calibrate-concept.ts > /tmp/concept.tsv
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildBaseIndex, diffPlan } from '../src/align/index.js';
import { matchKey } from '../src/normalize/vi.js';
import { processFile } from '../src/pipeline.js';

const ROOT = path.join(import.meta.dirname, '..');
const CONDENSED = path.join(ROOT, 'gold', 'condensed');
const base = (await processFile(path.join(ROOT, 'corpus', 'tap-doan-cnnl-ke-hoach-va-chi-thi-50-CT-TW.txt'))).docs[1];
const index = buildBaseIndex(base);
const reqs: { id: string; key: string }[] = JSON.parse(readFileSync(path.join(CONDENSED, 'requirements.json'), 'utf8'));
const truth = JSON.parse(readFileSync(path.join(CONDENSED, 'truth.json'), 'utf8')).plans as Record<string, { status: Record<string, string> }>;
console.log(['plan', 'req', 'truth', 'status', 'aligned', 'terms', 'bigrams'].join('\t'));
for (const [file, t] of Object.entries(truth)) {
  const doc = (await processFile(path.join(CONDENSED, file))).docs[0];
  const profile = new Map<string, { aligned: number; terms: number; bigrams: number }>();
  const d = diffPlan(index, doc, { profile }).value;
  for (const g of reqs) {
    const ours = index.reqs.filter((r) => matchKey(r.text).includes(matchKey(g.key)));
    for (const r of ours) {
      const p = profile.get(r.id)!;
      const st = d.requirements.find((x) => x.id === r.id)!.status;
      console.log([file.slice(0, 2), g.id, t.status[g.id] ?? 'omitted', st, p.aligned.toFixed(2), p.terms.toFixed(2), p.bigrams.toFixed(2)].join('\t'));
    }
  }
}
