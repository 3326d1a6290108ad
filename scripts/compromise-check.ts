/**
 * Why compromise is not in the pipeline: a measurement on the corpus.
 * Prints import time, how its sentence splitter compares with ours on the
 * leaves of the corpus, and what its tagger makes of Vietnamese words.
 */
import { performance } from 'node:perf_hooks';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { processFile } from '../src/pipeline.js';
import { leaves } from '../src/segment/index.js';

const t0 = performance.now();
const nlp = (await import('compromise')).default;
const importMs = performance.now() - t0;

let ours = 0;
let theirs = 0;
let agree = 0;
let leavesN = 0;
const dir = path.join(import.meta.dirname, '..', 'corpus');
for (const f of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
  for (const d of (await processFile(path.join(dir, f), { extract: false })).docs) {
    for (const l of leaves(d.segments)) {
      if (!l.clauses.length) continue;
      leavesN++;
      const sentencesOurs = l.text.split(/(?<=[.!?])\s+(?=\p{Lu})/u).length;
      const s = nlp(l.text).sentences().length;
      ours += sentencesOurs;
      theirs += s;
      if (s === sentencesOurs) agree++;
    }
  }
}
const tagged = nlp('Ban Tổ chức Tỉnh ủy chủ trì, phối hợp với Văn phòng Tỉnh ủy tham mưu.').terms().json() as { terms: { text: string; tags: string[] }[] }[];
const tags = tagged.flatMap((t) => t.terms.map((x) => `${x.text}/${x.tags.slice(0, 2).join('+')}`));
console.log(`compromise import: ${importMs.toFixed(0)} ms`);
console.log(`sentences in ${leavesN} corpus leaves: ours ${ours}, compromise ${theirs}; same count in ${((agree / leavesN) * 100).toFixed(1)} % of leaves`);
console.log(`tags for a Vietnamese sentence: ${tags.join(' ')}`);
