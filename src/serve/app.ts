/**
 * `rasoat serve`: the review workbench on Fastify. Pages and the JSON API under
 * /api/ share the same handlers' data. Security: local-only without login by
 * default (Host checked against DNS rebinding); any other host requires accounts
 * (scrypt, HttpOnly SameSite=Strict session cookie); CSRF token on every change;
 * per-round authorisation; upload limits and type by content; strict CSP.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyMultipart from '@fastify/multipart';
import { z } from 'zod';
import { LetterDraft, letterDocx } from '../report/letter.js';
import { pickBase } from '../batch/hooks/diff.js';
import { Analyzer, failureVi } from './analysis.js';
import { WorkbenchDataset } from './dataset.js';
import { login, logout, sessionUser } from './auth.js';
import type { OpenDb, UserRow } from './db.js';
import { errorPage, letterPage, loginPage, overviewPage, planRow, printPage, reviewPage, roundPage, roundsPage, type PageCtx } from './pages.js';
import { needsReview } from './review.js';
import { letterDraftFor, overview, planLabel, planView, STATUS_VI } from './service.js';
import * as store from './store.js';
import { UPLOAD_LIMITS, UploadRejected, checkUpload, displayName } from './upload.js';
import { checklistXlsx } from './xlsx.js';
import { exportVerdicts, importVerdicts, VerdictExport } from './transfer.js';

const STATIC = path.join(path.dirname(fileURLToPath(import.meta.url)), 'static');
const SESSION_COOKIE = 'rasoat_session';
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export interface ServeOptions {
  store: OpenDb;
  host?: string;
  port?: number;
  /** require accounts even on 127.0.0.1 (always on for other hosts) */
  accounts?: boolean;
  workDir: string;
  workers?: number;
  maxBytes?: number;
  maxFiles?: number;
  logger?: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    user: UserRow | null;
  }
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
export const isLocalHost = (h: string) => LOCAL_HOSTS.has(h);

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface Workbench {
  app: FastifyInstance;
  analyzer: Analyzer;
  /** the research dataset's tables (ds_…) in this database */
  dataset: WorkbenchDataset;
  accounts: boolean;
  close(): Promise<void>;
}

export async function buildApp(o: ServeOptions): Promise<Workbench> {
  const db = o.store.db;
  const host = o.host ?? '127.0.0.1';
  const accounts = o.accounts === true || !isLocalHost(host);
  const maxBytes = o.maxBytes ?? UPLOAD_LIMITS.maxBytes;
  const maxFiles = o.maxFiles ?? UPLOAD_LIMITS.maxFiles;
  const localUser: UserRow = { id: `local:${os.userInfo().username}`, name: os.userInfo().username, pw_hash: '', admin: 1, created_at: '' };
  const log = (m: string) => process.stderr.write(`rasoat serve: ${m}\n`);
  const dataset = new WorkbenchDataset(db, o.store.dialect, {
    file: o.store.dialect === 'sqlite' ? o.store.location : undefined,
    worker: true,
    readDocs: async (buf, name) => (await (await import('../pipeline.js')).processBuffer(buf, name)).docs,
    log,
  });
  // the dataset tables follow the analyses (when the queue drains) and the verdicts
  const analyzer = new Analyzer(db, { workDir: o.workDir, workers: o.workers, log, onIdle: () => dataset.schedule('full') });
  const secret = await store.setting(db, 'cookie-secret', () => randomBytes(32).toString('hex'));

  const app = Fastify({ logger: o.logger ?? false, bodyLimit: 4 * 1024 * 1024, trustProxy: false });
  await app.register(fastifyCookie, { secret });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'strict', path: '/' },
    getToken: (req) => req.headers['x-csrf-token'] as string | undefined,
  });
  await app.register(fastifyMultipart, { limits: { fileSize: maxBytes, files: maxFiles, fields: 20, fieldSize: 10_000, parts: maxFiles + 20 } });
  app.decorateRequest('user', null);

  // ---------------------------------------------------------------- security hooks
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('Content-Security-Policy', CSP);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
    return payload;
  });

  const isApi = (req: FastifyRequest) => req.url.startsWith('/api/');
  const open = (url: string) => url.startsWith('/static/') || url === '/login' || url === '/api/login' || url === '/api/csrf' || url === '/favicon.ico';

  app.addHook('onRequest', async (req, reply) => {
    if (!accounts) {
      // without accounts only this machine may talk to the server: refuse other Host names (DNS rebinding)
      const h = (req.headers.host ?? '').replace(/:\d+$/, '');
      if (!isLocalHost(h)) return reply.code(403).type('text/plain; charset=utf-8').send('Chỉ truy cập được từ máy này (127.0.0.1).');
      req.user = localUser;
      return;
    }
    req.user = await sessionUser(db, req.cookies[SESSION_COOKIE]);
    if (req.user || open(req.url.split('?')[0])) return;
    if (isApi(req)) return reply.code(401).send({ error: 'Cần đăng nhập.' });
    return reply.redirect('/login');
  });

  // CSRF on every change (also without accounts: another site must not post to this machine)
  app.addHook('preHandler', (req, reply, done) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return done();
    app.csrfProtection(req, reply, done);
  });

  app.setErrorHandler(async (err: Error & { statusCode?: number; code?: string }, req, reply) => {
    let status = err instanceof HttpError ? err.status : err.statusCode ?? 500;
    let message = err.message;
    if (err.code === 'FST_CSRF_INVALID_TOKEN' || err.code === 'FST_CSRF_MISSING_SECRET') {
      status = 403;
      message = 'Yêu cầu không hợp lệ (thiếu hoặc sai mã chống giả mạo CSRF); hãy tải lại trang.';
    } else if (err.code === 'FST_REQ_FILE_TOO_LARGE') {
      status = 413;
      message = `Tệp lớn hơn giới hạn ${Math.round(maxBytes / 1048576)} MB.`;
    } else if (err.code === 'FST_FILES_LIMIT' || err.code === 'FST_PARTS_LIMIT') {
      status = 413;
      message = `Mỗi lần tải lên tối đa ${maxFiles} tệp.`;
    } else if (err instanceof z.ZodError) {
      status = 400;
      message = 'Dữ liệu gửi lên không hợp lệ.';
    } else if (status >= 500) {
      req.log.error(err);
      process.stderr.write(`rasoat serve: ${err.stack ?? err.message}\n`);
      message = 'Lỗi nội bộ của máy chủ.';
    }
    if (isApi(req) || req.method !== 'GET') return reply.code(status).send({ error: message });
    return reply.code(status).type('text/html; charset=utf-8').send(errorPage(pageCtx(req, reply), status, message));
  });
  app.setNotFoundHandler(async (req, reply) => {
    if (isApi(req)) return reply.code(404).send({ error: 'Không tìm thấy.' });
    return reply.code(404).type('text/html; charset=utf-8').send(errorPage(pageCtx(req, reply), 404, 'Trang không tồn tại.'));
  });

  function pageCtx(req: FastifyRequest, reply: FastifyReply): PageCtx {
    return { user: req.user, accounts, csrf: reply.generateCsrf() };
  }
  const page = (reply: FastifyReply, body: string) => reply.type('text/html; charset=utf-8').send(body);

  async function roundFor(req: FastifyRequest, id: string) {
    const r = await store.getRound(db, id);
    if (!r) throw new HttpError(404, 'Không có đợt rà soát này.');
    if (!(await store.mayAccess(db, req.user, r.id))) throw new HttpError(403, 'Bạn không được phân công rà soát đợt này.');
    return r;
  }
  async function planFor(req: FastifyRequest, id: string) {
    const p = await store.getPlan(db, id);
    if (!p) throw new HttpError(404, 'Không có kế hoạch này.');
    const r = await roundFor(req, p.round_id);
    return { p, r };
  }
  async function planViewFor(req: FastifyRequest, id: string) {
    const { r } = await planFor(req, id);
    const v = await planView(db, id);
    if (!v) throw new HttpError(404, 'Không có kế hoạch này.');
    return { r, v };
  }

  /** Read a multipart request: files (checked, in memory within the limit) and fields. */
  async function readParts(req: FastifyRequest) {
    if (!req.isMultipart()) throw new HttpError(415, 'Cần gửi tệp dạng multipart/form-data.');
    const files: { name: string; buf?: Buffer; format?: string; error?: { code: string; message: string } }[] = [];
    const fields: Record<string, string> = {};
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const name = displayName(part.filename);
        const buf = await part.toBuffer();
        try {
          files.push({ name, buf, format: await checkUpload(buf, name, maxBytes) });
        } catch (e) {
          if (!(e instanceof UploadRejected)) throw e;
          files.push({ name, error: { code: e.code, message: e.message } });
        }
      } else fields[part.fieldname] = String(part.value ?? '');
    }
    return { files, fields };
  }

  async function readBase(f: { name: string; buf?: Buffer; format?: string; error?: { message: string } } | undefined): Promise<store.NewFile> {
    if (!f) throw new HttpError(400, 'Chưa chọn văn bản gốc.');
    if (f.error || !f.buf || !f.format) throw new HttpError(415, f.error?.message ?? 'Tệp không hợp lệ.');
    const { processBuffer } = await import('../pipeline.js');
    try {
      const docs = (await processBuffer(f.buf, `base.${f.format}`)).docs;
      const d = pickBase(docs);
      return { buf: f.buf, name: f.name, format: f.format, meta: { kind: d.meta.kind, symbol: d.meta.symbol, date: d.meta.date, issuer: d.meta.issuer, title: d.meta.title } };
    } catch (e) {
      const code = (e as { code?: string }).code ?? 'internal';
      throw new HttpError(422, `Không đọc được văn bản gốc: ${failureVi(code)}`);
    }
  }

  // ---------------------------------------------------------------- static
  const assets: Record<string, { type: string; body: Buffer }> = {};
  for (const [f, type] of [['app.js', 'text/javascript; charset=utf-8'], ['app.css', 'text/css; charset=utf-8']] as const) assets[f] = { type, body: readFileSync(path.join(STATIC, f)) };
  app.get<{ Params: { f: string } }>('/static/:f', async (req, reply) => {
    const a = assets[req.params.f];
    if (!a) throw new HttpError(404, 'Không tìm thấy.');
    return reply.type(a.type).header('Cache-Control', 'no-cache').send(a.body);
  });

  app.get('/favicon.ico', async (req, reply) => reply.code(204).header('Cache-Control', 'max-age=86400').send());

  // ---------------------------------------------------------------- auth
  app.get('/login', async (req, reply) => (accounts ? page(reply, loginPage(pageCtx(req, reply))) : reply.redirect('/')));
  app.get('/api/csrf', async (req, reply) => ({ token: reply.generateCsrf() }));
  app.post('/api/login', async (req, reply) => {
    if (!accounts) return { ok: true, user: req.user?.name };
    const b = z.object({ name: z.string().max(100), password: z.string().max(1000) }).parse(req.body);
    const r = await login(db, b.name, b.password);
    if (!r) throw new HttpError(401, 'Sai tên người dùng hoặc mật khẩu.');
    reply.setCookie(SESSION_COOKIE, r.token, { httpOnly: true, sameSite: 'strict', path: '/', secure: req.protocol === 'https', maxAge: 14 * 86400 });
    return { ok: true, user: r.user.name };
  });
  app.post('/api/logout', async (req, reply) => {
    await logout(db, req.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });
  app.get('/api/me', async (req) => ({ user: req.user?.name ?? null, admin: !!req.user?.admin, accounts }));

  // ---------------------------------------------------------------- pages
  app.get('/', async (req, reply) => page(reply, roundsPage(pageCtx(req, reply), await store.listRounds(db, accounts ? req.user : null))));
  app.get<{ Params: { id: string } }>('/rounds/:id', async (req, reply) => {
    const r = await roundFor(req, req.params.id);
    return page(reply, roundPage(pageCtx(req, reply), r, await store.currentBase(db, r.id), await store.listPlans(db, r.id)));
  });
  app.get<{ Params: { id: string } }>('/rounds/:id/overview', async (req, reply) => {
    const r = await roundFor(req, req.params.id);
    return page(reply, overviewPage(pageCtx(req, reply), r, await overview(db, r.id)));
  });
  app.get<{ Params: { id: string } }>('/rounds/:id/print', async (req, reply) => {
    const r = await roundFor(req, req.params.id);
    const views = [];
    for (const p of store.currentPlans(await store.listPlans(db, r.id))) if (p.status === 'done' && !p.duplicate_of) views.push((await planView(db, p.id))!);
    views.sort((a, b) => a.label.localeCompare(b.label, 'vi'));
    return page(reply, printPage(pageCtx(req, reply), r, views));
  });
  app.get<{ Params: { id: string } }>('/plans/:id', async (req, reply) => {
    const { r, v } = await planViewFor(req, req.params.id);
    if (v.plan.status !== 'done') return reply.redirect(`/rounds/${r.id}`);
    return page(reply, reviewPage(pageCtx(req, reply), r, v));
  });
  app.get<{ Params: { id: string } }>('/plans/:id/letter', async (req, reply) => {
    const { r, v } = await planViewFor(req, req.params.id);
    const { draft, saved } = await letterDraftFor(db, v);
    return page(reply, letterPage(pageCtx(req, reply), r, v, draft, saved));
  });

  // ---------------------------------------------------------------- API: rounds
  app.get('/api/rounds', async (req) => ({ rounds: await store.listRounds(db, accounts ? req.user : null) }));
  app.post('/api/rounds', async (req, reply) => {
    const { files, fields } = await readParts(req);
    const title = (fields.title ?? '').trim().slice(0, 200);
    if (!title) throw new HttpError(400, 'Chưa nhập tên đợt rà soát.');
    const due = /^\d{4}-\d{2}-\d{2}$/.test(fields.due ?? '') ? fields.due : null;
    const base = await readBase(files[0]);
    const r = await store.createRound(db, title, due, base, accounts ? req.user : null);
    return reply.code(201).send({ round: r });
  });
  app.get<{ Params: { id: string } }>('/api/rounds/:id', async (req) => {
    const r = await roundFor(req, req.params.id);
    const base = await store.currentBase(db, r.id);
    return { round: r, base: base ? { version: base.version, name: base.name, symbol: base.symbol, title: base.title } : null };
  });
  app.post<{ Params: { id: string } }>('/api/rounds/:id/base', async (req) => {
    const r = await roundFor(req, req.params.id);
    const { files } = await readParts(req);
    const version = await store.replaceBase(db, r.id, await readBase(files[0]));
    analyzer.kick();
    return { version };
  });
  app.post<{ Params: { id: string } }>('/api/rounds/:id/members', async (req) => {
    const r = await roundFor(req, req.params.id);
    const b = z.object({ user: z.string().max(100) }).parse(req.body);
    if (!(await store.addMember(db, r.id, b.user))) throw new HttpError(404, 'Không có người dùng này.');
    return { ok: true };
  });
  app.get<{ Params: { id: string } }>('/api/rounds/:id/plans', async (req) => {
    const r = await roundFor(req, req.params.id);
    const plans = await store.listPlans(db, r.id);
    const byId = new Map(plans.map((p) => [p.id, p]));
    return {
      plans: plans.map((p) => ({
        ...p,
        label: planLabel(p),
        status_vi: STATUS_VI[p.status] ?? p.status,
        duplicate_label: p.duplicate_of && byId.get(p.duplicate_of) ? planLabel(byId.get(p.duplicate_of)!) : null,
        row_html: planRow(p, p.duplicate_of && byId.get(p.duplicate_of) ? planLabel(byId.get(p.duplicate_of)!) : null).s,
      })),
    };
  });
  app.post<{ Params: { id: string } }>('/api/rounds/:id/plans', async (req, reply) => {
    const r = await roundFor(req, req.params.id);
    const { files, fields } = await readParts(req);
    if (!files.length) throw new HttpError(400, 'Chưa chọn tệp nào.');
    const count = (await store.listPlans(db, r.id)).length;
    const accepted = [];
    const rejected = [];
    for (const f of files) {
      if (f.error || !f.buf || !f.format) {
        rejected.push({ name: f.name, ...f.error });
        continue;
      }
      if (count + accepted.length >= UPLOAD_LIMITS.maxPlansPerRound) {
        rejected.push({ name: f.name, code: 'too-many', message: `Mỗi đợt rà soát tối đa ${UPLOAD_LIMITS.maxPlansPerRound} tệp.` });
        continue;
      }
      let series = fields.revision_of || null;
      if (series && !(await store.getPlan(db, series))) series = null;
      accepted.push(await store.addPlan(db, r.id, { buf: f.buf, name: f.name, format: f.format }, accounts ? req.user : null, series));
    }
    if (accepted.length) analyzer.kick();
    const status = accepted.length ? 201 : files.some((f) => f.error?.code === 'too-large') ? 413 : 415;
    return reply.code(status).send({ accepted, rejected, error: accepted.length ? undefined : rejected.map((x) => x.message).join(' ') });
  });
  app.get<{ Params: { id: string } }>('/api/rounds/:id/overview', async (req) => {
    const r = await roundFor(req, req.params.id);
    const o = await overview(db, r.id);
    return {
      requirements: o.requirements,
      plans: o.rows.map((x) => ({ id: x.plan.id, label: x.label, level: x.plan.level, duplicate_of: x.plan.duplicate_of, unreviewed: x.unreviewed, suspect: x.suspect, cells: Object.fromEntries(x.cells) })),
      counts: Object.fromEntries(o.counts),
      pending: o.pending.length,
      failed: o.failed.length,
    };
  });
  app.get<{ Params: { id: string } }>('/api/rounds/:id/checklist.xlsx', async (req, reply) => {
    const r = await roundFor(req, req.params.id);
    const plans = [];
    for (const p of store.currentPlans(await store.listPlans(db, r.id))) {
      if (p.status !== 'done') continue;
      const v = (await planView(db, p.id))!;
      plans.push({ plan: v.plan, label: v.label, findings: v.findings.filter((x) => needsReview(x.f) || x.state) });
    }
    plans.sort((a, b) => a.label.localeCompare(b.label, 'vi'));
    const buf = await checklistXlsx(r.title, plans);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('Content-Disposition', `attachment; filename="bang-ra-soat.xlsx"`)
      .send(buf);
  });
  app.get<{ Params: { id: string } }>('/api/rounds/:id/verdicts', async (req) => {
    const r = await roundFor(req, req.params.id);
    return exportVerdicts(db, r.id);
  });
  app.post<{ Params: { id: string } }>('/api/rounds/:id/verdicts', async (req) => {
    const r = await roundFor(req, req.params.id);
    const out = await importVerdicts(db, r.id, VerdictExport.parse(req.body));
    dataset.schedule('verdicts');
    return out;
  });

  // ---------------------------------------------------------------- API: plans, findings, verdicts, letters
  app.get<{ Params: { id: string } }>('/api/plans/:id', async (req) => {
    const { v } = await planViewFor(req, req.params.id);
    return {
      plan: v.plan,
      label: v.label,
      versions: v.versions.map((x) => ({ id: x.id, version: x.version, status: x.status })),
      counts: v.counts,
      since: v.since ? { plan: v.since.plan.id, version: v.since.plan.version, reason: v.since.reason } : null,
      changes: v.changes ? { fixed: v.changes.fixed.map((f) => f.key), introduced: v.changes.introduced.map((f) => f.key), modified: v.changes.modified.map((f) => f.key), unchanged: v.changes.unchanged } : null,
      findings: v.findings.map(({ f, state }) => ({ ...f, verdict: state ? { ...state.verdict, suspect: state.suspect, kept: state.kept } : null })),
    };
  });
  const MetaIn = z.object({
    issuer: z.string().trim().max(200).nullable().optional(),
    symbol: z.string().trim().max(60).nullable().optional(),
    date: z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.literal('')]).nullable().optional(),
  });
  app.put<{ Params: { id: string } }>('/api/plans/:id/meta', async (req) => {
    const { p } = await planFor(req, req.params.id);
    const b = MetaIn.parse(req.body);
    await store.setGivenMeta(db, p.id, { issuer: b.issuer || null, symbol: b.symbol || null, date: b.date || null });
    const q = (await store.getPlan(db, p.id))!;
    return { label: planLabel(q) };
  });
  app.post<{ Params: { id: string } }>('/api/plans/:id/reanalyse', async (req) => {
    const { p } = await planFor(req, req.params.id);
    await store.requeue(db, p.id);
    analyzer.kick();
    return { ok: true };
  });
  const VerdictIn = z.object({
    key: z.string().max(200),
    decision: z.enum(['agree', 'disagree', 'not-applicable', 'link']).nullable(),
    reason: z.string().max(2000).optional(),
    note: z.string().max(4000).optional(),
    link_path: z.string().max(200).optional(),
  });
  app.post<{ Params: { id: string } }>('/api/plans/:id/verdicts', async (req, reply) => {
    const { v } = await planViewFor(req, req.params.id);
    const b = VerdictIn.parse(req.body);
    const fv = v.findings.find((x) => x.f.key === b.key);
    if (!fv) throw new HttpError(404, 'Không có nội dung này trong kế hoạch.');
    if (b.decision === 'not-applicable' && !b.reason?.trim()) throw new HttpError(400, 'Cần ghi lý do “không áp dụng”.');
    let link_text: string | null = null;
    if (b.decision === 'link') {
      const seg = v.segments.find((s) => s.path === b.link_path);
      if (!seg) throw new HttpError(400, 'Chưa chọn đoạn văn để liên kết.');
      link_text = seg.text;
    }
    const prev = fv.state?.verdict;
    // a note alone keeps the current decision
    const keep = b.decision === null && prev && !fv.state?.suspect;
    const verdict = await store.addVerdict(
      db,
      v.plan,
      {
        finding_key: b.key,
        decision: keep ? prev.decision : b.decision,
        reason: keep ? prev.reason : b.reason?.trim() || null,
        note: b.note !== undefined ? b.note.trim() || null : prev?.note ?? null,
        link_path: keep ? prev.link_path : b.decision === 'link' ? b.link_path! : null,
        link_text: keep ? prev.link_text : link_text,
        base_fp: fv.f.baseFp,
        plan_fp: fv.f.planFp,
      },
      req.user?.name ?? 'local',
    );
    dataset.schedule('verdicts');
    return reply.code(201).send({ verdict: { ...verdict, suspect: false, kept: false } });
  });
  app.get<{ Params: { id: string; key: string } }>('/api/plans/:id/verdicts/:key', async (req) => {
    const { v } = await planViewFor(req, req.params.id);
    return { history: await store.verdictHistory(db, v.plan.series_id, req.params.key) };
  });
  app.get<{ Params: { id: string } }>('/api/plans/:id/letter', async (req) => {
    const { v } = await planViewFor(req, req.params.id);
    return letterDraftFor(db, v);
  });
  app.put<{ Params: { id: string } }>('/api/plans/:id/letter', async (req) => {
    const { v } = await planViewFor(req, req.params.id);
    const d = LetterDraft.parse(req.body);
    await store.saveLetter(db, v.plan, d);
    const { organ, number, place, signature, signer } = d;
    const key = `letter-defaults:${v.plan.round_id}`;
    await store.setting(db, key, () => '{}');
    await db.updateTable('settings').set({ value: JSON.stringify({ organ, number, place, signature, signer }) }).where('key', '=', key).execute();
    return { ok: true };
  });
  app.delete<{ Params: { id: string } }>('/api/plans/:id/letter', async (req) => {
    const { v } = await planViewFor(req, req.params.id);
    await db.deleteFrom('letters').where('plan_id', '=', v.plan.id).where('exported_at', 'is', null).execute();
    return { ok: true };
  });
  app.post<{ Params: { id: string } }>('/api/plans/:id/letter/export', async (req, reply) => {
    const { v } = await planViewFor(req, req.params.id);
    const { draft } = await letterDraftFor(db, v);
    const row = await store.saveLetter(db, v.plan, draft);
    const buf = await letterDocx(draft);
    await store.markExported(db, row.id);
    return reply
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('Content-Disposition', `attachment; filename="cong-van-gop-y.docx"`)
      .send(buf);
  });

  await store.recoverInterrupted(db);
  analyzer.kick();
  // a database from before the dataset tables, or verdicts imported by the CLI: brought up to date
  dataset.schedule('full', 2000);
  return {
    app,
    analyzer,
    dataset,
    accounts,
    async close() {
      await analyzer.stop();
      await dataset.close();
      await app.close();
    },
  };
}
