/**
 * Nothing is lost when the server process is killed (SIGKILL, no shutdown): verdicts
 * acknowledged before the kill are in the SQLite database (WAL, synchronous FULL), and
 * a plan whose analysis was interrupted is analysed again on the next start.
 * Runs the real `rasoat serve` command in a child process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BASE_FILE, PLAN_FILES, multipart, tempDb, type TempDb } from './helpers/serve-fixture.js';
import { ROOT } from './helpers/report-fixture.js';

function startServer(db: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'cli.ts'), 'serve', '--db', db, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const t = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(t);
        resolve({ child, url: m[1] });
      }
    });
    child.stderr!.on('data', (d) => (out += d));
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

class Http {
  cookie = '';
  csrf = '';
  constructor(readonly url: string) {}
  async req(method: string, p: string, body?: Buffer | object, headers: Record<string, string> = {}) {
    if (method !== 'GET' && !this.csrf) this.csrf = (await (await this.req('GET', '/api/csrf')).json()).token;
    const h: Record<string, string> = { ...headers, cookie: this.cookie };
    if (method !== 'GET') h['x-csrf-token'] = this.csrf;
    let payload: Blob | string | undefined;
    if (Buffer.isBuffer(body)) payload = new Blob([new Uint8Array(body)]);
    else if (body) {
      payload = JSON.stringify(body);
      h['content-type'] = 'application/json';
    }
    const r = await fetch(this.url + p, { method, headers: h, body: payload });
    const set = r.headers.getSetCookie();
    if (set.length) this.cookie = [this.cookie, ...set.map((c) => c.split(';')[0])].filter(Boolean).join('; ');
    return r;
  }
  upload(p: string, parts: Parameters<typeof multipart>[0]) {
    const m = multipart(parts);
    return this.req('POST', p, m.payload, m.headers);
  }
}

describe('workbench survives kill -9 (SQLite, WAL)', () => {
  let t: TempDb;
  let child: ChildProcess | undefined;
  afterAll(async () => {
    child?.kill('SIGKILL');
    await t?.drop();
  });

  it('keeps acknowledged verdicts and re-runs an interrupted analysis', async () => {
    t = await tempDb('sqlite');
    let s = await startServer(t.target);
    child = s.child;
    let h = new Http(s.url);
    const r = await h.upload('/api/rounds', [{ name: 'title', value: 'Đợt thử mất điện' }, { name: 'base', filename: 'chi-thi.txt', data: readFileSync(BASE_FILE) }]);
    expect(r.status).toBe(201);
    const roundId = (await r.json()).round.id;
    const up = await h.upload(`/api/rounds/${roundId}/plans`, [{ name: 'file', filename: 'a.txt', data: readFileSync(PLAN_FILES[0]) }]);
    const planId = (await up.json()).accepted[0].id;
    for (let i = 0; i < 1200; i++) {
      const st = (await (await h.req('GET', `/api/plans/${planId}`)).json()).plan.status;
      if (st === 'done') break;
      await new Promise((res) => setTimeout(res, 200));
    }
    const v = await h.req('POST', `/api/plans/${planId}/verdicts`, { key: '9#1', decision: 'not-applicable', reason: 'đã thay thế' });
    expect(v.status).toBe(201);
    // a second plan: killed while it is being analysed (or still queued)
    const up2 = await h.upload(`/api/rounds/${roundId}/plans`, [{ name: 'file', filename: 'b.txt', data: readFileSync(PLAN_FILES[1]) }]);
    expect(up2.status).toBe(201);
    const plan2 = (await up2.json()).accepted[0].id;
    s.child.kill('SIGKILL');
    await new Promise((res) => s.child.once('exit', res));

    s = await startServer(t.target);
    child = s.child;
    h = new Http(s.url);
    const after = await (await h.req('GET', `/api/plans/${planId}`)).json();
    expect(after.findings.find((f: any) => f.key === '9#1').verdict).toMatchObject({ decision: 'not-applicable', reason: 'đã thay thế' });
    let st2 = '';
    for (let i = 0; i < 1200 && st2 !== 'done'; i++) {
      st2 = (await (await h.req('GET', `/api/plans/${plan2}`)).json()).plan.status;
      if (st2 !== 'done') await new Promise((res) => setTimeout(res, 200));
    }
    expect(st2).toBe('done');
    s.child.kill('SIGTERM');
    await new Promise((res) => s.child.once('exit', res));
    child = undefined;
  }, 300_000);
});
