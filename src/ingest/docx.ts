/**
 * DOCX reader, in three modules by concern: docx/zip.ts (1), docx/numbering.ts (2), docx/tree.ts (3).
 *
 * 1. The zip's central directory is parsed here (not by jszip) so that the
 *    declared uncompressed sizes can be checked BEFORE anything is inflated;
 *    each part we need is then inflated with a hard output cap (a part that
 *    inflates beyond its declared size is refused too). Media are never inflated.
 * 2. Word auto-numbering is not text: its numbers live in numbering.xml and
 *    w:numPr. We compute them (format, start values, levels, overrides) in
 *    document order and insert them as a text run at the start of each
 *    numbered paragraph, so a DOCX gives the same "1. ", "a) " as its TXT.
 *    Bullets become "- " (even levels) and "+ " (odd levels), the Vietnamese
 *    administrative convention.
 * 3. mammoth reads the rewritten document into its document tree; we walk that
 *    tree into the canonical layout: one paragraph per line, a blank line
 *    between paragraphs, a footnote reference as superscript digits after the
 *    word, the footnote body as its own line "¹ text" after the paragraph that
 *    references it.
 *
 * Source map (coarse): for each output line, a breakpoint
 * [lineStart, paragraphIndex * 100000] — paragraphIndex counts the document's
 * paragraphs (and table cells' paragraphs, footnote bodies) in reading order.
 */
import JSZip from 'jszip';
import mammoth from 'mammoth';
import type { Diagnostic } from '../model.js';
import { IngestError, type IngestOptions, type ReaderResult } from './types.js';
import { inflateEntry, zipDirectory, whatZipIsThis } from './docx/zip.js';
import { materializeNumbering } from './docx/numbering.js';
import { treeToText } from './docx/tree.js';

export { inflateEntry, zipDirectory, type ZipEntry } from './docx/zip.js';
export { formatNumber, materializeNumbering } from './docx/numbering.js';
export { treeToText } from './docx/tree.js';

// ---------------------------------------------------------------- reader

export async function readDocx(buf: Buffer, opts: Required<Pick<IngestOptions, 'maxInflatedBytes'>>): Promise<ReaderResult> {
  const diagnostics: Diagnostic[] = [];
  const entries = zipDirectory(buf);
  const declared = entries.reduce((s, e) => s + e.uncompressedSize, 0);
  if (declared > opts.maxInflatedBytes)
    throw new IngestError('too-large', `the DOCX declares ${declared} bytes uncompressed, above the limit of ${opts.maxInflatedBytes} bytes (zip bomb?); not inflated`);
  const byName = new Map(entries.map((e) => [e.name, e]));
  let budget = opts.maxInflatedBytes;
  const parts = new Map<string, Buffer>();
  const get = (name: string): Buffer | null => {
    if (parts.has(name)) return parts.get(name)!;
    const e = byName.get(name);
    if (!e) return null;
    const b = inflateEntry(buf, e, budget);
    budget -= b.length;
    parts.set(name, b);
    return b;
  };

  // the main document part, from the package relationships
  const rels = get('_rels/.rels')?.toString('utf8') ?? '';
  const target = /<Relationship\b[^>]*Type="[^"]*\/officeDocument"[^>]*Target="\/?([^"]+)"/.exec(rels)?.[1] ?? /<Relationship\b[^>]*Target="\/?([^"]+)"[^>]*Type="[^"]*\/officeDocument"/.exec(rels)?.[1];
  const mainName = target && byName.has(target) && /^word\//.test(target) ? target : byName.has('word/document.xml') ? 'word/document.xml' : null;
  if (!mainName) {
    const mimetype = byName.has('mimetype') ? get('mimetype')!.toString('utf8').trim() : null;
    throw new IngestError('not-a-document', `the file is ${whatZipIsThis(new Set(byName.keys()), mimetype)}`);
  }

  // inflate the XML parts only (media are not needed for text), each capped
  const zip = new JSZip();
  for (const e of entries) {
    if (e.name.endsWith('/') || !/\.(xml|rels)$/i.test(e.name)) continue;
    zip.file(e.name, get(e.name)!);
  }
  const docXml = get(mainName)!.toString('utf8');
  const dir = mainName.replace(/[^/]+$/, '');
  const numberingXml = get(`${dir}numbering.xml`)?.toString('utf8') ?? null;
  const stylesXml = get(`${dir}styles.xml`)?.toString('utf8') ?? null;
  const numbered = materializeNumbering(docXml, numberingXml, stylesXml);
  zip.file(mainName, numbered.xml);
  if (mainName !== 'word/document.xml') diagnostics.push({ level: 'info', code: 'docx-main-part', message: `main document part is ${mainName}` });

  const sanitized = await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
  let tree: unknown = null;
  let messages: { type: string; message: string }[] = [];
  try {
    const r = await mammoth.convertToHtml(
      { buffer: sanitized },
      {
        transformDocument: (d: { children: unknown[] }) => {
          tree = d;
          return { ...d, children: [] }; // the HTML is not used
        },
      },
    );
    messages = r.messages;
  } catch (err) {
    throw new IngestError('corrupt-docx', `the DOCX could not be read: ${(err as Error).message}`);
  }
  if (!tree) throw new IngestError('corrupt-docx', 'the DOCX could not be read (no document body)');
  const { text, map, footnotes } = treeToText(tree);
  if (numbered.count) diagnostics.push({ level: 'info', code: 'docx-numbering', message: `${numbered.count} auto-numbered paragraphs: numbers materialized as text` });
  if (footnotes) diagnostics.push({ level: 'info', code: 'docx-footnotes', message: `${footnotes} footnotes placed after the paragraphs that reference them` });
  const seen = new Set<string>();
  for (const m of messages) {
    if (/Unrecognised (paragraph|run|table|numbering) style/i.test(m.message) || seen.has(m.message)) continue;
    seen.add(m.message);
    if (seen.size <= 5) diagnostics.push({ level: m.type === 'error' ? 'warning' : 'info', code: 'docx-reader', message: m.message });
  }
  return { value: { format: 'docx', text, map }, diagnostics };
}
