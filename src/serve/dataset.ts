/**
 * The research dataset (issue 13, src/export/dataset.ts) inside the workbench database: the same tables —
 * documents, segments, clauses, full text, citations, relations, bodies, tasks, deadlines, requirements,
 * diffs, diff results, matches, changes, additions, verdicts and the Vietnamese label tables — named
 * `ds_<table>` (the workbench has a `verdicts` table of its own), on SQLite and on PostgreSQL.
 *
 * What they hold: every analysed plan of every round (each version, duplicates left out) and the base
 * version it was analysed against, with the reviewers' verdicts (every row of their history) attached to
 * the diff result or local addition they judge; `ds_workbench_documents` ties a dataset document to its
 * round and plan. Refreshed in one transaction when the analysis queue drains (and on start when stale);
 * the verdicts alone after each verdict. Full-text search: FTS5 on SQLite (tone marks folded, as in the
 * export), a GIN index over `to_tsvector('simple', …)` of the folded text on PostgreSQL.
 */
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { buildIndex } from '../corpus/xref.js';
import { SCHEMA, fillDataset } from '../export/dataset.js';
import type { Analysis, DiffResult, Doc } from '../model.js';
import type { Db, Dialect } from './db.js';
import { fingerprint } from './review.js';

export const DS = 'ds_';

const SHIM = new URL('../batch/shim.mjs', import.meta.url);
const WORKER_ENTRY = new URL(`./dataset-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;

/** The dataset's tables in insertion order (parents first). */
export const DATASET_TABLES = [
  'dataset_info', 'status_labels', 'relation_labels', 'deadline_kind_labels', 'change_kind_labels', 'verdict_labels',
  'documents', 'segments', 'clauses', 'clauses_fts', 'cited_documents', 'citations', 'relations', 'bodies', 'tasks', 'task_bodies',
  'deadlines', 'requirements', 'diffs', 'diff_results', 'matches', 'changes', 'additions', 'verdicts',
] as const;

/** Text as the PostgreSQL full-text index stores it and a query must be written: no marks, đ → d, lower case. */
export const pgFold = (s: string): string =>
  s.normalize('NFD').replace(/\p{M}+/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();

/** The export's DDL with every dataset table, index and view named ds_…; PostgreSQL types where they differ. */
export function datasetDdl(dialect: Dialect): string[] {
  const body = SCHEMA.replace(/--[^\n]*/g, '');
  const names = new Set([...body.matchAll(/CREATE (?:VIRTUAL )?(?:TABLE|VIEW) IF NOT EXISTS (\w+)/g)].map((m) => m[1]));
  const out: string[] = [];
  for (const raw of body.split(';').map((s) => s.trim()).filter(Boolean)) {
    let s = raw.replace(/\b(TABLE IF NOT EXISTS|VIEW IF NOT EXISTS|INDEX IF NOT EXISTS|REFERENCES|ON|FROM|JOIN)(\s+)(\w+)/g, (m, kw: string, sp: string, n: string) =>
      kw.startsWith('INDEX') || names.has(n) ? `${kw}${sp}${DS}${n}` : m,
    );
    if (dialect === 'postgres') {
      if (/CREATE VIRTUAL TABLE/.test(s)) {
        out.push(`CREATE TABLE IF NOT EXISTS ${DS}clauses_fts (rowid INTEGER PRIMARY KEY REFERENCES ${DS}clauses(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, text TEXT NOT NULL)`);
        out.push(`CREATE INDEX IF NOT EXISTS ${DS}clauses_fts_tsv ON ${DS}clauses_fts USING gin (to_tsvector('simple', text))`);
        continue;
      }
      s = s
        .replace(/\bREAL\b/g, 'DOUBLE PRECISION')
        .replace(/CREATE VIEW IF NOT EXISTS/g, 'CREATE OR REPLACE VIEW')
        .replace(/(REFERENCES \w+\(\w+\)(?: ON DELETE (?:CASCADE|SET NULL))?)/g, '$1 DEFERRABLE INITIALLY DEFERRED');
    }
    out.push(s);
  }
  out.push(
    `CREATE TABLE IF NOT EXISTS ${DS}workbench_documents (document_id INTEGER PRIMARY KEY REFERENCES ${DS}documents(id) ON DELETE CASCADE${dialect === 'postgres' ? ' DEFERRABLE INITIALLY DEFERRED' : ''}, round_id TEXT NOT NULL, plan_id TEXT, base_id TEXT, version INTEGER NOT NULL)`,
    `CREATE INDEX IF NOT EXISTS ${DS}workbench_documents_plan ON ${DS}workbench_documents(plan_id)`,
  );
  return out;
}

type AnyDb = Kysely<any>;

interface PlanPick {
  id: string;
  round_id: string;
  name: string;
  version: number;
  sha256: string;
  format: string;
  base_version: number | null;
  analysed_at: string | null;
  diff_json: string | null;
  doc_json: string | null;
}

export interface DatasetOptions {
  /** the SQLite file (SQLite only): the tables are then copied by SQLite itself through a second connection */
  file?: string;
  /** run the full refresh in a worker thread with its own connection (SQLite with `file`; the server does) */
  worker?: boolean;
  /** read a stored file into documents (the base, a plan stored before doc_json existed) */
  readDocs(buf: Buffer, name: string): Promise<Doc[]>;
  log?: (msg: string) => void;
}

/**
 * Keeps the ds_ tables current. `schedule(kind)` coalesces requests (a drained queue asks for 'full', a
 * verdict for 'verdicts'); `flush()` runs what is pending now and resolves when the tables are current.
 */
export class WorkbenchDataset {
  private pending: 'full' | 'verdicts' | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private closed = false;
  private baseDocs = new Map<string, Doc[]>();

  constructor(
    private db: Db,
    private dialect: Dialect,
    private opts: DatasetOptions,
  ) {}

  private get k(): AnyDb {
    return this.db as unknown as AnyDb;
  }

  schedule(kind: 'full' | 'verdicts', delayMs = 1000): void {
    if (this.closed) return;
    this.pending = this.pending === 'full' || kind === 'full' ? 'full' : 'verdicts';
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), delayMs);
    this.timer.unref?.();
  }

  /** Run the pending refresh now (a full one when `force`); resolves when done. */
  flush(force: 'full' | 'verdicts' | null = null): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const kind = force === 'full' || this.pending === 'full' ? 'full' : force ?? this.pending;
    this.pending = null;
    if (!kind) return this.running;
    this.running = this.running
      .then(() => (kind === 'full' ? (this.opts.worker && this.opts.file && this.dialect === 'sqlite' ? this.refreshInWorker() : this.refreshIfStale()) : this.refreshVerdicts()))
      .catch((e) => this.opts.log?.(`dataset: ${e instanceof Error ? e.stack : e}`));
    return this.running;
  }

  /** refreshIfStale on a worker thread (its own connection to the SQLite file): the server's thread stays free. */
  private refreshInWorker(): Promise<void> {
    return new Promise((resolve, reject) => {
      const w = new Worker(SHIM, { workerData: { entry: WORKER_ENTRY, preload: false, file: this.opts.file } });
      let answered = false;
      w.on('message', (m: { ok: boolean; logs: string[]; error?: string }) => {
        answered = true;
        for (const l of m.logs) this.opts.log?.(l);
        if (m.ok) resolve();
        else reject(new Error(m.error));
      });
      w.on('error', reject);
      w.on('exit', (code) => {
        if (!answered) reject(new Error(`dataset worker exited with ${code}`));
      });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** A stamp of what the dataset is made of: analysed plans and bases. */
  private async stamp(): Promise<string> {
    const ps = await this.k.selectFrom('plans').select(['id', 'analysed_at', 'base_version']).where('status', '=', 'done').orderBy('id').execute();
    const bs = await this.k.selectFrom('bases').select(['id']).orderBy('id').execute();
    return fingerprint(JSON.stringify([ps, bs]));
  }

  private async baseDocsOf(sha: string, name: string): Promise<Doc[]> {
    let d = this.baseDocs.get(sha);
    if (!d) {
      const blob = await this.k.selectFrom('blobs').select('data').where('sha256', '=', sha).executeTakeFirstOrThrow();
      d = await this.opts.readDocs(Buffer.from(blob.data), name);
      this.baseDocs.set(sha, d);
    }
    return d;
  }

  /** The analysis the dataset is made from: every analysed plan (not duplicates) and its base. */
  async analysis(): Promise<{ a: Analysis; links: { file: string; index: number; round_id: string; plan_id: string | null; base_id: string | null; version: number }[] }> {
    const rounds = new Map((await this.k.selectFrom('rounds').select(['id', 'title']).execute()).map((r: { id: string; title: string }) => [r.id, r.title]));
    const bases = (await this.k.selectFrom('bases').select(['id', 'round_id', 'version', 'sha256', 'name']).execute()) as { id: string; round_id: string; version: number; sha256: string; name: string }[];
    const plans = (await this.k
      .selectFrom('plans')
      .select(['id', 'round_id', 'name', 'version', 'sha256', 'format', 'base_version', 'analysed_at', 'diff_json', 'doc_json'])
      .where('status', '=', 'done')
      .where('duplicate_of', 'is', null)
      .orderBy('uploaded_at')
      .execute()) as PlanPick[];
    const used = new Set<string>();
    const unique = (name: string, id: string) => {
      const n = used.has(name) ? `${name} [${id.slice(0, 8)}]` : name;
      used.add(n);
      return n;
    };
    const docs: Doc[] = [];
    const diffs: DiffResult[] = [];
    const links: Awaited<ReturnType<WorkbenchDataset['analysis']>>['links'] = [];
    const baseFile = new Map<string, string>(); // base id → its dataset file name
    const addBase = async (b: (typeof bases)[number], index: number): Promise<string | null> => {
      const key = `${b.id}#${index}`;
      if (baseFile.has(key)) return baseFile.get(key)!;
      const doc = (await this.baseDocsOf(b.sha256, b.name)).find((d) => d.source.index === index);
      if (!doc) return null;
      const file = unique(`${rounds.get(b.round_id) ?? b.round_id} / ${b.name}${b.version > 1 ? ` (văn bản gốc, bản ${b.version})` : ' (văn bản gốc)'}`, b.id);
      docs.push({ ...doc, source: { ...doc.source, file } });
      links.push({ file, index, round_id: b.round_id, plan_id: null, base_id: b.id, version: b.version });
      baseFile.set(key, file);
      return file;
    };
    for (const p of plans) {
      if (!p.diff_json) continue;
      const diff = JSON.parse(p.diff_json) as DiffResult;
      let doc: Doc | undefined = p.doc_json ? (JSON.parse(p.doc_json) as Doc) : undefined;
      if (!doc) {
        const blob = await this.k.selectFrom('blobs').select('data').where('sha256', '=', p.sha256).executeTakeFirst();
        doc = blob ? (await this.opts.readDocs(Buffer.from(blob.data), `plan.${p.format}`)).find((d) => d.source.index === diff.plan.index) : undefined;
      }
      const b = bases.find((x) => x.round_id === p.round_id && x.version === p.base_version);
      if (!doc || !b) continue;
      const bf = await addBase(b, diff.base.index);
      if (!bf) continue;
      const file = unique(`${rounds.get(p.round_id) ?? p.round_id} / ${p.name}${p.version > 1 ? ` (bản ${p.version})` : ''}`, p.id);
      docs.push({ ...doc, source: { ...doc.source, file } });
      diffs.push({ ...diff, plan: { ...diff.plan, file, index: doc.source.index }, base: { ...diff.base, file: bf } });
      links.push({ file, index: doc.source.index, round_id: p.round_id, plan_id: p.id, base_id: null, version: p.version });
    }
    // every round's current base, also when none of its plans is analysed yet
    for (const [rid] of rounds) {
      const cur = bases.filter((b) => b.round_id === rid).sort((x, y) => y.version - x.version)[0];
      if (cur && ![...baseFile.keys()].some((k) => k.startsWith(`${cur.id}#`))) {
        const ds = await this.baseDocsOf(cur.sha256, cur.name);
        const { pickBase } = await import('../batch/hooks/diff.js');
        if (ds.length) await addBase(cur, pickBase(ds).source.index);
      }
    }
    docs.sort((x, y) => (x.source.file < y.source.file ? -1 : x.source.file > y.source.file ? 1 : x.source.index - y.source.index));
    const index = buildIndex(docs).value;
    return { a: { docs, diffs, index, failures: [] }, links };
  }

  /** Rebuild every ds_ table (one transaction), then the verdicts. */
  async refreshAll(): Promise<void> {
    if (this.closed) return;
    const t0 = performance.now();
    const stamp = await this.stamp();
    const { a, links } = await this.analysis();
    const mem = new Database(':memory:');
    try {
      fillDataset(mem, a, { generator: 'rasoat serve' });
      const docId = new Map((mem.prepare('SELECT id, file, idx FROM documents').all() as { id: number; file: string; idx: number }[]).map((r) => [`${r.file}#${r.idx}`, r.id]));
      const linkRows = links.filter((l) => docId.has(`${l.file}#${l.index}`)).map((l) => ({ document_id: docId.get(`${l.file}#${l.index}`)!, round_id: l.round_id, plan_id: l.plan_id, base_id: l.base_id, version: l.version }));
      if (this.dialect === 'sqlite' && this.opts.file) {
        // SQLite copies the tables itself (INSERT … SELECT from the attached file) on a second connection: the
        // workbench's own connection keeps answering reads meanwhile (WAL), and the copy takes a fraction of a second
        mem.pragma('busy_timeout = 30000');
        mem.prepare('ATTACH DATABASE ? AS wb').run(this.opts.file);
        try {
          mem.transaction(() => {
            mem.pragma('defer_foreign_keys = ON');
            mem.exec(`DELETE FROM wb.${DS}workbench_documents`);
            for (const t of [...DATASET_TABLES].reverse()) mem.exec(`DELETE FROM wb.${DS}${t}`);
            for (const t of DATASET_TABLES) {
              if (t === 'verdicts') continue;
              mem.exec(t === 'clauses_fts' ? `INSERT INTO wb.${DS}clauses_fts (rowid, text) SELECT rowid, text FROM main.clauses_fts` : `INSERT INTO wb.${DS}${t} SELECT * FROM main.${t}`);
            }
            const ins = mem.prepare(`INSERT INTO wb.${DS}workbench_documents (document_id, round_id, plan_id, base_id, version) VALUES (@document_id, @round_id, @plan_id, @base_id, @version)`);
            for (const r of linkRows) ins.run(r);
            mem.prepare("INSERT INTO wb.settings (key, value) VALUES ('dataset_stamp', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(stamp);
          }).immediate();
        } finally {
          mem.exec('DETACH DATABASE wb');
        }
        await this.refreshVerdicts();
        this.opts.log?.(`dataset: ${a.docs.length} documents, ${a.diffs.length} plans refreshed in ${Math.round(performance.now() - t0)} ms`);
        return;
      }
      await this.k.transaction().execute(async (tx) => {
        if (this.dialect === 'sqlite') await sql`PRAGMA defer_foreign_keys = ON`.execute(tx);
        await tx.deleteFrom(`${DS}workbench_documents`).execute();
        for (const t of [...DATASET_TABLES].reverse()) await tx.deleteFrom(`${DS}${t}`).execute();
        for (const t of DATASET_TABLES) {
          if (t === 'verdicts') continue;
          let rows = mem.prepare(t === 'clauses_fts' ? 'SELECT rowid, text FROM clauses_fts' : `SELECT * FROM ${t}`).all() as Record<string, unknown>[];
          if (t === 'clauses_fts' && this.dialect === 'postgres') rows = rows.map((r) => ({ rowid: r.rowid, text: pgFold(String(r.text)) }));
          await insertRows(tx, `${DS}${t}`, rows);
        }
        await insertRows(tx, `${DS}workbench_documents`, linkRows);
        await this.writeVerdicts(tx);
        await upsertSetting(tx, this.dialect, 'dataset_stamp', stamp);
      });
      this.opts.log?.(`dataset: ${a.docs.length} documents, ${a.diffs.length} plans refreshed in ${Math.round(performance.now() - t0)} ms`);
    } finally {
      mem.close();
    }
  }

  /** Rewrite ds_verdicts from the workbench's verdicts (every row of their history). */
  async refreshVerdicts(): Promise<void> {
    if (this.closed) return;
    await this.k.transaction().execute(async (tx) => this.writeVerdicts(tx));
  }

  /** A full refresh when what the dataset is made of changed since the last one, else the verdicts. */
  async refreshIfStale(): Promise<void> {
    if (this.closed) return;
    const s = await this.k.selectFrom('settings').select('value').where('key', '=', 'dataset_stamp').executeTakeFirst();
    if (s?.value !== (await this.stamp())) await this.refreshAll();
    else await this.refreshVerdicts();
  }

  private async writeVerdicts(tx: AnyDb): Promise<void> {
    await tx.deleteFrom(`${DS}verdicts`).execute();
    const reqs = await sql<{ plan_id: string; req_id: string; id: number }>`
      SELECT w.plan_id, q.req_id, r.id FROM ${sql.table(`${DS}workbench_documents`)} w
      JOIN ${sql.table(`${DS}diffs`)} d ON d.plan_document_id = w.document_id
      JOIN ${sql.table(`${DS}diff_results`)} r ON r.diff_id = d.id
      JOIN ${sql.table(`${DS}requirements`)} q ON q.id = r.requirement_id`.execute(tx);
    const adds = await sql<{ plan_id: string; text: string; id: number }>`
      SELECT w.plan_id, a.text, a.id FROM ${sql.table(`${DS}workbench_documents`)} w
      JOIN ${sql.table(`${DS}diffs`)} d ON d.plan_document_id = w.document_id
      JOIN ${sql.table(`${DS}additions`)} a ON a.diff_id = d.id`.execute(tx);
    const result = new Map(reqs.rows.map((r) => [`${r.plan_id}|${r.req_id}`, Number(r.id)]));
    const addition = new Map(adds.rows.map((r) => [`${r.plan_id}|add:${fingerprint(r.text)}`, Number(r.id)]));
    const vs = await tx.selectFrom('verdicts').selectAll().orderBy('id').execute();
    const rows: Record<string, unknown>[] = [];
    for (const v of vs) {
      const k = `${v.plan_id}|${v.finding_key}`;
      const diff_result_id = result.get(k) ?? null;
      const addition_id = addition.get(k) ?? null;
      if (diff_result_id === null && addition_id === null) continue; // a plan that is no longer in the dataset
      rows.push({ id: v.id, diff_result_id, addition_id, verdict: v.decision, reason: v.reason, link_path: v.link_path, note: v.note, author: v.user_name, created_at: v.created_at, base_fp: v.base_fp, plan_fp: v.plan_fp });
    }
    await insertRows(tx, `${DS}verdicts`, rows);
  }
}

async function insertRows(tx: AnyDb, table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (!rows.length) return;
  const per = Math.max(1, Math.floor(30_000 / Object.keys(rows[0]).length));
  for (let i = 0; i < rows.length; i += per) await tx.insertInto(table).values(rows.slice(i, i + per)).execute();
}

async function upsertSetting(tx: AnyDb, _dialect: Dialect, key: string, value: string): Promise<void> {
  await tx.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}
