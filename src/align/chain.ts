/**
 * Chains of bases (issue 11, item 7). A plan may name several bases: "Thực hiện Chỉ thị số 50-CT/TW … và
 * Kế hoạch số 25-KH/TU … của Ban Thường vụ Tỉnh ủy". It is diffed against each that is available; when one
 * of them (the intermediate plan) itself implements another (the directive), the transitive coverage says
 * which of the directive's requirements reach the plan through the intermediate one:
 *
 *   directive requirement r ──(intermediate's diff: r matched in passages X)──▶ intermediate requirements
 *   whose text overlaps X ──(plan's diff against the intermediate)──▶ their status in the plan.
 *
 * `transitiveCoverage` is pure: it reads three diffs (intermediate → directive, plan → intermediate, plan →
 * directive). `diffChain` makes those diffs for a plan and its bases (`rasoat diff` and `rasoat analyze`, in
 * the main thread or on a plan worker), each base's requirement index from the caller's `indexOf`.
 */
import type { DiffResult, Doc, Status, Transitive, TransitiveRow } from '../model.js';
import { type BaseIndex, diffPlan } from './index.js';

export type Chain = NonNullable<DiffResult['chain']>;

/**
 * The chain part of a plan's diff: its diffs against its other bases (`others`, the bases after the top of
 * the chain) and, for each intermediate plan among its bases, the directive's transitive coverage through it.
 * `main` is the plan's diff against the top of the chain (reused as the direct diff when the intermediate
 * implements that base). `indexOf` gives a base's requirement index (the caller keeps one per base).
 */
export function diffChain(
  plan: Doc,
  main: { base: Doc; diff: DiffResult },
  others: Doc[],
  intermediates: { via: Doc; directive: Doc }[],
  indexOf: (base: Doc) => BaseIndex,
): Chain {
  const diffs = others.map((b) => ({ doc: b, diff: diffPlan(indexOf(b), plan).value }));
  const transitive = intermediates.map(({ via, directive }) => {
    const viaToDirective = diffPlan(indexOf(directive), via).value;
    const planToVia = diffs.find((o) => o.doc === via)?.diff ?? diffPlan(indexOf(via), plan).value;
    const direct = directive === main.base ? main.diff : (diffs.find((o) => o.doc === directive)?.diff ?? null);
    return transitiveCoverage(viaToDirective, planToVia, direct);
  });
  // the others' own chains are not repeated (a DiffCore has none)
  return { diffs: diffs.map((o) => o.diff), transitive };
}

const ORDER: Status[] = ['covered', 'adapted', 'partial', 'omitted', 'not-applicable'];
const carries = (s: Status | null | undefined): boolean => s === 'covered' || s === 'adapted' || s === 'partial';
const ref = (d: DiffResult['base']) => ({ file: d.file, index: d.index, symbol: d.symbol, title: d.title });

/**
 * Transitive coverage of the directive through an intermediate plan. `viaToDirective`: the intermediate
 * diffed against the directive; `planToVia`: the plan diffed against the intermediate (same intermediate
 * document, so spans compare); `planToDirective`: the plan's own diff against the directive, when made.
 */
export function transitiveCoverage(viaToDirective: DiffResult, planToVia: DiffResult, planToDirective: DiffResult | null): Transitive {
  const viaReqs = planToVia.requirements;
  const rows: TransitiveRow[] = viaToDirective.requirements.map((r) => {
    const via = carries(r.status) ? viaReqs.filter((v) => r.matches.some((m) => m.span[0] < v.span[1] && v.span[0] < m.span[1])).map((v) => v.id) : [];
    const viaStatus = via.length ? viaReqs.filter((v) => via.includes(v.id)).map((v) => v.status).sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b))[0] : null;
    const direct = planToDirective?.requirements.find((x) => x.id === r.id)?.status ?? null;
    const d = carries(direct);
    const t = carries(viaStatus);
    const reaches: TransitiveRow['reaches'] =
      d && t ? 'both' : d ? 'direct' : t ? 'through' : r.status === 'not-applicable' && (direct === null || direct === 'not-applicable') ? 'not-applicable' : 'no';
    return { id: r.id, path: r.path, text: r.text, intermediate: r.status, via, viaStatus, direct, reaches };
  });
  const expected = rows.filter((x) => x.reaches !== 'not-applicable');
  return {
    directive: ref(viaToDirective.base),
    via: ref(viaToDirective.plan),
    rows,
    summary: {
      requirements: expected.length,
      carried: expected.filter((x) => carries(x.intermediate)).length,
      through: expected.filter((x) => x.reaches === 'through' || x.reaches === 'both').length,
      direct: expected.filter((x) => x.reaches === 'direct' || x.reaches === 'both').length,
      reaching: expected.filter((x) => x.reaches !== 'no').length,
    },
  };
}
