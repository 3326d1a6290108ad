import { createHash } from 'node:crypto';
import type { Diagnostic, Format } from '../model.js';
import { readText } from './text.js';
import { DEFAULT_LIMITS, validLimit } from './limits.js';
import { IngestError, type IngestOptions, type ReaderResult } from './types.js';

export { IngestError } from './types.js';
export type { Ingested, IngestOptions, ReaderResult } from './types.js';

export { DEFAULT_LIMITS, validLimit } from './limits.js';

/** Format by content, not by name. Returns null for content no reader accepts. */
export function sniffFormat(buf: Buffer, file: string): Format | null {
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (buf[0] === 0x50 && buf[1] === 0x4b && (buf[2] === 0x03 || buf[2] === 0x05)) return 'docx'; // zip: checked further by the DOCX reader
  if (looksBinary(buf)) return null;
  return /\.(md|markdown)$/i.test(file) ? 'md' : 'txt';
}

/** NUL bytes outside UTF-16, or many control characters, mean this is not text. */
function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8192);
  if (n === 0) return false;
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) return false;
  let ctrl = 0;
  for (let i = 0; i < n; i++) {
    const c = buf[i];
    if (c === 0) return true;
    if (c < 9 || (c > 13 && c < 32) || c === 127) ctrl++;
  }
  return ctrl / n > 0.02;
}

export function sha256(buf: Buffer): string {
  return createHash('sha256').update(buf).digest('hex');
}

/**
 * Read any supported file. Throws IngestError (code + reason) for input that
 * cannot be read; returns diagnostics for what was read with caveats.
 */
export async function ingestBuffer(buf: Buffer, file: string, opts: IngestOptions = {}): Promise<ReaderResult & { format: Format }> {
  // an option given as undefined (the CLI without --max-bytes) or as a non-number keeps the default
  const limits = {
    ...opts,
    maxBytes: validLimit(opts.maxBytes, DEFAULT_LIMITS.maxBytes),
    maxInflatedBytes: validLimit(opts.maxInflatedBytes, DEFAULT_LIMITS.maxInflatedBytes),
    maxPages: validLimit(opts.maxPages, DEFAULT_LIMITS.maxPages),
  };
  const diagnostics: Diagnostic[] = [];
  if (buf.length === 0) throw new IngestError('empty', 'the file is empty');
  if (buf.length > limits.maxBytes) throw new IngestError('too-large', `the file is ${buf.length} bytes, above the limit of ${limits.maxBytes} bytes (--max-bytes)`);
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0 && buf.readUInt32BE(4) === 0xa1b11ae1)
    throw new IngestError('unsupported-format', 'the file is an OLE2 compound file: a legacy Word .doc, or a password-protected Office file; save it as DOCX without password');
  const format = sniffFormat(buf, file);
  if (!format) throw new IngestError('not-a-document', 'the file is neither text, DOCX nor PDF (binary content)');
  const named = /\.pdf$/i.test(file) ? 'pdf' : /\.docx$/i.test(file) ? 'docx' : /\.(txt|md|markdown)$/i.test(file) ? 'txt' : null;
  if (named && named !== format && !(named === 'txt' && format === 'md'))
    diagnostics.push({ level: 'warning', code: 'format-mismatch', message: `the file is named .${named} but its content is ${format.toUpperCase()}; read as ${format.toUpperCase()}` });
  let r: ReaderResult;
  if (format === 'pdf') r = await (await import('./pdf.js')).readPdf(buf, limits);
  else if (format === 'docx') r = await (await import('./docx.js')).readDocx(buf, limits);
  else r = readText(buf, format);
  diagnostics.push(...r.diagnostics);
  if (r.value && !/\S/.test(r.value.text)) throw new IngestError('no-text', 'the document contains no text');
  return { value: r.value, diagnostics, format };
}
