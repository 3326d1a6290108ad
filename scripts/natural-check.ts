/**
 * Does `natural` earn a place in the diff's retrieval step? A measurement.
 *
 *   npx tsx scripts/natural-check.ts
 *
 * Issue 4 suggests TF-IDF over syllable n-grams with `natural` to propose the
 * plan passages a requirement is aligned with. This script runs natural's TfIdf
 * (imported from its submodule: the package entry loads database drivers and
 * prints to stdout) as that retriever on the gold pairs of
 * ../shared/gold-dev/coverage.json — each requirement the gold marks present,
 * with the plan passage holding its evidence — and reports:
 *
 *   1. what natural's tokenizers make of Vietnamese (TfIdf's default
 *      WordTokenizer, and AggressiveTokenizerVi on NFC and on NFD input);
 *   2. recall@k of the evidence passage (k = MAX_CANDIDATES, the number of
 *      candidates the diff aligns per requirement) for TfIdf over syllable
 *      bigrams, with three tokenisations, on the real plans and on the same
 *      plans with OCR slips and the old/new tone placement swapped;
 *   3. the same recall@k for rasoat's own retrieval (align/index.ts `candidates`:
 *      an IDF-weighted bigram index of the base, built once per base), and the
 *      end-to-end recall of rasoat's own retrieval + alignment (the gold
 *      evidence passage is among the requirement's accepted matches) — a
 *      stricter test, since alignment must also accept it;
 *   4. time per plan: natural TfIdf build + queries vs rasoat's whole diffPlan.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import { THRESHOLDS, buildBaseIndex, candidates, diffPlan, passagesOf } from '../src/align/index.js';
import { tokenize } from '../src/align/tokens.js';
import type { Doc, Span } from '../src/model.js';
import { matchKey } from '../src/normalize/vi.js';
import { docsFromText, processFile } from '../src/pipeline.js';
import { SEEDS, gold, locate } from './lib.js';

const require = createRequire(import.meta.url);
const TfIdf = require('natural/lib/natural/tfidf/tfidf.js');
const { WordTokenizer } = require('natural/lib/natural/tokenizers/regexp_tokenizer.js');
const TokenizerVi = require('natural/lib/natural/tokenizers/aggressive_tokenizer_vi.js');
const wordTok = new WordTokenizer();
const viTok = new TokenizerVi();

interface GoldCov {
  requirements: { id: string; key: string }[];
  plans: Record<string, { file: string; status: Record<string, { expected: string; evidence?: string }> }>;
}
const G = gold<GoldCov>('coverage.json');
const K = THRESHOLDS.MAX_CANDIDATES;

// 1. tokenizers
const sample = 'Thực hiện Chỉ thị số 50-CT/TW, chi bộ họp vào ngày 03 hằng tháng; Ủy ban kiểm tra Thành uỷ';
console.log('## natural tokenizers on Vietnamese\n');
console.log(`input:                        ${sample}`);
console.log(`TfIdf default (WordTokenizer): ${wordTok.tokenize(sample.toLowerCase()).join(' | ')}`);
console.log(`AggressiveTokenizerVi, NFC:    ${viTok.tokenize(sample).join(' | ')}`);
console.log(`AggressiveTokenizerVi, NFD:    ${viTok.tokenize(sample.normalize('NFD')).join(' | ')}`);
console.log(`rasoat tokens (align/tokens):  ${tokenize(sample).map((t) => t.key).join(' | ')}\n`);

// 2–4. retrieval on the gold pairs
const base = (await processFile(path.join(SEEDS, '000_660a23ec831d8ecf.txt'), { extract: false })).docs[1];
const index = buildBaseIndex(base);

type Tokenise = (s: string) => string[];
const TOKENISERS: Record<string, Tokenise> = {
  'natural WordTokenizer': (s) => wordTok.tokenize(s.toLowerCase()),
  'natural TokenizerVi': (s) => viTok.tokenize(s).map((w: string) => w.toLowerCase()),
  'rasoat keys': (s) => tokenize(s).map((t) => t.key),
};
const bigrams = (toks: string[]) => toks.slice(1).map((t, i) => `${toks[i]}_${t}`);

/** OCR slips and the other tone placement, as the mutations and real scans have them. */
function noisy(text: string): string {
  const swaps: [RegExp, string][] = [
    [/ủy/gu, 'uỷ'], [/hóa/gu, 'hoá'], [/hòa/gu, 'hoà'], [/gắn/gu, 'gán'], [/Sổ tay/gu, 'Số tay'],
    [/thực/gu, 'thưc'], [/chi bộ/gu, 'chỉ bộ'], [/đảng viên/gu, 'đàng viên'], [/sinh hoạt/gu, 'sinh hoat'],
  ];
  return swaps.reduce((t, [re, to]) => t.replace(re, to), text);
}

interface Pair { req: string; reqText: string; evidence: Span }
function pairsOf(plan: Doc, status: GoldCov['plans'][string]['status']): Pair[] {
  const out: Pair[] = [];
  for (const g of G.requirements) {
    const s = status[g.id];
    if (s?.expected !== 'present' || !s.evidence) continue;
    const req = index.reqs.find((r) => matchKey(r.text).includes(matchKey(g.key)));
    const ev = locate(plan.text, s.evidence);
    if (req && ev) out.push({ req: req.id, reqText: req.text, evidence: ev });
  }
  return out;
}

const rows: string[] = [];
for (const [id, gp] of Object.entries(G.plans)) {
  for (const variant of ['real', 'noisy'] as const) {
    const file = path.join(SEEDS, gp.file);
    const real = (await processFile(file, { extract: false })).docs[0];
    const plan = variant === 'real' ? real : docsFromText(noisy(real.text), { file: gp.file, format: 'txt' }, { extract: false })[0];
    const pairs = pairsOf(plan, gp.status);
    const passages = passagesOf(plan);
    const holds = (p: { span: Span }, ev: Span) => p.span[0] < ev[1] && ev[0] < p.span[1];
    for (const [name, tok] of Object.entries(TOKENISERS)) {
      const t0 = performance.now();
      const tfidf = new TfIdf();
      for (const p of passages) tfidf.addDocument(bigrams(tok(plan.text.slice(p.span[0], p.span[1]))));
      let hit = 0;
      for (const r of index.reqs) {
        const scores: number[] = tfidf.tfidfs(bigrams(tok(r.text)));
        const top = scores.map((s, i) => [s, i]).filter(([s]) => s > 0).sort((a, b) => b[0] - a[0]).slice(0, K).map(([, i]) => passages[i]);
        for (const pr of pairs) if (pr.req === r.id && top.some((p) => holds(p, pr.evidence))) hit++;
      }
      const ms = performance.now() - t0;
      rows.push(`${id} ${variant.padEnd(5)}  ${`natural TfIdf + ${name}`.padEnd(40)} recall@${K} ${(hit / pairs.length).toFixed(3)} (${hit}/${pairs.length})  ${ms.toFixed(1)} ms/plan`);
    }
    {
      const t0 = performance.now();
      const c = candidates(index, plan);
      const ms = performance.now() - t0;
      let hit = 0;
      for (const pr of pairs) {
        const r = index.reqs.findIndex((x) => x.id === pr.req);
        if (c.candidates[r].some(([pi]) => holds(c.passages[pi], pr.evidence))) hit++;
      }
      rows.push(`${id} ${variant.padEnd(5)}  ${'rasoat bigram index (retrieval alone)'.padEnd(40)} recall@${K} ${(hit / pairs.length).toFixed(3)} (${hit}/${pairs.length})  ${ms.toFixed(1)} ms/plan`);
    }
    const t0 = performance.now();
    const d = diffPlan(index, plan).value;
    const ms = performance.now() - t0;
    let hit = 0;
    for (const pr of pairs) {
      const r = d.requirements.find((x) => x.id === pr.req);
      if (r?.matches.some((m) => holds(m, pr.evidence))) hit++;
    }
    rows.push(`${id} ${variant.padEnd(5)}  ${'rasoat retrieval + alignment (accepted)'.padEnd(40)} recall    ${(hit / pairs.length).toFixed(3)} (${hit}/${pairs.length})  ${ms.toFixed(1)} ms/plan (whole diff)`);
  }
}
console.log('## retrieval of the gold evidence passage\n');
for (const r of rows) console.log(r);
