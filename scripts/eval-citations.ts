/**
 * Citation evaluator: the pipeline's citations of seeds 002 and 003 (and their
 * PDF/DOCX renderings) against gold-dev/citations.json. Prints per document:
 * precision/recall/F1 of cited-document ids, share of ids with the right date
 * and issuer, mention counts (short and descriptive forms included), recall of
 * documents named without a number and of relations.
 */
import path from 'node:path';
import { findCitations } from '../src/extract/citations.js';
import type { Citation } from '../src/model.js';
import { processFile } from '../src/pipeline.js';
import { FIXTURES, gold, key, pct, prf, versions } from './lib.js';

interface GoldCitation {
  id: string;
  date: string | null;
  issuer: string | null;
  mentions: number;
}
interface GoldFile {
  [doc: string]: any;
  named: Record<string, { name: string; mentions: number }[]>;
  relations: Record<string, { id: string; relation: string }[]>;
}

const idKey = (s: string) => s.replace(/\s+/g, '').toUpperCase();
/** names compared without punctuation and the word "khóa" */
const nameKey = (s: string) => key(s).replace(/kh(?:óa|oá)/gu, ' ').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

export interface CitationScore {
  label: string;
  p: number;
  r: number;
  f: number;
  date: number;
  issuer: number;
  mentions: number;
  named: number;
  relations: number;
}

export async function evalCitations(log = console.log): Promise<CitationScore[]> {
  const g = gold<GoldFile>('citations.json');
  const rows: CitationScore[] = [];
  for (const id of ['002', '003']) {
    const expected: GoldCitation[] = g[id];
    const vs = versions(id);
    if (id === '002') vs.push({ label: '002 scan', file: path.join(FIXTURES, '002_7cd20b194e2a205a.scan.pdf') });
    for (const v of vs) {
      let cits: Citation[];
      let anomalies: string[];
      try {
        const r = await processFile(v.file, { extract: false });
        const doc = r.docs[0];
        const c = findCitations(doc);
        cits = c.value;
        anomalies = c.diagnostics.filter((d) => d.code === 'citation-anomaly').map((d) => d.message);
      } catch (e) {
        log(`${v.label.padEnd(9)} FAILED: ${(e as Error).message}`);
        continue;
      }
      const numbered = cits.filter((c) => c.form !== 'named' && c.form !== 'self');
      const got = new Map<string, Citation[]>();
      for (const c of numbered) got.set(idKey(c.id), [...(got.get(idKey(c.id)) ?? []), c]);
      const want = new Map(expected.map((e) => [idKey(e.id), e]));
      const tp = [...got.keys()].filter((k) => want.has(k)).length;
      const m = prf(tp, got.size - tp, want.size - tp);
      let dateOk = 0;
      let issuerOk = 0;
      let countOk = 0;
      const problems: string[] = [];
      for (const [k, e] of want) {
        const ms = got.get(k) ?? [];
        const date = ms.find((c) => c.date)?.date ?? null;
        const issuer = ms.find((c) => c.issuer && c.form === 'full')?.issuer ?? ms.find((c) => c.issuer)?.issuer ?? null;
        if (ms.length && date === e.date) dateOk++;
        else problems.push(`${e.id} date ${date} ≠ ${e.date}`);
        if (ms.length && (issuer === null ? e.issuer === null : e.issuer !== null && key(issuer) === key(e.issuer))) issuerOk++;
        else problems.push(`${e.id} issuer "${issuer}" ≠ "${e.issuer}"`);
        if (ms.length === e.mentions) countOk++;
        else problems.push(`${e.id} mentions ${ms.length} ≠ ${e.mentions}`);
      }
      for (const k of got.keys()) if (!want.has(k)) problems.push(`extra ${got.get(k)![0].id} ("${got.get(k)![0].text}")`);
      // named documents
      const named = cits.filter((c) => c.form === 'named');
      const gn = g.named[id] ?? [];
      let namedFound = 0;
      let namedCount = 0;
      for (const n of gn) {
        const hits = named.filter((c) => nameKey(c.id) === nameKey(n.name));
        if (hits.length) namedFound++;
        else problems.push(`named missing: ${n.name}`);
        if (hits.length === n.mentions) namedCount++;
        else if (hits.length) problems.push(`named ${n.name} mentions ${hits.length} ≠ ${n.mentions}`);
      }
      const extraNamed = [...new Set(named.map((c) => c.id))].filter((x) => !gn.some((n) => nameKey(n.name) === nameKey(x)));
      if (extraNamed.length) problems.push(`named extra: ${extraNamed.join('; ')}`);
      // relations
      const gr = g.relations[id] ?? [];
      const rel = new Set(numbered.map((c) => `${idKey(c.id)}|${c.relation}`));
      const relFound = gr.filter((x) => rel.has(`${idKey(x.id)}|${x.relation}`));
      for (const x of gr) if (!rel.has(`${idKey(x.id)}|${x.relation}`)) problems.push(`relation missing: ${x.id} ${x.relation}`);
      const n = want.size || 1;
      const row: CitationScore = {
        label: v.label,
        p: m.p,
        r: m.r,
        f: m.f,
        date: dateOk / n,
        issuer: issuerOk / n,
        mentions: countOk / n,
        named: gn.length ? namedFound / gn.length : 1,
        relations: gr.length ? relFound.length / gr.length : 1,
      };
      rows.push(row);
      const totalGold = expected.reduce((s, e) => s + e.mentions, 0);
      const totalGot = [...want.keys()].reduce((s, k) => s + (got.get(k)?.length ?? 0), 0);
      log(
        `${v.label.padEnd(9)} ids P ${pct(m.p)} R ${pct(m.r)} F1 ${pct(m.f)} (${tp}/${got.size} found, ${want.size} expected) | date ${pct(row.date)} issuer ${pct(row.issuer)} | mention counts right ${pct(row.mentions)} (${totalGot}/${totalGold} mentions) | named recall ${pct(row.named)} (counts ${namedCount}/${gn.length}) | relations recall ${pct(row.relations)} (${relFound.length}/${gr.length}) | anomalies ${anomalies.length}`,
      );
      for (const p of problems) log(`    ${p}`);
    }
  }
  if (rows.length) {
    const avg = (f: (r: CitationScore) => number) => rows.reduce((s, r) => s + f(r), 0) / rows.length;
    log(`mean over ${rows.length} renderings: ids F1 ${pct(avg((r) => r.f))} date ${pct(avg((r) => r.date))} issuer ${pct(avg((r) => r.issuer))} mentions ${pct(avg((r) => r.mentions))} named ${pct(avg((r) => r.named))} relations ${pct(avg((r) => r.relations))}`);
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) await evalCitations();
