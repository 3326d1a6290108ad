/**
 * A small worker-thread pool: one task per worker at a time, a per-task timeout
 * that terminates the worker (a hung synchronous loop cannot be interrupted any
 * other way) and replaces it, crash and out-of-memory isolation. Tasks never
 * reject: every outcome is a WorkerReply.
 */
import { Worker } from 'node:worker_threads';
import { ownerTag, reapChildren } from '../ingest/children.js';
import type { WorkerReply } from './types.js';
import type { FailureCode } from '../model.js';

const SHIM = new URL('./shim.mjs', import.meta.url);
/** worker.ts under tsx, worker.js in the compiled dist/ */
const ENTRY = new URL(`./worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;
/** The entry of another worker module of this folder, under tsx or compiled. */
export const workerEntry = (name: string) => new URL(`./${name}${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;

interface Job {
  id: number;
  /** what is posted to the worker (with the job id) */
  msg: Record<string, unknown>;
  resolve: (r: WorkerReply) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  dead: boolean;
}

export interface PoolOptions {
  size: number;
  timeoutMs: number;
  memoryMb: number;
  init: unknown;
  /** the worker module (default: worker.ts, one file per task) */
  entry?: string;
}

export class Pool {
  private slots: Slot[] = [];
  private queue: Job[] = [];
  private nextId = 0;
  private closed = false;
  private initError: string | null = null;
  /** workers started (including replacements after timeouts/crashes) */
  started = 0;

  constructor(private opts: PoolOptions) {}

  run(file: string, buf: Uint8Array, cacheKey: string | null): Promise<WorkerReply> {
    return this.runMessage({ file, buf, cacheKey });
  }

  /** Any task the worker module understands; the reply is whatever it sends back as the result. */
  runMessage<R = WorkerReply>(msg: Record<string, unknown>): Promise<R> {
    return new Promise((resolve) => {
      const r = resolve as unknown as (x: WorkerReply) => void;
      if (this.initError) return r({ ok: false, code: 'worker-init', reason: this.initError, timings: {}, cacheable: false });
      this.queue.push({ id: this.nextId++, msg, resolve: r });
      this.pump();
    });
  }

  private pump() {
    if (this.closed) return;
    for (const s of this.slots) {
      if (!this.queue.length) return;
      if (s.ready && !s.job && !s.dead) this.dispatch(s, this.queue.shift()!);
    }
    // start workers lazily: only as many as there is queued work for
    let starting = this.slots.filter((s) => !s.ready).length;
    while (this.slots.length < this.opts.size && this.queue.length > starting) {
      this.spawn();
      starting++;
    }
  }

  private spawn() {
    this.started++;
    const worker = new Worker(SHIM, {
      workerData: { entry: this.opts.entry ?? ENTRY, init: this.opts.init },
      resourceLimits: { maxOldGenerationSizeMb: this.opts.memoryMb },
      stdout: false,
      stderr: false,
    });
    const slot: Slot = { worker, ready: false, job: null, timer: null, dead: false };
    this.slots.push(slot);
    worker.on('message', (m: { type: string; id?: number; reply?: WorkerReply; message?: string }) => {
      if (m.type === 'ready') {
        slot.ready = true;
        this.pump();
      } else if (m.type === 'init-error') {
        this.initError = m.message ?? 'worker failed to start';
        this.kill(slot);
        for (const j of this.queue.splice(0)) j.resolve({ ok: false, code: 'worker-init', reason: this.initError, timings: {}, cacheable: false });
      } else if (m.type === 'result' && slot.job && m.id === slot.job.id) {
        const job = slot.job;
        this.release(slot);
        job.resolve(m.reply!);
        this.pump();
      }
    });
    const fail = (code: FailureCode, reason: string) => {
      if (slot.dead) return;
      const job = slot.job;
      this.kill(slot);
      if (job) job.resolve({ ok: false, code, reason, timings: {}, cacheable: false });
      else if (!slot.ready && !this.initError) {
        // died while starting: do not loop on respawning
        this.initError = reason;
        for (const j of this.queue.splice(0)) j.resolve({ ok: false, code: 'worker-init', reason, timings: {}, cacheable: false });
      }
      this.pump();
    };
    worker.on('error', (e: Error & { code?: string }) =>
      fail(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out-of-memory' : 'crashed', e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `the file needed more than ${this.opts.memoryMb} MiB of memory` : e.message),
    );
    worker.on('exit', (code) => fail('crashed', `worker exited with code ${code}`));
  }

  private dispatch(slot: Slot, job: Job) {
    slot.job = job;
    slot.timer = setTimeout(() => {
      const j = slot.job;
      this.kill(slot);
      if (j) j.resolve({ ok: false, code: 'timeout', reason: `processing took longer than the time limit of ${this.opts.timeoutMs / 1000} s (--timeout); abandoned`, timings: {}, cacheable: false });
      this.pump();
    }, this.opts.timeoutMs);
    // the bytes are copied, not transferred: the caller may keep its buffer. The worker is told its time limit,
    // so that the programs it starts (OCR) stop and clean up before it is terminated.
    slot.worker.postMessage({ ...job.msg, id: job.id, timeoutMs: this.opts.timeoutMs });
  }

  private release(slot: Slot) {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
  }

  private kill(slot: Slot) {
    this.release(slot);
    slot.dead = true;
    this.slots = this.slots.filter((s) => s !== slot);
    slot.worker.removeAllListeners('exit');
    slot.worker.on('error', () => undefined);
    const owner = ownerTag(slot.worker.threadId);
    // the programs the worker started (OCR) and their temporary folders do not outlive it (again once it is
    // gone: a program it was starting at that moment)
    reapChildren(owner);
    void slot.worker.terminate().then(() => reapChildren(owner));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const j of this.queue.splice(0)) j.resolve({ ok: false, code: 'cancelled', reason: 'the batch was closed', timings: {}, cacheable: false });
    const slots = this.slots.splice(0);
    for (const s of slots) {
      if (s.timer) clearTimeout(s.timer);
      if (s.job) s.job.resolve({ ok: false, code: 'cancelled', reason: 'the batch was closed', timings: {}, cacheable: false });
      s.dead = true;
      s.worker.removeAllListeners('exit');
      s.worker.on('error', () => undefined);
    }
    await Promise.all(
      slots.map((s) => {
        const owner = ownerTag(s.worker.threadId);
        return s.worker.terminate().then(() => reapChildren(owner));
      }),
    );
  }
}
