/**
 * `rasoat extract FILE... [--json] [--no-entities]`: the document tree, metadata and entities of each document.
 * Each file is read in an isolated worker thread (src/batch/isolated.ts): the time limit and the memory limits hold.
 */
import { IsolatedReader } from '../batch/isolated.js';
import { reapOnExit } from '../ingest/children.js';
import { describeError, type Failure } from '../errors.js';
import { type Doc, versioned } from '../model.js';
import { walk } from '../segment/tree.js';

export async function run(files: string[], flags: Record<string, unknown>): Promise<number> {
  if (!files.length) {
    process.stderr.write('rasoat extract: no input files (rasoat extract FILE... [--json] [--no-entities])\n');
    return 2;
  }
  const docs: Doc[] = [];
  const failures: Failure[] = [];
  // programs started for a file (OCR) and their temporary folders do not outlive the command
  reapOnExit();
  const reader = new IsolatedReader({ maxBytes: num(flags['max-bytes']), maxPages: num(flags['max-pages']), ocr: flags.ocr !== false, extract: flags.entities !== false, timeoutMs: seconds(flags.timeout) });
  try {
    for (const f of files) {
      try {
        docs.push(...(await reader.read(f)).docs);
      } catch (e) {
        failures.push({ file: f, ...describeError(e) });
      }
    }
  } finally {
    await reader.close();
  }
  for (const d of docs)
    for (const x of d.diagnostics) if (x.level !== 'info') process.stderr.write(`rasoat: ${d.source.file}#${d.source.index}: ${x.level}: ${x.message} [${x.code}]\n`);
  if (flags.json) process.stdout.write(JSON.stringify(docs.map(versioned), null, 1) + '\n');
  else for (const d of docs) process.stdout.write(summary(d) + '\n');
  for (const x of failures) process.stderr.write(`rasoat: ${x.file}: ${x.reason} [${x.code}]\n`);
  if (failures.length && files.length > 1) process.stderr.write(`rasoat: ${failures.length} of ${files.length} file(s) failed: ${failures.map((x) => x.file).join(', ')}\n`);
  return failures.length ? 1 : 0;
}

function num(v: unknown): number | undefined {
  return typeof v === 'string' && v ? Number(v) : undefined;
}

/** `--timeout S` in milliseconds (undefined: the default) */
export function seconds(v: unknown): number | undefined {
  const n = num(v);
  return n === undefined ? undefined : n * 1000;
}

function summary(d: Doc): string {
  const m = d.meta;
  const all = walk(d.segments);
  const count = (k: string) => all.filter((s) => s.kind === k).length;
  return [
    `${d.source.file}#${d.source.index} [${d.source.format}${d.source.encoding ? ', ' + d.source.encoding : ''}]`,
    `  ${m.kind ?? '?'} ${m.symbol ?? ''} ${m.date ?? ''} — ${m.issuer ?? '?'}`,
    `  ${m.title ?? ''}`,
    `  sections ${count('section')}, items ${count('item')}, bullets ${count('bullet')}, footnotes ${count('footnote')}; citations ${d.citations.length}, deadlines ${d.deadlines.length}, tasks ${d.tasks.length}`,
    `  signer: ${m.signer.name ?? '?'} (${m.signer.role ?? '?'}); recipients ${m.recipients.length}`,
  ].join('\n');
}
