/**
 * The pipeline for one file: ingest → normalize → split bundle → segment, then the document stages
 * (by default the extract stage). The stages are an explicit list: the CLI, the batch worker and the
 * tests compose the same list; nothing registers itself by being imported.
 * Pure apart from reading the file; returns documents and diagnostics, never prints.
 */
import path from 'node:path';
import type { Diagnostic, Doc, Result } from './model.js';
import { IngestError, ingestBuffer, sha256, type IngestOptions } from './ingest/index.js';
import { readInput } from './ingest/read.js';

export { readInput } from './ingest/read.js';
import { vietnameseScore } from './normalize/vi.js';
import { relocateFootnotes } from './normalize/footnotes.js';
import { findChrome } from './normalize/chrome.js';
import { segmentDocument, splitBundle } from './segment/index.js';
import { extractEntities } from './extract/index.js';

export interface FileResult {
  file: string;
  docs: Doc[];
  diagnostics: Diagnostic[];
}

/** A stage that works on one segmented document: returns the document with what it added, and what it noticed. */
export interface DocStage {
  /** the key of its time in `timings` */
  name: string;
  run: (doc: Doc) => Result<Doc>;
}

/** The extract stage: citations, deadlines, responsible bodies, tasks. */
export const EXTRACT: DocStage = { name: 'extract', run: extractEntities };
/** The document stages of a full run, in order. */
export const DOC_STAGES: readonly DocStage[] = [EXTRACT];

export interface ProcessOptions extends IngestOptions {
  /** the document stages to run after segmenting; default DOC_STAGES, or none when `extract` is false */
  stages?: readonly DocStage[];
  /** false: no entity extraction (shorthand for `stages: []`); default true */
  extract?: boolean;
  /** when given, filled with milliseconds spent per stage (ingest, segment, extract), summed over the file's documents */
  timings?: Record<string, number>;
}

/** Documents from already-normalized text (used by ingest and by tests). */
export function docsFromText(input: string, source: { file: string; format: Doc['source']['format']; encoding?: string; sha256?: string }, opts: ProcessOptions = {}): Doc[] {
  const tm = opts.timings;
  const stages = opts.stages ?? (opts.extract === false ? [] : DOC_STAGES);
  let t0 = tm ? performance.now() : 0;
  const { text, moved } = relocateFootnotes(input);
  const ranges = splitBundle(text);
  return ranges.map(([a, b], index) => {
    // each document gets its own text so that spans start at 0
    const t = text.slice(a, b);
    const seg = segmentDocument(t);
    if (tm) tm.segment = (tm.segment ?? 0) + performance.now() - t0;
    let doc: Doc = {
      source: { ...source, index },
      text: t,
      meta: seg.value.meta,
      segments: seg.value.segments,
      diagnostics: [...(moved ? [{ level: 'info' as const, code: 'footnote-moved' as const, message: `${moved} footnote(s) printed inside a paragraph moved after it` }] : []), ...seg.diagnostics],
      citations: [],
      deadlines: [],
      tasks: [],
      bodies: [],
    };
    for (const stage of stages) {
      const t1 = tm ? performance.now() : 0;
      const r = stage.run(doc);
      doc = r.value;
      doc.diagnostics.push(...r.diagnostics);
      if (tm) tm[stage.name] = (tm[stage.name] ?? 0) + performance.now() - t1;
    }
    if (tm) t0 = performance.now();
    return doc;
  });
}

export async function processBuffer(buf: Buffer, file: string, opts: ProcessOptions = {}): Promise<FileResult> {
  const t0 = opts.timings ? performance.now() : 0;
  const r = await ingestBuffer(buf, file, opts);
  if (opts.timings) opts.timings.ingest = (opts.timings.ingest ?? 0) + performance.now() - t0;
  const ing = r.value!;
  const letters = (ing.text.match(/\p{L}/gu) ?? []).length;
  const vi = vietnameseScore(ing.text);
  if (letters >= 200 && vi < 0.04) throw new IngestError('not-vietnamese', `the text is not Vietnamese (${(vi * 100).toFixed(1)} % Vietnamese letters); rasoat reads Vietnamese Party documents`);
  // web-portal chrome around the official text is removed, and said
  const chrome = findChrome(ing.text);
  let text = ing.text;
  const dropped: Diagnostic[] = [];
  for (const c of [...chrome].reverse()) {
    text = text.slice(0, c.start) + text.slice(c.end);
    dropped.unshift({ level: 'info', code: 'portal-chrome', message: `web-portal text removed (${c.id}, ${c.end - c.start} characters): "${c.sample}…"` });
  }
  const docs = docsFromText(text, { file: path.basename(file), format: ing.format, encoding: ing.encoding, sha256: sha256(buf) }, opts);
  for (const d of docs) d.diagnostics.unshift(...r.diagnostics, ...dropped);
  return { file, docs, diagnostics: r.diagnostics };
}

export async function processFile(file: string, opts: ProcessOptions = {}): Promise<FileResult> {
  return processBuffer(await readInput(file, opts.maxBytes), file, opts);
}
