// Compiles src/ to dist/ (plain ESM JavaScript: no TypeScript loader at run time, which
// halves the CLI's start-up and makes PDF reading 4× faster) and stamps the build.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
try {
  execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
} catch {
  // type errors: dist/ is emitted but not stamped, so `rasoat` keeps running src/ through tsx
  console.error('build: tsc reported errors; dist/ is not marked fresh, rasoat will run src/ through tsx');
  process.exit(0);
}
mkdirSync(path.join(dist, 'batch'), { recursive: true });
copyFileSync(path.join(root, 'src', 'batch', 'shim.mjs'), path.join(dist, 'batch', 'shim.mjs'));
mkdirSync(path.join(dist, 'ingest'), { recursive: true });
copyFileSync(path.join(root, 'src', 'ingest', 'no-canvas.mjs'), path.join(dist, 'ingest', 'no-canvas.mjs'));
cpSync(path.join(root, 'src', 'serve', 'static'), path.join(dist, 'serve', 'static'), { recursive: true });
writeFileSync(path.join(dist, '.stamp'), '');
