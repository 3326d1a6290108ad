/**
 * rasoat command line. Commands print results to stdout and problems to stderr;
 * exit status is non-zero when any input failed, 2 for a usage error.
 *
 * Every command is one row of COMMANDS (its usage line, its options, the module that runs it);
 * options are parsed strictly by node:util parseArgs: an unknown option, a missing option value or a
 * bad number is a usage error (exit 2, with the command's valid options); `--` ends the options, so a
 * file whose name starts with '-' is given as `rasoat extract -- -plan.txt`.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';

type OptionSpec = NonNullable<ParseArgsConfig['options']>[string] & { help: string; arg?: string; numeric?: boolean };

/** Options of every command that reads files. */
const COMMON: Record<string, OptionSpec> = {
  'max-bytes': { type: 'string', arg: 'N', numeric: true, help: 'refuse files larger than N bytes (default 52428800)' },
  'max-pages': { type: 'string', arg: 'N', numeric: true, help: 'refuse PDFs with more than N pages (default 500)' },
  'no-ocr': { type: 'boolean', help: 'do not OCR image-only PDFs' },
  timeout: { type: 'string', arg: 'S', numeric: true, help: 'per-file time limit in seconds (default 60); a file taking longer fails with [timeout]' },
};
/** Options of the commands that read a whole folder (the batch layer). */
const BATCH: Record<string, OptionSpec> = {
  workers: { type: 'string', arg: 'N', numeric: true, help: 'parallel worker threads (default: all cores from 16 files on, else 0 = one file at a time, still in an isolated thread)' },
  cache: { type: 'string', arg: 'DIR', help: 'content-hash cache of the worker path (default .cache/rasoat)' },
  'no-cache': { type: 'boolean', help: 'do not read or write the cache' },
};
/** The workbench's database. */
const DB: Record<string, OptionSpec> = {
  db: { type: 'string', arg: 'FILE|URL', help: 'SQLite file (default ~/.local/share/rasoat/workbench.sqlite, or $RASOAT_DB) or postgres://…' },
};
const HELP_OPTION: Record<string, OptionSpec> = { help: { type: 'boolean', short: 'h', help: 'this help' } };

export interface Command {
  usage: string;
  summary: string;
  options: Record<string, OptionSpec>;
  /** the function that runs the command: positionals and parsed options (`ocr`/`entities` false for --no-ocr/--no-entities) */
  load: () => Promise<(args: string[], flags: Record<string, unknown>) => Promise<number>>;
}

/** The commands: add a command by adding a row (and its module under commands/). */
export const COMMANDS: Record<string, Command> = {
  extract: {
    usage: 'rasoat extract FILE... [--json] [--no-entities]',
    summary: 'document tree, metadata and entities of each document (a file may hold several)',
    options: {
      json: { type: 'boolean', help: 'all documents as one JSON array (default: a one-screen summary per document)' },
      'no-entities': { type: 'boolean', help: 'segment only: no citations, deadlines, bodies, tasks' },
      ...COMMON,
    },
    load: async () => (await import('./commands/extract.js')).run,
  },
  diff: {
    usage: 'rasoat diff PLAN [--base FILE]… [--json|--md|--html]',
    summary: "the base's requirements with their status in the plan (covered / adapted / partial / omitted), changes, additions",
    options: {
      base: {
        type: 'string',
        multiple: true,
        arg: 'FILE',
        help: 'the document to diff against (default: the one the plan implements, found in its file or corpus/); repeat it for a plan naming several bases (a directive and the provincial plan implementing it)',
      },
      json: { type: 'boolean', help: 'the DiffResult as JSON' },
      md: { type: 'boolean', help: 'Markdown (the default)' },
      html: { type: 'boolean', help: 'a standalone HTML page' },
      'no-entities': { type: 'boolean', help: 'diff without the extract stage (no citation additions)' },
      ...COMMON,
    },
    load: async () => (await import('./commands/diff.js')).run,
  },
  index: {
    usage: 'rasoat index DIR [--json|--md]',
    summary: 'cross-reference index: every cited document, its metadata and every place that cites it',
    options: {
      json: { type: 'boolean', help: 'the index as JSON' },
      md: { type: 'boolean', help: 'the index in Vietnamese Markdown (the default)' },
      ...COMMON,
      ...BATCH,
    },
    load: async () => (await import('./commands/index.js')).run,
  },
  analyze: {
    usage: 'rasoat analyze [DIR] [--out DIR] [--base FILE]',
    summary: 'the main job: every document of DIR (default corpus/) → OUT (default extracted/): JSON, diffs, index, reports',
    options: {
      out: { type: 'string', arg: 'DIR', help: 'output folder (default extracted)' },
      base: { type: 'string', arg: 'FILE', help: 'documents that plans of DIR may implement, kept outside DIR' },
      ...COMMON,
      ...BATCH,
    },
    load: async () => (await import('./commands/analyze.js')).run,
  },
  export: {
    usage: 'rasoat export [DIR] [--base FILE] [--sqlite FILE] [--xlsx FILE] [--dot FILE] [--graphml FILE]',
    summary: 'the research dataset (SQLite with full-text search), the Vietnamese workbook, the citation graph (DOT, GraphML)',
    options: {
      sqlite: { type: 'string', arg: 'FILE', help: 'write the dataset as a SQLite database (replaced if it exists)' },
      xlsx: { type: 'string', arg: 'FILE', help: 'write the workbook (Vietnamese headers and values)' },
      dot: { type: 'string', arg: 'FILE', help: 'write the citation graph as Graphviz DOT' },
      graphml: { type: 'string', arg: 'FILE', help: 'write the citation graph as GraphML' },
      base: { type: 'string', arg: 'FILE', help: 'documents that plans of DIR may implement, kept outside DIR' },
      ...COMMON,
      ...BATCH,
    },
    load: async () => (await import('./commands/export.js')).run,
  },
  serve: {
    usage: 'rasoat serve [--db FILE|URL] [--host H] [--port P]',
    summary: 'the review workbench (web, SQLite or PostgreSQL)',
    options: {
      ...DB,
      host: { type: 'string', arg: 'H', help: 'address to listen on (default 127.0.0.1; any other requires accounts)' },
      port: { type: 'string', arg: 'P', numeric: true, help: 'port (default 8080)' },
      accounts: { type: 'boolean', help: 'require accounts even on 127.0.0.1' },
      workers: { type: 'string', arg: 'N', numeric: true, help: 'background analysis workers (default 1)' },
    },
    load: async () => (await import('./commands/serve.js')).serve,
  },
  user: {
    usage: 'rasoat user add NAME [--admin] [--db FILE|URL]',
    summary: 'create a workbench account (password on stdin or in RASOAT_PASSWORD)',
    options: { admin: { type: 'boolean', help: 'the account sees every round' }, ...DB },
    load: async () => (await import('./commands/serve.js')).user,
  },
  verdicts: {
    usage: 'rasoat verdicts export|import ROUND [FILE] [--db FILE|URL]',
    summary: "a review round's verdicts as JSON (ROUND: id or title)",
    options: { ...DB },
    load: async () => (await import('./commands/serve.js')).verdicts,
  },
};

function optionLines(options: Record<string, OptionSpec>): string {
  const all = { ...options, ...HELP_OPTION };
  const left = (n: string, o: OptionSpec) => `${o.short ? `-${o.short}, ` : ''}--${n}${o.arg ? ` ${o.arg}` : ''}`;
  const w = Math.max(...Object.entries(all).map(([n, o]) => left(n, o).length));
  return Object.entries(all)
    .map(([n, o]) => `  ${left(n, o).padEnd(w)}  ${o.help}`)
    .join('\n');
}

export function usage(): string {
  const w = Math.max(...Object.values(COMMANDS).map((c) => c.usage.length));
  return `rasoat — review Vietnamese Party directives and implementation plans

Usage:
${Object.values(COMMANDS)
  .map((c) => `  ${c.usage.padEnd(w)}  ${c.summary}`)
  .join('\n')}

\`rasoat COMMAND --help\` lists the options of a command; \`--\` ends the options.
Exit status: 0 every input read, 1 an input failed, 2 usage error.
`;
}

export function commandHelp(name: string): string {
  const c = COMMANDS[name];
  return `${c.usage}\n\n${c.summary}\n\nOptions:\n${optionLines(c.options)}\n\n\`--\` ends the options (a file named '-x.txt': rasoat ${name} -- -x.txt).\n`;
}

class UsageError extends Error {}

/** Parses one command's arguments strictly; throws UsageError with a reason. */
export function parseCommand(name: string, argv: string[]): { positionals: string[]; flags: Record<string, unknown> } {
  const c = COMMANDS[name];
  const options = Object.fromEntries(Object.entries({ ...c.options, ...HELP_OPTION }).map(([n, o]) => [n, { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) }]));
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    const msg = (e as Error).message.replace(/\. To specify a positional argument .*$/s, '');
    throw new UsageError(/^Unknown option/.test(msg) ? `${msg} (a file whose name starts with '-' goes after '--': rasoat ${name} -- FILE)` : msg);
  }
  const values = parsed.values as Record<string, unknown>;
  for (const [n, o] of Object.entries(c.options)) {
    const v = values[n];
    if (o.numeric && v !== undefined && !(typeof v === 'string' && /^\d+(\.\d+)?$/.test(v.trim()))) throw new UsageError(`option '--${n} ${o.arg}' needs a number, got '${v}'`);
    if (o.type === 'string' && (v === '' || (Array.isArray(v) && v.includes('')))) throw new UsageError(`option '--${n} ${o.arg}' needs a value`);
  }
  return { positionals: parsed.positionals, flags: { ...values, ocr: !values['no-ocr'], entities: !values['no-entities'] } };
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined) {
    process.stderr.write(usage());
    return 2;
  }
  if (cmd === '-h' || cmd === '--help' || cmd === 'help') {
    const topic = cmd === 'help' ? rest[0] : undefined;
    process.stdout.write(topic && COMMANDS[topic] ? commandHelp(topic) : usage());
    return 0;
  }
  const c = Object.hasOwn(COMMANDS, cmd) ? COMMANDS[cmd] : undefined;
  if (!c) {
    process.stderr.write(`rasoat: unknown command '${cmd}'\n\n${usage()}`);
    return 2;
  }
  let args: ReturnType<typeof parseCommand>;
  try {
    args = parseCommand(cmd, rest);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`rasoat ${cmd}: ${e.message}\n\n${commandHelp(cmd)}`);
    return 2;
  }
  if (args.flags.help) {
    process.stdout.write(commandHelp(cmd));
    return 0;
  }
  const run = await c.load();
  return run(args.positionals, args.flags);
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
