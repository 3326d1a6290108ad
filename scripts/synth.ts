/**
 * Synthetic corpus: N plans made from the real plans (the plan of seed 000, seeds 002 and 003)
 * by the mutations of the diff tests (scripts/mutations.ts: delete points, reorder, paraphrase,
 * change parameters, insert local items), written as 60 % text, 20 % DOCX (docx package), 20 % PDF (pdfkit + DejaVu Sans).
 * Deterministic from the seed: same seed, same bytes.
 *
 *   npx tsx scripts/synth.ts --n 1000 [--seed 1] [--out bench-corpus/n1000-s1]
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Doc } from '../src/model.js';
import { processFile } from '../src/pipeline.js';
import { MUTATIONS, rng as mulberry32 } from './mutations.js';
import { seedFile } from './lib.js';

const ROOT = path.resolve(import.meta.dirname, '..');
export const FONT = process.env.RASOAT_PDF_FONT ?? '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'; // Debian: fonts-dejavu-core
export const SYNTH_VERSION = 5;

// ------------------------------------------------------------------ PRNG (the mutations' mulberry32)

export function rng(seed: number) {
  const next = mulberry32(seed);
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(xs: readonly T[]): T => xs[int(xs.length)] };
}
export type Rng = ReturnType<typeof rng>;

// ------------------------------------------------------------------ sources

export interface Source {
  name: string;
  doc: Doc;
}

/** The real plans: the plan part of seed 000, seeds 002 and 003 (read by the pipeline, segment texts). */
export async function sources(): Promise<Source[]> {
  const out: Source[] = [];
  for (const [id, index] of [['000', 0], ['002', 0], ['003', 0]] as const) {
    const r = await processFile(seedFile(id), { extract: false });
    const doc = r.docs[index];
    out.push({ name: id, doc });
  }
  return out;
}

/** 3–8 mutations of the diff tests (scripts/mutations.ts), applied one after the other. */
export function mutate(src: Source, r: Rng): { text: string; applied: string[] } {
  const names = Object.keys(MUTATIONS) as (keyof typeof MUTATIONS)[];
  const k = 3 + r.int(6);
  const applied: string[] = [];
  let text = src.doc.text;
  for (let i = 0; i < k; i++) {
    const m = r.pick(names);
    const out = MUTATIONS[m](text, r.int(2 ** 31));
    if (out.truth.kind === 'none') continue;
    text = out.text;
    applied.push(m);
  }
  return { text: text.replace(/\n{3,}/g, '\n\n'), applied };
}

// ------------------------------------------------------------------ writers

function paragraphs(text: string): string[] {
  return text.split('\n').map((l) => l.trim());
}

export async function toDocx(text: string): Promise<Buffer> {
  const { Document, Packer, Paragraph, TextRun } = await import('docx');
  const doc = new Document({
    creator: 'rasoat synth',
    title: 'synthetic plan',
    sections: [{ children: paragraphs(text).filter(Boolean).map((l) => new Paragraph({ children: [new TextRun({ text: l, font: 'Times New Roman', size: 26 })] })) }],
  });
  const buf = await Packer.toBuffer(doc);
  return fixZipDates(buf);
}

/** docx stamps the current time into docProps/core.xml: replace it so that the bytes depend on the seed only. */
async function fixZipDates(buf: Buffer): Promise<Buffer> {
  const JSZip = (await import('jszip')).default;
  const zip = await JSZip.loadAsync(buf);
  const core = zip.file('docProps/core.xml');
  if (core) {
    const xml = (await core.async('string')).replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '2025-01-01T00:00:00Z');
    zip.file('docProps/core.xml', xml, { date: new Date(Date.UTC(2025, 0, 1)) });
  }
  zip.forEach((_, f) => {
    f.date = new Date(Date.UTC(2025, 0, 1));
  });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export async function toPdf(text: string): Promise<Buffer> {
  const PDFDocument = (await import('pdfkit')).default;
  const doc = new PDFDocument({ size: 'A4', margins: { top: 72, bottom: 72, left: 85, right: 60 }, info: { CreationDate: new Date(Date.UTC(2025, 0, 1)), Title: 'synthetic plan' } as PDFKit.DocumentInfo });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((res) => doc.on('end', () => res()));
  doc.font(FONT).fontSize(12);
  for (const l of paragraphs(text)) {
    if (!l) continue;
    doc.text(l, { align: 'left', paragraphGap: 4, lineGap: 1 });
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

// ------------------------------------------------------------------ corpus

export interface SynthOptions {
  n: number;
  seed?: number;
  out?: string;
  /** regenerate even when the directory already holds this corpus */
  force?: boolean;
}

export interface SynthManifest {
  version: number;
  n: number;
  seed: number;
  files: { file: string; format: 'txt' | 'docx' | 'pdf'; source: string; mutations: string[]; sha256: string }[];
}

/** format of the i-th plan: 6 of every 10 text, 2 DOCX, 2 PDF */
export const formatOf = (i: number): 'txt' | 'docx' | 'pdf' => (['txt', 'txt', 'txt', 'txt', 'txt', 'txt', 'docx', 'docx', 'pdf', 'pdf'] as const)[i % 10];

export async function synthesize(opts: SynthOptions): Promise<{ dir: string; manifest: SynthManifest }> {
  const seed = opts.seed ?? 1;
  const dir = path.resolve(opts.out ?? path.join(ROOT, 'bench-corpus', `n${opts.n}-s${seed}`));
  const mf = path.join(dir, 'manifest.json');
  if (!opts.force && existsSync(mf)) {
    const m = JSON.parse(readFileSync(mf, 'utf8')) as SynthManifest;
    if (m.version === SYNTH_VERSION && m.n === opts.n && m.seed === seed && m.files.every((f) => existsSync(path.join(dir, f.file)))) return { dir, manifest: m };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const srcs = await sources();
  const files: SynthManifest['files'] = [];
  for (let i = 0; i < opts.n; i++) {
    // one generator per plan: plan i does not depend on N
    const r = rng((seed * 0x9e3779b1 + i * 0x85ebca77) >>> 0);
    const src = srcs[r.int(srcs.length)];
    const { text, applied } = mutate(src, r);
    const format = formatOf(i);
    const name = `plan-${String(i).padStart(5, '0')}-${src.name}.${format}`;
    const buf = format === 'txt' ? Buffer.from(text, 'utf8') : format === 'docx' ? await toDocx(text) : await toPdf(text);
    writeFileSync(path.join(dir, name), buf);
    files.push({ file: name, format, source: src.name, mutations: applied, sha256: createHash('sha256').update(buf).digest('hex') });
  }
  const manifest: SynthManifest = { version: SYNTH_VERSION, n: opts.n, seed, files };
  writeFileSync(mf, JSON.stringify(manifest, null, 1));
  return { dir, manifest };
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const { values } = parseArgs({ options: { n: { type: 'string', default: '100' }, seed: { type: 'string', default: '1' }, out: { type: 'string' }, force: { type: 'boolean' } } });
  const t0 = performance.now();
  const { dir, manifest } = await synthesize({ n: Number(values.n), seed: Number(values.seed), out: values.out, force: values.force });
  const by = (f: string) => manifest.files.filter((x) => x.format === f).length;
  process.stdout.write(`${manifest.files.length} plans in ${dir} (txt ${by('txt')}, docx ${by('docx')}, pdf ${by('pdf')}) in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}
