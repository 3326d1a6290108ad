/** `rasoat index DIR [--json|--md]`: the cross-reference index of the documents cited in a folder. */
import { stat } from 'node:fs/promises';
import { buildIndex } from '../corpus/xref.js';
import { renderIndexMarkdown } from '../report/xref-md.js';
import { describeError } from '../errors.js';
import { loadCorpus } from '../corpus/load.js';
import { processOptions } from './analyze.js';
import { versioned } from '../model.js';

export async function run(args: string[], flags: Record<string, unknown>): Promise<number> {
  const dir = args[0];
  if (!dir) {
    process.stderr.write('rasoat index: no folder given (rasoat index DIR [--json|--md])\n');
    return 2;
  }
  try {
    if (!(await stat(dir)).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  } catch (e) {
    process.stderr.write(`rasoat index: ${dir}: ${describeError(e).reason}\n`);
    return 2;
  }
  const { docs, failures } = await loadCorpus(dir, processOptions(flags));
  const ix = buildIndex(docs);
  process.stdout.write(flags.json ? JSON.stringify(versioned(ix.value), null, 1) + '\n' : renderIndexMarkdown(ix.value));
  for (const d of ix.diagnostics.filter((x) => x.level !== 'info')) process.stderr.write(`rasoat index: ${d.level}: ${d.message}\n`);
  for (const f of failures) process.stderr.write(`rasoat: ${f.file}: ${f.reason} [${f.code}]\n`);
  return failures.length ? 1 : 0;
}
