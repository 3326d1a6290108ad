/**
 * Two writers on the workbench's SQLite file: the dataset refresh runs in a worker thread on its own
 * connection while uploads are stored on the server's. A deferred transaction that reads before it writes
 * (addPlan: is this blob known? is this a duplicate?) cannot upgrade to a write once the other connection has
 * committed since its read (SQLITE_BUSY_SNAPSHOT, which busy_timeout does not retry) — in CI this lost an
 * upload. Write transactions start IMMEDIATE, so they wait for the lock instead.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import * as store from '../src/serve/store.js';
const require = createRequire(import.meta.url);
import { BASE_FILE, PLAN_FILES, tempDb, type TempDb } from './helpers/serve-fixture.js';

describe('SQLite workbench with a second writer (the dataset worker)', () => {
  let t: TempDb;
  afterAll(async () => t?.drop());

  it('stores every upload while another connection keeps committing', async () => {
    t = await tempDb('sqlite');
    const o = await t.open();
    try {
      const round = await store.createRound(o.db, 'r', null, { buf: readFileSync(BASE_FILE), name: path.basename(BASE_FILE), format: 'txt' }, null);
      // the other writer on its own thread, as the dataset worker: short write transactions, back to back
      const churn = new Worker(
        `const { parentPort, workerData } = require('node:worker_threads');
         const Database = require(workerData.mod);
         const db = new Database(workerData.file);
         db.pragma('busy_timeout = 10000');
         db.exec('CREATE TABLE IF NOT EXISTS churn (n INTEGER)');
         let n = 0, stop = false;
         parentPort.on('message', () => { stop = true; });
         const tick = () => {
           if (stop) { db.close(); parentPort.postMessage(n); return; }
           db.transaction(() => db.prepare('INSERT INTO churn (n) VALUES (?)').run(n++))();
           setImmediate(tick);
         };
         parentPort.postMessage('ready');
         tick();`,
        { eval: true, workerData: { file: t.target, mod: require.resolve('better-sqlite3') } },
      );
      await new Promise((r) => churn.once('message', r));
      const files = [];
      for (let i = 0; i < 40; i++) files.push(Buffer.concat([readFileSync(PLAN_FILES[i % PLAN_FILES.length]), Buffer.from(`\n${i}\n`)]));
      const results = await Promise.allSettled(files.map((buf, i) => store.addPlan(o.db, round.id, { buf, name: `p${i}.txt`, format: 'txt' }, null)));
      const done = new Promise<number>((r) => churn.once('message', r));
      churn.postMessage('stop');
      const commits = await done;
      await churn.terminate();
      const failed = results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason));
      expect(failed).toEqual([]);
      expect(commits).toBeGreaterThan(0);
      expect((await store.listPlans(o.db, round.id)).length).toBe(40);
    } finally {
      await o.close();
    }
  });
});
