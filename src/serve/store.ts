/**
 * Data access of the workbench (rounds, bases, plans, verdicts, letters) over
 * either database. Everything a user sends is committed before it is acknowledged.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { sha256 } from '../ingest/index.js';
import { now, type BaseRow, type Db, type LetterRow, type PlanRow, type RoundRow, type UserRow, type VerdictRow } from './db.js';

export type PlanSummary = Omit<PlanRow, 'diff_json' | 'segments_json' | 'doc_json'>;
export type Verdict = Omit<VerdictRow, 'id'> & { id: number };

export const PLAN_SUMMARY_COLS = [
  'id', 'round_id', 'series_id', 'version', 'name', 'sha256', 'size', 'format', 'status', 'fail_code', 'fail_reason', 'attempts', 'series_fixed',
  'duplicate_of', 'issuer', 'symbol', 'date', 'title', 'kind', 'level', 'text_fp', 'base_version', 'uploaded_by', 'uploaded_at', 'analysed_at', 'given_meta',
] as const;

export async function putBlob(db: Db, buf: Buffer): Promise<string> {
  const sha = sha256(buf);
  const has = await db.selectFrom('blobs').select('sha256').where('sha256', '=', sha).executeTakeFirst();
  if (!has) await db.insertInto('blobs').values({ sha256: sha, data: buf, size: buf.length }).onConflict((oc) => oc.column('sha256').doNothing()).execute();
  return sha;
}

export async function getBlob(db: Db, sha: string): Promise<Buffer | null> {
  const r = await db.selectFrom('blobs').select('data').where('sha256', '=', sha).executeTakeFirst();
  return r ? Buffer.from(r.data) : null;
}

export async function setting(db: Db, key: string, make: () => string): Promise<string> {
  const r = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  if (r) return r.value;
  const value = make();
  await db.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doNothing()).execute();
  return (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow()).value;
}

// ------------------------------------------------------------------ rounds

export interface NewFile {
  buf: Buffer;
  name: string;
  format: string;
  /** for a base: its metadata */
  meta?: { kind: string | null; symbol: string | null; date: string | null; issuer: string | null; title: string | null };
}

export async function createRound(db: Db, title: string, due: string | null, base: NewFile, user: UserRow | null): Promise<RoundRow> {
  const round: RoundRow = { id: randomUUID(), title, due_date: due, base_version: 1, created_by: user?.name ?? null, created_at: now() };
  await db.transaction().execute(async (tx) => {
    const sha = await putBlob(tx, base.buf);
    await tx.insertInto('rounds').values(round).execute();
    await tx.insertInto('bases').values({ id: randomUUID(), round_id: round.id, version: 1, sha256: sha, name: base.name, format: base.format, symbol: base.meta?.symbol ?? null, title: base.meta?.title ?? null, meta_json: base.meta ? JSON.stringify(base.meta) : null, created_at: now() }).execute();
    if (user && !user.id.startsWith('local:')) await tx.insertInto('round_members').values({ round_id: round.id, user_id: user.id }).execute();
  });
  return round;
}

/** A new version of the round's base: every current plan is analysed again against it. */
export async function replaceBase(db: Db, roundId: string, base: NewFile): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const r = await tx.selectFrom('rounds').select('base_version').where('id', '=', roundId).executeTakeFirstOrThrow();
    const version = r.base_version + 1;
    const sha = await putBlob(tx, base.buf);
    await tx.insertInto('bases').values({ id: randomUUID(), round_id: roundId, version, sha256: sha, name: base.name, format: base.format, symbol: base.meta?.symbol ?? null, title: base.meta?.title ?? null, meta_json: base.meta ? JSON.stringify(base.meta) : null, created_at: now() }).execute();
    await tx.updateTable('rounds').set({ base_version: version }).where('id', '=', roundId).execute();
    await tx.updateTable('plans').set({ status: 'queued', fail_code: null, fail_reason: null, attempts: 0 }).where('round_id', '=', roundId).where('status', 'in', ['done', 'failed']).execute();
    return version;
  });
}

export async function currentBase(db: Db, roundId: string): Promise<BaseRow | undefined> {
  return db
    .selectFrom('bases')
    .innerJoin('rounds', (j) => j.onRef('rounds.id', '=', 'bases.round_id').onRef('rounds.base_version', '=', 'bases.version'))
    .selectAll('bases')
    .where('bases.round_id', '=', roundId)
    .executeTakeFirst();
}

export async function listRounds(db: Db, user: UserRow | null): Promise<(RoundRow & { plans: number })[]> {
  let q = db
    .selectFrom('rounds')
    .leftJoin('plans', 'plans.round_id', 'rounds.id')
    .select(['rounds.id', 'rounds.title', 'rounds.due_date', 'rounds.base_version', 'rounds.created_by', 'rounds.created_at', (eb) => eb.fn.count<number>('plans.id').as('plans')])
    .groupBy(['rounds.id', 'rounds.title', 'rounds.due_date', 'rounds.base_version', 'rounds.created_by', 'rounds.created_at'])
    .orderBy('rounds.created_at', 'desc');
  if (user && !user.admin) q = q.where('rounds.id', 'in', db.selectFrom('round_members').select('round_id').where('user_id', '=', user.id));
  return (await q.execute()).map((r) => ({ ...r, plans: Number(r.plans) }));
}

export async function getRound(db: Db, id: string): Promise<RoundRow | undefined> {
  return db.selectFrom('rounds').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A user may read and change a round when an administrator, or a member of it. */
export async function mayAccess(db: Db, user: UserRow | null, roundId: string): Promise<boolean> {
  if (!user || user.admin) return true;
  const m = await db.selectFrom('round_members').select('round_id').where('round_id', '=', roundId).where('user_id', '=', user.id).executeTakeFirst();
  return !!m;
}

export async function addMember(db: Db, roundId: string, userName: string): Promise<boolean> {
  const u = await db.selectFrom('users').select('id').where('name', '=', userName).executeTakeFirst();
  if (!u) return false;
  await db.insertInto('round_members').values({ round_id: roundId, user_id: u.id }).onConflict((oc) => oc.columns(['round_id', 'user_id']).doNothing()).execute();
  return true;
}

// ------------------------------------------------------------------ plans

/** Store an uploaded plan (blob and row in one transaction) and queue it for analysis. */
export async function addPlan(db: Db, roundId: string, f: NewFile, user: UserRow | null, seriesOf?: string | null): Promise<PlanSummary> {
  return db.transaction().execute(async (tx) => {
    const sha = await putBlob(tx, f.buf);
    let series_id: string = randomUUID();
    let version = 1;
    if (seriesOf) {
      const s = await tx.selectFrom('plans').select(['series_id']).where('id', '=', seriesOf).where('round_id', '=', roundId).executeTakeFirst();
      if (!s) throw new Error('unknown-series');
      series_id = s.series_id;
      const m = await tx.selectFrom('plans').select((eb) => eb.fn.max<number>('version').as('v')).where('series_id', '=', series_id).executeTakeFirst();
      version = Number(m?.v ?? 0) + 1;
    }
    const dup = await tx.selectFrom('plans').select('id').where('round_id', '=', roundId).where('sha256', '=', sha).orderBy('uploaded_at').executeTakeFirst();
    const row: PlanRow = {
      id: randomUUID(), round_id: roundId, series_id, version, name: f.name, sha256: sha, size: f.buf.length, format: f.format, status: 'queued',
      fail_code: null, fail_reason: null, attempts: 0, series_fixed: seriesOf ? 1 : 0, duplicate_of: dup?.id ?? null, issuer: null, symbol: null, date: null,
      title: null, kind: null, level: null, text_fp: null, diff_json: null, segments_json: null, doc_json: null, given_meta: null, base_version: null, uploaded_by: user?.name ?? null,
      uploaded_at: now(), analysed_at: null,
    };
    await tx.insertInto('plans').values(row).execute();
    const { diff_json: _d, segments_json: _s, ...summary } = row;
    return summary;
  });
}

export async function listPlans(db: Db, roundId: string): Promise<PlanSummary[]> {
  return db.selectFrom('plans').select(PLAN_SUMMARY_COLS).where('round_id', '=', roundId).orderBy('uploaded_at').orderBy('id').execute();
}

/** Every column of a plan but its whole document (doc_json, read only by the dataset). */
const PLAN_COLS = [
  'id', 'round_id', 'series_id', 'version', 'name', 'sha256', 'size', 'format', 'status', 'fail_code', 'fail_reason', 'attempts', 'series_fixed',
  'duplicate_of', 'issuer', 'symbol', 'date', 'title', 'kind', 'level', 'text_fp', 'diff_json', 'segments_json', 'base_version', 'uploaded_by', 'uploaded_at', 'analysed_at', 'given_meta',
] as const;

export async function getPlan(db: Db, id: string): Promise<Omit<PlanRow, 'doc_json'> | undefined> {
  return db.selectFrom('plans').select(PLAN_COLS).where('id', '=', id).executeTakeFirst();
}

export async function seriesVersions(db: Db, seriesId: string): Promise<PlanSummary[]> {
  return db.selectFrom('plans').select(PLAN_SUMMARY_COLS).where('series_id', '=', seriesId).orderBy('version').execute();
}

/** Latest version of every series of the round (the plans the overview shows). */
export function currentPlans<P extends { series_id: string; version: number }>(plans: P[]): P[] {
  const best = new Map<string, P>();
  for (const p of plans) {
    const b = best.get(p.series_id);
    if (!b || p.version > b.version) best.set(p.series_id, p);
  }
  return plans.filter((p) => best.get(p.series_id) === p);
}

export async function requeue(db: Db, planId: string): Promise<void> {
  await db.updateTable('plans').set({ status: 'queued', fail_code: null, fail_reason: null }).where('id', '=', planId).execute();
}

/** Plans left 'analysing' by a crash are queued again on start. */
export async function recoverInterrupted(db: Db): Promise<number> {
  const r = await db.updateTable('plans').set({ status: 'queued' }).where('status', '=', 'analysing').executeTakeFirst();
  return Number(r.numUpdatedRows ?? 0);
}

// ------------------------------------------------------------------ verdicts

export interface NewVerdict {
  finding_key: string;
  decision: string | null;
  reason?: string | null;
  note?: string | null;
  link_path?: string | null;
  link_text?: string | null;
  base_fp: string;
  plan_fp: string;
}

export async function addVerdict(db: Db, plan: Pick<PlanRow, 'id' | 'round_id' | 'series_id'>, v: NewVerdict, userName: string): Promise<Verdict> {
  const row = {
    round_id: plan.round_id, series_id: plan.series_id, finding_key: v.finding_key, plan_id: plan.id, decision: v.decision, reason: v.reason ?? null,
    note: v.note ?? null, link_path: v.link_path ?? null, link_text: v.link_text ?? null, base_fp: v.base_fp, plan_fp: v.plan_fp, user_name: userName, created_at: now(),
  };
  const r = await db.insertInto('verdicts').values(row).returning('id').executeTakeFirstOrThrow();
  return { ...row, id: Number(r.id) };
}

/** The latest verdict per finding of a series (history stays in the table). */
export async function latestVerdicts(db: Db, seriesId: string): Promise<Map<string, Verdict>> {
  const rows = (await db.selectFrom('verdicts').selectAll().where('series_id', '=', seriesId).orderBy('id').execute()) as Verdict[];
  const out = new Map<string, Verdict>();
  for (const r of rows) out.set(r.finding_key, { ...r, id: Number(r.id) });
  return out;
}

export async function roundVerdicts(db: Db, roundId: string): Promise<Verdict[]> {
  return ((await db.selectFrom('verdicts').selectAll().where('round_id', '=', roundId).orderBy('id').execute()) as Verdict[]).map((r) => ({ ...r, id: Number(r.id) }));
}

export async function verdictHistory(db: Db, seriesId: string, key: string): Promise<Verdict[]> {
  return (await db.selectFrom('verdicts').selectAll().where('series_id', '=', seriesId).where('finding_key', '=', key).orderBy('id').execute()) as Verdict[];
}

// ------------------------------------------------------------------ letters

export async function latestLetter(db: Db, seriesId: string): Promise<LetterRow | undefined> {
  return db.selectFrom('letters').selectAll().where('series_id', '=', seriesId).orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirst();
}

export async function lastExportedLetter(db: Db, seriesId: string): Promise<LetterRow | undefined> {
  return db.selectFrom('letters').selectAll().where('series_id', '=', seriesId).where('exported_at', 'is not', null).orderBy('exported_at', 'desc').executeTakeFirst();
}

export async function saveLetter(db: Db, plan: Pick<PlanRow, 'id' | 'round_id' | 'series_id'>, draft: unknown): Promise<LetterRow> {
  const cur = await db.selectFrom('letters').selectAll().where('plan_id', '=', plan.id).where('exported_at', 'is', null).executeTakeFirst();
  const json = JSON.stringify(draft);
  if (cur) {
    await db.updateTable('letters').set({ draft_json: json, updated_at: now() }).where('id', '=', cur.id).execute();
    return { ...cur, draft_json: json };
  }
  const row: LetterRow = { id: randomUUID(), round_id: plan.round_id, series_id: plan.series_id, plan_id: plan.id, draft_json: json, created_at: now(), updated_at: now(), exported_at: null };
  await db.insertInto('letters').values(row).execute();
  return row;
}

export async function markExported(db: Db, letterId: string): Promise<void> {
  await db.updateTable('letters').set({ exported_at: now() }).where('id', '=', letterId).execute();
}

export async function draftLetter(db: Db, planId: string): Promise<LetterRow | undefined> {
  return db.selectFrom('letters').selectAll().where('plan_id', '=', planId).orderBy('updated_at', 'desc').executeTakeFirst();
}

export const dbNow = sql`CURRENT_TIMESTAMP`;

/** The issuer, number and date a reviewer gives a plan (null clears a field). */
export async function setGivenMeta(db: Db, planId: string, m: { issuer: string | null; symbol: string | null; date: string | null }): Promise<void> {
  const empty = !m.issuer && !m.symbol && !m.date;
  await db.updateTable('plans').set({ given_meta: empty ? null : JSON.stringify(m) }).where('id', '=', planId).execute();
}
