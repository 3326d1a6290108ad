/**
 * The workbench database: one Kysely data-access layer over an embedded SQLite file
 * (better-sqlite3, WAL, the default) or a PostgreSQL server (`--db postgres://…`).
 * Migrations are versioned (src/serve/migrations.ts) and applied on open.
 */
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Generated, type Migration, type MigrationProvider } from 'kysely';
import { MIGRATIONS } from './migrations.js';

export interface UserRow {
  id: string;
  name: string;
  pw_hash: string;
  admin: number;
  created_at: string;
}
export interface SessionRow {
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}
export interface SettingRow {
  key: string;
  value: string;
}
export interface RoundRow {
  id: string;
  title: string;
  due_date: string | null;
  base_version: number;
  created_by: string | null;
  created_at: string;
}
export interface RoundMemberRow {
  round_id: string;
  user_id: string;
}
export interface BlobRow {
  sha256: string;
  data: Buffer;
  size: number;
}
export interface BaseRow {
  id: string;
  round_id: string;
  version: number;
  sha256: string;
  name: string;
  format: string;
  symbol: string | null;
  title: string | null;
  /** the base document's metadata (kind, symbol, date, issuer, title) as JSON */
  meta_json: string | null;
  created_at: string;
}
export interface PlanRow {
  id: string;
  round_id: string;
  series_id: string;
  version: number;
  /** the uploaded file's name, for display only (never a file-system path) */
  name: string;
  sha256: string;
  size: number;
  format: string;
  /** queued | analysing | done | failed */
  status: string;
  fail_code: string | null;
  fail_reason: string | null;
  attempts: number;
  /** 1 when the series was chosen by the user at upload (no automatic revision matching) */
  series_fixed: number;
  duplicate_of: string | null;
  issuer: string | null;
  symbol: string | null;
  date: string | null;
  title: string | null;
  kind: string | null;
  level: string | null;
  text_fp: string | null;
  diff_json: string | null;
  segments_json: string | null;
  /** the plan's Doc as JSON (for the dataset tables) */
  doc_json: string | null;
  /** {issuer, symbol, date} typed by a reviewer (JSON), shown before the extracted ones */
  given_meta: string | null;
  base_version: number | null;
  uploaded_by: string | null;
  uploaded_at: string;
  analysed_at: string | null;
}
export interface VerdictRow {
  id: Generated<number>;
  round_id: string;
  series_id: string;
  finding_key: string;
  plan_id: string;
  /** agree | disagree | not-applicable | link | null (a note only) */
  decision: string | null;
  reason: string | null;
  note: string | null;
  link_path: string | null;
  link_text: string | null;
  base_fp: string;
  plan_fp: string;
  user_name: string;
  created_at: string;
}
export interface LetterRow {
  id: string;
  round_id: string;
  series_id: string;
  plan_id: string;
  draft_json: string;
  created_at: string;
  updated_at: string;
  exported_at: string | null;
}

export interface Schema {
  users: UserRow;
  sessions: SessionRow;
  settings: SettingRow;
  rounds: RoundRow;
  round_members: RoundMemberRow;
  blobs: BlobRow;
  bases: BaseRow;
  plans: PlanRow;
  verdicts: VerdictRow;
  letters: LetterRow;
}

export type Db = Kysely<Schema>;
export type Dialect = 'sqlite' | 'postgres';

export interface OpenDb {
  db: Db;
  dialect: Dialect;
  /** where the data lives (file path or the URL without password) */
  location: string;
  close(): Promise<void>;
}

/** Default database file: $RASOAT_DATA or ~/.local/share/rasoat/workbench.sqlite */
export function defaultDbPath(): string {
  const dir = process.env.RASOAT_DATA || path.join(process.env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share'), 'rasoat');
  return path.join(dir, 'workbench.sqlite');
}

export const isPgUrl = (s: string) => /^postgres(?:ql)?:\/\//i.test(s);

export async function openDb(target: string = defaultDbPath()): Promise<OpenDb> {
  let db: Db;
  let dialect: Dialect;
  let location: string;
  if (isPgUrl(target)) {
    const pg = (await import('pg')).default;
    // bigint counts and ids come back as numbers
    pg.types.setTypeParser(20, (v: string) => Number(v));
    const pool = new pg.Pool({ connectionString: target, max: 8 });
    db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
    dialect = 'postgres';
    location = target.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  } else {
    const Database = (await import('better-sqlite3')).default;
    mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
    const sqlite = new Database(target);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 30000');
    db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: immediateTransactions(sqlite) }) });
    dialect = 'sqlite';
    location = path.resolve(target);
  }
  await migrate(db, dialect);
  return { db, dialect, location, close: () => db.destroy() };
}

/**
 * The SQLite file has a second writer (the dataset refresh, in a worker thread on its own connection). A
 * deferred transaction that reads before it writes cannot upgrade to a write once the other connection has
 * committed since its read: SQLite answers SQLITE_BUSY at once, busy_timeout does not retry it, and an upload
 * was lost that way. Kysely begins its transactions with a plain BEGIN; this view of the connection turns it
 * into BEGIN IMMEDIATE, so that a write transaction takes the lock first and waits for it (busy_timeout).
 */
export function immediateTransactions<T extends { prepare(sql: string): unknown }>(sqlite: T): T {
  return new Proxy(sqlite, {
    get(target, key) {
      if (key === 'prepare') return (q: string) => target.prepare(/^\s*begin\s*;?\s*$/i.test(q) ? 'begin immediate' : q);
      const v = Reflect.get(target, key, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

export async function migrate(db: Db, dialect: Dialect): Promise<string[]> {
  const provider: MigrationProvider = {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, m] of Object.entries(MIGRATIONS)) out[name] = { up: (k) => m.up(k, dialect) };
      return out;
    },
  };
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) throw new Error(`database migration failed: ${error instanceof Error ? error.message : String(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export const now = () => new Date().toISOString();
