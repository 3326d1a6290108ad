/**
 * Synthetic corpus: N plans made from the real plans (the plan of seed 000, seeds 002 and 003)
 * by the mutations of the diff tests (delete points, reorder, paraphrase, change numbers, insert
 * local items), written as 60 % text, 20 % DOCX (docx package), 20 % PDF (pdfkit + DejaVu Sans).
 * Deterministic from the seed: same seed, same bytes.
 *
 *   npx tsx scripts/synth.ts --n 1000 [--seed 1] [--out bench-corpus/n1000-s1]
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Doc, Segment } from '../src/model.js';
import { processFile } from '../src/pipeline.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const SEEDS = path.resolve(process.env.RASOAT_SHARED ?? path.join(ROOT, '..', 'shared'), 'seeds');
export const FONT = process.env.RASOAT_PDF_FONT ?? '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'; // Debian: fonts-dejavu-core
export const SYNTH_VERSION = 4;

// ------------------------------------------------------------------ PRNG (mulberry32)

export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(xs: readonly T[]): T => xs[int(xs.length)] };
}
export type Rng = ReturnType<typeof rng>;

// ------------------------------------------------------------------ text tree by spans

/** A node renders as pre + children (each followed by its tail) + post; a leaf is just pre. */
export interface TNode {
  kind: Segment['kind'] | 'root';
  pre: string;
  children: TNode[];
  tail: string;
  post: string;
}

function build(text: string, kind: TNode['kind'], span: [number, number], segs: Segment[]): TNode {
  // keep the children that lie in order inside the span (footnotes attached elsewhere stay in the text around)
  const kids: Segment[] = [];
  let at = span[0];
  for (const c of [...segs].sort((a, b) => a.span[0] - b.span[0])) {
    if (c.span[0] >= at && c.span[1] <= span[1] && c.span[1] > c.span[0]) {
      kids.push(c);
      at = c.span[1];
    }
  }
  if (!kids.length) return { kind, pre: text.slice(span[0], span[1]), children: [], tail: '', post: '' };
  const children = kids.map((c, i) => {
    const n = build(text, c.kind, c.span, c.children);
    n.tail = text.slice(c.span[1], i + 1 < kids.length ? kids[i + 1].span[0] : c.span[1]);
    return n;
  });
  return { kind, pre: text.slice(span[0], kids[0].span[0]), children, tail: '', post: text.slice(kids[kids.length - 1].span[1], span[1]) };
}

export function treeOf(doc: Doc): TNode {
  return build(doc.text, 'root', [0, doc.text.length], doc.segments);
}

export function render(n: TNode): string {
  return n.pre + n.children.map((c) => render(c) + c.tail).join('') + n.post;
}

function nodes(n: TNode, out: { node: TNode; parent: TNode | null }[] = [], parent: TNode | null = null) {
  out.push({ node: n, parent });
  for (const c of n.children) nodes(c, out, n);
  return out;
}
const BODY = new Set(['item', 'bullet', 'paragraph']);

// ------------------------------------------------------------------ mutations (local; the diff tests' ones live in scripts/mutations.ts)

const PARAPHRASE: [RegExp, string[]][] = [
  [/nâng cao/g, ['tăng cường', 'đẩy mạnh']],
  [/thực hiện/g, ['triển khai', 'tổ chức thực hiện']],
  [/chất lượng/g, ['hiệu quả', 'chất lượng, hiệu quả']],
  [/thường xuyên/g, ['định kỳ', 'liên tục']],
  [/kịp thời/g, ['nhanh chóng', 'đúng thời hạn']],
  [/đổi mới/g, ['cải tiến', 'đổi mới, sáng tạo']],
  [/quán triệt/g, ['phổ biến, quán triệt', 'học tập']],
  [/các cấp/g, ['cơ sở', 'các cấp ủy trực thuộc']],
  [/đảng viên/g, ['cán bộ, đảng viên', 'đảng viên']],
];
const PLACES = ['xã Tân Lập', 'phường Hòa Bình', 'thị trấn Đông Anh', 'xã Vĩnh Hưng', 'phường Quang Trung', 'xã Ea Kao', 'phường Thủy Xuân', 'xã Bản Lầu'];
const LOCAL = [
  'Đảng ủy {p} chỉ đạo các chi bộ trực thuộc tổ chức sinh hoạt chuyên đề về chuyển đổi số trước ngày {d}/{m}/2026.',
  'Chi bộ thôn, tổ dân phố thuộc {p} duy trì sinh hoạt định kỳ vào ngày {d} hằng tháng, báo cáo kết quả về Ban Tổ chức.',
  'Giao Văn phòng cấp ủy {p} tổng hợp, báo cáo kết quả thực hiện 6 tháng một lần.',
  'Ủy ban Kiểm tra {p} kiểm tra, giám sát việc thực hiện tại {k} chi bộ trong năm 2026.',
  'Mỗi đảng viên {p} đăng ký ít nhất {k} việc làm cụ thể gắn với nội dung sinh hoạt chi bộ.',
];

export type Mutation = (t: TNode, r: Rng) => boolean;

export const mutations: Record<string, Mutation> = {
  delete(t, r) {
    const c = nodes(t).filter((x) => BODY.has(x.node.kind) && x.parent && x.parent.children.length > 1);
    if (!c.length) return false;
    const { node, parent } = r.pick(c);
    const i = parent!.children.indexOf(node);
    if (i === parent!.children.length - 1 && i > 0) parent!.children[i - 1].tail = node.tail;
    parent!.children.splice(i, 1);
    return true;
  },
  reorder(t, r) {
    const c = nodes(t).filter((x) => x.node.children.filter((k) => BODY.has(k.kind)).length >= 2);
    if (!c.length) return false;
    const p = r.pick(c).node;
    const idx = p.children.map((k, i) => (BODY.has(k.kind) ? i : -1)).filter((i) => i >= 0);
    const j = r.int(idx.length - 1);
    const [a, b] = [idx[j], idx[j + 1]];
    // swap the contents, keep the whitespace between them in place
    const ta = p.children[a].tail;
    const tb = p.children[b].tail;
    [p.children[a], p.children[b]] = [p.children[b], p.children[a]];
    p.children[a].tail = ta;
    p.children[b].tail = tb;
    return true;
  },
  paraphrase(t, r) {
    const c = nodes(t).filter((x) => !x.node.children.length && BODY.has(x.node.kind) && PARAPHRASE.some(([re]) => x.node.pre.slice(4).search(re) >= 0));
    if (!c.length) return false;
    const n = r.pick(c).node;
    const rules = PARAPHRASE.filter(([re]) => n.pre.slice(4).search(re) >= 0);
    const [re, alts] = r.pick(rules);
    n.pre = n.pre.slice(0, 4) + n.pre.slice(4).replace(re, () => r.pick(alts));
    return true;
  },
  numbers(t, r) {
    const c = nodes(t).filter((x) => !x.node.children.length && BODY.has(x.node.kind) && /\d/.test(x.node.pre.slice(5)));
    if (!c.length) return false;
    const n = r.pick(c).node;
    const head = n.pre.slice(0, 5);
    n.pre =
      head +
      n.pre.slice(5).replace(/\d+/g, (d, at: number, all: string) => {
        // quantities only: not parts of symbols (50-CT/TW), dates (23/7/2025) or labels (1.2)
        if (d.length > 2 || /[-/.]/.test(all[at - 1] ?? '') || /[-/.]\d|[-/][A-ZĐ]/.test(all.slice(at + d.length, at + d.length + 2)) || r.next() < 0.5) return d;
        const v = Number(d);
        return String(Math.max(1, v + (r.next() < 0.5 ? -1 : 1) * (1 + r.int(3))));
      });
    return true;
  },
  insert(t, r) {
    const c = nodes(t).filter((x) => BODY.has(x.node.kind) && x.parent && x.parent.kind !== 'root');
    if (!c.length) return false;
    const { node, parent } = r.pick(c);
    const i = parent!.children.indexOf(node);
    const text = r
      .pick(LOCAL)
      .replace('{p}', r.pick(PLACES))
      .replace('{d}', String(1 + r.int(28)))
      .replace('{m}', String(1 + r.int(12)))
      .replace('{k}', String(2 + r.int(9)));
    const tail = node.tail.includes('\n') ? node.tail : '\n';
    parent!.children.splice(i + 1, 0, { kind: 'bullet', pre: '- ' + text, children: [], tail, post: '' });
    if (!node.tail.includes('\n')) node.tail = '\n';
    return true;
  },
};

// ------------------------------------------------------------------ sources

export interface Source {
  name: string;
  doc: Doc;
}

/** The real plans: the plan part of seed 000, seeds 002 and 003 (read by the pipeline, segment texts). */
export async function sources(): Promise<Source[]> {
  const find = (id: string) => path.join(SEEDS, readdirSync(SEEDS).find((f) => f.startsWith(id) && f.endsWith('.txt'))!);
  const out: Source[] = [];
  for (const [id, index] of [['000', 0], ['002', 0], ['003', 0]] as const) {
    const r = await processFile(find(id), { extract: false });
    const doc = r.docs[index];
    if (render(treeOf(doc)) !== doc.text) throw new Error(`synth: the segment tree of ${id} does not render back to its text`);
    out.push({ name: id, doc });
  }
  return out;
}

export function mutate(src: Source, r: Rng): { text: string; applied: string[] } {
  const t = treeOf(src.doc);
  const names = Object.keys(mutations);
  const k = 3 + r.int(8);
  const applied: string[] = [];
  for (let i = 0; i < k; i++) {
    const m = r.pick(names);
    if (mutations[m](t, r)) applied.push(m);
  }
  return { text: render(t).replace(/\n{3,}/g, '\n\n'), applied };
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
