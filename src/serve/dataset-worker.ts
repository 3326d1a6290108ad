/**
 * The dataset's full refresh of a SQLite workbench off the server's thread: this worker opens its own
 * connection to the database file and runs WorkbenchDataset.refreshIfStale there (reading the plans,
 * building the analysis, filling the tables), so that the pages keep answering while 60 plans' documents
 * are parsed and copied. Started through src/batch/shim.mjs (tsx under src/, plain JS in dist/).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Kysely, SqliteDialect } from 'kysely';
import Database from 'better-sqlite3';
import { immediateTransactions, type Schema } from './db.js';
import { WorkbenchDataset } from './dataset.js';

const { file } = workerData as { file: string };
const sqlite = new Database(file);
sqlite.pragma('busy_timeout = 30000');
sqlite.pragma('foreign_keys = ON');
const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: immediateTransactions(sqlite) }) });
const logs: string[] = [];
const ds = new WorkbenchDataset(db, 'sqlite', {
  file,
  readDocs: async (buf, name) => (await (await import('../pipeline.js')).processBuffer(buf, name)).docs,
  log: (m) => logs.push(m),
});
try {
  await ds.refreshIfStale();
  parentPort!.postMessage({ ok: true, logs });
} catch (e) {
  parentPort!.postMessage({ ok: false, logs, error: e instanceof Error ? e.stack ?? e.message : String(e) });
} finally {
  await db.destroy();
}
