/**
 * Workbench security: accounts (scrypt hashes, HttpOnly SameSite cookie), 401 for
 * anonymous API calls, per-round authorisation, CSRF on every change, upload limits and
 * type by content with clear Vietnamese messages, file names never used as paths,
 * document text rendered as text, strict CSP, Host check without accounts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, hashPassword, verifyPassword } from '../src/serve/auth.js';
import type { Workbench } from '../src/serve/app.js';
import type { OpenDb } from '../src/serve/db.js';
import { BASE_FILE, Client, PLAN_FILES, file, startApp, tempDb, waitAnalysed, type TempDb } from './helpers/serve-fixture.js';
import { IMG, SCRIPT, injectionCorpus } from './helpers/report-fixture.js';

const PW = 'mật-khẩu-đủ-dài-1';

describe('password hashing', () => {
  it('uses scrypt with a salt and verifies only the right password', async () => {
    const h = await hashPassword(PW);
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(h).not.toBe(await hashPassword(PW));
    expect(await verifyPassword(PW, h)).toBe(true);
    expect(await verifyPassword(PW + 'x', h)).toBe(false);
  });
});

describe('workbench with accounts', () => {
  let t: TempDb;
  let wb: Workbench;
  let store: OpenDb;
  let alice: Client;
  let bob: Client;
  let roundId = '';
  let planId = '';
  let injId = '';

  beforeAll(async () => {
    t = await tempDb('sqlite');
    ({ wb, store } = await startApp(t, { accounts: true, maxBytes: 200_000 }));
    await addUser(store.db, 'alice', PW);
    await addUser(store.db, 'bob', PW);
    alice = new Client(wb);
    bob = new Client(wb);
  });
  afterAll(async () => {
    await wb?.close();
    await store?.close();
    await t?.drop();
  });

  it('answers 401 to anonymous API requests and sends pages to the login', async () => {
    const anon = new Client(wb);
    for (const u of ['/api/rounds', '/api/me', '/api/rounds/x/plans', '/api/plans/x']) expect((await anon.get(u)).statusCode).toBe(401);
    const r = await anon.get('/');
    expect(r.statusCode).toBe(302);
    expect(r.headers.location).toBe('/login');
    expect((await anon.get('/login')).statusCode).toBe(200);
    expect((await anon.upload('/api/rounds', [{ name: 'title', value: 'x' }])).statusCode).toBe(401);
  });

  it('logs in with the right password only; the session cookie is HttpOnly and SameSite=Strict', async () => {
    expect((await alice.post('/api/login', { name: 'alice', password: 'sai-mat-khau-1234' })).statusCode).toBe(401);
    expect((await alice.post('/api/login', { name: 'nobody', password: PW })).statusCode).toBe(401);
    const r = await alice.post('/api/login', { name: 'alice', password: PW });
    expect(r.statusCode).toBe(200);
    const setCookie = ([] as string[]).concat(r.headers['set-cookie'] as string[]).find((c) => c.startsWith('rasoat_session='))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect((await bob.post('/api/login', { name: 'bob', password: PW })).statusCode).toBe(200);
    const row = await store.db.selectFrom('users').select('pw_hash').where('name', '=', 'alice').executeTakeFirstOrThrow();
    expect(row.pw_hash).not.toContain(PW);
  });

  it('refuses a change without the CSRF token, or with another session’s token', async () => {
    const noToken = await alice.req('POST', '/api/rounds', { json: {}, csrf: false });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error).toMatch(/CSRF/);
    const saved = alice.csrf;
    alice.csrf = bob.csrf || (await bob.token(), bob.csrf);
    const cookies = new Map(alice.cookies);
    alice.cookies.delete('_csrf');
    const r = await alice.req('POST', '/api/logout', { json: {} });
    expect(r.statusCode).toBe(403);
    alice.cookies = cookies;
    alice.csrf = saved;
  });

  it('lets only the round’s members read or change it', async () => {
    const r = await alice.upload('/api/rounds', [{ name: 'title', value: 'Đợt của Alice' }, { ...file(BASE_FILE), name: 'base' }]);
    expect(r.statusCode).toBe(201);
    roundId = r.json().round.id;
    const up = await alice.upload(`/api/rounds/${roundId}/plans`, [file(PLAN_FILES[0])]);
    planId = up.json().accepted[0].id;
    await waitAnalysed(alice, roundId);
    expect((await bob.get('/api/rounds')).json().rounds).toHaveLength(0);
    for (const u of [`/api/rounds/${roundId}`, `/api/rounds/${roundId}/plans`, `/api/plans/${planId}`, `/api/rounds/${roundId}/checklist.xlsx`, `/api/rounds/${roundId}/verdicts`, `/plans/${planId}`, `/rounds/${roundId}`])
      expect((await bob.get(u)).statusCode, u).toBe(403);
    expect((await bob.post(`/api/plans/${planId}/verdicts`, { key: '9#1', decision: 'agree' })).statusCode).toBe(403);
    expect((await bob.upload(`/api/rounds/${roundId}/plans`, [file(PLAN_FILES[1])])).statusCode).toBe(403);
    // once added as a member, Bob may
    expect((await alice.post(`/api/rounds/${roundId}/members`, { user: 'bob' })).statusCode).toBe(200);
    expect((await bob.get(`/api/plans/${planId}`)).statusCode).toBe(200);
    const v = await bob.post(`/api/plans/${planId}/verdicts`, { key: '9#1', decision: 'agree' });
    expect(v.statusCode).toBe(201);
    expect(v.json().verdict.user_name).toBe('bob');
  });

  it('refuses oversized, mislabelled and binary uploads with a clear message; file names never become paths', async () => {
    const big = await alice.upload(`/api/rounds/${roundId}/plans`, [{ name: 'file', filename: 'lon.txt', data: Buffer.alloc(300_000, 'a') }]);
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toMatch(/giới hạn/);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 1)]);
    const mis = await alice.upload(`/api/rounds/${roundId}/plans`, [{ name: 'file', filename: 'ke-hoach.docx', data: png }]);
    expect(mis.statusCode).toBe(415);
    expect(mis.json().error).toMatch(/ke-hoach\.docx.*không phải văn bản, DOCX hay PDF.*PNG/);
    const txtAsPdf = await alice.upload(`/api/rounds/${roundId}/plans`, [{ name: 'file', filename: 'ke-hoach.pdf', data: readFileSync(PLAN_FILES[0]) }]);
    expect(txtAsPdf.statusCode).toBe(415);
    expect(txtAsPdf.json().error).toMatch(/đuôi \.pdf nhưng nội dung là văn bản thuần/);
    const exe = await alice.upload(`/api/rounds/${roundId}/plans`, [{ name: 'file', filename: 'x.exe', data: readFileSync(PLAN_FILES[0]) }]);
    expect(exe.statusCode).toBe(415);
    const evil = await alice.upload(`/api/rounds/${roundId}/plans`, [{ name: 'file', filename: '../../../../tmp/evil\u0000.txt', data: readFileSync(PLAN_FILES[1]) }]);
    expect(evil.statusCode).toBe(201);
    expect(evil.json().accepted[0].name).toBe('evil.txt');
    await waitAnalysed(alice, roundId);
    const files = readdirSync(path.join(t.dir, 'work', 'files'));
    expect(files.every((f) => /^[0-9a-f]{64}\.(txt|docx|pdf)$/.test(f))).toBe(true);
  });

  it('renders document text as text, with a strict CSP', async () => {
    const dir = injectionCorpus();
    const up = await alice.upload(`/api/rounds/${roundId}/plans`, [{ name: 'file', filename: `ke-hoach-${IMG}.txt`, data: readFileSync(path.join(dir, 'ke-hoach-injection.txt')) }]);
    expect(up.statusCode).toBe(201);
    injId = up.json().accepted[0].id;
    const all = await waitAnalysed(alice, roundId);
    expect(all.find((p) => p.id === injId).status).toBe('done');
    for (const u of [`/plans/${injId}`, `/rounds/${roundId}`, `/rounds/${roundId}/overview`, `/rounds/${roundId}/print`, `/plans/${injId}/letter`]) {
      const r = await alice.get(u);
      expect(r.statusCode, u).toBe(200);
      expect(r.body, u).not.toContain(SCRIPT);
      expect(r.body, u).not.toContain('<img src=x');
      expect(r.headers['content-security-policy']).toMatch(/default-src 'none'; script-src 'self'/);
    }
    expect((await alice.get(`/plans/${injId}`)).body).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
  });
});

describe('workbench without accounts', () => {
  let t: TempDb;
  let wb: Workbench;
  let store: OpenDb;
  beforeAll(async () => {
    t = await tempDb('sqlite');
    ({ wb, store } = await startApp(t));
  });
  afterAll(async () => {
    await wb?.close();
    await store?.close();
    await t?.drop();
  });

  it('serves this machine only (Host checked against DNS rebinding) and still requires CSRF tokens', async () => {
    expect(wb.accounts).toBe(false);
    expect((await new Client(wb).get('/api/rounds')).statusCode).toBe(200);
    expect((await new Client(wb, 'evil.example:8080').get('/api/rounds')).statusCode).toBe(403);
    expect((await new Client(wb).req('POST', '/api/rounds', { json: {}, csrf: false })).statusCode).toBe(403);
  });

  it('requires accounts when bound to another address', async () => {
    const t2 = await tempDb('sqlite');
    const { wb: wb2, store: s2 } = await startApp(t2, { host: '0.0.0.0' });
    expect(wb2.accounts).toBe(true);
    expect((await new Client(wb2, '10.0.0.5:8080').get('/api/rounds')).statusCode).toBe(401);
    await wb2.close();
    await s2.close();
    await t2.drop();
  });
});
