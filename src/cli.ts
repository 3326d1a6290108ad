/**
 * rasoat command line. Commands print results to stdout and problems to stderr;
 * exit status is non-zero when any input failed.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { describeError, type Failure } from './errors.js';
import type { Doc } from './model.js';
import { processFile } from './pipeline.js';

const HELP = `rasoat — review Vietnamese Party directives and implementation plans

Usage:
  rasoat extract FILE... [--json] [--no-entities]   document tree, metadata and entities
  rasoat diff PLAN [--base FILE] [--json|--md|--html]   requirements of the base: covered / adapted / partial / omitted
  rasoat index DIR [--json|--md]                    cross-reference index of cited documents
  rasoat analyze [DIR] [--out DIR] [--base FILE]    the main job: corpus/ → extracted/ (JSON, diffs, index, reports)
  rasoat export [DIR] [--base FILE] [--sqlite FILE] [--xlsx FILE] [--dot FILE] [--graphml FILE]
                                                    research dataset (SQLite + full-text search), Vietnamese workbook, citation graph

Options:
  --max-bytes N     refuse files larger than N bytes (default 52428800)
  --max-pages N     refuse PDFs with more than N pages (default 500)
  --no-ocr          do not OCR image-only PDFs
  --workers N       analyze/index: worker threads (default: all cores from 16 files on, else 0)
  --cache DIR       analyze/index: content-hash cache of the worker path (default .cache/rasoat)
  --no-cache        analyze/index: do not read or write the cache
  --timeout S       analyze/index: per-file time limit in seconds in the worker path (default 60)
  -h, --help        this help
`;

async function cmdExtract(files: string[], flags: Record<string, unknown>): Promise<number> {
  if (!files.length) {
    process.stderr.write('rasoat extract: no input files\n');
    return 2;
  }
  if (flags.entities !== false) await import('./extract/register.js').catch(() => undefined);
  const docs: Doc[] = [];
  const failures: Failure[] = [];
  for (const f of files) {
    try {
      const r = await processFile(f, { maxBytes: num(flags['max-bytes']), maxPages: num(flags['max-pages']), ocr: flags.ocr !== false, extract: flags.entities !== false });
      docs.push(...r.docs);
    } catch (e) {
      failures.push({ file: f, ...describeError(e) });
    }
  }
  for (const d of docs)
    for (const x of d.diagnostics) if (x.level !== 'info') process.stderr.write(`rasoat: ${d.source.file}#${d.source.index}: ${x.level}: ${x.message} [${x.code}]\n`);
  if (flags.json) process.stdout.write(JSON.stringify(docs, null, 1) + '\n');
  else for (const d of docs) process.stdout.write(summary(d) + '\n');
  for (const x of failures) process.stderr.write(`rasoat: ${x.file}: ${x.reason} [${x.code}]\n`);
  if (failures.length && files.length > 1) process.stderr.write(`rasoat: ${failures.length} of ${files.length} file(s) failed: ${failures.map((x) => x.file).join(', ')}\n`);
  return failures.length ? 1 : 0;
}

function num(v: unknown): number | undefined {
  return typeof v === 'string' && v ? Number(v) : undefined;
}

function summary(d: Doc): string {
  const m = d.meta;
  const count = (k: string) => {
    let n = 0;
    const visit = (s: Doc['segments'][number]) => {
      if (s.kind === k) n++;
      s.children.forEach(visit);
    };
    d.segments.forEach(visit);
    return n;
  };
  return [
    `${d.source.file}#${d.source.index} [${d.source.format}${d.source.encoding ? ', ' + d.source.encoding : ''}]`,
    `  ${m.kind ?? '?'} ${m.symbol ?? ''} ${m.date ?? ''} — ${m.issuer ?? '?'}`,
    `  ${m.title ?? ''}`,
    `  sections ${count('section')}, items ${count('item')}, bullets ${count('bullet')}, footnotes ${count('footnote')}; citations ${d.citations.length}, deadlines ${d.deadlines.length}, tasks ${d.tasks.length}`,
    `  signer: ${m.signer.name ?? '?'} (${m.signer.role ?? '?'}); recipients ${m.recipients.length}`,
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: {
      json: { type: 'boolean' },
      md: { type: 'boolean' },
      html: { type: 'boolean' },
      base: { type: 'string' },
      out: { type: 'string' },
      sqlite: { type: 'string' },
      xlsx: { type: 'string' },
      dot: { type: 'string' },
      graphml: { type: 'string' },
      'max-bytes': { type: 'string' },
      'max-pages': { type: 'string' },
      'no-ocr': { type: 'boolean' },
      'no-entities': { type: 'boolean' },
      workers: { type: 'string' },
      cache: { type: 'string' },
      'no-cache': { type: 'boolean' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const flags: Record<string, unknown> = { ...values, ocr: !values['no-ocr'], entities: !values['no-entities'] };
  const [cmd, ...rest] = positionals;
  if (values.help || !cmd) {
    process.stdout.write(HELP);
    return cmd || values.help ? 0 : 2;
  }
  switch (cmd) {
    case 'extract':
      return cmdExtract(rest, flags);
    case 'diff':
    case 'index':
    case 'analyze':
    case 'export': {
      const mod = await import(`./commands/${cmd}.js`).catch((e) => {
        process.stderr.write(`rasoat ${cmd}: not available (${e.message})\n`);
        return null;
      });
      return mod ? mod.run(rest, flags) : 2;
    }
    default:
      process.stderr.write(`rasoat: unknown command '${cmd}'\n${HELP}`);
      return 2;
  }
}

/** Runs the CLI as a program: exit code on process.exitCode, stack traces of bugs on stderr. */
export function runCli(argv: string[]): Promise<void> {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  return main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`rasoat: ${e instanceof Error ? e.stack : e}\n`);
      process.exitCode = 70;
    },
  );
}

// run when this file is the program (`tsx src/cli.ts`, `node dist/cli.js`); bin/rasoat.js calls runCli itself
const entry = process.argv[1] ? (() => { try { return realpathSync(process.argv[1]); } catch { return process.argv[1]; } })() : '';
if (entry && entry === realpathSync(fileURLToPath(import.meta.url))) void runCli(process.argv.slice(2));
