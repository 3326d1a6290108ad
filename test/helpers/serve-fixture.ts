/**
 * Workbench test helpers: a temporary database (SQLite file, or a fresh PostgreSQL
 * database on the server named by RASOAT_TEST_PG), the app in-process, multipart bodies.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { buildApp, type ServeOptions, type Workbench } from '../../src/serve/app.js';
import { openDb, type OpenDb } from '../../src/serve/db.js';
import { ROOT } from './report-fixture.js';

export const PG_URL = process.env.RASOAT_TEST_PG ?? '';
export const CORPUS = path.join(ROOT, 'corpus');
export const BASE_FILE = path.join(CORPUS, 'tap-doan-cnnl-ke-hoach-va-chi-thi-50-CT-TW.txt');
export const PLAN_FILES = [
  path.join(CORPUS, 'tinh-uy-ke-hoach-thuc-hien-chi-thi-50.txt'),
  path.join(CORPUS, 'thanh-uy-hai-phong-ke-hoach-thuc-hien-chi-thi-50.txt'),
  path.join(CORPUS, 'tap-doan-cnnl-ke-hoach-va-chi-thi-50-CT-TW.txt'),
];

/** The database kinds the suite runs on: SQLite always, PostgreSQL when RASOAT_TEST_PG is set. */
export const DB_KINDS: { kind: 'sqlite' | 'postgres'; skip: boolean; label: string }[] = [
  { kind: 'sqlite', skip: false, label: 'SQLite' },
  { kind: 'postgres', skip: !PG_URL, label: PG_URL ? 'PostgreSQL' : 'PostgreSQL — SKIPPED: set RASOAT_TEST_PG=postgres://… (.ci/run starts a local server)' },
];

export interface TempDb {
  target: string;
  dir: string;
  open(): Promise<OpenDb>;
  drop(): Promise<void>;
}

export async function tempDb(kind: 'sqlite' | 'postgres'): Promise<TempDb> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rasoat-serve-'));
  if (kind === 'sqlite') {
    const target = path.join(dir, 'wb.sqlite');
    return { target, dir, open: () => openDb(target), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const pg = (await import('pg')).default;
  const name = `rasoat_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  const target = u.toString();
  return {
    target,
    dir,
    open: () => openDb(target),
    async drop() {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startApp(t: TempDb, o: Partial<ServeOptions> = {}): Promise<{ wb: Workbench; store: OpenDb }> {
  const store = await t.open();
  const wb = await buildApp({ store, workDir: path.join(t.dir, 'work'), workers: 1, ...o });
  return { wb, store };
}

export interface Part {
  name: string;
  value?: string;
  filename?: string;
  data?: Buffer;
  type?: string;
}

export function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----rasoat${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if (p.filename !== undefined) {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`));
      chunks.push(p.data ?? Buffer.alloc(0));
    } else chunks.push(Buffer.from(`Content-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value ?? ''}`));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const file = (f: string): Part => ({ name: 'file', filename: path.basename(f), data: readFileSync(f) });

/** A session with the app through inject: keeps cookies, sends the CSRF token on changes. */
export class Client {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(
    private wb: Workbench,
    private host = '127.0.0.1:8080',
  ) {}
  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async req(method: string, url: string, o: { json?: unknown; payload?: Buffer; headers?: Record<string, string>; csrf?: boolean } = {}) {
    if (o.csrf !== false && method !== 'GET' && !this.csrf) await this.token();
    const headers: Record<string, string> = { host: this.host, ...(o.headers ?? {}) };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    if (o.csrf !== false && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    const r = await this.wb.app.inject({ method: method as 'GET', url, headers, payload: o.json !== undefined ? (o.json as object) : o.payload });
    for (const c of r.cookies) this.cookies.set(c.name, c.value);
    return r;
  }
  async token() {
    const r = await this.req('GET', '/api/csrf');
    this.csrf = r.json().token;
  }
  get(url: string) {
    return this.req('GET', url);
  }
  post(url: string, json: unknown) {
    return this.req('POST', url, { json });
  }
  upload(url: string, parts: Part[], csrf = true) {
    const m = multipart(parts);
    return this.req('POST', url, { payload: m.payload, headers: m.headers, csrf });
  }
}

export async function waitAnalysed(c: Client, roundId: string, timeoutMs = 120_000): Promise<any[]> {
  const t0 = Date.now();
  for (;;) {
    const plans = (await c.get(`/api/rounds/${roundId}/plans`)).json().plans as any[];
    if (plans.length && plans.every((p) => p.status === 'done' || p.status === 'failed')) return plans;
    if (Date.now() - t0 > timeoutMs) throw new Error(`analysis not finished: ${plans.map((p) => p.status).join(',')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The workbench of one `describe` block: the database, the app and a client, and a restart on the same database. */
export interface WorkbenchFixture {
  t: TempDb;
  wb: Workbench;
  store: OpenDb;
  c: Client;
  /** close the app and its database, then open both again on the same database (a new client) */
  restart(): Promise<void>;
}

/**
 * The setup every workbench test file shares: a temporary database of `kind` and the app on it, started
 * before the block's tests and closed (the database dropped) after them. Read the fields inside tests.
 */
export function useWorkbench(kind: 'sqlite' | 'postgres', o: Partial<ServeOptions> = {}): WorkbenchFixture {
  const fx = {
    async restart() {
      await fx.wb.close();
      await fx.store.close();
      ({ wb: fx.wb, store: fx.store } = await startApp(fx.t, o));
      fx.c = new Client(fx.wb);
    },
  } as WorkbenchFixture;
  beforeAll(async () => {
    fx.t = await tempDb(kind);
    ({ wb: fx.wb, store: fx.store } = await startApp(fx.t, o));
    fx.c = new Client(fx.wb);
  });
  afterAll(async () => {
    await fx.wb?.close();
    await fx.store?.close();
    await fx.t?.drop();
  });
  return fx;
}
