/**
 * View models shared by the pages and the JSON API: a plan's findings with their
 * verdict states and what changed since the last feedback; the round overview;
 * the letter context.
 */
import type { DiffResult } from '../model.js';
import { draftLetter, LetterDraft, type LetterFinding } from '../report/letter.js';
import type { Db } from './db.js';
import { changesBetween, findingsOf, humanPath, needsReview, verdictState, type ChangeSummary, type Finding, type VerdictState } from './review.js';
import { PLAN_SUMMARY_COLS, currentBase, currentPlans, draftLetter as storedDraft, lastExportedLetter, latestVerdicts, listPlans, roundVerdicts, seriesVersions, setting, type PlanSummary, type Verdict } from './store.js';
import { viDate as formatViDate } from '../normalize/dates.js';

import { LEVEL_LABEL as LEVELS, PLAN_STATE_LABEL } from '../vocab/columns.js';

/** The vocabulary's tables, read with codes from the database. */
export const LEVEL_LABEL: Readonly<Record<string, string>> = LEVELS;
export const STATUS_VI: Readonly<Record<string, string>> = PLAN_STATE_LABEL;

/** The date part of an ISO date or timestamp as the reports write it ("23/7/2025"), or null. */
export function viDate(iso: string | null): string | null {
  return iso ? formatViDate(iso.slice(0, 10)) : null;
}

/** The issuer, number and date of a plan: those a reviewer typed, else those read from its text. */
export function planMeta(p: Pick<PlanSummary, 'issuer' | 'symbol' | 'date' | 'given_meta'>): { issuer: string | null; symbol: string | null; date: string | null; given: boolean } {
  let g: { issuer?: string | null; symbol?: string | null; date?: string | null } = {};
  try {
    g = p.given_meta ? JSON.parse(p.given_meta) : {};
  } catch {
    g = {};
  }
  return { issuer: g.issuer || p.issuer, symbol: g.symbol || p.symbol, date: g.date || p.date, given: !!p.given_meta };
}

/**
 * "Ban Thường vụ Tỉnh ủy Lào Cai — số 12-KH/TU, 05/9/2025": issuer, number and date (a reviewer's, else the
 * text's); a plan whose text carries neither number nor date says so, and the file name stays beside it.
 */
export function planLabel(p: Pick<PlanSummary, 'issuer' | 'symbol' | 'date' | 'name' | 'version' | 'given_meta'>): string {
  const m = planMeta(p);
  const d = viDate(m.date);
  const tail = m.symbol && d ? `số ${m.symbol}, ${d}` : m.symbol ? `số ${m.symbol}, không ghi ngày` : d ? `không ghi số, ${d}` : 'văn bản không ghi số, ngày';
  return `${m.issuer ?? p.name} — ${tail}${p.version > 1 ? ` (bản ${p.version})` : ''}`;
}

export interface FindingView {
  f: Finding;
  state: VerdictState<Verdict> | null;
}

export interface PlanView {
  plan: PlanSummary;
  label: string;
  diff: DiffResult | null;
  findings: FindingView[];
  segments: { path: string; text: string }[];
  versions: PlanSummary[];
  /** the version the comparison is made with (last feedback letter, else the previous version) */
  since: { plan: PlanSummary; reason: 'letter' | 'previous' } | null;
  changes: ChangeSummary | null;
  baseOutdated: boolean;
  counts: { review: number; decided: number; suspect: number; kept: number };
}

/**
 * Parsed diffs and findings by plan id and analysis time (a plan's diff changes only when it
 * is analysed again): the overview of 60 plans does not parse 60 diffs per request.
 */
const PARSED = new Map<string, { diff: DiffResult; findings: Finding[]; segments: { path: string; text: string }[] }>();
const PARSED_MAX = 400;

export async function parsedPlan(db: Db, plan: Pick<PlanSummary, 'id' | 'analysed_at' | 'status'>) {
  if (plan.status !== 'done') return null;
  const key = `${plan.id}@${plan.analysed_at}`;
  let hit = PARSED.get(key);
  if (!hit) {
    const row = await db.selectFrom('plans').select(['diff_json', 'segments_json']).where('id', '=', plan.id).executeTakeFirst();
    if (!row?.diff_json) return null;
    const diff = JSON.parse(row.diff_json) as DiffResult;
    hit = { diff, findings: findingsOf(diff), segments: row.segments_json ? JSON.parse(row.segments_json) : [] };
    PARSED.set(key, hit);
    if (PARSED.size > PARSED_MAX) PARSED.delete(PARSED.keys().next().value!);
  }
  return hit;
}

export async function planView(db: Db, planId: string): Promise<PlanView | null> {
  const plan = (await db.selectFrom('plans').select(PLAN_SUMMARY_COLS).where('id', '=', planId).executeTakeFirst()) as PlanSummary | undefined;
  if (!plan) return null;
  const parsed = await parsedPlan(db, plan);
  const diff = parsed?.diff ?? null;
  const findings = parsed?.findings ?? [];
  const segments_json = null;
  const verdicts = await latestVerdicts(db, plan.series_id);
  const fv = findings.map((f) => ({ f, state: verdictState(f, verdicts.get(f.key), plan.id) }));
  const versions = await seriesVersions(db, plan.series_id);
  let since: PlanView['since'] = null;
  const letter = await lastExportedLetter(db, plan.series_id);
  if (letter && letter.plan_id !== plan.id) {
    const lp = versions.find((v) => v.id === letter.plan_id);
    if (lp && lp.version < plan.version) since = { plan: lp, reason: 'letter' };
  }
  if (!since) {
    const prev = versions.filter((v) => v.version < plan.version && v.status === 'done').pop();
    if (prev) since = { plan: prev, reason: 'previous' };
  }
  let changes: ChangeSummary | null = null;
  if (since && diff) {
    const prev = await parsedPlan(db, since.plan);
    if (prev) changes = changesBetween(prev.findings, findings);
  }
  const round = await db.selectFrom('rounds').select('base_version').where('id', '=', plan.round_id).executeTakeFirst();
  const review = fv.filter((x) => needsReview(x.f));
  return {
    plan,
    label: planLabel(plan),
    diff,
    findings: fv,
    segments: parsed?.segments ?? segments_json ?? [],
    versions,
    since,
    changes,
    baseOutdated: !!round && plan.base_version !== null && plan.base_version !== round.base_version,
    counts: {
      review: review.length,
      decided: review.filter((x) => x.state?.verdict.decision && !x.state.suspect).length,
      suspect: fv.filter((x) => x.state?.suspect).length,
      kept: fv.filter((x) => x.state?.kept).length,
    },
  };
}

export interface OverviewRow {
  plan: PlanSummary;
  label: string;
  duplicateOf: string | null;
  cells: Map<string, { kind: string; decision: string | null; suspect: boolean }>;
  unreviewed: number;
  suspect: number;
}

export interface Overview {
  requirements: { key: string; point: string; path: string; text: string }[];
  points: { point: string; count: number }[];
  rows: OverviewRow[];
  /** per requirement: how many plans omit it / have it partially / with changed parameters */
  counts: Map<string, { omitted: number; partial: number; changed: number }>;
  pending: PlanSummary[];
  failed: PlanSummary[];
}

export async function overview(db: Db, roundId: string): Promise<Overview> {
  const all = await listPlans(db, roundId);
  const cur = currentPlans(all);
  const done = cur.filter((p) => p.status === 'done');
  const byId = new Map(all.map((p) => [p.id, p]));
  const reqs = new Map<string, { key: string; point: string; path: string; text: string }>();
  const rows: OverviewRow[] = [];
  const counts = new Map<string, { omitted: number; partial: number; changed: number }>();
  // the latest verdict per series and finding, for the whole round in one query
  const latest = new Map<string, Verdict>();
  for (const v of await roundVerdicts(db, roundId)) latest.set(`${v.series_id}|${v.finding_key}`, v);
  for (const p of done) {
    const parsed = await parsedPlan(db, p);
    if (!parsed) continue;
    const v = { label: planLabel(p), findings: parsed.findings.map((f) => ({ f, state: verdictState(f, latest.get(`${p.series_id}|${f.key}`), p.id) })) };
    const cells = new Map<string, { kind: string; decision: string | null; suspect: boolean }>();
    let unreviewed = 0;
    let suspect = 0;
    for (const { f, state } of v.findings) {
      if (f.point === '+') continue;
      if (!reqs.has(f.key)) reqs.set(f.key, { key: f.key, point: f.point, path: f.path, text: f.baseText });
      cells.set(f.key, { kind: f.kind, decision: state?.verdict.decision ?? null, suspect: !!state?.suspect });
      if (needsReview(f) && !state?.verdict.decision) unreviewed++;
      if (state?.suspect) suspect++;
      if (!p.duplicate_of) {
        const c = counts.get(f.key) ?? { omitted: 0, partial: 0, changed: 0 };
        if (f.kind === 'omitted') c.omitted++;
        else if (f.kind === 'partial') c.partial++;
        else if (f.kind === 'changed') c.changed++;
        counts.set(f.key, c);
      }
    }
    const dup = p.duplicate_of ? byId.get(p.duplicate_of) : undefined;
    rows.push({ plan: p, label: v.label, duplicateOf: dup ? planLabel(dup) : null, cells, unreviewed, suspect });
  }
  const requirements = [...reqs.values()];
  const points: { point: string; count: number }[] = [];
  for (const r of requirements) {
    const last = points[points.length - 1];
    if (last && last.point === r.point) last.count++;
    else points.push({ point: r.point, count: 1 });
  }
  rows.sort((a, b) => a.label.localeCompare(b.label, 'vi'));
  return { requirements, points, rows, counts, pending: cur.filter((p) => p.status === 'queued' || p.status === 'analysing'), failed: cur.filter((p) => p.status === 'failed') };
}

/** The saved draft of the plan's letter, or a new one from the accepted findings. */
export async function letterDraftFor(db: Db, v: PlanView, today = new Date().toISOString().slice(0, 10)): Promise<{ draft: LetterDraft; saved: boolean }> {
  const saved = await storedDraft(db, v.plan.id);
  if (saved && !saved.exported_at) return { draft: LetterDraft.parse(JSON.parse(saved.draft_json)), saved: true };
  const base = await currentBase(db, v.plan.round_id);
  const baseMeta = base?.meta_json ? JSON.parse(base.meta_json) : { kind: null, symbol: v.diff?.base.symbol ?? null, date: null, title: v.diff?.base.title ?? null, issuer: null };
  const round = await db.selectFrom('rounds').select(['due_date']).where('id', '=', v.plan.round_id).executeTakeFirst();
  const defaults = JSON.parse(await setting(db, `letter-defaults:${v.plan.round_id}`, () => '{}')) as Partial<LetterDraft>;
  const accepted: LetterFinding[] = v.findings
    .filter((x) => x.state && !x.state.suspect && x.state.verdict.decision === 'agree')
    .map(({ f, state }) => ({
      kind: f.kind,
      point: f.point,
      where: humanPath(f.path),
      baseText: f.baseText,
      planText: f.passages.map((p) => p.text).join(' '),
      missing: f.missing,
      changes: f.changes,
      note: state?.verdict.note ?? null,
    }));
  const draft = draftLetter({
    plan: { kind: v.plan.kind, symbol: v.plan.symbol, date: v.plan.date, title: v.plan.title, issuer: v.plan.issuer },
    base: baseMeta,
    accepted,
    dueDate: round?.due_date ?? null,
    today,
    defaults,
  });
  return { draft, saved: false };
}
