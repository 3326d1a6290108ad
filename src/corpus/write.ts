/** Writing the outputs of a run into a folder: only what changed, atomically; stale managed files removed. */
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Outputs } from '../report/outputs.js';

/** Subfolders of the output that analyze owns entirely (stale files there are removed). */
export const MANAGED = ['docs', 'diffs', 'exports', 'reports', 'site'];

async function listTree(root: string, rel = ''): Promise<string[]> {
  let ents;
  try {
    ents = await readdir(path.join(root, rel), { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of ents) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listTree(root, r)));
    else out.push(r);
  }
  return out;
}

/** Write every output whose content differs, atomically (temp file + rename); remove stale managed files. */
export async function writeOutputs(outDir: string, outputs: Outputs): Promise<{ written: string[]; unchanged: number; removed: string[] }> {
  const written: string[] = [];
  const removed: string[] = [];
  let unchanged = 0;
  for (const [rel, content] of [...outputs.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const file = path.join(outDir, rel);
    const buf = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const old = await readFile(file).catch(() => null);
    if (old && old.equals(buf)) {
      unchanged++;
      continue;
    }
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
    await writeFile(tmp, buf);
    await rename(tmp, file);
    written.push(rel);
  }
  for (const sub of MANAGED)
    for (const rel of await listTree(path.join(outDir, sub))) {
      const full = `${sub}/${rel}`;
      if (!outputs.has(full)) {
        await rm(path.join(outDir, full), { force: true });
        removed.push(full);
      }
    }
  return { written, unchanged, removed };
}
