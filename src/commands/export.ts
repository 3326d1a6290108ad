/**
 * `rasoat export [DIR=corpus] [--base FILE] (--sqlite FILE | --xlsx FILE | --dot FILE | --graphml FILE)…`:
 * analyzes DIR like `analyze` and writes the research dataset (SQLite with full-text
 * search), the Vietnamese workbook, or the citation graph. At least one output is required.
 */
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describeError } from '../errors.js';
import { analyzeCorpus, processOptions } from './analyze.js';

const OUTPUTS = ['sqlite', 'xlsx', 'dot', 'graphml'] as const;

async function writeAtomic(file: string, data: Buffer | string): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

export async function run(args: string[], flags: Record<string, unknown>): Promise<number> {
  const wanted = OUTPUTS.filter((k) => typeof flags[k] === 'string' && flags[k]);
  if (!wanted.length) {
    process.stderr.write('rasoat export: say what to write: --sqlite FILE, --xlsx FILE, --dot FILE or --graphml FILE\n');
    return 2;
  }
  if (args.length > 1) {
    process.stderr.write(`rasoat export: one folder expected, got ${args.length}\n`);
    return 2;
  }
  const dir = args[0] ?? 'corpus';
  try {
    if (!(await stat(dir)).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  } catch (e) {
    process.stderr.write(`rasoat export: ${dir}: ${describeError(e).reason}\n`);
    return 2;
  }
  const opts = processOptions(flags);
  if (typeof flags.base === 'string' && flags.base) opts.baseFiles = [flags.base];
  const { analysis: a } = await analyzeCorpus(dir, opts);
  for (const f of a.failures) process.stderr.write(`rasoat: ${f.file}: ${f.reason} [${f.code}]\n`);
  for (const k of wanted) {
    const file = flags[k] as string;
    if (k === 'sqlite') {
      const { datasetSqlite } = await import('../export/dataset.js');
      await rm(file, { force: true });
      await writeAtomic(file, datasetSqlite(a));
    } else if (k === 'xlsx') {
      const { workbookXlsx } = await import('../report/spreadsheet.js');
      await writeAtomic(file, await workbookXlsx(a));
    } else {
      const g = await import('../report/citegraph.js');
      await writeAtomic(file, k === 'dot' ? g.toDot(a) : g.toGraphML(a));
    }
    process.stdout.write(`rasoat export: ${k} → ${file}\n`);
  }
  process.stdout.write(`  documents ${a.docs.length}, plans ${a.diffs.length}, failures ${a.failures.length}\n`);
  return a.failures.length ? 1 : 0;
}
