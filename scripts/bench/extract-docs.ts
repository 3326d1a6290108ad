/**
 * Documents for the extract benchmark and the extract output snapshot: the corpus
 * (corpus/*.txt), the fixtures (PDF, DOCX), the seeds, and mutated variants of the
 * seed documents (scripts/mutations.ts) — all loaded without running extract.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Doc } from '../../src/model.js';
import { docsFromText, processFile } from '../../src/pipeline.js';
import { MUTATIONS } from '../mutations.js';

const ROOT = path.resolve(process.env.RASOAT_ROOT ?? path.join(import.meta.dirname, '..', '..'));
const SHARED = path.resolve(process.env.RASOAT_SHARED ?? path.join(ROOT, '..', 'shared'));

export interface NamedDoc {
  name: string;
  doc: Doc;
}

export async function corpusDocs(): Promise<NamedDoc[]> {
  const dir = path.join(ROOT, 'corpus');
  const out: NamedDoc[] = [];
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const r = await processFile(path.join(dir, f), { extract: false });
    r.docs.forEach((doc, i) => out.push({ name: `corpus/${f}#${i}`, doc }));
  }
  return out;
}

export async function allDocs(mutationSeeds = 4): Promise<NamedDoc[]> {
  const out = await corpusDocs();
  const files = [
    path.join(SHARED, 'fixtures', '002_7cd20b194e2a205a.pdf'),
    path.join(SHARED, 'fixtures', '003_16dc449be3f50a1e.docx'),
    ...readdirSync(path.join(SHARED, 'seeds'))
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => path.join(SHARED, 'seeds', f)),
  ];
  const seeds: NamedDoc[] = [];
  for (const f of files) {
    const r = await processFile(f, { extract: false });
    r.docs.forEach((doc, i) => {
      const nd = { name: `${path.basename(f)}#${i}`, doc };
      out.push(nd);
      if (f.includes('/seeds/')) seeds.push(nd);
    });
  }
  for (const s of seeds)
    for (const [mname, mut] of Object.entries(MUTATIONS))
      for (let k = 1; k <= mutationSeeds; k++) {
        const m = mut(s.doc.text, k);
        docsFromText(m.text, { file: `${s.name}.${mname}.${k}`, format: 'txt' }, { extract: false }).forEach((doc, i) => out.push({ name: `${s.name}~${mname}~${k}#${i}`, doc }));
      }
  return out;
}
