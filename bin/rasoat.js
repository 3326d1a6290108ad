#!/usr/bin/env node
// The rasoat CLI. Runs the compiled dist/ when it is at least as new as every file in src/
// (`npm install` builds it; `npm run build` rebuilds); otherwise runs src/ through tsx's loader registered in
// this process (tsx resolved from this package, not from the working directory).
import { existsSync, readdirSync, statSync } from 'node:fs';
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

// Always in this process, never as a child: killing `rasoat` (even with kill -9) stops the job itself,
// nothing is left orphaned and still writing.
if (distIsFresh()) {
  const { runCli } = await import(pathToFileURL(path.join(root, 'dist', 'cli.js')).href);
  await runCli(process.argv.slice(2));
} else {
  const { register } = await import(import.meta.resolve('tsx/esm/api'));
  register();
  const { runCli } = await import(pathToFileURL(path.join(root, 'src', 'cli.ts')).href);
  await runCli(process.argv.slice(2));
}
