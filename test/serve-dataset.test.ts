/**
 * The research dataset's tables inside the workbench database (issue 13 item 1, "the same tables in the
 * workbench database"), on SQLite and (with RASOAT_TEST_PG) PostgreSQL: after three plans are analysed and
 * verdicts recorded, ds_documents … ds_verdicts hold one row per entity of the analyses, the foreign keys
 * hold, the full-text index folds tone marks ("tinh uy" finds "Tỉnh ủy" and the base's "tỉnh uỷ"), the
 * requirement_status view answers per status, and every verdict is attached to its diff result or addition
 * with its Vietnamese label; a new verdict reaches ds_verdicts; a restart keeps the tables.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { pgFold } from '../src/serve/dataset.js';
import { DECISION_LABEL } from '../src/vocab/columns.js';
import { BASE_FILE, DB_KINDS, PLAN_FILES, file, useWorkbench, waitAnalysed } from './helpers/serve-fixture.js';

for (const k of DB_KINDS) {
  describe.skipIf(k.skip)(`dataset tables in the workbench database on ${k.label}`, () => {
    const fx = useWorkbench(k.kind);
    let roundId = '';
    let plans: any[] = [];
    const q = async <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => {
      // $1… placeholders on both: SQLite's "?" is written as $n by this helper
      const parts = text.split(/\$\d+/);
      const frag = sql.join(parts.map((p, i) => (i < params.length ? sql`${sql.raw(p)}${params[i]}` : sql.raw(p))), sql``);
      return (await frag.execute(fx.store.db)).rows as T[];
    };
    const n = async (text: string, params: unknown[] = []) => Number(Object.values((await q(text, params))[0])[0]);

    it('fills every table from the analysed plans and the verdicts', async () => {
      const r = await fx.c.upload('/api/rounds', [{ name: 'title', value: 'Đợt dữ liệu' }, { ...file(BASE_FILE), name: 'base' }]);
      expect(r.statusCode).toBe(201);
      roundId = r.json().round.id;
      expect((await fx.c.upload(`/api/rounds/${roundId}/plans`, PLAN_FILES.map(file))).statusCode).toBe(201);
      plans = await waitAnalysed(fx.c, roundId, 240_000);
      expect(plans.every((p) => p.status === 'done')).toBe(true);
      const tinh = plans.find((p) => p.name.startsWith('tinh-uy'));
      const v = (await fx.c.get(`/api/plans/${tinh.id}`)).json();
      const addition = v.findings.find((f: any) => f.kind === 'addition');
      for (const body of [
        { key: '9#2', decision: 'agree' },
        { key: '7#2', decision: 'not-applicable', reason: 'Tỉnh không có loại hình chi bộ này' },
        { key: addition.key, decision: null, note: 'Bổ sung hợp lý' },
      ])
        expect((await fx.c.post(`/api/plans/${tinh.id}/verdicts`, body)).statusCode).toBe(201);
      await fx.wb.analyzer.idle();
      await fx.wb.dataset.flush('full');

      // one row per entity: three plans and the base directive
      expect(await n('SELECT count(*) FROM ds_documents')).toBe(4);
      expect(await n("SELECT count(*) FROM ds_documents WHERE role = 'plan'")).toBe(3);
      expect(await n("SELECT count(*) FROM ds_documents WHERE role = 'base' AND symbol = '50-CT/TW'")).toBe(1);
      expect(await n('SELECT count(*) FROM ds_diffs')).toBe(3);
      let results = 0;
      let additions = 0;
      for (const p of plans) {
        const f = (await fx.c.get(`/api/plans/${p.id}`)).json().findings as any[];
        results += f.filter((x) => x.kind !== 'addition').length;
        additions += f.filter((x) => x.kind === 'addition').length;
      }
      expect(await n('SELECT count(*) FROM ds_diff_results')).toBe(results);
      expect(await n('SELECT count(*) FROM ds_additions')).toBe(additions);
      for (const tb of ['segments', 'clauses', 'citations', 'deadlines', 'tasks', 'bodies', 'requirements', 'matches', 'cited_documents'])
        expect(await n(`SELECT count(*) FROM ds_${tb}`), tb).toBeGreaterThan(0);
      expect(await n('SELECT count(*) FROM ds_clauses_fts')).toBe(await n('SELECT count(*) FROM ds_clauses'));
      // every plan of the round is tied to its dataset document
      const linked = await q<{ plan_id: string }>('SELECT plan_id FROM ds_workbench_documents WHERE plan_id IS NOT NULL');
      expect(linked.map((x) => x.plan_id).sort()).toEqual(plans.map((p) => p.id).sort());
      // spans cut the text out of the document
      const cl = await q<{ text: string; span_start: number; span_end: number; doc: string }>('SELECT c.text, c.span_start, c.span_end, d.text AS doc FROM ds_clauses c JOIN ds_documents d ON d.id = c.document_id ORDER BY c.id LIMIT 50');
      for (const x of cl) expect(x.doc.slice(Number(x.span_start), Number(x.span_end)).replace(/\s+/g, ' ')).toBe(x.text.replace(/\s+/g, ' '));
      if (k.kind === 'sqlite') expect(await q('PRAGMA foreign_key_check')).toEqual([]);
      // the view researchers start from, per status, equals the diff results
      const st = await q<{ status: string; n: number }>('SELECT status, count(*) AS n FROM ds_requirement_status GROUP BY status ORDER BY status');
      expect(st.reduce((s, x) => s + Number(x.n), 0)).toBe(results);
    }, 300_000);

    it('searches every clause with tone marks folded', async () => {
      const search = async (words: string): Promise<string[]> =>
        k.kind === 'sqlite'
          ? (await q<{ text: string }>('SELECT c.text FROM ds_clauses_fts f JOIN ds_clauses c ON c.id = f.rowid WHERE ds_clauses_fts MATCH $1', [`"${words}"`])).map((x) => x.text)
          : (await q<{ text: string }>("SELECT c.text FROM ds_clauses_fts f JOIN ds_clauses c ON c.id = f.rowid WHERE to_tsvector('simple', f.text) @@ phraseto_tsquery('simple', $1)", [pgFold(words)])).map((x) => x.text);
      const hits = await search('tinh uy');
      // the plans write "Tỉnh ủy", the directive the old placement "tỉnh uỷ"
      expect(hits.some((h) => /Tỉnh ủy/.test(h))).toBe(true);
      expect(hits.some((h) => /tỉnh uỷ/.test(h))).toBe(true);
      expect(await search('tỉnh ủy')).toEqual(hits);
      for (const h of hits) expect(h.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()).toMatch(/tinh\s+uy/);
    });

    it('attaches every verdict to what it judges, with the vocabulary’s label', async () => {
      const rows = await q<{ req_id: string | null; addition_id: number | null; verdict: string | null; label: string | null; reason: string | null; note: string | null; author: string }>(
        `SELECT q.req_id, v.addition_id, v.verdict, l.label, v.reason, v.note, v.author FROM ds_verdicts v
         LEFT JOIN ds_diff_results r ON r.id = v.diff_result_id LEFT JOIN ds_requirements q ON q.id = r.requirement_id
         LEFT JOIN ds_verdict_labels l ON l.verdict = v.verdict ORDER BY v.id`,
      );
      expect(rows).toHaveLength(3);
      expect(rows[0]).toMatchObject({ req_id: '9#2', verdict: 'agree', label: DECISION_LABEL.agree });
      expect(rows[1]).toMatchObject({ req_id: '7#2', verdict: 'not-applicable', label: DECISION_LABEL['not-applicable'], reason: 'Tỉnh không có loại hình chi bộ này' });
      expect(rows[2]).toMatchObject({ req_id: null, verdict: null, note: 'Bổ sung hợp lý' });
      expect(rows[2].addition_id).not.toBeNull();
      // a new verdict reaches the table with the verdicts' refresh alone
      const tinh = plans.find((p) => p.name.startsWith('tinh-uy'));
      expect((await fx.c.post(`/api/plans/${tinh.id}/verdicts`, { key: '9#1', decision: 'disagree' })).statusCode).toBe(201);
      await fx.wb.dataset.flush();
      expect(await n('SELECT count(*) FROM ds_verdicts')).toBe(4);
    });

    it('keeps the tables over a restart and does not rebuild them when nothing changed', async () => {
      const before = await n('SELECT count(*) FROM ds_segments');
      const stamp = await q<{ value: string }>("SELECT value FROM settings WHERE key = 'dataset_stamp'");
      await fx.restart();
      await fx.wb.dataset.flush('full');
      expect(await n('SELECT count(*) FROM ds_segments')).toBe(before);
      expect(await n('SELECT count(*) FROM ds_verdicts')).toBe(4);
      expect(await q("SELECT value FROM settings WHERE key = 'dataset_stamp'")).toEqual(stamp);
    });
  });
}
