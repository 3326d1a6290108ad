/**
 * The align stage: diff a plan against the base document it implements.
 *
 *   buildBaseIndex(base)        once per base: requirements, token weights, shingle index
 *   diffPlan(index, plan)       per plan: retrieval → Smith-Waterman → status, changes, additions
 *   diffDocs(base, plan)        both at once
 *
 * Retrieval: each requirement's syllable bigrams (on diacritic-free keys, after
 * the frequency/number canonicalisation of tokens.ts) are looked up in the
 * plan's passages; a passage is a candidate when the IDF-weighted share of the
 * requirement's bigrams it contains reaches RETRIEVE_MIN. Alignment: word-level
 * local alignment (sw.ts) of the requirement with each candidate; a match is
 * accepted when the aligned tokens carry at least ACCEPT_MIN of the
 * requirement's weight. Status from the weighted coverage of the requirement
 * by the accepted matches: see docs/diff.md for the thresholds.
 */
import { diffWords } from 'diff';
import type { Diagnostic, DiffResult, Doc, Result, Segment, Span } from '../model.js';
import { classify, headingBody, namedMentions, subjectAt } from '../extract/bodies.js';
import { type Change, listChange, listsOf, paramChanges, paramsOf, qualifierChanges } from './params.js';
import { type Passage, type RequirementUnit, passagesOf, requirementsOf } from './requirements.js';
import { type Alignment, align } from './sw.js';
import { type Tok, tokenize } from './tokens.js';

export { requirementsOf, passagesOf } from './requirements.js';
export type { RequirementUnit, Passage } from './requirements.js';

export const THRESHOLDS = {
  /** a passage is a candidate when it holds this share of the requirement's bigram weight */
  RETRIEVE_MIN: 0.1,
  /** at most this many candidates are aligned per requirement */
  MAX_CANDIDATES: 6,
  /** a local alignment confirms a match when its matched tokens carry this share of the requirement's weight */
  ACCEPT_MIN: 0.3,
  /** … and at least this many tokens match */
  ACCEPT_TOKENS: 4,
  /** weighted coverage below this: partial */
  PARTIAL_BELOW: 0.55,
  /** weighted coverage at least this, nothing inserted or changed: covered (else adapted) */
  COVERED_MIN: 0.97,
  /** a run of uncovered requirement tokens reported as missing */
  MISSING_RUN: 3,
  /** a plan clause is a local addition when less than this share of it lies in matched regions */
  ADDITION_BELOW: 0.5,
};

interface ReqIndexed extends RequirementUnit {
  w: number[];
  total: number;
  shingleTotal: number;
  bodyRole: string | null;
  bodyName: string | null;
}

export interface BaseIndex {
  base: Doc;
  reqs: ReqIndexed[];
  /** bigram → [requirement index, weight] */
  postings: Map<string, number[]>;
  shingleWeight: Map<string, number>;
}

const bigrams = (toks: Tok[]): string[] => {
  const out: string[] = [];
  for (let i = 0; i + 1 < toks.length; i++) out.push(toks[i].key + ' ' + toks[i + 1].key);
  return out;
};

/** Build the requirement index of a base once; reuse it for every plan. */
export function buildBaseIndex(base: Doc): BaseIndex {
  const units = requirementsOf(base);
  const N = units.length;
  const df = new Map<string, number>();
  const sdf = new Map<string, number>();
  for (const u of units) {
    for (const k of new Set(u.toks.map((t) => t.key))) df.set(k, (df.get(k) ?? 0) + 1);
    for (const k of new Set(bigrams(u.toks))) sdf.set(k, (sdf.get(k) ?? 0) + 1);
  }
  const idf = (d: number) => Math.log((N + 1) / (d + 0.5));
  const mean = units.length ? [...df.values()].reduce((s, d) => s + idf(d), 0) / Math.max(1, df.size) : 1;
  const weightOf = (t: Tok) => (t.kind !== 'word' ? 1.5 : Math.min(2.5, Math.max(0.15, idf(df.get(t.key) ?? 0) / mean)));
  const shingleWeight = new Map<string, number>();
  for (const [k, d] of sdf) shingleWeight.set(k, Math.max(0.05, idf(d)));
  const postings = new Map<string, number[]>();
  const reqs: ReqIndexed[] = units.map((u, r) => {
    const w = u.toks.map(weightOf);
    let shingleTotal = 0;
    for (const k of new Set(bigrams(u.toks))) {
      shingleTotal += shingleWeight.get(k)!;
      let p = postings.get(k);
      if (!p) postings.set(k, (p = []));
      p.push(r);
    }
    const body = bodyOfRequirement(base, u);
    return { ...u, w, total: w.reduce((s, x) => s + x, 0), shingleTotal, bodyRole: body?.role ?? null, bodyName: body?.name ?? null };
  });
  return { base, reqs, postings, shingleWeight };
}

// ---------------------------------------------------------------- bodies

function segByPath(doc: Doc): Map<string, { seg: Segment; parent: Segment | null }> {
  const m = new Map<string, { seg: Segment; parent: Segment | null }>();
  const visit = (s: Segment, parent: Segment | null) => {
    if (!m.has(s.path) || s.children.length) m.set(s.path, { seg: s, parent });
    s.children.forEach((c) => visit(c, s));
  };
  doc.segments.forEach((s) => visit(s, null));
  return m;
}

/** The named body a requirement's own sentence starts with ("Ban Tổ chức Trung ương chủ trì …"). */
function bodyOfRequirement(doc: Doc, u: RequirementUnit): { name: string; role: string } | null {
  const at = subjectAt(doc.text, u.span[0], u.span[1]);
  if (!at) return null;
  const named = namedMentions(doc.text.slice(at[0], at[1]));
  if (!named.length || named[0].span[0] > 2) return null;
  const c = classify(named[0].text);
  return c.role === 'other' ? null : { name: c.name, role: c.role };
}

/** The body a plan passage gives its task to: the clause subject, else the nearest heading that names a body. */
function bodyOfPlanRegion(doc: Doc, p: Passage, clauseStart: number, ancestors: Map<string, { seg: Segment; parent: Segment | null }>): { name: string; role: string } | null {
  const at = subjectAt(doc.text, clauseStart, p.span[1]);
  if (at) {
    const named = namedMentions(doc.text.slice(at[0], at[1]));
    if (named.length) {
      const c = classify(named[0].text);
      if (c.role !== 'other') return { name: c.name, role: c.role };
    }
  }
  let cur: Segment | null = p.seg;
  while (cur) {
    if (cur.heading) {
      const h = headingBody(cur.heading);
      if (h) {
        const c = classify(h);
        if (c.role !== 'other') return { name: c.name, role: c.role };
      }
    }
    cur = ancestors.get(cur.path)?.parent ?? null;
  }
  return null;
}

// ---------------------------------------------------------------- plan side

interface PlanPassage extends Passage {
  toks: Tok[];
  clauseOf: number[];
  clauseRanges: [number, number][];
  bigrams: string[];
}

function preparePlan(plan: Doc): PlanPassage[] {
  return passagesOf(plan).map((p) => {
    const toks: Tok[] = [];
    const clauseOf: number[] = [];
    const clauseRanges: [number, number][] = [];
    p.clauses.forEach((c, ci) => {
      const t = tokenize(plan.text, c.span[0], c.span[1]);
      clauseRanges.push([toks.length, toks.length + t.length]);
      for (const x of t) {
        toks.push(x);
        clauseOf.push(ci);
      }
    });
    return { ...p, toks, clauseOf, clauseRanges, bigrams: bigrams(toks) };
  });
}

const SUP: Record<string, string> = { '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9' };

function footnotesIn(doc: Doc, text: string, all: Segment[]): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+/gu)) {
    const n = [...m[0]].map((c) => SUP[c]).join('');
    const f = all.find((s) => s.kind === 'footnote' && (s.label === n || s.footnote === n));
    if (f) out.push(f.text.replace(/^[⁰¹²³⁴⁵⁶⁷⁸⁹\d]+\s*/u, ''));
  }
  return out;
}

function flat(segs: Segment[], out: Segment[] = []): Segment[] {
  for (const s of segs) {
    out.push(s);
    flat(s.children, out);
  }
  return out;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const squash = (s: string) => s.replace(/\s+/gu, ' ').trim();

interface Accepted {
  p: PlanPassage;
  al: Alignment;
  weight: number;
  /** plan token range kept as the match region (alignment, extended to clause ends when the requirement's head/tail is unmatched) */
  from: number;
  to: number;
}

export interface DiffOptions {
  /** extra diagnostics to carry into the result (e.g. base selection warnings) */
  diagnostics?: Diagnostic[];
}

/** Diff one plan against an indexed base. */
export function diffPlan(index: BaseIndex, plan: Doc, opts: DiffOptions = {}): Result<DiffResult> {
  const T = THRESHOLDS;
  const base = index.base;
  const diagnostics: Diagnostic[] = [...(opts.diagnostics ?? [])];
  const passages = preparePlan(plan);
  const planSegs = flat(plan.segments);
  const ancestors = segByPath(plan);
  const R = index.reqs.length;
  const P = passages.length;

  // ---- retrieval: IDF-weighted share of each requirement's bigrams found in each passage
  const score = new Float64Array(R * P);
  passages.forEach((p, pi) => {
    for (const k of new Set(p.bigrams)) {
      const post = index.postings.get(k);
      if (!post) continue;
      const w = index.shingleWeight.get(k)!;
      for (const r of post) score[r * P + pi] += w;
    }
  });

  const planUsed = passages.map((p) => new Uint8Array(p.toks.length));
  const requirements: DiffResult['requirements'] = [];

  index.reqs.forEach((req, r) => {
    const cands: [number, number][] = [];
    for (let pi = 0; pi < P; pi++) {
      const s = score[r * P + pi] / (req.shingleTotal || 1);
      if (s >= T.RETRIEVE_MIN) cands.push([pi, s]);
    }
    cands.sort((a, b) => b[1] - a[1]);
    const aligned: Accepted[] = [];
    for (const [pi] of cands.slice(0, T.MAX_CANDIDATES)) {
      const p = passages[pi];
      const al = align(req.toks, req.w, p.toks);
      if (!al) continue;
      let weight = 0;
      for (const [i, , sim] of al.pairs) weight += req.w[i] * sim;
      if (weight < T.ACCEPT_MIN * req.total || al.pairs.length < Math.min(T.ACCEPT_TOKENS, req.toks.length)) continue;
      let from = al.bStart;
      let to = al.bEnd;
      if (al.aStart > 0) from = p.clauseRanges[p.clauseOf[from]][0];
      if (al.aEnd < req.toks.length) to = p.clauseRanges[p.clauseOf[to - 1]][1];
      aligned.push({ p, al, weight, from, to });
    }
    aligned.sort((a, b) => b.weight - a.weight);
    // greedy: keep the best, then matches that cover requirement tokens not yet covered
    const cov = new Float64Array(req.toks.length);
    const kept: Accepted[] = [];
    for (const a of aligned) {
      let gain = 0;
      for (const [i, , sim] of a.al.pairs) if (sim > cov[i]) gain += req.w[i] * (sim - cov[i]);
      if (kept.length && gain < 0.1 * req.total) continue;
      kept.push(a);
      for (const [i, , sim] of a.al.pairs) cov[i] = Math.max(cov[i], sim);
    }
    let covered = 0;
    for (let i = 0; i < cov.length; i++) covered += req.w[i] * cov[i];
    const frac = req.total ? covered / req.total : 0;

    // ---- status
    let status: DiffResult['requirements'][number]['status'];
    const missing: string[] = [];
    if (!kept.length) status = 'omitted';
    else {
      // uncovered runs
      let i = 0;
      while (i < req.toks.length) {
        if (cov[i] > 0) {
          i++;
          continue;
        }
        let j = i;
        while (j < req.toks.length && cov[j] === 0) j++;
        let w = 0;
        for (let k = i; k < j; k++) w += req.w[k];
        if (j - i >= T.MISSING_RUN && w >= 1.5) missing.push(squash(base.text.slice(req.toks[i].start, req.toks[j - 1].end)));
        i = j;
      }
      status = frac < T.PARTIAL_BELOW ? 'partial' : 'adapted';
    }

    // ---- changes
    const changes: Change[] = [];
    if (kept.length) {
      const planParams = kept.flatMap((a) => paramsOf(a.p.toks, plan.text, a.from, a.to));
      changes.push(...paramChanges(paramsOf(req.toks, base.text), planParams));
      const regionText = kept.map((a) => plan.text.slice(a.p.toks[a.from].start, a.p.toks[a.to - 1].end)).join(' ');
      // footnote references may follow the last token of the region
      const fnText = kept.map((a) => plan.text.slice(a.p.toks[a.from].start, (a.p.toks[a.to] ?? { start: a.p.span[1] }).start)).join(' ');
      changes.push(...qualifierChanges(req.text, regionText, footnotesIn(plan, fnText, planSegs)));
      for (const l of listsOf(base.text, req.toks)) {
        for (const a of kept) {
          const js = a.al.pairs.filter(([i]) => i >= l.start && i < l.end).map(([, j]) => j);
          if (js.length === 0 && !(a.al.aStart <= l.start && a.al.aEnd >= l.end)) continue;
          const lo = js.length ? Math.min(...js) : a.from;
          const hi = js.length ? Math.max(...js) : a.to - 1;
          const pl = listsOf(plan.text, a.p.toks, a.p.clauseRanges[a.p.clauseOf[lo]][0], a.p.clauseRanges[a.p.clauseOf[hi]][1]).find(
            (x) => x.start <= hi && x.end > lo,
          );
          if (pl) {
            const c = listChange(l.members, pl.members);
            if (c) changes.push(c);
          } else if (js.length <= 1 && l.members.length >= 3) {
            // the list disappeared from the kept sentence
            changes.push({ kind: 'list', from: l.members.join(', '), to: null, note: 'the list is not in the plan' });
          }
          break;
        }
      }
      if (req.bodyRole) {
        const best = kept[0];
        const pb = bodyOfPlanRegion(plan, best.p, best.p.clauses[best.p.clauseOf[best.from]].span[0], ancestors);
        if (pb && pb.role !== req.bodyRole && !(req.bodyRole === 'cap-uy' && pb.role === 'cap-uy-truc-thuoc'))
          changes.push({ kind: 'body', from: req.bodyName, to: pb.name, note: `${req.bodyRole} → ${pb.role}` });
      }
      if (status === 'adapted' && frac >= T.COVERED_MIN && !changes.length) {
        // verbatim apart from tone marks/OCR slips and at most two inserted words
        let inserted = 0;
        for (const a of kept) inserted += a.al.bEnd - a.al.bStart - a.al.pairs.length;
        if (inserted <= 2) status = 'covered';
      }
    }

    // ---- matches
    const matches = kept.map((a) => {
      for (let j = a.from; j < a.to; j++) planUsed[passages.indexOf(a.p)][j] = 1;
      const span: Span = [a.p.toks[a.from].start, a.p.toks[a.to - 1].end];
      const text = squash(plan.text.slice(span[0], span[1]));
      const reqFrom = a.al.aStart > 0 || a.from === a.al.bStart ? a.al.aStart : 0;
      const reqPart = squash(base.text.slice(req.toks[reqFrom].start, req.toks[a.al.aEnd - 1].end));
      const diff = diffWords(reqPart, text).map((d) => ({ op: d.added ? ('+' as const) : d.removed ? ('-' as const) : ('=' as const), text: d.value }));
      return { path: a.p.path, text, span, score: round(a.weight / req.total), diff };
    });
    requirements.push({ id: req.id, path: req.path, text: req.text, span: req.span, status, missing, matches, changes });
  });

  // ---- local additions
  const additions: DiffResult['additions'] = [];
  passages.forEach((p, pi) => {
    if (p.context) return;
    let cur: { start: number; end: number } | null = null;
    const flush = () => {
      if (!cur) return;
      const span: Span = [cur.start, cur.end];
      additions.push({ path: p.path, text: squash(plan.text.slice(span[0], span[1])), span, ...entitiesIn(plan, span, p, ancestors) });
      cur = null;
    };
    p.clauses.forEach((c, ci) => {
      const [a, b] = p.clauseRanges[ci];
      let used = 0;
      for (let j = a; j < b; j++) used += planUsed[pi][j];
      const isAddition = b > a && used / (b - a) < T.ADDITION_BELOW;
      if (isAddition) {
        if (cur) cur.end = c.span[1];
        else cur = { start: c.span[0], end: c.span[1] };
      } else flush();
    });
    flush();
  });

  // ---- summary
  const count = (s: string) => requirements.filter((r) => r.status === s).length;
  const byPoint = new Map<string, { omitted: number; partial: number }>();
  for (const r of requirements) {
    const b = byPoint.get(r.path) ?? { omitted: 0, partial: 0 };
    if (r.status === 'omitted') b.omitted++;
    if (r.status === 'partial') b.partial++;
    byPoint.set(r.path, b);
  }
  const worstPoints = [...byPoint.entries()]
    .filter(([, v]) => v.omitted + v.partial > 0)
    .sort((a, b) => b[1].omitted + b[1].partial / 2 - (a[1].omitted + a[1].partial / 2))
    .slice(0, 5)
    .map(([path, v]) => ({ path, ...v }));
  const n = requirements.length;
  const summary = {
    covered: count('covered'),
    adapted: count('adapted'),
    partial: count('partial'),
    omitted: count('omitted'),
    additions: additions.length,
    coverage: n ? round((count('covered') + count('adapted') + 0.5 * count('partial')) / n) : 0,
    worstPoints,
  };
  if (!n) diagnostics.push({ level: 'warning', code: 'no-requirements', message: 'the base document has no requirements (no body text found)' });
  const ref = (d: Doc) => ({ file: d.source.file, index: d.source.index, symbol: d.meta.symbol, title: d.meta.title });
  return { value: { base: ref(base), plan: ref(plan), requirements, additions, summary, diagnostics }, diagnostics };
}

/** Citations, deadlines and bodies inside a span of the plan (from the extract stage when it ran; bodies also by name). */
function entitiesIn(plan: Doc, span: Span, p: Passage, ancestors: Map<string, { seg: Segment; parent: Segment | null }>) {
  const inside = (s: Span) => s[0] < span[1] && s[1] > span[0];
  const citations = [...new Set(plan.citations.filter((c) => inside(c.span)).map((c) => c.id))];
  const deadlines = plan.deadlines.filter((d) => inside(d.span)).map((d) => d.text);
  const bodies = new Set<string>();
  for (const b of plan.bodies) if (b.mentions.some((m) => inside(m.span))) bodies.add(b.name);
  for (const m of namedMentions(plan.text.slice(span[0], span[1]))) bodies.add(classify(m.text).name);
  const hb = bodyOfPlanRegion(plan, p, span[0], ancestors);
  if (hb) bodies.add(hb.name);
  return { citations, deadlines, bodies: [...bodies] };
}

/** Diff a plan against a base (builds the base index; prefer buildBaseIndex + diffPlan for many plans). */
export function diffDocs(base: Doc, plan: Doc, opts: DiffOptions = {}): Result<DiffResult> {
  return diffPlan(buildBaseIndex(base), plan, opts);
}
