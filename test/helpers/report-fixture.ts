/**
 * Test fixtures for the reports, built from the REAL pipeline output on the corpus.
 * When the diff / index stages are not available, `fixtureDiff` and `fixtureIndex` build
 * schema-valid stand-ins from real segments (a simple best-overlap alignment, test-only).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { diffWords } from 'diff';
import { processFile } from '../../src/pipeline.js';
import { CrossIndex, DiffResult, Doc, type Segment } from '../../src/model.js';
import { matchKey } from '../../src/normalize/vi.js';
import { leaves } from '../../src/segment/index.js';
import type { Analysis } from '../../src/report/common.js';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const CORPUS = path.join(ROOT, 'corpus');

export async function corpusDocs(dir = CORPUS): Promise<Doc[]> {
  await import('../../src/extract/register.js' as string).catch(() => undefined);
  const files = readdirSync(dir).filter((f) => !/^readme/i.test(f)).sort();
  const docs: Doc[] = [];
  for (const f of files) docs.push(...(await processFile(path.join(dir, f))).docs);
  return docs;
}

const BODY_KINDS = new Set(['item', 'bullet', 'paragraph']);
function bodyLeaves(d: Doc): Segment[] {
  return leaves(d.segments).filter((s) => BODY_KINDS.has(s.kind) && s.text.length > 25);
}
function grams(s: string): Set<string> {
  const w = matchKey(s).split(/\s+/).filter(Boolean);
  const g = new Set<string>();
  for (let i = 0; i + 1 < w.length; i++) g.add(w[i] + ' ' + w[i + 1]);
  return g;
}
function containment(a: Set<string>, b: Set<string>): number {
  if (!a.size) return 0;
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n / a.size;
}

/** Test-only stand-in for the diff stage: best bigram containment per base leaf. */
export function fixtureDiff(base: Doc, plan: Doc): DiffResult {
  const bl = bodyLeaves(base);
  const pl = bodyLeaves(plan).map((s) => ({ s, g: grams(s.text) }));
  const used = new Set<string>();
  const requirements = bl.map((b, i) => {
    const g = grams(b.text);
    let best: { s: Segment; score: number } | null = null;
    for (const p of pl) {
      const score = containment(g, p.g);
      if (!best || score > best.score) best = { s: p.s, score };
    }
    const score = best?.score ?? 0;
    const status = score >= 0.8 ? 'covered' : score >= 0.45 ? 'adapted' : score >= 0.2 ? 'partial' : 'omitted';
    if (best && score >= 0.2) used.add(best.s.id);
    const matches =
      best && score >= 0.2
        ? [{ path: best.s.path, text: best.s.text, span: best.s.span, score, diff: diffWords(b.text, best.s.text).map((c) => ({ op: c.added ? '+' : c.removed ? '-' : '=', text: c.value })) }]
        : [];
    const changes = [] as { kind: 'day'; from: string; to: string }[];
    const dayB = /ngày (\d{1,2}) hằng tháng/.exec(b.text);
    const dayP = best && /ngày (\d{1,2}) hằng tháng/.exec(best.s.text);
    if (dayB && dayP && dayB[1] !== dayP[1]) changes.push({ kind: 'day', from: dayB[0], to: dayP[0] });
    return { id: `R${i + 1}`, path: b.path, text: b.text, span: b.span, status, missing: status === 'partial' ? [b.text.slice(0, 60)] : [], matches, changes };
  });
  const additions = pl.filter((p) => !used.has(p.s.id) && ![...bl].some((b) => containment(p.g, grams(b.text)) > 0.3)).map((p) => ({ path: p.s.path, text: p.s.text, span: p.s.span, citations: [], deadlines: [], bodies: [] }));
  const count = (s: string) => requirements.filter((r) => r.status === s).length;
  const n = requirements.length || 1;
  return DiffResult.parse({
    base: { file: base.source.file, index: base.source.index, symbol: base.meta.symbol, title: base.meta.title },
    plan: { file: plan.source.file, index: plan.source.index, symbol: plan.meta.symbol, title: plan.meta.title },
    requirements,
    additions,
    summary: {
      covered: count('covered'),
      adapted: count('adapted'),
      partial: count('partial'),
      omitted: count('omitted'),
      additions: additions.length,
      coverage: (count('covered') + count('adapted') + 0.5 * count('partial')) / n,
      worstPoints: [],
    },
    diagnostics: [],
  });
}

/** Test-only: plans = KẾ HOẠCH documents whose title names the symbol of another corpus document. */
export function fixturePairs(docs: Doc[]): [Doc, Doc][] {
  const out: [Doc, Doc][] = [];
  for (const p of docs) {
    if (p.meta.kind !== 'KẾ HOẠCH') continue;
    const base = docs.find((b) => b !== p && b.meta.symbol && (p.meta.title ?? '').includes(b.meta.symbol));
    if (base) out.push([base, p]);
  }
  return out;
}

export function fixtureIndex(docs: Doc[], pairs: [Doc, Doc][]): CrossIndex {
  const documents = docs
    .filter((d) => d.meta.symbol)
    .map((b) => ({
      key: b.meta.symbol!,
      id: b.meta.symbol!,
      kind: b.meta.kind,
      number: b.meta.symbol!.split('-')[0],
      symbol: b.meta.symbol!.split('-').slice(1).join('-'),
      date: b.meta.date,
      issuer: b.meta.issuer,
      title: b.meta.title,
      khoa: null,
      inCorpus: { file: b.source.file, index: b.source.index },
      citedBy: pairs
        .filter(([x]) => x === b)
        .map(([, p]) => ({ file: p.source.file, index: p.source.index, path: p.segments[0]?.path ?? 'header', quote: p.meta.title ?? '', relation: 'implements' as const, span: p.segments[0]?.span ?? [0, 0] })),
      conflicts: [],
    }));
  const relations = pairs.map(([b, p]) => ({ from: `${p.source.file}#${p.source.index}`, to: b.meta.symbol!, relation: 'implements' as const }));
  return CrossIndex.parse({ documents, relations, anomalies: [] });
}

/** The whole analysis from the corpus with the fixture diff and index. */
export async function fixtureAnalysis(dir = CORPUS): Promise<Analysis> {
  const docs = await corpusDocs(dir);
  const pairs = fixturePairs(docs);
  return { docs, diffs: pairs.map(([b, p]) => fixtureDiff(b, p)), index: fixtureIndex(docs, pairs), failures: [] };
}
