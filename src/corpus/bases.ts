/**
 * Pairing plans with their bases: the base of a plan is the document the plan says it
 * implements ("Thực hiện Chỉ thị số 50-CT/TW …"), found by symbol among candidates.
 */
import { type CrossIndex, type Diagnostic, type Doc, type Ref, refKey } from '../model.js';
import { IMPLEMENTABLE_WORDS, PLAN_HEADERS } from '../vocab/kinds.js';
import { symbolKey } from '../normalize/symbol.js';
import { documentImplements } from '../extract/citations.js';
import { inOpening } from '../segment/path.js';

/** "50-CT/TW", "50 - CT/TW", "50–CT/TW", "050-CT/TW" → one key (normalize/symbol.ts, the same as the citations and the index use) */
export const normSymbol = symbolKey;

/** "Chỉ thị số 50-CT/TW": a kind a plan can implement (kinds table), its number and symbol. */
const SYMBOL = new RegExp(String.raw`(?:${IMPLEMENTABLE_WORDS.join('|')})\s+(?:số\s+)?(\d+\s*[-–]\s*[\p{L}]+(?:\/[\p{L}\p{N}-]+)+)`, 'iu');

/** Symbols of the documents a plan implements: from extracted citations, else from "thực hiện …" in its title and preamble. */
export function implementedSymbols(plan: Doc): string[] {
  return [...implementedIds(plan).keys()];
}

/** Normalized symbol → the symbol as the plan writes it. */
function implementedIds(plan: Doc): Map<string, string> {
  const out = new Map<string, string>();
  // what the opening says the plan implements (documentImplements); else any `implements` mention of the body
  for (const c of documentImplements(plan)) if (c.number && !out.has(normSymbol(c.id))) out.set(normSymbol(c.id), c.id);
  if (out.size) return out;
  for (const c of plan.citations) if (c.relation === 'implements' && c.number && c.form !== 'named' && !out.has(normSymbol(c.id))) out.set(normSymbol(c.id), c.id);
  if (out.size) return out;
  const heads = [plan.meta.title ?? '', ...plan.segments.filter((s) => s.kind === 'preamble' || s.kind === 'header').map((s) => plan.text.slice(s.span[0], s.span[1]).replace(/\s+/gu, ' '))];
  for (const h of heads) {
    for (const m of h.matchAll(new RegExp(String.raw`(?:thực hiện|triển khai)\s+` + SYMBOL.source, 'giu'))) {
      out.set(normSymbol(m[1]), m[1].replace(/\s+/g, ''));
      // "Thực hiện Chỉ thị số 50-CT/TW … và Kế hoạch số 25-KH/TU …": the further bases of the same sentence
      const rest = h.slice(m.index! + m[0].length).split(/[.;:\n]/u)[0];
      for (const n of rest.matchAll(new RegExp(String.raw`\svà\s+` + SYMBOL.source, 'giu'))) if (!out.has(normSymbol(n[1]))) out.set(normSymbol(n[1]), n[1].replace(/\s+/g, ''));
    }
  }
  return out;
}

/**
 * Pick the base for a plan among candidates (documents of the corpus, other documents of the same file).
 * With `explicit` (the documents of a --base FILE): the one whose symbol the plan implements, else the last.
 */
export function selectBase(plan: Doc, candidates: Doc[], explicit = false): { base: Doc | null; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const ids = implementedIds(plan);
  const wanted = [...ids.keys()];
  const shown = [...ids.values()].join(', ');
  const others = candidates.filter((d) => d !== plan && !(d.source.file === plan.source.file && d.source.index === plan.source.index));
  const hit = others.find((d) => d.meta.symbol && wanted.includes(normSymbol(d.meta.symbol)));
  if (hit) return { base: hit, diagnostics };
  if (explicit && others.length) {
    const base = others[others.length - 1];
    diagnostics.push({
      level: 'warning',
      code: 'not-implementing',
      message: wanted.length
        ? `the plan implements ${shown}, not the base ${base.meta.symbol ?? base.source.file}: diffed anyway`
        : `the plan does not say it implements the base ${base.meta.symbol ?? base.source.file}: diffed anyway`,
    });
    return { base, diagnostics };
  }
  diagnostics.push({
    level: 'error',
    code: 'no-base',
    message: wanted.length ? `the plan implements ${shown}, which is not among the corpus documents; use --base FILE` : 'the plan does not say which document it implements; use --base FILE',
  });
  return { base: null, diagnostics };
}

/**
 * All the bases a plan names that are among the candidates (a plan implementing "Chỉ thị số 50-CT/TW … và
 * Kế hoạch số 25-KH/TU"), ordered top of the chain first: a base that another found base implements (the
 * directive) before the one implementing it (the intermediate plan). `intermediates` pairs each intermediate
 * with the found base it implements.
 */
export function selectBases(plan: Doc, candidates: Doc[]): { bases: Doc[]; intermediates: { via: Doc; directive: Doc }[] } {
  const wanted = [...implementedIds(plan).keys()];
  const others = candidates.filter((d) => d !== plan && !(d.source.file === plan.source.file && d.source.index === plan.source.index));
  const bases: Doc[] = [];
  for (const w of wanted) {
    const hit = others.find((d) => d.meta.symbol && normSymbol(d.meta.symbol) === w);
    if (hit && !bases.includes(hit)) bases.push(hit);
  }
  const intermediates: { via: Doc; directive: Doc }[] = [];
  for (const via of bases) {
    const up = [...implementedIds(via).keys()];
    const directive = bases.find((d) => d !== via && d.meta.symbol && up.includes(normSymbol(d.meta.symbol)));
    if (directive) intermediates.push({ via, directive });
  }
  const isVia = (d: Doc) => intermediates.some((x) => x.via === d);
  bases.sort((a, b) => Number(isVia(a)) - Number(isVia(b)));
  return { bases, intermediates };
}

/**
 * The base of each plan: the corpus document it cites with an "implements" relation — one its opening says it
 * implements first (documentImplements), then most such citations, then earliest in the plan.
 */
export function findBases(docs: Doc[], index: CrossIndex): { plan: Doc; base: Doc }[] {
  const found = new Map<string, { base: Ref; n: number; first: number; opening: boolean }[]>();
  for (const e of index.documents) {
    if (!e.inCorpus) continue;
    for (const c of e.citedBy) {
      if (c.relation !== 'implements' || (c.file === e.inCorpus.file && c.index === e.inCorpus.index)) continue;
      const k = refKey(c);
      const list = found.get(k) ?? [];
      const hit = list.find((x) => refKey(x.base) === refKey(e.inCorpus!));
      if (hit) {
        hit.n++;
        hit.first = Math.min(hit.first, c.span[0]);
        hit.opening ||= inOpening(c.path);
      } else list.push({ base: e.inCorpus, n: 1, first: c.span[0], opening: inOpening(c.path) });
      found.set(k, list);
    }
  }
  const out: { plan: Doc; base: Doc }[] = [];
  for (const plan of docs) {
    const cands = found.get(refKey(plan.source));
    if (!cands?.length) continue;
    cands.sort((x, y) => Number(y.opening) - Number(x.opening) || y.n - x.n || x.first - y.first);
    const base = docs.find((d) => refKey(d.source) === refKey(cands[0].base));
    if (base) out.push({ plan, base });
  }
  return out;
}

/** Plans (Kế hoạch, Chương trình): the documents analyze diffs against the document they implement. */
export const isPlan = (d: Doc) => d.meta.kind !== null && PLAN_HEADERS.includes(d.meta.kind);

/**
 * Plans that say which document they implement ("Thực hiện Chỉ thị số 50-CT/TW …") when that
 * document is not among those read: they cannot be diffed, and the user should know why.
 */
export function missingBases(docs: Doc[], pairs: { plan: Doc }[]): { plan: Doc; symbol: string }[] {
  const paired = new Set(pairs.map((x) => refKey(x.plan.source)));
  const out: { plan: Doc; symbol: string }[] = [];
  for (const d of docs) {
    if (!isPlan(d) || paired.has(refKey(d.source))) continue;
    const [symbol] = implementedSymbols(d);
    if (symbol) out.push({ plan: d, symbol });
  }
  return out;
}
