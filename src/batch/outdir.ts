/**
 * The output folder of `rasoat analyze`, written as a whole or not at all.
 *
 * - A lock (`.<out>.rasoat-lock`, beside the folder, holding the owner's pid) is taken before a
 *   run starts: a second run into the same folder refuses with a clear message instead of mixing
 *   its files with the first one's. A lock whose process is gone (kill -9) is taken over.
 * - A run that changes anything builds the complete new folder beside the old one
 *   (`.<out>.rasoat-new`, unchanged files hard-linked from the old folder, new ones written),
 *   renames it to `.<out>.rasoat-ready` when complete, then switches it in with two renames
 *   (old → `.<out>.rasoat-old`, ready → out) and removes the old one. A process killed at any
 *   moment leaves `out` entirely the old run or entirely the new one (or, between the two
 *   renames, absent with the complete new folder ready: the next run or reader finishes the switch,
 *   `recoverOutput`). A run that changes nothing writes nothing.
 * - Files in the folder that analyze does not own (outside MANAGED subfolders and not an output)
 *   are carried over to the new folder.
 * - Any write error (full disk, permissions) becomes an OutputError naming the folder; the
 *   half-built folder is removed and the old output is left as it was.
 */
import { closeSync, constants, existsSync, fstatSync, linkSync, lstatSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, renameSync, rmSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import type { MadeFile, OutputContent } from '../report/outputs.js';

const isMadeFile = (c: OutputContent): c is MadeFile => typeof c === 'object' && !Buffer.isBuffer(c);
import os from 'node:os';
import path from 'node:path';

export class OutputError extends Error {
  constructor(
    public code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Subfolders of the output that analyze owns entirely (stale files there are removed). */
export const MANAGED = ['docs', 'diffs', 'exports', 'reports', 'site', 'calendars'];

const side = (outDir: string, what: 'lock' | 'new' | 'ready' | 'old' | 'part') => {
  const abs = path.resolve(outDir);
  return path.join(path.dirname(abs), `.${path.basename(abs)}.rasoat-${what}`);
};

/**
 * Test hook: with RASOAT_TEST_STOP=<point> in the environment, the run announces the point on
 * stderr and blocks there forever (so a test can kill -9 it exactly there, without timing races).
 */
export function testStop(point: string): void {
  const want = process.env.RASOAT_TEST_STOP;
  if (!want || want !== point) return;
  writeSync(2, `rasoat-test: stopped at ${point}\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}

/** Locks this process holds (a second run in the same process, e.g. the server, must wait too). */
const held = new Set<string>();

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ioMessage(e: unknown, target: string): OutputError {
  const err = e as NodeJS.ErrnoException;
  const why: Record<string, string> = {
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOTDIR: 'a path component is not a folder',
    EISDIR: 'is a folder',
  };
  const reason = (err?.code && why[err.code]) || (err instanceof Error ? err.message : String(e));
  return new OutputError(err?.code === 'ENOSPC' ? 'disk-full' : 'write-failed', `cannot write the output folder ${target}: ${reason}${err?.code ? ` (${err.code})` : ''}; the previous output is left as it was`);
}

/**
 * Take the lock of an output folder. Returns the function that releases it. Throws OutputError
 * ('locked') when a live process holds it.
 */
export function lockOutput(outDir: string): () => void {
  const lock = side(outDir, 'lock');
  try {
    mkdirSync(path.dirname(lock), { recursive: true });
  } catch (e) {
    throw ioMessage(e, path.resolve(outDir));
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(lock, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o644);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw ioMessage(e, path.resolve(outDir));
      let owner: { pid?: number; host?: string; started?: string } = {};
      try {
        owner = JSON.parse(readFileSync(lock, 'utf8'));
      } catch {
        /* empty or half-written lock: its writer died right after creating it */
      }
      if (owner.pid && (owner.host ?? os.hostname()) === os.hostname() && (alive(owner.pid) || (owner.pid === process.pid && held.has(lock))))
        throw new OutputError(
          'locked',
          `another rasoat analyze (pid ${owner.pid}, started ${owner.started ?? '?'}) is writing ${path.resolve(outDir)}; wait for it to finish, or delete ${lock} if no such process runs`,
        );
      // stale: its process is gone
      try {
        unlinkSync(lock);
      } catch {
        /* someone else removed it first */
      }
      continue;
    }
    writeSync(fd, JSON.stringify({ pid: process.pid, host: os.hostname(), started: new Date().toISOString() }));
    closeSync(fd);
    held.add(lock);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      held.delete(lock);
      try {
        unlinkSync(lock);
      } catch {
        /* already gone */
      }
    };
  }
  throw new OutputError('locked', `cannot take the lock ${lock} of ${path.resolve(outDir)}`);
}

/**
 * Finish or undo a switch interrupted by a kill: a complete new folder whose switch had not
 * happened is switched in when the output folder is missing, else discarded; half-built and old
 * folders are removed.
 */
export function recoverOutput(outDir: string): void {
  const ready = side(outDir, 'ready');
  if (existsSync(ready)) {
    if (!existsSync(outDir)) renameSync(ready, outDir);
    else rmSync(ready, { recursive: true, force: true });
  }
  rmSync(side(outDir, 'new'), { recursive: true, force: true });
  rmSync(side(outDir, 'old'), { recursive: true, force: true });
  removePart(side(outDir, 'part'));
}

/** A made file and the rollback journal SQLite keeps beside it while writing. */
function removePart(part: string): void {
  rmSync(part, { force: true });
  rmSync(`${part}-journal`, { force: true });
}

/** Same bytes in two files (compared a megabyte at a time: a made output can be hundreds of megabytes). */
function sameFile(a: string, b: string): boolean {
  let fa: number | null = null;
  let fb: number | null = null;
  try {
    fa = openSync(a, 'r');
    fb = openSync(b, 'r');
    if (fstatSync(fa).size !== fstatSync(fb).size) return false;
    const x = Buffer.alloc(1 << 20);
    const y = Buffer.alloc(1 << 20);
    for (;;) {
      const n = readSync(fa, x, 0, x.length, null);
      const m = readSync(fb, y, 0, y.length, null);
      if (n !== m || !x.subarray(0, n).equals(y.subarray(0, m))) return false;
      if (n === 0) return true;
    }
  } catch {
    return false;
  } finally {
    if (fa !== null) closeSync(fa);
    if (fb !== null) closeSync(fb);
  }
}

function listTree(root: string, rel = ''): string[] {
  let ents;
  try {
    ents = readdirSync(path.join(root, rel), { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of ents) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listTree(root, r));
    else out.push(r);
  }
  return out;
}

export interface WriteResult {
  written: string[];
  unchanged: number;
  removed: string[];
}

/**
 * Write the outputs into `outDir` as one switch (see the module comment). The caller should hold
 * the lock (lockOutput). Throws OutputError on any I/O failure, with the old output intact.
 *
 * `outputs` may be a stream of (path, content): each file is compared with the old one and put into the
 * new folder as it comes, so the outputs are never all held at once. The new folder is only started at
 * the first file that differs (the unchanged ones before it are linked in then): a run that changes
 * nothing writes nothing.
 */
export function writeOutputs(outDir: string, outputs: Map<string, string | Buffer>): WriteResult {
  const w = outputWriter(outDir);
  try {
    for (const [rel, content] of [...outputs.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) w.add(rel, content);
    return w.finish();
  } catch (e) {
    w.abort();
    throw e;
  }
}

/** writeOutputs of a stream of (path, content), written as they come. */
export async function writeOutputStream(outDir: string, outputs: AsyncIterable<[string, OutputContent]>): Promise<WriteResult> {
  const w = outputWriter(outDir);
  try {
    for await (const [rel, content] of outputs) w.add(rel, content);
    return w.finish();
  } catch (e) {
    w.abort();
    throw e;
  }
}

function outputWriter(outDir: string): { add(rel: string, content: OutputContent): void; finish(): WriteResult; abort(): void } {
  recoverOutput(outDir);
  const existing = existsSync(outDir) ? listTree(outDir) : [];
  const names = new Set<string>();
  const written: string[] = [];
  const same: string[] = [];
  const staging = side(outDir, 'new');
  const ready = side(outDir, 'ready');
  const old = side(outDir, 'old');
  let started = false;
  let k = 0;
  const put = (rel: string, from: string | null, buf: Buffer | null) => {
    const dest = path.join(staging, rel);
    mkdirSync(path.dirname(dest), { recursive: true });
    if (from) {
      try {
        linkSync(from, dest);
        testStop(`stage:${++k}`);
        return;
      } catch {
        buf = readFileSync(from);
      }
    }
    writeFileSync(dest, buf!);
    testStop(`stage:${++k}`);
  };
  // the new folder, begun at the first change: the unchanged files met so far are linked in
  const start = () => {
    if (started) return;
    started = true;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    for (const rel of same) put(rel, path.join(outDir, rel), null);
  };
  const part = side(outDir, 'part');
  // an output made straight into a file: compared with the old one on disk, moved into the new folder when it differs
  const addFile = (rel: string, content: MadeFile) => {
    names.add(rel);
    try {
      removePart(part);
      content.make(part);
      const prev = path.join(outDir, rel);
      if (existsSync(prev) && sameFile(part, prev)) {
        rmSync(part, { force: true });
        same.push(rel);
        if (started) put(rel, prev, null);
      } else {
        written.push(rel);
        start();
        const dest = path.join(staging, rel);
        mkdirSync(path.dirname(dest), { recursive: true });
        renameSync(part, dest);
        testStop(`stage:${++k}`);
      }
    } catch (e) {
      removePart(part);
      throw (e as NodeJS.ErrnoException).code ? ioMessage(e, path.resolve(outDir)) : e;
    }
  };
  const add = (rel: string, content: OutputContent) => {
    if (isMadeFile(content)) return addFile(rel, content);
    names.add(rel);
    // the bytes are made when written, never kept beside the strings
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let prev: Buffer | null = null;
    try {
      prev = readFileSync(path.join(outDir, rel));
    } catch {
      /* new file */
    }
    try {
      if (prev && prev.equals(bytes)) {
        same.push(rel);
        if (started) put(rel, path.join(outDir, rel), null);
      } else {
        written.push(rel);
        start();
        put(rel, null, bytes);
      }
    } catch (e) {
      throw ioMessage(e, path.resolve(outDir));
    }
  };
  const finish = (): WriteResult => {
    const owned = (rel: string) => names.has(rel) || MANAGED.includes(rel.split('/')[0]);
    const removed = existing.filter((rel) => !names.has(rel) && MANAGED.includes(rel.split('/')[0]));
    written.sort();
    if (!written.length && !removed.length) return { written, unchanged: same.length, removed };
    try {
      start();
      // files analyze does not own are kept
      for (const rel of existing) if (!owned(rel) && lstatSync(path.join(outDir, rel)).isFile()) put(rel, path.join(outDir, rel), null);
      renameSync(staging, ready);
    } catch (e) {
      throw ioMessage(e, path.resolve(outDir));
    }
    testStop('ready');
    try {
      if (existsSync(outDir)) {
        renameSync(outDir, old);
        testStop('swap');
      }
      renameSync(ready, outDir);
    } catch (e) {
      // e.g. the output folder is a mount point: it cannot be renamed. Undo and say so.
      if (!existsSync(outDir) && existsSync(old)) renameSync(old, outDir);
      rmSync(ready, { recursive: true, force: true });
      throw ioMessage(e, path.resolve(outDir));
    }
    testStop('switched');
    rmSync(old, { recursive: true, force: true });
    return { written, unchanged: same.length, removed };
  };
  // a failed write or a failing report: the half-built folder goes, the old output stays as it was
  const abort = () => {
    rmSync(staging, { recursive: true, force: true });
    removePart(part);
  };
  return { add, finish, abort };
}
