/**
 * The import graph of src/ read with TypeScript's own pre-processor (static imports, re-exports and
 * dynamic `import('…')` with a literal): no file imports itself through a circle (type-only imports, erased
 * at run time, do not count for circles), the folders form no circle either, and every layer imports only
 * layers below it (README, "Architecture"; type-only imports count here).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '..', 'src');

/** Layers from the bottom up; a file may import its own layer and the layers listed in its row. */
const ALLOWED: Record<string, string[]> = {
  util: [],
  model: [],
  vocab: ['model'],
  normalize: ['model', 'vocab'],
  ingest: ['model', 'vocab', 'normalize'],
  segment: ['model', 'vocab', 'normalize'],
  extract: ['model', 'vocab', 'normalize', 'segment'],
  align: ['model', 'vocab', 'normalize', 'segment', 'extract'],
  // the stages composed: ingest → normalize → segment → document stages
  pipeline: ['model', 'vocab', 'normalize', 'ingest', 'segment', 'extract', 'errors'],
  errors: ['model', 'ingest'],
  report: ['model', 'vocab', 'normalize', 'segment'],
  batch: ['model', 'vocab', 'normalize', 'ingest', 'segment', 'extract', 'align', 'pipeline', 'errors', 'report'],
  corpus: ['model', 'vocab', 'normalize', 'ingest', 'segment', 'extract', 'align', 'pipeline', 'errors', 'report', 'batch'],
  // the research dataset's public module (src/export/dataset.ts) over the report layer's formats
  export: ['model', 'vocab', 'normalize', 'segment', 'report'],
  // the review workbench (web): a front end over the corpus layer, like the commands
  serve: ['model', 'vocab', 'normalize', 'ingest', 'segment', 'extract', 'align', 'pipeline', 'errors', 'report', 'batch', 'corpus', 'export'],
  commands: ['model', 'vocab', 'normalize', 'ingest', 'segment', 'extract', 'align', 'pipeline', 'errors', 'report', 'batch', 'corpus', 'serve', 'export'],
  cli: ['commands'],
};
/** The analysis stages: nothing in them may reach up to reporting, the corpus layer, the commands or the CLI. */
const STAGES = ['ingest', 'normalize', 'segment', 'extract', 'align'];
const ABOVE_STAGES = ['report', 'corpus', 'commands', 'cli', 'batch', 'pipeline', 'serve'];

const TYPE_ONLY = /^\s*(?:import|export)\s+type\s[^;]*?from\s+['"]([^'"]+)['"]/gm;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : /\.(ts|mts|mjs)$/.test(e.name) && !/\.d\.m?ts$/.test(e.name) ? [path.join(dir, e.name)] : []));
}
/** The layer of a file: its folder under src/, or its name for the files at the top (model.ts → model). */
const layerOf = (f: string) => {
  const rel = path.relative(SRC, f).split(path.sep);
  return rel.length > 1 ? rel[0] : rel[0].replace(/\.m?ts$/, '');
};

/** file → imported files; with `runtime`, only the imports that exist at run time (not `import type`). */
function graph(runtime = false): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const f of files(SRC)) {
    const text = readFileSync(f, 'utf8');
    const info = ts.preProcessFile(text, true, true);
    const all = info.importedFiles.map((i) => i.fileName);
    // a specifier imported only by `import type` statements is erased by the compiler
    const typeOnly = [...text.matchAll(TYPE_ONLY)].map((m) => m[1]);
    const count = (n: string, list: string[]) => list.filter((x) => x === n).length;
    const deps = [...new Set(all)]
      .filter((n) => n.startsWith('.'))
      .filter((n) => !runtime || count(n, all) > count(n, typeOnly))
      .map((n) => path.resolve(path.dirname(f), n).replace(/\.js$/, '.ts'))
      // a plain-JavaScript module (src/ingest/no-canvas.mjs, loaded before any TypeScript loader) is itself; else .mjs names a .mts
      .map((p) => (p.endsWith('.mjs') && !existsSync(p) ? p.replace(/\.mjs$/, '.mts') : p));
    g.set(f, deps);
  }
  return g;
}

function cycles(g: Map<string, string[]>): string[][] {
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (u: string) => {
    state.set(u, 1);
    stack.push(u);
    for (const v of g.get(u) ?? []) {
      if (state.get(v) === 1) found.push([...stack.slice(stack.indexOf(v)), v]);
      else if (!state.has(v)) visit(v);
    }
    stack.pop();
    state.set(u, 2);
  };
  for (const u of g.keys()) if (!state.has(u)) visit(u);
  return found;
}

const rel = (f: string) => path.relative(SRC, f);

/** Imports from an analysis stage up to reporting, the corpus layer, the batch layer, the commands or the CLI. */
function upwardFromStages(g: Map<string, string[]>): string[] {
  const bad: string[] = [];
  for (const [f, deps] of g) if (STAGES.includes(layerOf(f))) for (const d of deps) if (ABOVE_STAGES.includes(layerOf(d))) bad.push(`${rel(f)} → ${rel(d)}`);
  return bad;
}

/** Imports of a layer that is not below the importing one (ALLOWED). */
function layerViolations(g: Map<string, string[]>): string[] {
  const bad: string[] = [];
  for (const [f, deps] of g) {
    const l = layerOf(f);
    const allowed = ALLOWED[l];
    if (!allowed) continue; // a new top-level folder is checked by the rules above only
    for (const d of deps) {
      const m = layerOf(d);
      // src/util.ts: generic helpers without domain knowledge, usable by every layer
      if (m !== l && m !== 'util' && !allowed.includes(m)) bad.push(`${rel(f)} (${l}) → ${rel(d)} (${m})`);
    }
  }
  return bad;
}

describe('import graph of src/', () => {
  const g = graph();

  it('reads every file and finds the imports (including dynamic ones)', () => {
    expect(g.size).toBeGreaterThan(40);
    expect(g.get(path.join(SRC, 'cli.ts'))!.some((d) => rel(d).startsWith('commands/'))).toBe(true);
    for (const [f, deps] of g) for (const d of deps) expect(g.has(d), `${rel(f)} imports ${rel(d)}, which does not exist`).toBe(true);
  });

  it('has no circle between files (run-time imports)', () => {
    expect(cycles(graph(true)).map((c) => c.map(rel).join(' → '))).toEqual([]);
  });

  it('has no circle between layers', () => {
    const lg = new Map<string, string[]>();
    for (const [f, deps] of g) {
      const l = layerOf(f);
      lg.set(l, [...new Set([...(lg.get(l) ?? []), ...deps.map(layerOf).filter((x) => x !== l)])]);
    }
    expect(cycles(lg).map((c) => c.join(' → '))).toEqual([]);
  });

  it('no analysis stage imports reporting, the corpus layer, the batch layer, the commands or the CLI', () => {
    expect(upwardFromStages(g)).toEqual([]);
  });

  it('every layer imports only the layers below it', () => {
    expect(layerViolations(g)).toEqual([]);
  });

  it('the checker sees a circle and an upward arrow when there is one', () => {
    const a = path.join(SRC, 'extract', 'a.ts');
    const b = path.join(SRC, 'report', 'b.ts');
    const c = path.join(SRC, 'segment', 'c.ts');
    const fake = new Map([
      [a, [b, c]],
      [b, [a]],
      [c, []],
    ]);
    expect(cycles(fake)).toHaveLength(1);
    expect(upwardFromStages(fake)).toEqual(['extract/a.ts → report/b.ts']);
    expect(layerViolations(fake)).toEqual(['extract/a.ts (extract) → report/b.ts (report)', 'report/b.ts (report) → extract/a.ts (extract)']);
    // and on the real graph with one upward import added (src/ingest/pdf.ts importing the CLI)
    const real = new Map(g);
    const pdf = path.join(SRC, 'ingest', 'pdf.ts');
    real.set(pdf, [...real.get(pdf)!, path.join(SRC, 'cli.ts')]);
    expect(upwardFromStages(real)).toEqual(['ingest/pdf.ts → cli.ts']);
    expect(cycles(real).length).toBeGreaterThan(0);
  });
});
