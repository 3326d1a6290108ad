/**
 * kill -9 during `rasoat analyze` (issue 14 §7, §9): whatever the moment, the output folder is
 * entirely the old run or entirely the new one, and the next run equals a clean run. No clock:
 * the run is stopped at a named point (RASOAT_TEST_STOP, src/batch/outdir.ts testStop), where it
 * announces itself on stderr and blocks; the test kills it there. The points are the phases of a
 * run and output files picked at random (seeded) among those written.
 * Also: a second run into the same folder refuses while the first holds the lock; `bin/rasoat.js`
 * runs the job in its own process (no child left behind by a kill).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, ROOT } from './helpers/report-fixture.js';

const BIN = path.join(ROOT, 'bin', 'rasoat.js');

function snapshot(dir: string): Record<string, string> | null {
  if (!existsSync(dir)) return null;
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else out[r] = createHash('sha256').update(readFileSync(path.join(dir, r))).digest('hex');
    }
  };
  walk('');
  return out;
}

function analyze(corpus: string, out: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, 'analyze', corpus, '--out', out, '--workers', '0', '--no-cache'], { encoding: 'utf8', env: { ...process.env, ...env } });
}

/** Start analyze stopped at `point`; resolves once it is blocked there. */
function startStopped(corpus: string, out: string, point: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, 'analyze', corpus, '--out', out, '--workers', '0', '--no-cache'], { env: { ...process.env, RASOAT_TEST_STOP: point }, stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (b: Buffer) => {
      err += b.toString();
      if (err.includes(`rasoat-test: stopped at ${point}`)) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`analyze exited (${code}) before reaching ${point}: ${err}`)));
  });
}

const killed = (c: ChildProcess) =>
  new Promise<void>((resolve) => {
    c.removeAllListeners('exit');
    c.on('exit', () => resolve());
    c.kill('SIGKILL');
  });

/** Child processes of pid (from /proc). */
function children(pid: number): number[] {
  const out: number[] = [];
  for (const p of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(p));
    } catch {
      /* gone */
    }
  }
  return out;
}

function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.skipIf(process.platform !== 'linux')('kill -9 during rasoat analyze', () => {
  // each run reads its files in an isolated worker (issue 14 §4): under tsx on the shared 2-core machine ~8 min
  it('leaves the output entirely old or entirely new at every point; the next run equals a clean run; a second run refuses while the first holds the lock', { timeout: 1_200_000 }, async () => {
    const base = mkdtempSync(path.join(os.tmpdir(), 'rasoat-kill9-'));
    const corpus = path.join(base, 'corpus');
    cpSync(CORPUS, corpus, { recursive: true });
    const out = path.join(base, 'out');
    const first = analyze(corpus, out);
    expect(first.status, first.stderr).toBe(0);
    const pristine = path.join(base, 'pristine-old');
    cpSync(out, pristine, { recursive: true });
    const OLD = snapshot(out)!;
    // the corpus changes: one more plan
    copyFileSync(path.join(CORPUS, 'thanh-uy-hai-phong-ke-hoach-thuc-hien-chi-thi-50.txt'), path.join(corpus, 'xa-ke-hoach-them.txt'));
    const clean = path.join(base, 'clean');
    expect(analyze(corpus, clean).status).toBe(0);
    const NEW = snapshot(clean)!;
    expect(NEW).not.toEqual(OLD);
    const nOut = Object.keys(NEW).length;

    const rnd = mulberry32(Number(process.env.RASOAT_KILL_SEED ?? 14));
    const stages = [1 + Math.floor(rnd() * nOut), 1 + Math.floor(rnd() * nOut)];
    const points = ['analyzed', ...stages.map((k) => `stage:${k}`), 'ready', 'swap', 'switched'];
    const sides = () => readdirSync(base).filter((f) => f.startsWith('.out.'));
    for (const point of points) {
      rmSync(out, { recursive: true, force: true });
      cpSync(pristine, out, { recursive: true });
      const child = await startStopped(corpus, out, point);
      if (point === 'analyzed') {
        // the job runs in this process: no child process to orphan (bin/rasoat.js used to spawn one)
        expect(children(child.pid!)).toEqual([]);
        // a concurrent run into the same folder refuses, naming the holder
        const second = analyze(corpus, out);
        expect(second.status).toBe(1);
        expect(second.stderr).toMatch(new RegExp(`another rasoat analyze \\(pid ${child.pid}`));
      }
      await killed(child);
      const now = snapshot(out);
      if (point === 'swap') {
        // between the two renames: the complete new folder is ready beside the absent output
        expect(now).toBeNull();
        expect(snapshot(path.join(base, '.out.rasoat-ready'))).toEqual(NEW);
      } else expect([OLD, NEW], `killed at ${point}`).toContainEqual(now);
      expect(Object.keys(now ?? {}).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      // the next run (taking over the dead process's lock) equals a clean run and leaves nothing beside
      const next = analyze(corpus, out);
      expect(next.status, `${point}: ${next.stderr}`).toBe(0);
      expect(snapshot(out), `next run after a kill at ${point}`).toEqual(NEW);
      expect(sides()).toEqual([]);
    }
  });
});
