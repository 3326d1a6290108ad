/**
 * Background analysis of uploaded plans through the batch layer (worker threads,
 * content-hash cache, per-file limits): queued plans of a round are written under
 * content-hash names (never the uploaded name) to a work folder and diffed against
 * the round's current base. Status lives in the database, so a crash leaves the
 * plan 'analysing' → queued again on the next start.
 */
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { processMany, type BatchItem } from '../batch/index.js';
import { diffHook, type DiffHookResult } from '../batch/hooks/diff.js';
import { levelOf, docLevel } from '../extract/bodies.js';
import type { Doc, FailureCode, Segment } from '../model.js';
import { isBody, leaves as leafSegments } from '../segment/tree.js';
import { now, type Db, type PlanRow } from './db.js';
import { findingsOf, fingerprint } from './review.js';
import { currentBase, getBlob } from './store.js';

/** Vietnamese reasons for the batch layer's failure codes. */
export const FAILURE_VI: Record<FailureCode, string> = {
  empty: 'Tệp rỗng.',
  'too-large': 'Tệp quá lớn so với giới hạn cho phép.',
  'unsupported-format': 'Tệp Word cũ (.doc) hoặc tệp có mật khẩu: hãy lưu thành DOCX không đặt mật khẩu.',
  'not-a-document': 'Tệp không phải văn bản, DOCX hay PDF.',
  'not-a-file': 'Không phải một tệp thông thường.',
  'no-text': 'Văn bản không có nội dung chữ.',
  'no-text-layer': 'PDF là ảnh quét, không có lớp chữ và không nhận dạng được chữ.',
  'ocr-failed': 'Không nhận dạng được chữ (OCR) trong tệp PDF quét.',
  'corrupt-docx': 'Tệp DOCX bị hỏng, không đọc được.',
  'corrupt-pdf': 'Tệp PDF bị hỏng, không đọc được.',
  encrypted: 'Tệp được đặt mật khẩu; đề nghị gửi bản không đặt mật khẩu.',
  'not-vietnamese': 'Nội dung tệp không phải tiếng Việt.',
  timeout: 'Phân tích quá thời gian cho phép; bấm “Phân tích lại” để thử lại.',
  'out-of-memory': 'Tệp quá phức tạp, bộ phân tích hết bộ nhớ.',
  crashed: 'Bộ phân tích gặp sự cố với tệp này; bấm “Phân tích lại” để thử lại.',
  'worker-init': 'Không khởi động được bộ phân tích (văn bản gốc của đợt rà soát có đọc được không?).',
  'is-base': 'Tệp này chính là văn bản gốc của đợt rà soát, không phải kế hoạch.',
  'no-base': 'Đợt rà soát chưa có văn bản gốc.',
  'not-found': 'Không tìm thấy tệp.',
  'symlink-loop': 'Liên kết tượng trưng vòng lặp, không đọc được tệp.',
  'is-a-directory': 'Đây là thư mục, không phải tệp.',
  'not-a-directory': 'Không phải thư mục.',
  'permission-denied': 'Không có quyền đọc tệp.',
  cancelled: 'Việc phân tích đã bị hủy; bấm “Phân tích lại” để thử lại.',
  'diff-failed': 'Không đối chiếu được kế hoạch với văn bản gốc.',
  internal: 'Lỗi nội bộ khi phân tích tệp; bấm “Phân tích lại” để thử lại.',
};

export function failureVi(code: string): string {
  return (FAILURE_VI as Record<string, string>)[code] ?? `Không phân tích được tệp (mã lỗi: ${code}).`;
}

const EXT: Record<string, string> = { docx: 'docx', pdf: 'pdf', txt: 'txt' };

function leaves(segs: Segment[]): { path: string; text: string; span: [number, number] }[] {
  return leafSegments(segs)
    .filter((s) => s.text.trim() && isBody(s))
    .map((s) => ({ path: s.path, text: s.text, span: s.span }));
}

export interface AnalyzerOptions {
  /** work folder for content-named copies and the batch cache */
  workDir: string;
  workers?: number;
  timeoutMs?: number;
  log?: (msg: string) => void;
  /** called each time the queue has drained */
  onIdle?: () => void;
}

export class Analyzer {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  constructor(
    private db: Db,
    private opts: AnalyzerOptions,
  ) {
    mkdirSync(path.join(opts.workDir, 'files'), { recursive: true });
  }

  /** Start (or continue) working through the queue. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop()
      .catch((e) => this.opts.log?.(`analysis: ${e instanceof Error ? e.stack : e}`))
      .finally(() => {
        this.running = null;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        } else if (!this.stopped) this.opts.onIdle?.();
      });
  }

  /** Resolves when the queue is empty. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle();
  }

  private async file(sha: string, format: string): Promise<string> {
    const f = path.join(this.opts.workDir, 'files', `${sha}.${EXT[format] ?? 'txt'}`);
    if (!existsSync(f)) {
      const buf = await getBlob(this.db, sha);
      if (!buf) throw new Error(`blob ${sha} missing`);
      writeFileSync(f, buf);
    }
    return f;
  }

  private async loop(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const next = await this.db.selectFrom('plans').select('round_id').where('status', '=', 'queued').orderBy('uploaded_at').executeTakeFirst();
      if (!next) return;
      const roundId = next.round_id;
      const base = await currentBase(this.db, roundId);
      const plans = await this.db.selectFrom('plans').select(['id', 'sha256', 'format']).where('round_id', '=', roundId).where('status', '=', 'queued').orderBy('uploaded_at').limit(200).execute();
      if (!base) {
        for (const p of plans) await this.fail(p.id, 'no-base');
        continue;
      }
      await this.db.updateTable('plans').set({ status: 'analysing' }).where('id', 'in', plans.map((p) => p.id)).execute();
      for (const p of plans) await this.db.updateTable('plans').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('id', '=', p.id).execute();
      const baseFile = await this.file(base.sha256, base.format);
      const files: string[] = [];
      for (const p of plans) files.push(await this.file(p.sha256, p.format));
      const it = processMany(files, {
        workers: this.opts.workers ?? 1,
        timeoutMs: this.opts.timeoutMs ?? 120_000,
        cacheDir: path.join(this.opts.workDir, 'cache'),
        hooks: [diffHook({ base: baseFile })],
      });
      for await (const item of it) {
        const plan = plans[item.index];
        try {
          await this.record(plan.id, roundId, base.version, item);
        } catch (e) {
          this.opts.log?.(`analysis: ${plan.id}: ${e instanceof Error ? e.message : e}`);
          await this.fail(plan.id, 'internal');
        }
        if (this.stopped) break;
      }
    }
  }

  private async fail(id: string, code: string, detail?: string): Promise<void> {
    await this.db
      .updateTable('plans')
      .set({ status: 'failed', fail_code: code, fail_reason: failureVi(code) + (detail ? ` (${detail})` : ''), analysed_at: now() })
      .where('id', '=', id)
      .execute();
  }

  private async record(planId: string, roundId: string, baseVersion: number, item: BatchItem): Promise<void> {
    if (!item.ok) return this.fail(planId, item.code);
    const diffs = (item.extra.diff ?? []) as DiffHookResult;
    if (!diffs.length) return this.fail(planId, 'is-base');
    const first = diffs[0];
    const doc: Doc | undefined = item.docs.find((d) => d.source.index === first.index);
    const meta = doc?.meta;
    const level = doc ? (meta?.issuer ? levelOf(meta.issuer, docLevel(doc)) : docLevel(doc)) : null;
    const text_fp = doc ? fingerprint(doc.text) : null;
    // a different file with the same text as an earlier plan is a duplicate too
    const me = await this.db.selectFrom('plans').select(['series_id', 'series_fixed', 'duplicate_of', 'version']).where('id', '=', planId).executeTakeFirstOrThrow();
    let duplicate_of = me.duplicate_of;
    if (!duplicate_of && text_fp) {
      const d = await this.db.selectFrom('plans').select('id').where('round_id', '=', roundId).where('text_fp', '=', text_fp).where('id', '!=', planId).orderBy('uploaded_at').executeTakeFirst();
      duplicate_of = d?.id ?? null;
    }
    let series = { series_id: me.series_id, version: me.version };
    // a new version of a plan already in the round: same issuer and symbol (or same issuer and title when unnumbered)
    if (!me.series_fixed && !duplicate_of && me.version === 1 && meta?.issuer) {
      let q = this.db
        .selectFrom('plans')
        .select(['series_id'])
        .where('round_id', '=', roundId)
        .where('id', '!=', planId)
        .where('series_id', '!=', me.series_id)
        .where('status', '=', 'done')
        .where('duplicate_of', 'is', null)
        .where('issuer', '=', meta.issuer);
      q = meta.symbol ? q.where('symbol', '=', meta.symbol) : q.where('symbol', 'is', null).where('title', '=', meta.title ?? '');
      const prev = await q.orderBy('uploaded_at').executeTakeFirst();
      if (prev) {
        const m = await this.db.selectFrom('plans').select((eb) => eb.fn.max<number>('version').as('v')).where('series_id', '=', prev.series_id).executeTakeFirst();
        series = { series_id: prev.series_id, version: Number(m?.v ?? 0) + 1 };
      }
    }
    // the number and date a reviewer typed for an earlier version carry over to this one (editable)
    let given_meta: string | null | undefined;
    if (series.version > 1) {
      const cur = await this.db.selectFrom('plans').select('given_meta').where('id', '=', planId).executeTakeFirst();
      if (!cur?.given_meta) {
        const prevMeta = await this.db.selectFrom('plans').select('given_meta').where('series_id', '=', series.series_id).where('version', '<', series.version).where('given_meta', 'is not', null).orderBy('version', 'desc').executeTakeFirst();
        if (prevMeta?.given_meta) given_meta = prevMeta.given_meta;
      }
    }
    // the findings must be computable: fail clearly here rather than on the review page
    findingsOf(first.diff);
    await this.db
      .updateTable('plans')
      .set({
        status: 'done', fail_code: null, fail_reason: null, duplicate_of, series_id: series.series_id, version: series.version, ...(given_meta ? { given_meta } : {}),
        issuer: meta?.issuer ?? null, symbol: meta?.symbol ?? null, date: meta?.date ?? null, title: meta?.title ?? null, kind: meta?.kind ?? null, level,
        text_fp, diff_json: JSON.stringify(first.diff), segments_json: JSON.stringify(doc ? leaves(doc.segments) : []), doc_json: doc ? JSON.stringify(doc) : null, base_version: baseVersion, analysed_at: now(),
      })
      .where('id', '=', planId)
      .execute();
  }
}

export type { PlanRow };
