/**
 * What a reviewer works on, computed from a plan's diff (pure functions):
 * findings grouped by point of the base, fingerprints of the texts a verdict is
 * made on, verdict state (kept / suspect), what changed between two versions.
 */
import { createHash } from 'node:crypto';
import type { DiffResult } from '../model.js';
import { parsePath, topOf } from '../segment/path.js';
import type { FindingKind } from '../vocab/columns.js';

export type { FindingKind } from '../vocab/columns.js';
export { FINDING_KIND_LABEL as KIND_LABEL } from '../vocab/columns.js';

/** The order in which a reviewer goes through the kinds inside a point. */
export const KIND_ORDER: FindingKind[] = ['omitted', 'partial', 'changed', 'adapted', 'not-applicable', 'addition', 'covered'];

export interface Passage {
  path: string;
  text: string;
  score?: number;
  span?: [number, number];
}

export interface Finding {
  /** stable across versions of a plan: the requirement id of the base, or add:<fingerprint> */
  key: string;
  kind: FindingKind;
  /** point of the base ("9"), or "+" for local additions */
  point: string;
  /** path of the requirement in the base ("9.-1") or of the addition in the plan */
  path: string;
  baseText: string;
  /** the plan's matching passages; for an omission, the nearest passages (near misses) */
  passages: Passage[];
  /** parts of the requirement not found (partial) */
  missing: string[];
  changes: { kind: string; from: string | null; to: string | null; note?: string }[];
  baseFp: string;
  planFp: string;
  /** why the diff holds the requirement not applicable to this plan (src/align/applicability.ts), else null */
  applicability: { rule: string; reason: string } | null;
}

/** Fingerprint of a text as a reviewer reads it: NFC, whitespace collapsed, case kept. */
export function fingerprint(...parts: string[]): string {
  const norm = parts.map((p) => p.normalize('NFC').replace(/\s+/gu, ' ').trim()).join('\u241e');
  return createHash('sha256').update(norm).digest('hex').slice(0, 20);
}

/** The top part of a path ("9.-1" → "9"): the point findings are grouped by. */
export const pointOf = topOf;

type AnyReq = DiffResult['requirements'][number] & { nearMisses?: unknown; evidence?: unknown; reason?: unknown };

function nearMisses(r: AnyReq): Passage[] {
  for (const k of ['nearMisses', 'nearMiss', 'evidence', 'candidates'] as const) {
    const v = (r as Record<string, unknown>)[k];
    if (Array.isArray(v))
      return v
        .filter((x): x is Record<string, unknown> => !!x && typeof x === 'object' && typeof (x as Record<string, unknown>).text === 'string')
        .slice(0, 3)
        .map((x) => ({ path: String(x.path ?? ''), text: String(x.text), score: typeof x.score === 'number' ? x.score : undefined, span: Array.isArray(x.span) ? (x.span as [number, number]) : undefined }));
  }
  return [];
}

function kindOf(r: AnyReq): FindingKind {
  const s = String(r.status);
  if (s === 'omitted') return 'omitted';
  if (s === 'partial') return 'partial';
  if (s === 'not-applicable' || s === 'not_applicable' || s === 'na') return 'not-applicable';
  if (r.changes?.length) return 'changed';
  if (s === 'adapted') return 'adapted';
  return 'covered';
}

/** Every requirement of the base and every local addition of the plan, as findings. */
export function findingsOf(diff: DiffResult): Finding[] {
  const out: Finding[] = [];
  for (const r of diff.requirements as AnyReq[]) {
    const kind = kindOf(r);
    const passages: Passage[] = r.matches.length ? r.matches.map((m) => ({ path: m.path, text: m.text, score: m.score, span: m.span })) : nearMisses(r);
    const planSide = kind === 'omitted' ? '∅' : passages.map((p) => p.text).join('\n');
    out.push({
      key: r.id,
      kind,
      point: pointOf(r.path),
      path: r.path,
      baseText: r.text,
      passages,
      missing: r.missing ?? [],
      changes: r.changes ?? [],
      baseFp: fingerprint(r.text),
      planFp: fingerprint(String(r.status), planSide),
      applicability: r.applicability ?? null,
    });
  }
  for (const a of diff.additions) {
    const fp = fingerprint(a.text);
    out.push({ key: `add:${fp}`, kind: 'addition', point: '+', path: a.path, baseText: '', passages: [{ path: a.path, text: a.text, span: a.span }], missing: [], changes: [], baseFp: fingerprint(''), planFp: fp, applicability: null });
  }
  return out;
}

/** Findings that need a reviewer's eye (covered requirements without changed parameters do not). */
export const needsReview = (f: Finding) => f.kind !== 'covered';

export interface PointGroup {
  point: string;
  findings: Finding[];
}

/** Findings grouped by point of the base in the base's order, local additions last. */
export function groupByPoint(findings: Finding[]): PointGroup[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const g = groups.get(f.point) ?? [];
    g.push(f);
    groups.set(f.point, g);
  }
  const out = [...groups].map(([point, fs]) => ({ point, findings: fs.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind)) }));
  return out.sort((a, b) => (a.point === '+' ? 1 : 0) - (b.point === '+' ? 1 : 0));
}

export interface VerdictLike {
  finding_key: string;
  decision: string | null;
  reason: string | null;
  note: string | null;
  link_path: string | null;
  link_text: string | null;
  base_fp: string;
  plan_fp: string;
  plan_id: string;
  user_name: string;
  created_at: string;
}

export interface VerdictState<V extends VerdictLike = VerdictLike> {
  verdict: V;
  /** the base or plan text changed since the verdict was made */
  suspect: boolean;
  /** made on an earlier version of the plan and still valid */
  kept: boolean;
  baseChanged: boolean;
  planChanged: boolean;
}

/** The state of the latest verdict on a finding, for the plan version `planId`. */
export function verdictState<V extends VerdictLike>(f: Finding, v: V | undefined, planId: string): VerdictState<V> | null {
  if (!v) return null;
  const baseChanged = v.base_fp !== f.baseFp;
  const planChanged = v.plan_fp !== f.planFp;
  const suspect = baseChanged || planChanged;
  return { verdict: v, suspect, kept: !suspect && v.plan_id !== planId, baseChanged, planChanged };
}

export interface ChangeSummary {
  /** findings of the earlier version resolved in this one (now covered or gone) */
  fixed: Finding[];
  /** findings of this version that were not findings before */
  introduced: Finding[];
  /** findings present in both whose plan text changed */
  modified: Finding[];
  /** findings present in both, unchanged */
  unchanged: number;
}

const SEVERITY: Record<FindingKind, number> = { omitted: 3, partial: 2, changed: 1, addition: 1, adapted: 0, 'not-applicable': 0, covered: 0 };

/** What changed between an earlier version of a plan and the current one: a finding is fixed when it is gone or less severe (omitted → adapted). */
export function changesBetween(before: Finding[], after: Finding[]): ChangeSummary {
  const prev = new Map(before.filter(needsReview).map((f) => [f.key, f]));
  const cur = new Map(after.map((f) => [f.key, f]));
  const fixed: Finding[] = [];
  const introduced: Finding[] = [];
  const modified: Finding[] = [];
  let unchanged = 0;
  for (const [k, f] of prev) {
    const g = cur.get(k);
    if (!g || !needsReview(g) || SEVERITY[g.kind] < SEVERITY[f.kind]) fixed.push(f);
    else if (g.planFp !== f.planFp || g.baseFp !== f.baseFp) modified.push(g);
    else unchanged++;
  }
  for (const g of after) if (needsReview(g) && !prev.has(g.key)) introduced.push(g);
  return { fixed, introduced, modified, unchanged };
}

/** "9.-1" → "ý thứ 1 của điểm 9"; "II.1.a" → "tiết a, điểm 1, mục II"; no tool notation. */
export function humanPath(path: string): string {
  if (path === '+') return 'nội dung bổ sung';
  const words: string[] = [];
  // the parts as the path grammar reads them (src/segment/path.ts); a letter as a reviewer calls it "tiết a"
  for (const { kind, text: p } of parsePath(path)) {
    if (kind === 'roman') words.push(`mục ${p}`);
    else if (kind === 'number') words.push(words.length ? `khoản ${p}` : `điểm ${p}`);
    else if (/^[a-zđ]$/i.test(p)) words.push(`tiết ${p}`);
    else if (kind === 'bullet') words.push(`ý thứ ${p.slice(1)}`);
    else if (kind === 'paragraph') words.push(`đoạn ${p.slice(1)}`);
  }
  return words.reverse().join(' của ') || 'phần mở đầu';
}
