/**
 * A round's verdicts as JSON, to move them between databases or keep them with the
 * static site: every verdict (history included) with the plan it was made on
 * identified by the file's SHA-256, so an import finds the plan in another database.
 */
import { z } from 'zod';
import type { Db } from './db.js';
import { listPlans, roundVerdicts } from './store.js';

export const VerdictExport = z.object({
  format: z.literal('rasoat-verdicts/1'),
  round: z.object({ title: z.string() }),
  verdicts: z
    .array(
      z.object({
        plan_sha256: z.string(),
        plan_version: z.number().int(),
        finding_key: z.string(),
        decision: z.enum(['agree', 'disagree', 'not-applicable', 'link']).nullable(),
        reason: z.string().nullable(),
        note: z.string().nullable(),
        link_path: z.string().nullable(),
        link_text: z.string().nullable(),
        base_fp: z.string(),
        plan_fp: z.string(),
        user_name: z.string(),
        created_at: z.string(),
      }),
    )
    .max(1_000_000),
});
export type VerdictExport = z.infer<typeof VerdictExport>;

export async function exportVerdicts(db: Db, roundId: string): Promise<VerdictExport> {
  const r = await db.selectFrom('rounds').select('title').where('id', '=', roundId).executeTakeFirstOrThrow();
  const plans = new Map((await listPlans(db, roundId)).map((p) => [p.id, p]));
  const verdicts = (await roundVerdicts(db, roundId)).flatMap((v) => {
    const p = plans.get(v.plan_id);
    if (!p) return [];
    return [{
      plan_sha256: p.sha256, plan_version: p.version, finding_key: v.finding_key, decision: v.decision as VerdictExport['verdicts'][number]['decision'],
      reason: v.reason, note: v.note, link_path: v.link_path, link_text: v.link_text, base_fp: v.base_fp, plan_fp: v.plan_fp, user_name: v.user_name, created_at: v.created_at,
    }];
  });
  return { format: 'rasoat-verdicts/1', round: { title: r.title }, verdicts };
}

/** Import verdicts into a round: each is attached to the plan with the same file content; verdicts already present are skipped. */
export async function importVerdicts(db: Db, roundId: string, data: VerdictExport): Promise<{ imported: number; skipped: number; unmatched: number }> {
  const plans = await listPlans(db, roundId);
  // the same file uploaded twice: the verdicts belong to the first upload
  const bySha = new Map<string, (typeof plans)[number]>();
  for (const p of plans) if (!bySha.has(p.sha256)) bySha.set(p.sha256, p);
  const existing = new Set((await roundVerdicts(db, roundId)).map((v) => `${v.plan_id}|${v.finding_key}|${v.created_at}|${v.user_name}`));
  let imported = 0;
  let skipped = 0;
  let unmatched = 0;
  await db.transaction().execute(async (tx) => {
    for (const v of [...data.verdicts].sort((a, b) => a.created_at.localeCompare(b.created_at))) {
      const p = bySha.get(v.plan_sha256);
      if (!p) {
        unmatched++;
        continue;
      }
      const k = `${p.id}|${v.finding_key}|${v.created_at}|${v.user_name}`;
      if (existing.has(k)) {
        skipped++;
        continue;
      }
      existing.add(k);
      await tx
        .insertInto('verdicts')
        .values({
          round_id: roundId, series_id: p.series_id, finding_key: v.finding_key, plan_id: p.id, decision: v.decision, reason: v.reason, note: v.note,
          link_path: v.link_path, link_text: v.link_text, base_fp: v.base_fp, plan_fp: v.plan_fp, user_name: v.user_name, created_at: v.created_at,
        })
        .execute();
      imported++;
    }
  });
  return { imported, skipped, unmatched };
}
