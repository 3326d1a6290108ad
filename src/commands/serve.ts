/**
 * `rasoat serve [--db FILE|URL] [--host H] [--port P] [--workers N] [--accounts]`: the review workbench.
 * `rasoat user add NAME [--admin] [--db …]`: create an account (password read from stdin).
 * `rasoat verdicts export|import ROUND [FILE] [--db …]`: a round's verdicts as JSON.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

function dbTarget(flags: Record<string, unknown>): string | undefined {
  return typeof flags.db === 'string' && flags.db ? flags.db : process.env.RASOAT_DB || undefined;
}

async function openStore(flags: Record<string, unknown>) {
  const { openDb, defaultDbPath } = await import('../serve/db.js');
  return openDb(dbTarget(flags) ?? defaultDbPath());
}

/** Work folder for content-named copies and the analysis cache: beside the SQLite file, or under the data folder for PostgreSQL. */
export async function workDirFor(location: string, dialect: string): Promise<string> {
  if (dialect === 'sqlite') return `${location}.work`;
  const { defaultDbPath } = await import('../serve/db.js');
  return path.join(path.dirname(defaultDbPath()), `work-${createHash('sha256').update(location).digest('hex').slice(0, 12)}`);
}

export async function serve(args: string[], flags: Record<string, unknown>): Promise<number> {
  if (args.length) {
    process.stderr.write(`rasoat serve: unexpected argument '${args[0]}' (rasoat serve [--db FILE|URL] [--host H] [--port P])\n`);
    return 2;
  }
  const host = typeof flags.host === 'string' && flags.host ? flags.host : '127.0.0.1';
  const port = flags.port === undefined ? 8080 : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`rasoat serve: --port must be a port number (0–65535)\n`);
    return 2;
  }
  const workers = flags.workers === undefined ? 1 : Number(flags.workers);
  if (!Number.isInteger(workers) || workers < 1) {
    process.stderr.write(`rasoat serve: --workers must be a positive integer\n`);
    return 2;
  }
  const { buildApp, isLocalHost } = await import('../serve/app.js');
  let st;
  try {
    st = await openStore(flags);
  } catch (e) {
    process.stderr.write(`rasoat serve: cannot open the database: ${e instanceof Error ? e.message : e}\n`);
    return 1;
  }
  const accounts = flags.accounts === true || !isLocalHost(host);
  if (accounts) {
    const n = await st.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    if (!Number(n?.n)) {
      process.stderr.write(`rasoat serve: accounts are required on host ${host}; create one first: rasoat user add NAME --admin${dbTarget(flags) ? ` --db ${dbTarget(flags)}` : ''}\n`);
      await st.close();
      return 2;
    }
  }
  const wb = await buildApp({ store: st, host, accounts, workers, workDir: await workDirFor(st.location, st.dialect) });
  const addr = await wb.app.listen({ host, port });
  process.stdout.write(`rasoat serve: ${addr}/ (${wb.accounts ? 'tài khoản bắt buộc' : 'chỉ máy này, không cần đăng nhập'}; dữ liệu: ${st.location})\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await wb.close();
  await st.close();
  return 0;
}

async function readPassword(): Promise<string> {
  if (process.env.RASOAT_PASSWORD) return process.env.RASOAT_PASSWORD;
  if (process.stdin.isTTY) process.stderr.write('Mật khẩu (ít nhất 10 ký tự): ');
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

export async function user(args: string[], flags: Record<string, unknown>): Promise<number> {
  const [sub, name] = args;
  if (sub !== 'add' || !name || args.length > 2) {
    process.stderr.write('rasoat user: usage: rasoat user add NAME [--admin] [--db FILE|URL] (password on stdin or in RASOAT_PASSWORD)\n');
    return 2;
  }
  const { addUser } = await import('../serve/auth.js');
  const st = await openStore(flags);
  try {
    const u = await addUser(st.db, name, await readPassword(), flags.admin === true);
    process.stdout.write(`rasoat user: ${u.name}${u.admin ? ' (admin)' : ''} saved in ${st.location}\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`rasoat user: ${e instanceof Error ? e.message : e}\n`);
    return 1;
  } finally {
    await st.close();
  }
}

export async function verdicts(args: string[], flags: Record<string, unknown>): Promise<number> {
  const [sub, roundRef, file] = args;
  if (!['export', 'import'].includes(sub) || !roundRef || (sub === 'import' && !file) || args.length > 3) {
    process.stderr.write('rasoat verdicts: usage: rasoat verdicts export ROUND [--db …] > FILE | rasoat verdicts import ROUND FILE [--db …]  (ROUND: id or title)\n');
    return 2;
  }
  const { exportVerdicts, importVerdicts, VerdictExport } = await import('../serve/transfer.js');
  const st = await openStore(flags);
  try {
    const r = await st.db.selectFrom('rounds').select(['id', 'title']).where((eb) => eb.or([eb('id', '=', roundRef), eb('title', '=', roundRef)])).execute();
    if (r.length !== 1) {
      process.stderr.write(`rasoat verdicts: ${r.length ? 'several rounds are' : 'no round is'} called '${roundRef}'\n`);
      return 1;
    }
    if (sub === 'export') {
      process.stdout.write(JSON.stringify(await exportVerdicts(st.db, r[0].id), null, 1) + '\n');
      return 0;
    }
    let data;
    try {
      data = VerdictExport.parse(JSON.parse(readFileSync(file, 'utf8')));
    } catch (e) {
      process.stderr.write(`rasoat verdicts: ${file}: not a verdict export (${e instanceof Error ? e.message.slice(0, 200) : e})\n`);
      return 1;
    }
    const res = await importVerdicts(st.db, r[0].id, data);
    process.stdout.write(`rasoat verdicts: imported ${res.imported}, already present ${res.skipped}, no matching plan ${res.unmatched}\n`);
    return 0;
  } finally {
    await st.close();
  }
}
