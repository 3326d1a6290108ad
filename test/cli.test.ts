/**
 * The CLI as users run it: the package bin (also through a symlink, as npm's
 * node_modules/.bin and `npx rasoat` call it), exit codes, stderr reasons, and
 * stdout that stays valid JSON.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../src/model.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin', 'rasoat.js');
const PLAN = path.join(ROOT, 'corpus', 'tinh-uy-ke-hoach-thuc-hien-chi-thi-50.txt');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'rasoat-cli-'));

function rasoat(args: string[], bin = BIN) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('rasoat CLI', () => {
  it('runs through a symlinked bin (npx / node_modules/.bin) and prints a JSON array', () => {
    const link = path.join(tmp, 'rasoat');
    symlinkSync(BIN, link);
    const r = rasoat(['extract', PLAN, '--json'], link);
    expect(r.code).toBe(0);
    const docs = JSON.parse(r.out);
    expect(docs).toHaveLength(1);
    // every document of the array says which schema it follows, as its first field
    expect(Object.keys(docs[0])[0]).toBe('schemaVersion');
    expect(docs[0].schemaVersion).toBe(SCHEMA_VERSION);
    expect(docs[0].meta.kind).toBe('KẾ HOẠCH');
    expect(docs[0].citations.some((c: { id: string; relation: string }) => c.id === '50-CT/TW' && c.relation === 'implements')).toBe(true);
  });

  it('in a batch, a bad file is named with its reason on stderr, exit 1, and the good file still comes out', () => {
    const empty = path.join(tmp, 'empty.txt');
    writeFileSync(empty, '');
    const junk = path.join(tmp, 'junk.pdf');
    writeFileSync(junk, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 255, 254, 0, 7]));
    const r = rasoat(['extract', empty, PLAN, junk, '--json']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${empty}: `);
    expect(r.err).toContain('[empty]');
    expect(r.err).toMatch(/junk\.pdf: .*\[[a-z-]+\]/);
    const docs = JSON.parse(r.out);
    expect(docs.map((d: { source: { file: string } }) => d.source.file)).toEqual([path.basename(PLAN)]);
  });

  it('index --json carries the schema version', () => {
    const r = rasoat(['index', 'corpus', '--json']);
    expect(r.code, r.err).toBe(0);
    const ix = JSON.parse(r.out);
    expect(Object.keys(ix)[0]).toBe('schemaVersion');
    expect(ix.schemaVersion).toBe(SCHEMA_VERSION);
    expect(ix.documents.length).toBeGreaterThan(0);
  });

  it('a missing file and an unknown command fail with a reason', () => {
    const missing = rasoat(['extract', path.join(tmp, 'nope.txt')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('nope.txt');
    const unknown = rasoat(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("unknown command 'frobnicate'");
  });

  it('diff finds the base from the plan and prints valid JSON', () => {
    const r = rasoat(['diff', PLAN, '--json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out);
    expect(d.schemaVersion).toBe(SCHEMA_VERSION);
    expect(d.base.symbol).toBe('50-CT/TW');
    expect(d.summary.coverage).toBeGreaterThan(0.8);
    expect(d.requirements.filter((q: { status: string }) => q.status === 'omitted').length).toBeGreaterThan(0);
    // the same result as the main job's (the base is read with its entities in both)
    const analyzed = JSON.parse(readFileSync(path.join(ROOT, 'extracted', 'diffs', `${path.basename(PLAN)}#0.json`), 'utf8'));
    expect(d.summary).toEqual(analyzed.summary);
    expect(d.additions).toEqual(analyzed.additions);
  });

  it('diff of a plan naming two bases (--base given the provincial plan): diffed against both, with the transitive coverage in JSON, Markdown and HTML', () => {
    const cond = path.join(ROOT, 'gold', 'condensed');
    const args = ['diff', path.join(cond, '01-xa-tan-lap.txt'), '--base', path.join(cond, '06-tinh-uy-nam-son-25-KH-TU.txt'), '--base', path.join(ROOT, 'corpus', 'tap-doan-cnnl-ke-hoach-va-chi-thi-50-CT-TW.txt')];
    const r = rasoat([...args, '--json']);
    expect(r.code, r.err).toBe(0);
    const d = JSON.parse(r.out);
    expect(d.base.symbol).toBe('50-CT/TW');
    expect(d.chain.diffs.map((x: { base: { symbol: string } }) => x.base.symbol)).toEqual(['25-KH/TU']);
    expect(d.chain.transitive[0].summary.through).toBeGreaterThan(0);
    expect(rasoat(args).out).toContain('Chuỗi văn bản căn cứ');
    expect(rasoat([...args, '--html']).out).toContain('<table class="chain">');
  });

  it('usage errors exit 2 with the valid options: unknown option, missing value, bad number, a typo of --base', () => {
    for (const args of [
      ['diff', PLAN, '--bse', 'x.txt'],
      ['extract', PLAN, '--pdf'],
      ['extract', PLAN, '--max-bytes'],
      ['extract', PLAN, '--max-bytes', 'many'],
      ['analyze', 'corpus', '--out'],
      ['index', 'corpus', '--workers', '-1'],
      // issue 14 §12: was "every file takes longer than NaN ms"
      ['analyze', 'corpus', '--timeout', 'abc'],
      ['extract', PLAN, '--timeout', 'abc'],
    ]) {
      const r = rasoat(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.out, args.join(' ')).toBe('');
      expect(r.err, args.join(' ')).toMatch(new RegExp(`^rasoat ${args[0]}: `));
      expect(r.err, args.join(' ')).toContain('Options:');
    }
    expect(rasoat(['diff', PLAN, '--bse', 'x.txt']).err).toContain('--base FILE');
  });

  it("a file name starting with '-' is an option unless it follows '--'", () => {
    const dashed = path.join(tmp, '-plan.txt');
    writeFileSync(dashed, readFileSync(PLAN));
    const r = spawnSync(process.execPath, [BIN, 'extract', '-plan.txt', '--json'], { cwd: tmp, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("after '--'");
    const ok = spawnSync(process.execPath, [BIN, 'extract', '--json', '--', '-plan.txt'], { cwd: tmp, encoding: 'utf8', timeout: 60_000 });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)[0].source.file).toBe('-plan.txt');
  });

  it('--help for each command lists its options; no command is a usage error', () => {
    for (const [cmd, opt] of [['extract', '--no-entities'], ['diff', '--base FILE'], ['index', '--workers N'], ['analyze', '--out DIR']]) {
      const r = rasoat([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`rasoat ${cmd}`);
      expect(r.out).toContain(opt);
      expect(r.out).toContain('--max-bytes N');
    }
    const top = rasoat(['--help']);
    expect(top.code).toBe(0);
    for (const cmd of ['extract', 'diff', 'index', 'analyze']) expect(top.out).toContain(`rasoat ${cmd}`);
    expect(rasoat([]).code).toBe(2);
  });
});
