/**
 * Programs started for a file (pdftoppm, tesseract) and their temporary folders must not outlive the reading
 * (issue 14 §6). Each is tagged with its owner, `<pid>-<threadId>` of the thread that started it: in the
 * program's environment (RASOAT_OWNER, inherited by anything it starts) and in the folder's name
 * (`rasoat-ocr-<owner>-XXXXXX` in the temporary directory). Whoever ends the owner reaps its tag:
 *  - the OCR itself, on every exit path (its `finally`);
 *  - the worker pool, when it terminates a worker for its time limit or a crash (the worker's own `finally`
 *    never runs then);
 *  - the CLI at exit and on SIGINT/SIGTERM (every tag of its pid);
 *  - the next OCR, for tags whose process no longer exists (a rasoat killed with -9).
 * Reaping kills the tagged processes (found in /proc by their environment) and removes the folders.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { threadId } from 'node:worker_threads';

export const OWNER_ENV = 'RASOAT_OWNER';
export const TMP_PREFIX = 'rasoat-ocr-';

/** The tag of a thread of this process. */
export const ownerTag = (tid: number = threadId): string => `${process.pid}-${tid}`;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Processes carrying an owner tag: [pid, tag]. Linux /proc; elsewhere none are found. */
export function taggedProcesses(): [number, string][] {
  const out: [number, string][] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return out;
  }
  const key = `${OWNER_ENV}=`;
  for (const e of entries) {
    if (!/^\d+$/.test(e) || Number(e) === process.pid) continue;
    try {
      const env = readFileSync(`/proc/${e}/environ`, 'latin1');
      const at = env.indexOf(key);
      if (at >= 0 && (at === 0 || env[at - 1] === '\0')) out.push([Number(e), env.slice(at + key.length, env.indexOf('\0', at) >>> 0)]);
    } catch {
      /* gone, or not ours */
    }
  }
  return out;
}

/** Temporary OCR folders: [name, tag]. */
export function taggedFolders(): [string, string][] {
  let names: string[];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return [];
  }
  return names.filter((n) => n.startsWith(TMP_PREFIX)).map((n) => [n, n.slice(TMP_PREFIX.length).replace(/-[^-]*$/, '')]);
}

/** Kill the processes and remove the folders whose tag `match` accepts. Synchronous (usable in an exit handler); never throws. */
function reap(match: (tag: string) => boolean): void {
  for (const [pid, tag] of taggedProcesses())
    if (match(tag))
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
  for (const [name, tag] of taggedFolders())
    if (match(tag))
      try {
        rmSync(path.join(tmpdir(), name), { recursive: true, force: true });
      } catch {
        /* not ours to remove */
      }
}

/** Reap one owner's programs and folders (a worker that was terminated, or an OCR that ended). */
export function reapChildren(tag: string): void {
  reap((t) => t === tag);
}

/** Reap every tag of this process (at exit). */
export function reapAll(): void {
  const mine = `${process.pid}-`;
  reap((t) => t.startsWith(mine));
}

/** Reap the tags of processes that no longer exist (left by a rasoat killed with -9). */
export function reapStale(): void {
  reap((t) => {
    const pid = Number(t.split('-')[0]);
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && !alive(pid);
  });
}

let installed = false;
/** At exit and on SIGINT/SIGTERM, reap every tag of this process (then die of the signal as before). */
export function reapOnExit(): void {
  if (installed) return;
  installed = true;
  process.on('exit', reapAll);
  for (const sig of ['SIGINT', 'SIGTERM'] as const)
    process.once(sig, () => {
      reapAll();
      process.kill(process.pid, sig);
    });
}
