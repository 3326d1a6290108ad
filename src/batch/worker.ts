/**
 * Batch worker: runs ingest → segment → extract → hooks for one file at a time.
 * Started by the pool through shim.mjs (which registers tsx). Hook state (e.g.
 * the requirement index of the base directive) is built once here and reused.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { describeFailure } from './errors.js';
import { writeCache } from './cache.js';
import type { BatchHook, HookSpec, StageTimings, WorkerReply } from './types.js';
import type { Format } from '../model.js';

interface Init {
  ingest: Record<string, unknown>;
  extract: boolean;
  hooks: HookSpec[];
  cacheDir: string | null;
}
interface Task {
  id: number;
  /** the pool's time limit for this file */
  timeoutMs?: number;
  file: string;
  buf: Uint8Array;
  cacheKey: string | null;
}

const init = workerData.init as Init;
const port = parentPort!;

try {
  const { processBuffer } = await import('../pipeline.js');
  const hooks: { spec: HookSpec; mod: BatchHook; state: unknown }[] = [];
  for (const spec of init.hooks) {
    const mod = (await import(spec.module)) as BatchHook;
    if (typeof mod.run !== 'function') throw new Error(`hook ${spec.name}: ${spec.module} exports no run()`);
    hooks.push({ spec, mod, state: mod.init ? await mod.init(spec.options) : undefined });
  }

  port.on('message', async (t: Task) => {
    const timings: StageTimings = {};
    let reply: WorkerReply;
    let format: Format | null = null;
    try {
      const r = await processBuffer(Buffer.from(t.buf.buffer, t.buf.byteOffset, t.buf.byteLength), t.file, { ...init.ingest, extract: init.extract, timings, ...(t.timeoutMs ? { deadline: Date.now() + t.timeoutMs } : {}) });
      format = r.docs[0]?.source.format ?? null;
      const extra: Record<string, unknown> = {};
      for (const h of hooks) {
        const t0 = performance.now();
        extra[h.spec.name] = await h.mod.run(h.state, r.docs, t.file, extra);
        timings[h.spec.name] = performance.now() - t0;
      }
      const t0 = performance.now();
      const payload = JSON.stringify({ docs: r.docs, extra });
      timings.serialize = performance.now() - t0;
      reply = { ok: true, payload, format, ndocs: r.docs.length, timings };
    } catch (e) {
      const f = describeFailure(e);
      reply = { ok: false, code: f.code, reason: f.reason, timings, cacheable: f.deterministic };
    }
    if (init.cacheDir && t.cacheKey) {
      try {
        if (reply.ok) writeCache(init.cacheDir, t.cacheKey, { ok: true, format: reply.format, ndocs: reply.ndocs, payload: reply.payload });
        else if (reply.cacheable) writeCache(init.cacheDir, t.cacheKey, { ok: false, code: reply.code, reason: reply.reason });
      } catch {
        /* a read-only or full cache directory must not fail the file */
      }
    }
    port.postMessage({ type: 'result', id: t.id, reply, format });
  });
  port.postMessage({ type: 'ready' });
} catch (e) {
  port.postMessage({ type: 'init-error', message: e instanceof Error ? e.stack ?? e.message : String(e) });
}
