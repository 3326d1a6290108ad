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
import type { Diagnostic, DiffResult, Doc, Result, Segment, Span } from '../model.js';
import { classify as classifyBody } from '../extract/bodies.js';
import { bodyFinder, taskLeads } from './bodies.js';
import { type Change, type Param, type Qualifiers, listChange, listsOf, paramChanges, paramsOf, qualifierChanges, qualifiersOf } from './params.js';
import { type Passage, type RequirementUnit, passagesOf, requirementsOf } from './requirements.js';
import { type Alignment, align, maxSims } from './sw.js';
import { type Tok, fuzzyPatterns, gramId, gramKey, tokenize } from './tokens.js';
import { SECONDARY_PARTS } from '../vocab/restatement.js';
import { type ApplicabilityRule, type CounterpartRow, applicabilityOf, centralOrganAt, centralOrgansIn, counterpartIn, isCounterpart, localOrganAt } from './applicability.js';
import { type ConceptScore, type ConceptUnit, FUNCTION_WORDS, keyWeights } from './concept.js';
import { fromSuperscript } from '../normalize/markup.js';
import { asciiFold, collapse } from '../normalize/vi.js';
import { visit, walk } from '../segment/tree.js';
import { diffWords } from 'diff';

export { requirementsOf, passagesOf } from './requirements.js';
export type { RequirementUnit, Passage } from './requirements.js';

export const THRESHOLDS = {
  /** a passage is a candidate when it holds this share of the requirement's bigram weight */
  RETRIEVE_MIN: 0.1,
  /** … and at least this share of the best candidate's score */
  RETRIEVE_RELATIVE: 0.3,
  /** at most this many candidates are aligned per requirement */
  MAX_CANDIDATES: 6,
  /** a local alignment confirms a match when its matched tokens carry this share of the requirement's weight */
  ACCEPT_MIN: 0.3,
  /** the best match's single best local alignment must carry this share of the weight (an anchor, not scattered words) */
  ANCHOR_MIN: 0.2,
  /** a further match (another passage keeping another part) needs this share of the weight … */
  SECONDARY_MIN: 0.15,
  /** … and must add this share of newly covered weight */
  SECONDARY_GAIN: 0.1,
  /** a further local alignment inside the same passage (a reordered part of the sentence) needs this score */
  HSP_MIN: 1.8,
  /** … and at least this many tokens match */
  ACCEPT_TOKENS: 4,
  /** weighted coverage below this: partial */
  PARTIAL_BELOW: 0.5,
  /** weighted coverage at least this, nothing inserted or changed: covered (else adapted) */
  COVERED_MIN: 0.97,
  /** a run of uncovered requirement tokens reported as missing */
  MISSING_RUN: 3,
  /** a plan clause is a local addition when less than this share of its tokens is kept by matches … */
  ADDITION_BELOW: 0.5,
  /** … (unaligned runs up to this length between aligned tokens count as kept: local wording) … */
  INSERT_GAP: 4,
  /** … and a run of at least this many unaligned tokens inside a kept clause is a local insertion */
  INSERTION_RUN: 10,
  /** a clause in which a kept match's word alignment pairs this many tokens and this share of its tokens (as ACCEPT_MIN) is kept (not an addition); */
  /** so is a clause with this share of its tokens inside the passage a requirement's match reports (the text shown as that match) */
  CLAUSE_IN_MATCH: 0.5,
  CLAUSE_PAIRED_TOKENS: 3,
  CLAUSE_PAIRED_SHARE: 0.3,
  /** concept matching (concept.ts), for requirements the alignment leaves omitted or partial: a plan unit
   *  (a passage, or the passages of one item) holding this weighted share of the requirement's key terms … */
  CONCEPT_ADAPTED: 0.7,
  /** … and this share of its bigram weight keeps it (adapted); */
  CONCEPT_ADAPTED_BIGRAMS: 0.28,
  /** with at least these shares, a condensed mention (partial, with what is missing) */
  CONCEPT_PARTIAL: 0.45,
  CONCEPT_PARTIAL_BIGRAMS: 0.25,
  /** … and at least this many of its strong key terms (weight ≥ CONCEPT_STRONG_WEIGHT) in the window */
  CONCEPT_PARTIAL_STRONG: 3,
  /** a key term this heavy (keyWeights, concept.ts) counts as strong */
  CONCEPT_STRONG_WEIGHT: 0.5,
  /** the concept window is this many times the requirement's length … */
  CONCEPT_WINDOW: 1.5,
  /** … and at least this many tokens (a restatement names its terms together) */
  CONCEPT_WINDOW_MIN: 15,
  /** a concept-only match is dropped when this share of its plan tokens is already paired by another requirement's word alignment */
  CONCEPT_OWNED_MAX: 0.6,
  /** near-miss passages shown as evidence for each omission */
  NEAR_MISSES: 3,
  /** a candidate match is withdrawn when fewer than this share of the plan tokens it pairs are explained best by it (withdrawExplained) */
  OWN_MIN: 0.25,

  // ---- alignment search and the small cut-offs of selection, status and additions
  /** candidates stop once a match holds this share of the weight … */
  EARLY_STOP_COVERED: 0.97,
  /** … and the next candidate's retrieval share is below this share of the best one's (it cannot add coverage worth reporting) */
  EARLY_STOP_SHARE: 0.8,
  /** a further match must newly cover at least this many requirement tokens (fewer is a chance overlap of common words) */
  SECONDARY_NEW_TOKENS: 3,
  /** a missing run must also weigh this much (three function words are not missing content) */
  MISSING_WEIGHT: 1.5,
  /** covered, not adapted, allows at most this many plan words inserted inside the alignment (a particle, an OCR split) */
  COVERED_INSERTED: 2,
  /** aligned streaks shorter than this inside an unaligned stretch are chance matches and do not end a local insertion */
  INSERTION_ISLAND: 4,
  /** a local insertion is at least this share unaligned tokens */
  INSERTION_UNALIGNED: 0.7,

  // ---- token weights (buildBaseIndex)
  /** who acts (subject, named organs, "phối hợp với …") weighs this fraction: a body change is reported as such, not as missing content */
  FRAME_WEIGHT: 0.25,
  /** numbers, dates and frequencies weigh this much (they are what a plan changes) */
  NUMBER_WEIGHT: 1.5,
  /** a word's IDF weight (relative to the mean) is clamped to [WORD_WEIGHT_MIN, WORD_WEIGHT_MAX]: no word is free, none dominates */
  WORD_WEIGHT_MIN: 0.15,
  WORD_WEIGHT_MAX: 2.5,
  /** floor of a bigram's IDF weight (a bigram in every requirement still counts a little for retrieval) */
  BIGRAM_WEIGHT_MIN: 0.05,
};

interface ReqIndexed extends RequirementUnit {
  w: number[];
  /** its distinct bigrams as indexes into BaseIndex.bigramW */
  bigramIds: Int32Array;
  /** matchKey form of the text, from the tokens */
  key: string;
  total: number;
  /** the weight outside its secondary parts (SECONDARY_PARTS: an emphasis tail, a parenthesis): what a first match is accepted on */
  core: number;
  shingleTotal: number;
  bodyRole: string | null;
  bodyName: string | null;
  /** its numbers, days and frequencies, and its enumerations (computed once per base) */
  params: Param[];
  lists: ReturnType<typeof listsOf>;
  /** the weakening and strengthening words it holds, and its key without diacritics */
  qualifiers: Qualifiers;
  keyFold: string;
  /** the body its point is addressed to, its level, the central organ (with counterparts) when it is one, and its applicability rule */
  addressee: string | null;
  level: string | null;
  central: { name: string; row: CounterpartRow } | null;
  /** the other central organs it names (a partner, the organ reported to), for a requirement addressed to a central organ */
  named: { name: string; row: CounterpartRow }[];
  rule: ApplicabilityRule | null;
  /** for a list member continuing a lead-in ("Nội dung kiểm tra, giám sát tập trung vào …; …; …"): the lead-in's key terms */
  context: number[];
}

export interface BaseIndex {
  base: Doc;
  reqs: ReqIndexed[];
  /** ids of the base's token keys, and one-letter substitution patterns → key id (OCR slips) */
  vocab: Set<number>;
  fuzzy: Map<string, number>;
  /** the requirements' syllable bigrams by token ids: first key id → second key id → bigram index; IDF weight and postings (requirement indexes) per bigram index */
  bigramIndex: Map<number, Map<number, number>>;
  bigramW: Float64Array;
  bigramPost: Int32Array[];
  /** plan words not in the base: key id → the base key one letter away (-1 none), filled as plans are read */
  fuzzyCache: Map<number, number>;
  /** word diffs already made (requirement part, plan text → ops), filled as plans are read */
  wordDiffs: Map<string, WordOp[]>;
  /** alignments already made: passage key (its clauses' texts) → requirement index → the candidate found in it (null: none) */
  alignMemo: Map<string, Map<number, Omit<Accepted, 'p'> | null>>;
}

const bigrams = (toks: Tok[]): string[] => {
  const out: string[] = [];
  for (let i = 0; i + 1 < toks.length; i++) out.push(gramKey(toks[i]) + ' ' + gramKey(toks[i + 1]));
  return out;
};

/** Build the requirement index of a base once; reuse it for every plan. */
export function buildBaseIndex(base: Doc): BaseIndex {
  const units = requirementsOf(base);
  const N = units.length;
  const df = new Map<string, number>();
  const sdf = new Map<string, number>();
  const unitBigrams = units.map((u) => new Set(bigrams(u.toks)));
  units.forEach((u, r) => {
    for (const k of new Set(u.toks.map((t) => t.key))) df.set(k, (df.get(k) ?? 0) + 1);
    for (const k of unitBigrams[r]) sdf.set(k, (sdf.get(k) ?? 0) + 1);
  });
  const idf = (d: number) => Math.log((N + 1) / (d + 0.5));
  const mean = units.length ? [...df.values()].reduce((s, d) => s + idf(d), 0) / Math.max(1, df.size) : 1;
  const T = THRESHOLDS;
  const weightOf = (t: Tok) => (t.kind !== 'word' ? T.NUMBER_WEIGHT : Math.min(T.WORD_WEIGHT_MAX, Math.max(T.WORD_WEIGHT_MIN, idf(df.get(t.key) ?? 0) / mean)));
  const shingleWeight = new Map<string, number>();
  for (const [k, d] of sdf) shingleWeight.set(k, Math.max(T.BIGRAM_WEIGHT_MIN, idf(d)));
  const postings = new Map<string, number[]>();
  const reqs: ReqIndexed[] = units.map((u, r) => {
    const w = u.toks.map(weightOf);
    // who does a task is reported as a body change, not as missing content: the subject, named
    // organs and the partner of "phối hợp với …" weigh little in coverage
    // (once per token, however many of the frame spans hold it)
    const frames = frameSpans(base, u);
    u.toks.forEach((t, i) => {
      if (frames.some(([a, b]) => t.start >= a && t.end <= b)) w[i] *= T.FRAME_WEIGHT;
    });
    let shingleTotal = 0;
    for (const k of unitBigrams[r]) {
      shingleTotal += shingleWeight.get(k)!;
      let p = postings.get(k);
      if (!p) postings.set(k, (p = []));
      p.push(r);
    }
    const body = bodyOfRequirement(base, u);
    const key = u.toks.map((t) => t.mk).join(' ');
    // the addressee of its point: the body the point's first requirement starts with
    const head = units.find((x) => x.path === u.path)!;
    // an organ with counterparts at the levels below: a central organ, or an advisory organ of a provincial committee
    const atCentre = centralOrganAt(head.text);
    const central = atCentre ?? localOrganAt(head.text);
    const headBody = central ? null : bodyOfRequirement(base, head);
    const addressee = central?.name ?? headBody?.name ?? null;
    const level = atCentre ? 'trung-uong' : central ? classify(central.name).level : headBody ? classify(headBody.name).level : null;
    return {
      ...u,
      w,
      bigramIds: new Int32Array(0),
      key,
      qualifiers: qualifiersOf(key),
      keyFold: asciiFold(key),
      total: w.reduce((s, x) => s + x, 0),
      core: coreWeight(base.text, u, w),
      shingleTotal,
      bodyRole: body?.role ?? null,
      bodyName: body?.name ?? null,
      params: paramsOf(u.toks, base.text),
      lists: listsOf(base.text, u.toks),
      addressee,
      level,
      central,
      named: atCentre ? centralOrgansIn(u.text).filter((o) => o.row !== atCentre.row) : [],
      rule: applicabilityOf(u.text, head.text),
      context: leadInContext(units, r),
    };
  });
  // bigrams by token ids (a key never contains a space, so the pair of ids is the bigram)
  const bigramIndex = new Map<number, Map<number, number>>();
  const bigramKeys: string[] = [];
  for (const req of reqs) {
    const ids: number[] = [];
    const seen = new Set<number>();
    for (let i = 0; i + 1 < req.toks.length; i++) {
      const a = req.toks[i];
      const b = req.toks[i + 1];
      let m = bigramIndex.get(gramId(a));
      if (!m) bigramIndex.set(gramId(a), (m = new Map()));
      let bi = m.get(gramId(b));
      if (bi === undefined) {
        m.set(gramId(b), (bi = bigramKeys.length));
        bigramKeys.push(gramKey(a) + ' ' + gramKey(b));
      }
      if (!seen.has(bi)) {
        seen.add(bi);
        ids.push(bi);
      }
    }
    req.bigramIds = Int32Array.from(ids);
  }
  const bigramW = Float64Array.from(bigramKeys, (k) => shingleWeight.get(k)!);
  const bigramPost = bigramKeys.map((k) => Int32Array.from(postings.get(k)!));
  const vocab = new Set<number>();
  const fuzzy = new Map<string, number>();
  for (const u of units)
    for (const t of u.toks) {
      vocab.add(t.id);
      if (t.kind === 'word') for (const p of fuzzyPatterns(t.key)) if (!fuzzy.has(p)) fuzzy.set(p, t.id);
    }
  return { base, reqs, vocab, fuzzy, bigramIndex, bigramW, bigramPost, fuzzyCache: new Map(), wordDiffs: new Map(), alignMemo: new Map() };
}


/** SECONDARY_PARTS as patterns: an emphasis tail runs from its cue to the end of the requirement; a parenthesis. */
const SECONDARY_RE = SECONDARY_PARTS.map((r) =>
  r.kind === 'brackets' ? /\([^()]*\)/gu : new RegExp(String.raw`(?<![\p{L}])${r.cue!.replace(/ /g, '\\s+')}(?![\p{L}])[^]*$`, 'giu'),
);

/**
 * The weight of a requirement outside its secondary parts (an emphasis tail, a parenthesis): a plan that keeps
 * the rest keeps the requirement in part. Never below half the total (a requirement that is mostly a tail is
 * judged as a whole).
 */
function coreWeight(text: string, u: RequirementUnit, w: number[]): number {
  const total = w.reduce((s, x) => s + x, 0);
  const t = text.slice(u.span[0], u.span[1]);
  const parts: [number, number][] = [];
  for (const re of SECONDARY_RE) for (const m of t.matchAll(re)) parts.push([u.span[0] + m.index!, u.span[0] + m.index! + m[0].length]);
  if (!parts.length) return total;
  let core = 0;
  u.toks.forEach((tok, i) => {
    if (!parts.some(([a, b]) => tok.start >= a && tok.end <= b)) core += w[i];
  });
  return Math.max(core, total / 2);
}

/** A lead-in that the following list members depend on ("Nội dung kiểm tra, giám sát tập trung vào"). */
const LEAD_IN = /\s(?:tập trung vào|bao gồm|gồm|như sau)(?=\s|:|$)|:\s/u;
/**
 * Key terms of the lead-in a requirement continues: when it starts in lower case after a requirement of the
 * same point that opens with a lead-in, that lead-in's words (function words left out).
 */
function leadInContext(units: RequirementUnit[], r: number): number[] {
  const u = units[r];
  if (!/^\p{Ll}/u.test(u.text)) return [];
  for (let k = r - 1; k >= 0 && units[k].path === u.path; k--) {
    const m = LEAD_IN.exec(units[k].text);
    if (m) {
      const lead = tokenize(units[k].text.slice(0, m.index));
      return [...new Set(lead.filter((t) => t.kind === 'word' && !FUNCTION_WORDS.has(t.key)).map((t) => t.id))];
    }
    if (!/^\p{Ll}/u.test(units[k].text)) break;
  }
  return [];
}

// ---------------------------------------------------------------- bodies

// classify is a pure function of a short string that recurs across requirements,
// additions and plans: memoized
const CLASSIFY = new Map<string, ReturnType<typeof classifyBody>>();
function classify(text: string): ReturnType<typeof classifyBody> {
  let c = CLASSIFY.get(text);
  if (!c) {
    c = classifyBody(text);
    if (CLASSIFY.size > 20000) CLASSIFY.clear();
    CLASSIFY.set(text, c);
  }
  return c;
}
/** Spans of a requirement naming who acts: its subject, named organs, the partner after "phối hợp với". */
function frameSpans(doc: Doc, u: RequirementUnit): Span[] {
  const out: Span[] = [];
  const bf = bodyFinder(doc);
  const subj = bf.subjectAt(u.span[0], u.span[1]);
  if (subj) out.push(subj);
  const t = doc.text.slice(u.span[0], u.span[1]);
  for (const m of bf.namedIn(u.span)) out.push(m.span);
  for (const m of t.matchAll(/(?:chủ trì,?\s*)?phối hợp với\s+([^,;.]*?)(?=\s+(?:và các cơ quan|tổ chức|xây dựng|triển khai|tham mưu|sửa đổi|hướng dẫn|theo dõi)|[,;.]|$)/giu))
    out.push([u.span[0] + m.index!, u.span[0] + m.index! + m[0].length]);
  for (const m of t.matchAll(/(?:^|[,;]\s*)(chủ trì)(?=[,\s])|(?:và )?các cơ quan (?:có )?liên quan/giu)) out.push([u.span[0] + m.index!, u.span[0] + m.index! + m[0].length]);
  return out;
}

function segByPath(doc: Doc): Map<string, { seg: Segment; parent: Segment | null }> {
  const m = new Map<string, { seg: Segment; parent: Segment | null }>();
  visit(doc.segments, (s, anc) => {
    if (!m.has(s.path) || s.children.length) m.set(s.path, { seg: s, parent: anc.length ? anc[anc.length - 1] : null });
  });
  return m;
}

/** The named body a requirement's own sentence starts with ("Ban Tổ chức Trung ương chủ trì …"). */
function bodyOfRequirement(doc: Doc, u: RequirementUnit): { name: string; role: string } | null {
  const bf = bodyFinder(doc);
  const at = bf.subjectAt(u.span[0], u.span[1]);
  if (!at) return null;
  const named = bf.namedIn(at);
  if (!named.length || named[0].span[0] - at[0] > 2) return null;
  const c = classify(named[0].text);
  return c.role === 'other' ? null : { name: c.name, role: c.role };
}

/**
 * The body a plan passage gives its task to (remembered per plan): the clause's subject, else the heading the
 * clause's task inherits its lead from — as the plan's tasks record them (`taskLeads`); else (a clause no task
 * covers or whose task's lead the diff does not read, a document without recorded leads) the nearest heading
 * that names a body, and for a document without recorded leads the subject from its bodies.
 */
const PLAN_BODIES = new WeakMap<Doc, Map<string, { name: string; role: string } | null>>();
function bodyOfPlanRegion(doc: Doc, p: Passage, clauseStart: number, ancestors: Map<string, { seg: Segment; parent: Segment | null }>): { name: string; role: string } | null {
  let m = PLAN_BODIES.get(doc);
  if (!m) PLAN_BODIES.set(doc, (m = new Map()));
  const k = p.path + '\u0000' + p.span[0] + '\u0000' + p.span[1] + '\u0000' + clauseStart;
  let b = m.get(k);
  if (b === undefined) m.set(k, (b = bodyOfPlanRegionRaw(doc, p, clauseStart, ancestors)));
  return b;
}
function bodyOfPlanRegionRaw(doc: Doc, p: Passage, clauseStart: number, ancestors: Map<string, { seg: Segment; parent: Segment | null }>): { name: string; role: string } | null {
  const bf = bodyFinder(doc);
  const tl = taskLeads(doc);
  const at = tl ? tl.subjectAt(clauseStart, p.span[1]) : bf.subjectAt(clauseStart, p.span[1]);
  if (at) {
    const named = bf.namedIn(at);
    if (named.length) {
      const c = classify(named[0].text);
      if (c.role !== 'other') return { name: c.name, role: c.role };
    }
  }
  const h = tl?.headingAt(clauseStart, p.span[1]);
  if (h) {
    const c = classify(h);
    if (c.role !== 'other') return { name: c.name, role: c.role };
  }
  let cur: Segment | null = p.seg;
  while (cur) {
    if (cur.heading) {
      const h = bf.headingBody(cur);
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

/**
 * A heading, or an item whose own text is just its title line — including a numbered item that
 * is nothing but a short title with no sentence end ("5. Xây dựng tiêu chí đánh giá, xếp loại
 * chất lượng sinh hoạt chi bộ" with its body gone): it names the topic, it sets no task.
 */
function isTitle(p: Passage): boolean {
  if (p.kind === 'heading') return true;
  if (p.kind === 'item' && !p.seg.heading && p.seg.children.length === 0) {
    const own = p.clauses.map((c) => c.text).join(' ').trim();
    return !/[.;:!?…]["”’)\]]*$/u.test(own) && own.split(/\s+/u).length <= 25;
  }
  if (!p.seg.heading) return false;
  const own = p.clauses.map((c) => c.text).join(' ');
  return own.length <= p.seg.heading.length + 8;
}

/**
 * Local alignment that also finds the requirement's other parts when the plan
 * reorders them inside the passage: after the best local alignment, the parts
 * of the requirement before and after it are aligned again (plan ranges must
 * not overlap), and the pairs merged.
 */
function alignMulti(req: ReqIndexed, b: Tok[], from: number, to: number, ms: Float64Array): (Alignment & { anchor: number }) | null {
  const first = align(req.toks, req.w, b, from, to);
  if (!first) return null;
  const pairs = [...first.pairs];
  const used: [number, number][] = [[first.bStart, first.bEnd]];
  const queue: [number, number, number][] = [
    [0, first.aStart, 0],
    [first.aEnd, req.toks.length, 0],
  ];
  while (queue.length) {
    const [s, e, depth] = queue.shift()!;
    if (e - s < 3 || depth > 1) continue;
    // exact bound: the score is at most the weight of the tokens that have a counterpart in the range
    let ub = 0;
    let nm = 0;
    for (let i = s; i < e; i++)
      if (ms[i] > 0) {
        ub += req.w[i] * ms[i];
        nm++;
      }
    if (ub < THRESHOLDS.HSP_MIN || nm < 2) continue;
    const al = align(req.toks, req.w, b, from, to, s, e);
    if (!al || al.score < THRESHOLDS.HSP_MIN || al.pairs.length < 2) continue;
    if (used.some(([x, y]) => al.bStart < y && al.bEnd > x)) continue;
    used.push([al.bStart, al.bEnd]);
    for (const [i, j, sim] of al.pairs) pairs.push([i + s, j, sim]);
    queue.push([s, s + al.aStart, depth + 1], [s + al.aEnd, e, depth + 1]);
  }
  let anchor = 0;
  for (const [i, , sim] of first.pairs) anchor += req.w[i] * sim;
  if (pairs.length === first.pairs.length) return { ...first, anchor };
  pairs.sort((x, y) => x[0] - y[0]);
  let bStart = Infinity;
  let bEnd = -1;
  for (const [, j] of pairs) {
    bStart = Math.min(bStart, j);
    bEnd = Math.max(bEnd, j + 1);
  }
  return { score: first.score, pairs, aStart: pairs[0][0], aEnd: pairs[pairs.length - 1][0] + 1, bStart, bEnd, anchor };
}

interface PlanPassage extends Passage {
  toks: Tok[];
  clauseOf: number[];
  clauseRanges: [number, number][];
  /** distinct base bigrams (BaseIndex.bigramW indexes) of the passage, in order of first occurrence */
  bigramIds: number[];
  /** base bigrams inside each clause */
  clauseBigramIds: number[][];
  /** its clauses' texts: what its tokens, and so its alignments, depend on */
  key: string;
}

/** Base bigram index of two adjacent tokens, or -1 when the base has no such bigram. */
function bigramOf(index: BaseIndex, a: Tok, b: Tok): number {
  const m = index.bigramIndex.get(gramId(a));
  if (!m) return -1;
  return m.get(gramId(b)) ?? -1;
}

/** The tokens of a plan clause, with the base key one letter away of each word the base lacks (OCR slips). */
function clauseTokens(index: BaseIndex, text: string, from: number, to: number): Tok[] {
  const toks = tokenize(text, from, to);
  for (const x of toks) {
    if (x.kind !== 'word' || index.vocab.has(x.id)) continue;
    let f = index.fuzzyCache.get(x.id);
    if (f === undefined) {
      f = -1;
      for (const pat of fuzzyPatterns(x.key)) {
        const g = index.fuzzy.get(pat);
        if (g !== undefined) {
          f = g;
          break;
        }
      }
      if (index.fuzzyCache.size > 100000) index.fuzzyCache.clear();
      index.fuzzyCache.set(x.id, f);
    }
    if (f !== -1) x.fz = f;
  }
  return toks;
}

function preparePlan(plan: Doc, index: BaseIndex): PlanPassage[] {
  const seen = new Int32Array(index.bigramW.length).fill(-1);
  return passagesOf(plan).map((p, pi) => {
    const toks: Tok[] = [];
    const clauseOf: number[] = [];
    const clauseRanges: [number, number][] = [];
    p.clauses.forEach((c, ci) => {
      const t = clauseTokens(index, plan.text, c.span[0], c.span[1]);
      clauseRanges.push([toks.length, toks.length + t.length]);
      for (const x of t) {
        toks.push(x);
        clauseOf.push(ci);
      }
    });
    const bigramIds: number[] = [];
    const clauseBigramIds: number[][] = clauseRanges.map(() => []);
    for (let i = 0; i + 1 < toks.length; i++) {
      const bi = bigramOf(index, toks[i], toks[i + 1]);
      if (bi < 0) continue;
      if (seen[bi] !== pi) {
        seen[bi] = pi;
        bigramIds.push(bi);
      }
      if (clauseOf[i] === clauseOf[i + 1]) clauseBigramIds[clauseOf[i]].push(bi);
    }
    return { ...p, toks, clauseOf, clauseRanges, bigramIds, clauseBigramIds, key: p.clauses.map((c) => plan.text.slice(c.span[0], c.span[1])).join('\u0002') };
  });
}


function footnotesIn(doc: Doc, text: string, all: Segment[]): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+/gu)) {
    const n = fromSuperscript(m[0]);
    const f = all.find((s) => s.kind === 'footnote' && (s.label === n || s.footnote === n));
    if (f) out.push(f.text.replace(/^[⁰¹²³⁴⁵⁶⁷⁸⁹\d]+\s*/u, ''));
  }
  return out;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

interface Accepted {
  p: PlanPassage;
  al: Alignment;
  weight: number;
  /** weight of the single best local alignment (before further parts were added) */
  anchor: number;
  /** found by concept matching (key terms, not a word alignment): no word diff is shown */
  concept?: boolean;
  /** cut down to the clause it restates (withdrawExplained) */
  cut?: boolean;
  /** plan token range kept as the match region (alignment, extended to clause ends when the requirement's head/tail is unmatched) */
  from: number;
  to: number;
}

export interface DiffOptions {
  /** extra diagnostics to carry into the result (e.g. base selection warnings) */
  diagnostics?: Diagnostic[];
  /** filled, when given, with each requirement's alignment coverage and best concept score (for calibration) */
  profile?: Map<string, { aligned: number; terms: number; bigrams: number }>;
}

/**
 * Retrieval: for each requirement, the plan passages holding at least RETRIEVE_MIN
 * of the IDF weight of its syllable bigrams and RETRIEVE_RELATIVE of the best
 * passage's share, best first, at most MAX_CANDIDATES: [passage index, share].
 */
function retrieve(index: BaseIndex, passages: PlanPassage[], out?: { score: Float64Array }): [number, number][][] {
  const T = THRESHOLDS;
  const R = index.reqs.length;
  const P = passages.length;
  const score = new Float64Array(R * P);
  passages.forEach((p, pi) => {
    for (const k of p.bigramIds) {
      const post = index.bigramPost[k];
      const w = index.bigramW[k];
      for (let x = 0; x < post.length; x++) score[post[x] * P + pi] += w;
    }
  });
  if (out) out.score = score;
  return index.reqs.map((req, r) => {
    const cands: [number, number][] = [];
    for (let pi = 0; pi < P; pi++) {
      const s = score[r * P + pi] / (req.shingleTotal || 1);
      if (s >= T.RETRIEVE_MIN) cands.push([pi, s]);
    }
    cands.sort((a, b) => b[1] - a[1]);
    const cut = cands.length ? cands[0][1] * T.RETRIEVE_RELATIVE : 0;
    const out = cands.slice(0, T.MAX_CANDIDATES);
    const k = out.findIndex(([, s]) => s < cut);
    return k < 0 ? out : out.slice(0, k);
  });
}

/** The retrieval step alone (for measurements): the plan's passages and each requirement's candidates. */
export function candidates(index: BaseIndex, plan: Doc): { passages: Passage[]; candidates: [number, number][][] } {
  const passages = preparePlan(plan, index);
  return { passages, candidates: retrieve(index, passages) };
}

// ---------------------------------------------------------------- diffPlan, phase by phase
//
//   planState          the plan's passages, retrieval scores and concept units, and what matches use of them
//   per requirement:   candidates → selection → concept → status → changes → matches (diffRequirement)
//   demoteShared       concept-only matches in text another requirement's alignment explains
//   additions          local clauses and insertions, then citations the base does not make
//   summarize          counts, coverage and the worst points

type ReqResult = DiffResult['requirements'][number];
type Ancestors = Map<string, { seg: Segment; parent: Segment | null }>;

/** What the phases of one plan's diff share. */
interface PlanState {
  index: BaseIndex;
  plan: Doc;
  passages: PlanPassage[];
  planSegs: Segment[];
  ancestors: Ancestors;
  /** raw retrieval score, requirement-major: score[r * passages.length + pi] */
  score: Float64Array;
  /** each requirement's candidate passages: [passage index, share], best first */
  retrieved: [number, number][][];
  /** concept units (conceptUnits), made on first use: a plan whose requirements all align needs none */
  units: () => PlanUnit[];
  /** scratch: for each base bigram, the last requirement that marked it */
  reqMark: Int32Array;
  /** per passage: plan tokens kept by a match (aligned, and short gaps between), paired by a match, paired by a word alignment */
  planUsed: Uint8Array[];
  planPaired: Uint8Array[];
  swOwned: Uint8Array[];
  /** per passage and clause: plan tokens the word alignment of a kept match pairs there */
  clausePaired: Int32Array[];
  profile?: DiffOptions['profile'];
}

/** A requirement kept only by concept matching, to check against the word alignments of the others. */
interface ConceptOnly {
  at: number;
  req: ReqIndexed;
  ranked: Ranked[];
  /** how many of its matches are word alignments */
  sw: number;
  /** the plan tokens its concept matches pair: [passage index, token index] */
  pairs: [number, number][];
}

/** Diff one plan against an indexed base. */
export function diffPlan(index: BaseIndex, plan: Doc, opts: DiffOptions = {}): Result<DiffResult> {
  const base = index.base;
  const diagnostics: Diagnostic[] = [...(opts.diagnostics ?? [])];
  const st = planState(index, plan, opts);
  const requirements: ReqResult[] = [];
  const byConcept: ConceptOnly[] = [];
  const selected = withdrawExplained(st);
  index.reqs.forEach((req, r) => {
    const { result, conceptOnly } = diffRequirement(st, req, r, selected[r]);
    if (conceptOnly) byConcept.push({ at: requirements.length, ...conceptOnly });
    requirements.push(result);
  });
  demoteShared(st, requirements, byConcept);
  const additions = clauseAdditions(st, requirements);
  additions.push(...citationAdditions(st, additions));
  additions.sort((a, b) => a.span[0] - b.span[0]);
  const summary = summarize(requirements, additions.length);
  if (!requirements.length) diagnostics.push({ level: 'warning', code: 'no-requirements', message: 'the base document has no requirements (no body text found)' });
  const ref = (d: Doc) => ({ file: d.source.file, index: d.source.index, symbol: d.meta.symbol, title: d.meta.title });
  return { value: { base: ref(base), plan: ref(plan), requirements, additions, summary, diagnostics }, diagnostics };
}

/** A value computed once, on first use. */
function lazy<T>(f: () => T): () => T {
  let v: T | undefined;
  let done = false;
  return () => {
    if (!done) {
      v = f();
      done = true;
    }
    return v as T;
  };
}

function planState(index: BaseIndex, plan: Doc, opts: DiffOptions): PlanState {
  const passages = preparePlan(plan, index);
  const ancestors = segByPath(plan);
  const raw = { score: new Float64Array(0) };
  const retrieved = retrieve(index, passages, raw);
  return {
    index,
    plan,
    passages,
    planSegs: walk(plan.segments),
    ancestors,
    score: raw.score,
    retrieved,
    units: lazy(() => conceptUnits(index, passages, ancestors)),
    reqMark: new Int32Array(index.bigramW.length).fill(-1),
    planUsed: passages.map((p) => new Uint8Array(p.toks.length)),
    planPaired: passages.map((p) => new Uint8Array(p.toks.length)),
    swOwned: passages.map((p) => new Uint8Array(p.toks.length)),
    clausePaired: passages.map((p) => new Int32Array(p.clauseRanges.length)),
    profile: opts.profile,
  };
}

/** One requirement through candidates, selection, concept matching, status, changes and matches. */
function diffRequirement(st: PlanState, req: ReqIndexed, r: number, selected: { kept: Accepted[]; cov: Float64Array }): { result: ReqResult; conceptOnly: Omit<ConceptOnly, 'at'> | null } {
  const T = THRESHOLDS;
  const { kept, cov } = selected;
  let frac = coverageOf(req, cov);

  // concept matching where the alignment finds little: a condensed, reordered or split restatement
  // (only where the alignment keeps less than half: the ranking also gives the near misses of an omission)
  const P = st.passages.length;
  const ranked = frac < T.PARTIAL_BELOW ? rankUnits(st.index, req, st.units(), (pi) => st.score[r * P + pi] > 0, st.passages) : [];
  const best = ranked[0];
  st.profile?.set(req.id, { aligned: frac, terms: best?.score.terms ?? 0, bigrams: best?.score.bigrams ?? 0 });
  const concept = best ? conceptStatus(best.score, kept.length > 0) : null;
  if (concept) {
    for (const a of conceptMatches(req, best.unit, st.passages, kept)) {
      kept.push(a);
      for (const [i, , sim] of a.al.pairs) cov[i] = Math.max(cov[i], sim);
    }
    frac = coverageOf(req, cov);
  }

  const missing = kept.length ? missingRuns(st.index.base, req, cov) : [];
  let status = statusOf(kept, frac, concept, missing);
  const { changes, counterpart, named } = kept.length ? changesOf(st, req, kept) : { changes: [] as Change[], counterpart: null, named: [] as Counterpart[] };
  // verbatim apart from tone marks/OCR slips and at most a few inserted words
  if (status === 'adapted' && frac >= T.COVERED_MIN && !changes.length && insertedWords(kept) <= T.COVERED_INSERTED) status = 'covered';
  const matches = matchesOf(st, req, kept);
  // the counterpart's name stands where the central organ stood: kept, not local wording
  for (const c of counterpart ? [counterpart, ...named] : named) for (let j = c.at[0]; j < c.at[1]; j++) st.planUsed[c.pi][j] = st.planPaired[c.pi][j] = 1;
  // evidence for an omission: the nearest plan passages, so that a reviewer confirms or refutes it in seconds
  const nearMisses = status === 'omitted' && req.rule?.applies !== 'not-applicable' ? nearMissesOf(st.plan, ranked) : [];
  // not expected of a local plan and not taken up: not applicable, reported apart
  const applicability = req.rule ? { rule: req.rule.id, reason: req.rule.reason } : null;
  // (a partial mention of such a requirement is no adaptation of it: it stays not applicable, its match kept as evidence)
  // (a task of a central organ that the plan gives to the organ's counterpart is taken up: it counts)
  if ((status === 'omitted' || status === 'partial') && req.rule?.applies === 'not-applicable' && !counterpart) status = 'not-applicable';
  let conceptOnly: Omit<ConceptOnly, 'at'> | null = null;
  if (concept) {
    const pairs: [number, number][] = [];
    for (const a of kept) if (a.concept) for (const [, j] of a.al.pairs) pairs.push([st.passages.indexOf(a.p), j]);
    conceptOnly = { req, ranked, sw: kept.filter((a) => !a.concept).length, pairs };
  }
  const result: ReqResult = { id: req.id, path: req.path, text: req.text, span: req.span, status, missing, matches, changes, nearMisses, addressee: req.addressee, level: req.level, applicability };
  return { result, conceptOnly };
}

/**
 * Each requirement's candidate alignments and selected matches, without the matches lying in text another
 * requirement explains better. A plan token is explained by the requirement whose selected match pairing it
 * carries the largest share of its requirement; a candidate of which fewer than OWN_MIN of the paired tokens
 * are its own (the best, or tied) only shares words with a neighbouring requirement the plan keeps ("phải
 * phân công cấp ủy viên dự sinh hoạt chi bộ …" found in the sentence that keeps "Bí thư, phó bí thư chi bộ và
 * cấp ủy viên phải … phân công nhiệm vụ cụ thể"): it is withdrawn and the selection made again.
 */
function withdrawExplained(st: PlanState): { kept: Accepted[]; cov: Float64Array }[] {
  const reqs = st.index.reqs;
  const aligned = reqs.map((req, r) => alignCandidates(st, req, r));
  const selected = reqs.map((req, r) => selectMatches(req, aligned[r]));
  const pIndex = new Map(st.passages.map((p, pi) => [p, pi]));
  const best = st.passages.map((p) => new Float64Array(p.toks.length));
  selected.forEach(({ kept }, r) => {
    for (const a of kept) {
      const sc = a.weight / reqs[r].total;
      const b = best[pIndex.get(a.p)!];
      for (const [, j] of a.al.pairs) if (sc > b[j]) b[j] = sc;
    }
  });
  return selected.map((sel, r) => {
    const req = reqs[r];
    let changed = false;
    const keep: Accepted[] = [];
    for (const a of aligned[r]) {
      const sc = a.weight / req.total;
      const b = best[pIndex.get(a.p)!];
      const stronger = (j: number) => sc < b[j] - 1e-9;
      // the clause holding most of the match's own weight; words it borrows from another clause that a
      // stronger match explains are that clause's (a condensed mention followed by the next requirement's sentence)
      const ownByClause = new Map<number, number>();
      let mine = 0;
      for (const [i, j, sim] of a.al.pairs) {
        if (stronger(j)) continue;
        mine += req.w[i] * sim;
        const c = a.p.clauseOf[j];
        ownByClause.set(c, (ownByClause.get(c) ?? 0) + req.w[i] * sim);
      }
      if (mine === 0) {
        changed = true;
        continue;
      }
      const home = [...ownByClause].sort((x, y) => y[1] - x[1])[0][0];
      const pairs = a.al.pairs.filter(([, j]) => !stronger(j) || a.p.clauseOf[j] === home);
      // what is left explained better by others: withdrawn
      let left = 0;
      for (const [i, , sim] of pairs) left += req.w[i] * sim;
      if (mine < THRESHOLDS.OWN_MIN * left) {
        changed = true;
        continue;
      }
      if (pairs.length === a.al.pairs.length) {
        keep.push(a);
        continue;
      }
      changed = true;
      keep.push(restrict(req, a, pairs));
    }
    if (!changed) return sel;
    keep.sort((x, y) => y.weight - x.weight);
    const again = selectMatches(req, keep);
    // a condensed mention (the requirement's first words in a sentence of its own) that no longer carries
    // ACCEPT_MIN once the words it borrowed from the next sentence are gone is still a mention: partial
    const cut = keep.find((a) => a.cut && a.anchor >= THRESHOLDS.ANCHOR_MIN * req.total && a.al.pairs.length >= Math.min(THRESHOLDS.ACCEPT_TOKENS, req.toks.length));
    if (!again.kept.length && cut) {
      const cov = new Float64Array(req.toks.length);
      for (const [i, , sim] of cut.al.pairs) cov[i] = Math.max(cov[i], sim);
      return { kept: [cut], cov };
    }
    return again;
  });
}

/** A match cut down to some of its pairs: weight, ranges and the kept region made again. */
function restrict(req: ReqIndexed, a: Accepted, pairs: [number, number, number][]): Accepted {
  let weight = 0;
  let bStart = Infinity;
  let bEnd = -1;
  for (const [i, j, sim] of pairs) {
    weight += req.w[i] * sim;
    bStart = Math.min(bStart, j);
    bEnd = Math.max(bEnd, j + 1);
  }
  const al: Alignment & { anchor?: number } = { score: a.al.score, pairs, aStart: pairs[0][0], aEnd: pairs[pairs.length - 1][0] + 1, bStart, bEnd };
  let from = bStart;
  let to = bEnd;
  if (al.aStart > 0) from = a.p.clauseRanges[a.p.clauseOf[from]][0];
  if (al.aEnd < req.toks.length) to = a.p.clauseRanges[a.p.clauseOf[to - 1]][1];
  return { p: a.p, al, weight, anchor: Math.min(a.anchor, weight), from, to, concept: a.concept, cut: true };
}

/** Weighted share of the requirement covered. */
function coverageOf(req: ReqIndexed, cov: Float64Array): number {
  let covered = 0;
  for (let i = 0; i < cov.length; i++) covered += req.w[i] * cov[i];
  return req.total ? covered / req.total : 0;
}

/**
 * Candidates: the local alignments of the requirement with its retrieved passages that carry enough
 * of its weight, heaviest first.
 */
function alignCandidates(st: PlanState, req: ReqIndexed, r: number): Accepted[] {
  const T = THRESHOLDS;
  const cands = st.retrieved[r];
  const reqMark = st.reqMark;
  const aligned: Accepted[] = [];
  const ms = new Float64Array(req.toks.length);
  for (const [pi, s] of cands) {
    // a near-complete match already found: the rest cannot add coverage worth reporting
    if (aligned.length && aligned[0].weight >= T.EARLY_STOP_COVERED * req.total && s < T.EARLY_STOP_SHARE * cands[0][1]) break;
    const p = st.passages[pi];
    // the same requirement against the same passage text (plans of a round copy passages): as before
    let memo = st.index.alignMemo.get(p.key);
    if (!memo) {
      if (st.index.alignMemo.size >= ALIGN_MEMO_MAX) st.index.alignMemo.clear();
      st.index.alignMemo.set(p.key, (memo = new Map()));
    }
    const known = memo.get(r);
    if (known !== undefined) {
      if (known) aligned.push({ p, ...known });
      continue;
    }
    const found = alignCandidate(req, r, p, reqMark, ms);
    memo.set(r, found);
    if (found) aligned.push({ p, ...found });
  }
  aligned.sort((a, b) => b.weight - a.weight);
  return aligned;
}
const ALIGN_MEMO_MAX = 20000;

/** One candidate passage: the local alignment of the requirement with it, when it carries enough of the requirement's weight. */
function alignCandidate(req: ReqIndexed, r: number, p: PlanPassage, reqMark: Int32Array, ms: Float64Array): Omit<Accepted, 'p'> | null {
  const T = THRESHOLDS;
  // align within the clauses that share a bigram with the requirement, and one clause either side
  if (reqMark[req.bigramIds[0]] !== r) for (const k of req.bigramIds) reqMark[k] = r;
  let lo = -1;
  let hi = -1;
  p.clauseBigramIds.forEach((ids, ci) => {
    for (const k of ids)
      if (reqMark[k] === r) {
        if (lo < 0) lo = ci;
        hi = ci;
        break;
      }
  });
  if (lo < 0) return null;
  const from0 = p.clauseRanges[Math.max(0, lo - 1)][0];
  const to0 = p.clauseRanges[Math.min(p.clauseRanges.length - 1, hi + 1)][1];
  // exact bound: matched weight and token count cannot exceed those of the tokens with a counterpart
  maxSims(req.toks, p.toks, from0, to0, ms);
  let ub = 0;
  let nm = 0;
  for (let i = 0; i < req.toks.length; i++)
    if (ms[i] > 0) {
      ub += req.w[i] * ms[i];
      nm++;
    }
  if (ub < T.SECONDARY_MIN * req.total || nm < Math.min(T.ACCEPT_TOKENS, req.toks.length)) return null;
  const al = alignMulti(req, p.toks, from0, to0, ms);
  if (!al) return null;
  let weight = 0;
  for (const [i, , sim] of al.pairs) weight += req.w[i] * sim;
  if (weight < T.SECONDARY_MIN * req.total || al.pairs.length < Math.min(T.ACCEPT_TOKENS, req.toks.length)) return null;
  let from = al.bStart;
  let to = al.bEnd;
  if (al.aStart > 0) from = p.clauseRanges[p.clauseOf[from]][0];
  if (al.aEnd < req.toks.length) to = p.clauseRanges[p.clauseOf[to - 1]][1];
  return { al, weight, anchor: al.anchor ?? weight, from, to };
}

/** Selection, greedy: keep the best candidate, then those that cover requirement tokens not yet covered. */
function selectMatches(req: ReqIndexed, aligned: Accepted[]): { kept: Accepted[]; cov: Float64Array } {
  const T = THRESHOLDS;
  const cov = new Float64Array(req.toks.length);
  const kept: Accepted[] = [];
  for (const a of aligned) {
    let gain = 0;
    let newToks = 0;
    for (const [i, , sim] of a.al.pairs)
      if (sim > cov[i]) {
        gain += req.w[i] * (sim - cov[i]);
        if (cov[i] === 0) newToks++;
      }
    if (!kept.length && a.weight < T.ACCEPT_MIN * req.core) break;
    if (kept.length && (gain < T.SECONDARY_GAIN * req.total || newToks < T.SECONDARY_NEW_TOKENS)) continue;
    // a section heading ("I. NHIỆM VỤ, GIẢI PHÁP") names a topic: words a requirement kept elsewhere shares with it add nothing
    if (kept.length && a.p.kind === 'heading' && kept.every((k) => k.p.kind !== 'heading')) continue;
    if (!kept.length && a.anchor < T.ANCHOR_MIN * req.core) continue;
    kept.push(a);
    for (const [i, , sim] of a.al.pairs) cov[i] = Math.max(cov[i], sim);
  }
  return { kept, cov };
}

/** What the best concept unit makes of a requirement: adapted, a condensed (partial) mention, or nothing. */
function conceptStatus(s: ConceptScore, aligned: boolean): 'adapted' | 'partial' | null {
  const T = THRESHOLDS;
  if (s.terms >= T.CONCEPT_ADAPTED && s.bigrams >= T.CONCEPT_ADAPTED_BIGRAMS) return 'adapted';
  if (!aligned && s.terms >= T.CONCEPT_PARTIAL && s.bigrams >= T.CONCEPT_PARTIAL_BIGRAMS && s.strong >= T.CONCEPT_PARTIAL_STRONG) return 'partial';
  return null;
}

/** The runs of requirement tokens no match covers, long and heavy enough to report as missing. */
function missingRuns(base: Doc, req: ReqIndexed, cov: Float64Array): string[] {
  const T = THRESHOLDS;
  const missing: string[] = [];
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
    if (j - i >= T.MISSING_RUN && w >= T.MISSING_WEIGHT) missing.push(collapse(base.text.slice(req.toks[i].start, req.toks[j - 1].end)));
    i = j;
  }
  return missing;
}

/** Status from the kept matches and the weighted coverage (before the changes decide covered vs adapted). */
function statusOf(kept: Accepted[], frac: number, concept: 'adapted' | 'partial' | null, missing: string[]): ReqResult['status'] {
  if (!kept.length) return 'omitted';
  // a title restating the requirement names the topic but sets no task
  if (kept.every((a) => isTitle(a.p))) {
    missing.unshift('(only restated in a heading)');
    return 'partial';
  }
  // a row of a task table (task | lead | deadline) names its task in a few words by convention: an accepted
  // match there is the plan taking the task up, not a partial mention
  if (frac < THRESHOLDS.PARTIAL_BELOW && !concept && kept.every((a) => !a.concept && isTaskRow(a.p))) return 'adapted';
  return concept ?? (frac < THRESHOLDS.PARTIAL_BELOW ? 'partial' : 'adapted');
}

/** A passage that is a row of a task table: the task cell of an appendix table (PL.n), or a "| … | … |" line. */
function isTaskRow(p: Passage): boolean {
  return p.path.startsWith('PL.') || (p.clauses.length > 0 && /^\|.*\|.*\|/u.test(p.clauses[0].text) && /\|\s*$/u.test(p.clauses[p.clauses.length - 1].text));
}

/** Plan tokens inside the kept alignments that pair with nothing of the requirement. */
function insertedWords(kept: Accepted[]): number {
  let inserted = 0;
  for (const a of kept) inserted += a.al.bEnd - a.al.bStart - a.al.pairs.length;
  return inserted;
}

/** Changes: numbers, days and frequencies, qualifiers, enumerations, and the body the task is given to. */
function changesOf(st: PlanState, req: ReqIndexed, kept: Accepted[]): { changes: Change[]; counterpart: Counterpart | null; named: Counterpart[] } {
  const { plan, ancestors } = st;
  const changes: Change[] = [];
  const named: Counterpart[] = [];
  const planParams = kept.flatMap((a) => paramsOf(a.p.toks, plan.text, a.from, a.to));
  changes.push(...paramChanges(req.params, planParams));
  const regionKey = kept.map((a) => a.p.toks.slice(a.from, a.to).map((t) => t.mk).join(' ')).join(' ');
  // footnote references may follow the last token of the region
  const fnText = kept.map((a) => plan.text.slice(a.p.toks[a.from].start, (a.p.toks[a.to] ?? { start: a.p.span[1] }).start)).join(' ');
  changes.push(...qualifierChanges(req.qualifiers, regionKey, footnotesIn(plan, fnText, st.planSegs)));
  for (const l of req.lists) {
    for (const a of kept) {
      const js = a.al.pairs.filter(([i]) => i >= l.start && i < l.end).map(([, j]) => j);
      if (js.length === 0 && !(a.al.aStart <= l.start && a.al.aEnd >= l.end)) continue;
      const lo = js.length ? Math.min(...js) : a.from;
      const hi = js.length ? Math.max(...js) : a.to - 1;
      const pl = listsOf(plan.text, a.p.toks, a.p.clauseRanges[a.p.clauseOf[lo]][0], a.p.clauseRanges[a.p.clauseOf[hi]][1]).find((x) => x.start <= hi && x.end > lo);
      if (pl) {
        const c = listChange(l.members, pl.members, req.keyFold, regionKey);
        if (c) changes.push(c);
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
  let counterpart: Counterpart | null = null;
  if (req.central) {
    // a task of a central organ given to its local counterpart (COUNTERPARTS, vocab/organs.ts), named in
    // the matched clauses; else the body the plan region gives it to
    const best = kept[0];
    const cp = kept.map((a) => ({ a, c: counterpartIn(a.p.toks, a.p.clauseRanges[a.p.clauseOf[a.from]][0], a.to, req.central!.row) })).find((x) => x.c);
    if (cp?.c && cp.c.name !== req.central.name) {
      const k = changes.findIndex((c) => c.kind === 'body');
      if (k >= 0) changes.splice(k, 1);
      changes.push({ kind: 'body', from: req.central.name, to: cp.c.name, note: 'cơ quan tương ứng ở địa phương' });
      counterpart = { pi: st.passages.indexOf(cp.a.p), at: cp.c.at };
    } else if (!changes.some((c) => c.kind === 'body')) {
      const pb = bodyOfPlanRegion(plan, best.p, best.p.clauses[best.p.clauseOf[best.from]].span[0], ancestors);
      if (pb && classify(pb.name).level !== 'trung-uong')
        changes.push({ kind: 'body', from: req.central.name, to: pb.name, note: isCounterpart(pb.name, req.central.row) ? 'cơ quan tương ứng ở địa phương' : 'giao cho cơ quan khác' });
    }
    // the other central organs the requirement names, given as their counterparts in the matched clauses ("phối
    // hợp với Học viện Chính trị quốc gia …" → "phối hợp với Trường Chính trị tỉnh"; "báo cáo Ban Bí thư" →
    // "báo cáo Ban Thường vụ Tỉnh ủy"): body changes too, and those names are part of the match
    for (const o of req.named) {
      const hit = kept.map((a) => ({ a, c: counterpartIn(a.p.toks, a.p.clauseRanges[a.p.clauseOf[a.from]][0], a.to, o.row) })).find((x) => x.c);
      if (!hit?.c || hit.c.name === o.name || changes.some((c) => c.kind === 'body' && c.to === hit.c!.name)) continue;
      changes.push({ kind: 'body', from: o.name, to: hit.c.name, note: 'cơ quan tương ứng ở địa phương' });
      named.push({ pi: st.passages.indexOf(hit.a.p), at: hit.c.at });
    }
  }
  // the task of organising the document, addressed to the committees under the issuer ("Các tỉnh ủy, thành ủy,
  // đảng ủy trực thuộc Trung ương …"), passed on by the plan to the committees under it ("Các đảng ủy trực thuộc
  // Tỉnh ủy …", the same rule's pattern, APPLICABILITY in vocab/applicability.ts): a body change one level down
  const rule = req.rule;
  if (rule?.kind === 'organises-directive' && rule.pattern && !changes.some((c) => c.kind === 'body')) {
    const from = rule.pattern.exec(req.text)?.[0];
    for (const a of from ? kept : []) {
      const c = a.p.clauses[a.p.clauseOf[a.from]];
      const to = rule.pattern.exec(collapse(plan.text.slice(c.span[0], c.span[1])).trim())?.[0];
      if (to && asciiFold(to).toLowerCase() !== asciiFold(from!).toLowerCase()) {
        changes.push({ kind: 'body', from: from!, to, note: 'cấp ủy cấp dưới của địa phương' });
        break;
      }
    }
  }
  return { changes, counterpart, named };
}

/** Where a plan names the local counterpart of a requirement's central organ: [passage index, token range]. */
interface Counterpart {
  pi: number;
  at: [number, number];
}

/** Matches as reported (plan text, score, word diff); marks the plan tokens they keep. */
function matchesOf(st: PlanState, req: ReqIndexed, kept: Accepted[]): ReqResult['matches'] {
  const T = THRESHOLDS;
  const { plan, passages } = st;
  const base = st.index.base;
  return kept.map((a) => {
    // plan tokens kept: the aligned ones and short insertions between them
    const used = st.planUsed[passages.indexOf(a.p)];
    const paired = st.planPaired[passages.indexOf(a.p)];
    const js = a.al.pairs.map(([, j]) => j).sort((x, y) => x - y);
    for (const j of js) paired[j] = 1;
    if (!a.concept)
      for (const j of js) {
        st.swOwned[passages.indexOf(a.p)][j] = 1;
        st.clausePaired[passages.indexOf(a.p)][a.p.clauseOf[j]]++;
      }
    for (let k = 0; k < js.length; k++) {
      used[js[k]] = 1;
      if (k + 1 < js.length && js[k + 1] - js[k] - 1 <= T.INSERT_GAP) for (let j = js[k] + 1; j < js[k + 1]; j++) used[j] = 1;
    }
    const span: Span = [a.p.toks[a.from].start, a.p.toks[a.to - 1].end];
    const text = collapse(plan.text.slice(span[0], span[1]));
    const reqFrom = a.al.aStart > 0 || a.from === a.al.bStart ? a.al.aStart : 0;
    const reqPart = collapse(base.text.slice(req.toks[reqFrom].start, req.toks[a.al.aEnd - 1].end));
    const diff = a.concept ? [] : wordDiff(st.index, reqPart, text);
    return { path: a.p.path, text, span, score: round(a.weight / req.total), diff };
  });
}

/** The near-miss evidence: each unit's most concentrated window, at most NEAR_MISSES, distinct passages. */
function nearMissesOf(plan: Doc, ranked: Ranked[]): ReqResult['nearMisses'] {
  const out: ReqResult['nearMisses'] = [];
  for (const x of ranked) {
    if (out.length >= THRESHOLDS.NEAR_MISSES) break;
    if (out.some((o) => o.span[0] < x.span[1] && x.span[0] < o.span[1])) continue;
    out.push({ path: x.path, text: collapse(plan.text.slice(x.span[0], x.span[1])), span: x.span, score: round((x.score.terms + x.score.bigrams) / 2) });
  }
  return out;
}

/**
 * A requirement kept only by concept whose words lie in text another requirement's alignment already
 * explains shares words with that text, it does not restate it: back to omitted (or partial).
 */
function demoteShared(st: PlanState, requirements: ReqResult[], byConcept: ConceptOnly[]): void {
  for (const c of byConcept) {
    let owned = 0;
    for (const [pi, j] of c.pairs) owned += st.swOwned[pi][j];
    if (!c.pairs.length || owned < THRESHOLDS.CONCEPT_OWNED_MAX * c.pairs.length) continue;
    const r = requirements[c.at];
    r.matches = r.matches.filter((m) => m.diff.length > 0);
    r.status = c.sw ? 'partial' : 'omitted';
    if (r.status === 'omitted') {
      r.changes = [];
      r.missing = [];
      r.nearMisses = nearMissesOf(st.plan, c.ranked);
    }
    if (c.req.rule?.applies === 'not-applicable') r.status = 'not-applicable';
  }
}

/**
 * Plan tokens inside a passage some requirement's final match reports (its span, the text shown as that match,
 * whatever the requirement's status: an adaptation, a partial mention, the evidence kept for a requirement not
 * applicable). A match's span runs from its first to its last aligned word, widened to whole clauses where the
 * alignment stops inside the requirement, so it may hold words the alignment does not pair.
 */
function tokensInMatches(st: PlanState, requirements: ReqResult[]): Uint8Array[] {
  const spans = requirements.flatMap((r) => r.matches.map((m) => m.span)).sort((a, b) => a[0] - b[0]);
  return st.passages.map((p) => {
    const inside = new Uint8Array(p.toks.length);
    for (const s of spans) {
      if (s[0] >= p.span[1]) break;
      if (s[1] <= p.span[0]) continue;
      p.toks.forEach((t, j) => {
        if (t.start >= s[0] && t.end <= s[1]) inside[j] = 1;
      });
    }
    return inside;
  });
}

/**
 * Local additions: plan clauses the matches keep little of, and long unaligned stretches inside kept clauses.
 * A clause lying mostly inside a reported match is that requirement's text restated, never also a local addition
 * (issue 11: no passage both matched and listed as an addition); the local words in it are insertions.
 */
function clauseAdditions(st: PlanState, requirements: ReqResult[]): DiffResult['additions'] {
  const T = THRESHOLDS;
  const { plan, passages, ancestors } = st;
  const additions: DiffResult['additions'] = [];
  const inMatch = tokensInMatches(st, requirements);
  passages.forEach((p, pi) => {
    if (p.context) return;
    let cur: { start: number; end: number; kind: 'clause' | 'insertion' } | null = null;
    const flush = () => {
      if (!cur) return;
      const span: Span = [cur.start, cur.end];
      additions.push({ kind: cur.kind, path: p.path, text: collapse(plan.text.slice(span[0], span[1])), span, ...entitiesIn(plan, span, p, ancestors) });
      cur = null;
    };
    p.clauses.forEach((c, ci) => {
      const [a, b] = p.clauseRanges[ci];
      let used = 0;
      let shown = 0;
      for (let j = a; j < b; j++) {
        used += st.planUsed[pi][j];
        shown += inMatch[pi][j];
      }
      // a clause in which a kept match's word alignment pairs a share of the words (a condensed or split
      // restatement, partial), or that lies inside the passage a match reports, is that requirement's text, not local content
      const paired = st.clausePaired[pi][ci];
      const isAddition =
        b > a && used / (b - a) < T.ADDITION_BELOW && !(paired >= T.CLAUSE_PAIRED_TOKENS && paired >= T.CLAUSE_PAIRED_SHARE * (b - a)) && shown < T.CLAUSE_IN_MATCH * (b - a);
      if (isAddition) {
        if (cur) cur.end = c.span[1];
        else cur = { start: c.span[0], end: c.span[1], kind: 'clause' };
        return;
      }
      flush();
      // local wording inserted into a kept clause: a stretch of unaligned tokens, broken only by
      // aligned streaks of INSERTION_ISLAND+ tokens (shorter islands are chance matches of common words)
      const u = st.planPaired[pi];
      for (let j = a; j < b; ) {
        if (u[j]) {
          j++;
          continue;
        }
        let k = j;
        let unusedN = 0;
        while (k < b) {
          if (!u[k]) {
            unusedN++;
            k++;
            continue;
          }
          let e = k;
          while (e < b && u[e]) e++;
          if (e - k >= T.INSERTION_ISLAND || e >= b) break;
          k = e;
        }
        let end = k;
        while (end > j && u[end - 1]) end--;
        if (unusedN >= T.INSERTION_RUN && unusedN >= T.INSERTION_UNALIGNED * (end - j)) {
          cur = { start: p.toks[j].start, end: p.toks[end - 1].end, kind: 'insertion' };
          flush();
        }
        j = Math.max(k, j + 1);
      }
    });
    flush();
  });
  return additions;
}

/**
 * A document the plan cites and the base does not (a local guide to amend, a provincial programme),
 * inside a clause that is otherwise kept: new content of its own ("sửa đổi, bổ sung Hướng dẫn số 03-HD/TU").
 */
function citationAdditions(st: PlanState, additions: DiffResult['additions']): DiffResult['additions'] {
  const { plan, passages, ancestors } = st;
  const base = st.index.base;
  const out: DiffResult['additions'] = [];
  const baseCited = new Set(base.citations.map((c) => c.id));
  if (base.meta.symbol) baseCited.add(base.meta.symbol);
  for (const c of plan.citations) {
    if ((c.form !== 'full' && c.form !== 'short') || baseCited.has(c.id)) continue;
    if (additions.some((a) => a.span[0] <= c.span[0] && c.span[1] <= a.span[1]) || out.some((a) => a.span[0] <= c.span[0] && c.span[1] <= a.span[1])) continue;
    const p = passages.find((x) => !x.context && x.span[0] <= c.span[0] && c.span[1] <= x.span[1]);
    if (!p) continue;
    out.push({ kind: 'citation', path: p.path, text: collapse(plan.text.slice(c.span[0], c.span[1])), span: c.span, ...entitiesIn(plan, c.span, p, ancestors) });
  }
  return out;
}

/** Summary: counts by status, the coverage figure and the five points with most omitted or partial requirements. */
function summarize(requirements: ReqResult[], additions: number): DiffResult['summary'] {
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
  return {
    covered: count('covered'),
    adapted: count('adapted'),
    partial: count('partial'),
    omitted: count('omitted'),
    additions,
    notApplicable: count('not-applicable'),
    coverage: n - count('not-applicable') > 0 ? round((count('covered') + count('adapted') + 0.5 * count('partial')) / (n - count('not-applicable'))) : 0,
    worstPoints,
  };
}


/**
 * Units for concept matching: every passage of the body, and the passages of one item taken together
 * when the item has several (a requirement restated across the bullets of one item).
 */
interface PlanUnit extends ConceptUnit {
  toks: Tok[];
  ids: Int32Array;
  maxId: number;
  bigramAt: Int32Array;
}
function conceptUnits(index: BaseIndex, passages: PlanPassage[], ancestors: Map<string, { seg: Segment; parent: Segment | null }>): PlanUnit[] {
  const units: PlanUnit[] = [];
  const byItem = new Map<string, number[]>();
  const unitOf = (members: number[]): PlanUnit => {
    // the unit's tokens in order (members concatenated), their key ids, and the base bigram at each position
    const toks = members.length === 1 ? passages[members[0]].toks : members.flatMap((m) => passages[m].toks);
    const ids = Int32Array.from(toks, (t) => t.id);
    let maxId = 0;
    for (let j = 0; j < ids.length; j++) if (ids[j] > maxId) maxId = ids[j];
    const bigramAt = new Int32Array(toks.length).fill(-1);
    for (let j = 0; j + 1 < toks.length; j++) bigramAt[j] = bigramOf(index, toks[j], toks[j + 1]);
    return { members, toks, ids, bigramAt, maxId };
  };
  passages.forEach((p, pi) => {
    if (p.context) return;
    units.push(unitOf([pi]));
    let cur: Segment | null = p.seg;
    while (cur && cur.kind !== 'item') cur = ancestors.get(cur.path)?.parent ?? null;
    if (cur) byItem.set(cur.path, [...(byItem.get(cur.path) ?? []), pi]);
  });
  for (const members of byItem.values()) if (members.length > 1) units.push(unitOf(members));
  return units;
}

/**
 * Plan units by concept score for one requirement, best first. The score is taken in the unit's most
 * concentrated window (about one and a half times the requirement's length): a restatement names its
 * terms together, a long passage that happens to hold them scattered does not restate it.
 */
type Ranked = { unit: ConceptUnit; score: ConceptScore; span: Span; path: string };
/** Scratch arrays indexed by token id (ids are small interned integers): key weight of the requirement (NaN: not a key), window counts, a stamp per bigram. */
let KW = new Float64Array(0);
let CNT = new Int32Array(0);
let BSEEN = new Int32Array(0);
let bStamp = 0;
function rankUnits(index: BaseIndex, req: ReqIndexed, units: PlanUnit[], shares: (pi: number) => boolean, passages: PlanPassage[], anyPassage = false): Ranked[] {
  const kw = keyWeights(req);
  let total = 0;
  let maxId = 0;
  for (const [k, w] of kw) {
    total += w;
    if (k > maxId) maxId = k;
  }
  for (const u of units) if (u.maxId > maxId) maxId = u.maxId;
  if (KW.length <= maxId) {
    KW = new Float64Array(2 * maxId + 16).fill(NaN);
    CNT = new Int32Array(KW.length);
  }
  if (BSEEN.length < index.bigramW.length) BSEEN = new Int32Array(index.bigramW.length);
  for (const [k, w] of kw) KW[k] = w;
  let bTotal = 0;
  const reqBigrams = new Set<number>();
  for (const b of req.bigramIds) {
    bTotal += index.bigramW[b];
    reqBigrams.add(b);
  }
  const L = Math.max(THRESHOLDS.CONCEPT_WINDOW_MIN, Math.round(THRESHOLDS.CONCEPT_WINDOW * req.toks.length));
  const out: Ranked[] = [];
  try {
    for (const u of units) {
      if (anyPassage ? u.members.length > 1 : !u.members.some(shares)) continue;
      if (req.context.length) {
        const keys = (u.keys ??= new Set(u.ids));
        if (req.context.filter((k) => keys.has(k)).length < Math.min(2, req.context.length)) continue;
      }
      const ids = u.ids;
      const n = ids.length;
      let hit = 0;
      let best = -1;
      let bestAt = 0;
      for (let j = 0; j < n; j++) {
        const id = ids[j];
        const w = KW[id];
        if (w === w) {
          if (CNT[id]++ === 0) hit += w;
        }
        if (j >= L) {
          const od = ids[j - L];
          const ow = KW[od];
          if (ow === ow && --CNT[od] === 0) hit -= ow;
        }
        if (hit > best + 1e-9) {
          best = hit;
          bestAt = Math.max(0, j - L + 1);
        }
      }
      // reset the window counts
      for (let j = Math.max(0, n - L); j < n; j++) CNT[ids[j]] = 0;
      if (best <= 0) continue;
      const end = Math.min(n, bestAt + L);
      bStamp++;
      let bh = 0;
      let strong = 0;
      for (let j = bestAt; j < end; j++) {
        const w = KW[ids[j]];
        // a strong key (weight ≥ CONCEPT_STRONG_WEIGHT) counted once: its count marks it seen
        if (w === w && w >= THRESHOLDS.CONCEPT_STRONG_WEIGHT && CNT[ids[j]] === 0) {
          CNT[ids[j]] = 1;
          strong++;
        }
        if (j + 1 < end) {
          const b = u.bigramAt[j];
          if (b >= 0 && BSEEN[b] !== bStamp && reqBigrams.has(b)) {
            BSEEN[b] = bStamp;
            bh += index.bigramW[b];
          }
        }
      }
      for (let j = bestAt; j < end; j++) CNT[ids[j]] = 0;
      if (bh <= 0 && !anyPassage) continue;
      let at = 0;
      let k = 0;
      for (const m of u.members) {
        if (bestAt < k + passages[m].toks.length) {
          at = m;
          break;
        }
        k += passages[m].toks.length;
      }
      out.push({ unit: u, score: { terms: total ? best / total : 0, bigrams: bTotal ? bh / bTotal : 0, strong }, span: [u.toks[bestAt].start, u.toks[end - 1].end], path: passages[at].path });
    }
  } finally {
    for (const k of kw.keys()) KW[k] = NaN;
  }
  // nothing shares a bigram with it: the passages sharing most of its terms are still the evidence to look at
  if (!out.length && !anyPassage) return rankUnits(index, req, units, shares, passages, true);
  // the combined score; a single passage before a group of equal score (the shorter evidence)
  out.sort((a, b) => b.score.terms + b.score.bigrams - (a.score.terms + a.score.bigrams) || a.unit.members.length - b.unit.members.length);
  return out;
}

/**
 * Matches for a requirement kept by concept: in each passage of the unit, the requirement's tokens paired
 * with the first plan token of the same key (in order where possible); passages holding fewer than two
 * of its terms, and passages already matched by the alignment, are left out.
 */
function conceptMatches(req: ReqIndexed, unit: ConceptUnit, passages: PlanPassage[], kept: Accepted[]): Accepted[] {
  const out: Accepted[] = [];
  for (const m of unit.members) {
    const p = passages[m];
    if (kept.some((a) => a.p === p)) continue;
    const pos = new Map<number, number[]>();
    p.toks.forEach((t, j) => pos.set(t.id, [...(pos.get(t.id) ?? []), j]));
    const pairs: [number, number, number][] = [];
    const taken = new Set<number>();
    let last = -1;
    let weight = 0;
    req.toks.forEach((t, i) => {
      const js = pos.get(t.id);
      if (!js) return;
      const j = js.find((x) => x > last && !taken.has(x)) ?? js.find((x) => !taken.has(x));
      if (j === undefined) return;
      taken.add(j);
      last = j;
      pairs.push([i, j, 1]);
      weight += req.w[i];
    });
    if (pairs.length < 2) continue;
    let bStart = Infinity;
    let bEnd = -1;
    for (const [, j] of pairs) {
      bStart = Math.min(bStart, j);
      bEnd = Math.max(bEnd, j + 1);
    }
    const from = p.clauseRanges[p.clauseOf[bStart]][0];
    const to = p.clauseRanges[p.clauseOf[bEnd - 1]][1];
    const al: Alignment = { score: weight, pairs, aStart: pairs[0][0], aEnd: pairs[pairs.length - 1][0] + 1, bStart, bEnd };
    out.push({ p, al, weight, anchor: weight, from, to, concept: true });
  }
  return out;
}


type WordOp = { op: '=' | '+' | '-'; text: string };
/**
 * The word diff of a requirement part and the plan text matched to it, without cosmetic marks. Identical
 * texts (a verbatim copy) and texts equal but for cosmetic differences are one kept chunk of the plan's
 * wording, as noCosmetic makes of diffWords' result; other pairs are diffed once per base index (plans of
 * one round copy the same passages) and copied out.
 */
function wordDiff(index: BaseIndex, reqPart: string, text: string): WordOp[] {
  if (text && reqPart === text) return [{ op: '=', text }];
  const key = reqPart + '\u0000' + text;
  let ops = index.wordDiffs.get(key);
  if (!ops) {
    ops =
      text && cosmeticKey(reqPart) === cosmeticKey(text)
        ? [{ op: '=', text }]
        : noCosmetic(diffWords(reqPart, text).map((d) => ({ op: d.added ? ('+' as const) : d.removed ? ('-' as const) : ('=' as const), text: d.value })));
    if (index.wordDiffs.size >= WORD_DIFFS_MAX) index.wordDiffs.clear();
    index.wordDiffs.set(key, ops);
  }
  return ops.map((o) => ({ op: o.op, text: o.text }));
}
const WORD_DIFFS_MAX = 20000;

/** What a reader does not count as a change: case, tone placement (ủy/uỷ), hằng/hàng, diacritic slips of OCR, punctuation, spacing, leading zeros. */
const cosmeticKey = (s: string) => asciiFold(s.normalize('NFC')).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').replace(/\b0+(\d)/gu, '$1').trim();

/**
 * A word diff without cosmetic marks: a replacement whose two sides differ only cosmetically, and an
 * insertion or deletion of punctuation alone, become kept text (the plan's wording); adjacent kept runs merge.
 */
function noCosmetic(ops: WordOp[]): WordOp[] {
  const out: WordOp[] = [];
  const keep = (text: string) => {
    const last = out[out.length - 1];
    if (last?.op === '=') last.text += text;
    else out.push({ op: '=', text });
  };
  for (let i = 0; i < ops.length; i++) {
    const o = ops[i];
    const next = ops[i + 1];
    if (o.op === '-' && next?.op === '+' && cosmeticKey(o.text) === cosmeticKey(next.text)) {
      keep(next.text);
      i++;
    } else if (o.op === '+' && next?.op === '-' && cosmeticKey(o.text) === cosmeticKey(next.text)) {
      keep(o.text);
      i++;
    } else if (o.op !== '=' && cosmeticKey(o.text) === '') {
      if (o.op === '+') keep(o.text);
    } else if (o.op === '=') keep(o.text);
    else out.push({ ...o });
  }
  return out;
}

/** Citations, deadlines and bodies inside a span of the plan (from the extract stage when it ran): the bodies mentioned, the named organs by their own names, the body of the clause or its heading. */
function entitiesIn(plan: Doc, span: Span, p: Passage, ancestors: Map<string, { seg: Segment; parent: Segment | null }>) {
  const inside = (s: Span) => s[0] < span[1] && s[1] > span[0];
  const citations = [...new Set(plan.citations.filter((c) => inside(c.span)).map((c) => c.id))];
  const deadlines = plan.deadlines.filter((d) => inside(d.span)).map((d) => d.text);
  const bodies = new Set<string>();
  for (const b of plan.bodies) if (b.mentions.some((m) => inside(m.span))) bodies.add(b.name);
  for (const m of bodyFinder(plan).namedIn(span)) bodies.add(classify(m.text).name);
  const hb = bodyOfPlanRegion(plan, p, span[0], ancestors);
  if (hb) bodies.add(hb.name);
  return { citations, deadlines, bodies: [...bodies] };
}

/** Diff a plan against a base (builds the base index; prefer buildBaseIndex + diffPlan for many plans). */
export function diffDocs(base: Doc, plan: Doc, opts: DiffOptions = {}): Result<DiffResult> {
  return diffPlan(buildBaseIndex(base), plan, opts);
}
