#!/usr/bin/env node
// The rasoat CLI. Runs the compiled dist/ when it is at least as new as every file in src/
// (`npm install` builds it; `npm run build` rebuilds); otherwise runs src/ through tsx (resolved from this
// package, not from the working directory).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'dist', '.stamp');

function distIsFresh() {
  if (!existsSync(stamp)) return false;
  const built = statSync(stamp).mtimeMs;
  const src = path.join(root, 'src');
  for (const f of readdirSync(src, { recursive: true })) if (statSync(path.join(src, String(f))).mtimeMs > built) return false;
  return true;
}

if (distIsFresh()) {
  const { runCli } = await import(pathToFileURL(path.join(root, 'dist', 'cli.js')).href);
  await runCli(process.argv.slice(2));
} else {
  const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), path.join(root, 'src', 'cli.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
