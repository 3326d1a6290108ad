/**
 * OCR of image-only PDFs with the system's tesseract (language "vie") and
 * poppler's pdftoppm. Pages are rendered to grey PNGs in a temporary folder,
 * recognised as TSV (word boxes), and returned as positioned lines in the same
 * shape as the PDF text layer, so the same reflow (pdf.ts) removes page
 * numbers and joins hard-wrapped lines.
 *
 * Only execFile with argument arrays and timeouts; never a shell string.
 * Debian packages: tesseract-ocr tesseract-ocr-vie poppler-utils.
 */
import { type ChildProcess, execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { OWNER_ENV, ownerTag, reapStale, TMP_PREFIX } from './children.js';
import { IngestError, type PdfLine, type PdfPage } from './types.js';

/** The programs running for this thread's OCR (killed on every exit path of ocrPdf). */
const running = new Set<ChildProcess>();

function run(cmd: string, args: string[], timeoutMs: number, env?: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    if (!(timeoutMs > 0)) return reject(Object.assign(new Error('time limit reached'), { killed: true, stderr: '' }));
    // tagged with this thread (children.ts): whoever ends the thread finds and kills it
    const child = execFile(
      cmd,
      args,
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024, encoding: 'utf8', env: { ...(env ?? process.env), [OWNER_ENV]: ownerTag() } },
      (err, stdout, stderr) => {
        running.delete(child);
        if (err) reject(Object.assign(err, { stderr }));
        else resolve({ stdout, stderr });
      },
    );
    running.add(child);
  });
}

/** Kill the programs still running and wait until they are gone (before their folder is removed). */
async function stopAll(): Promise<void> {
  const left = [...running];
  await Promise.all(
    left.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once('close', () => resolve());
          c.kill('SIGKILL');
        }),
    ),
  );
}

export interface OcrEngine {
  /** e.g. "tesseract 5.3.0" */
  version: string;
  langs: string[];
}

let engine: Promise<OcrEngine | null> | null = null;
/** The installed tesseract with Vietnamese data and pdftoppm, or null when either is missing. */
export function ocrEngine(): Promise<OcrEngine | null> {
  engine ??= (async () => {
    try {
      const v = await run('tesseract', ['--version'], 10_000);
      const version = (v.stdout + v.stderr).split('\n')[0].trim();
      const l = await run('tesseract', ['--list-langs'], 10_000);
      const langs = (l.stdout + l.stderr)
        .split('\n')
        .map((s) => s.trim())
        .filter((s) => /^[a-z_]+$/i.test(s));
      if (!langs.includes('vie')) return null;
      await run('pdftoppm', ['-v'], 10_000);
      return { version, langs };
    } catch {
      return null;
    }
  })();
  return engine;
}

/** Parse tesseract TSV into positioned lines (points, y from the page top). */
export function tsvToLines(tsv: string, page: number, dpi: number): PdfLine[] {
  const pt = 72 / dpi;
  const rows = tsv.split('\n').slice(1).map((r) => r.split('\t'));
  const lines = new Map<string, { left: number; top: number; w: number; h: number; words: { x: number; r: number; text: string }[] }>();
  for (const c of rows) {
    if (c.length < 12) continue;
    const [level, , block, par, line] = c;
    const [left, top, width, height] = c.slice(6, 10).map(Number);
    const key = `${block}.${par}.${line}`;
    if (level === '4') lines.set(key, { left, top, w: width, h: height, words: [] });
    if (level === '5') {
      const text = c.slice(11).join('\t').trim();
      if (text && Number(c[10]) >= 0) lines.get(key)?.words.push({ x: left, r: left + width, text });
    }
  }
  const boxes = [...lines.values()].filter((l) => l.words.length);
  const heights = boxes.map((b) => b.h).sort((a, b) => a - b);
  const median = heights[Math.floor(heights.length / 2)] ?? 1;
  const out: PdfLine[] = boxes.map((b) => ({
    page,
    index: 0,
    x0: Math.min(...b.words.map((w) => w.x)) * pt,
    x1: Math.max(...b.words.map((w) => w.r)) * pt,
    y: (b.top + b.h) * pt,
    // line boxes vary with diacritics; treat all ordinary lines as one size, only clearly small ones as smaller
    size: Math.round(((b.h < median * 0.72 ? b.h : median) * pt) / 1.25 * 2) / 2,
    font: 'ocr',
    text: b.words
      .map((w) => w.text)
      .join(' ')
      .normalize('NFC'),
  }));
  out.sort((a, b) => a.y - b.y || a.x0 - b.x0);
  out.forEach((l, k) => (l.index = k));
  return out;
}

export interface OcrResult {
  pages: PdfPage[];
  version: string;
  dpi: number;
  ms: number;
}

/**
 * OCR the first `maxPages` pages of a PDF. Throws IngestError('no-text-layer')
 * when tesseract with Vietnamese data or pdftoppm is missing.
 */
export async function ocrPdf(buf: Buffer, opts: { maxPages: number; pages: number; dpi?: number; timeoutMs?: number; deadline?: number }): Promise<OcrResult> {
  const eng = await ocrEngine();
  if (!eng) throw new IngestError('no-text-layer', 'image-only PDF with no text layer; install tesseract-ocr-vie (and poppler-utils) to OCR it');
  const dpi = opts.dpi ?? 300;
  const timeout = opts.timeoutMs ?? 120_000;
  // the file's time limit: the programs are stopped half a second before it, so that this function (not the
  // termination of its thread) ends them and removes their folder
  const deadline = opts.deadline;
  const within = (ms: number) => (deadline === undefined ? ms : Math.min(ms, deadline - 500 - Date.now()));
  const timedOut = (err: unknown) => (err as { killed?: boolean }).killed && deadline !== undefined && Date.now() >= deadline - 600;
  const timeoutError = () => new IngestError('timeout', 'OCR did not finish within the time limit (--timeout); its programs were stopped');
  const last = Math.max(1, Math.min(opts.maxPages, opts.pages));
  const t0 = performance.now();
  // what a rasoat killed with -9 left behind (programs still running, page images) goes first
  reapStale();
  const dir = await mkdtemp(join(tmpdir(), `${TMP_PREFIX}${ownerTag()}-`));
  try {
    const pdf = join(dir, 'in.pdf');
    await writeFile(pdf, buf);
    try {
      await run('pdftoppm', ['-r', String(dpi), '-gray', '-png', '-f', '1', '-l', String(last), pdf, join(dir, 'p')], within(timeout * last));
    } catch (err) {
      if (timedOut(err)) throw timeoutError();
      throw new IngestError('corrupt-pdf', `the scanned PDF's pages could not be rendered for OCR: ${((err as { stderr?: string }).stderr || (err as Error).message).trim().slice(0, 300)}`);
    }
    const files = (await readdir(dir))
      .filter((f) => /^p-\d+\.png$/.test(f))
      .sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]));
    // one tesseract per core, each single-threaded: faster than OpenMP inside one process
    const env = { ...process.env, OMP_THREAD_LIMIT: '1' };
    const workers = Math.max(1, Math.min(files.length, availableParallelism()));
    const results: PdfPage[] = new Array(files.length);
    let next = 0;
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (next < files.length) {
          const k = next++;
          const page = Number(/\d+/.exec(files[k])![0]);
          let tsv: string;
          try {
            tsv = (await run('tesseract', [join(dir, files[k]), 'stdout', '-l', 'vie', '--psm', '3', 'tsv'], within(timeout), env)).stdout;
          } catch (err) {
            if (timedOut(err)) throw timeoutError();
            throw new IngestError('ocr-failed', `tesseract failed on page ${page}: ${((err as { stderr?: string }).stderr || (err as Error).message).trim().slice(0, 300)}`);
          }
          // page size in points from the PNG size is not needed: A4-like proportions are taken from the lines
          const lines = tsvToLines(tsv, page, dpi);
          const dims = /^1\t1\t0\t0\t0\t0\t0\t0\t(\d+)\t(\d+)/m.exec(tsv);
          const width = dims ? (Number(dims[1]) * 72) / dpi : 595;
          const height = dims ? (Number(dims[2]) * 72) / dpi : 842;
          results[k] = { page, width, height, lines };
        }
      }),
    );
    return { pages: results, version: eng.version, dpi, ms: performance.now() - t0 };
  } finally {
    // every exit path: a failed page leaves the other pages' tesseracts running; they go before their folder
    await stopAll();
    await rm(dir, { recursive: true, force: true });
  }
}
