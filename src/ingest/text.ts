import iconv from 'iconv-lite';
import type { Diagnostic } from '../model.js';
import { normalizeText } from '../normalize/markup.js';
import { vietnameseScore } from '../normalize/vi.js';
import type { ReaderResult } from './types.js';

function isValidUtf8(buf: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return true;
  } catch {
    return false;
  }
}

/** Decode bytes of a text file; never guesses silently: the encoding used is reported. */
export function decodeText(buf: Buffer): { text: string; encoding: string; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8-bom', diagnostics };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), 'utf16le'), encoding: 'utf-16le', diagnostics };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), 'utf16be'), encoding: 'utf-16be', diagnostics };
  if (isValidUtf8(buf)) return { text: buf.toString('utf8'), encoding: 'utf-8', diagnostics };
  // Not UTF-8: Vietnamese legacy text is Windows-1258 (combining tone marks). Try it and
  // check the result reads as Vietnamese; otherwise fall back to Windows-1252 and say so.
  const cp1258 = iconv.decode(buf, 'windows-1258').normalize('NFC');
  const score = vietnameseScore(cp1258);
  if (score > 0.05) {
    diagnostics.push({ level: 'info', code: 'encoding', message: `not UTF-8; decoded as Windows-1258 (Vietnamese letters ${(score * 100).toFixed(0)} %)` });
    return { text: cp1258, encoding: 'windows-1258', diagnostics };
  }
  diagnostics.push({ level: 'warning', code: 'encoding', message: 'not UTF-8 and does not read as Windows-1258 Vietnamese; decoded as Windows-1252' });
  return { text: iconv.decode(buf, 'windows-1252'), encoding: 'windows-1252', diagnostics };
}

export function readText(buf: Buffer, format: 'txt' | 'md'): ReaderResult {
  const { text, encoding, diagnostics } = decodeText(buf);
  const n = normalizeText(text);
  if (n.pageNumbers.length) diagnostics.push({ level: 'info', code: 'page-number', message: `dropped ${n.pageNumbers.length} stray page number line(s)` });
  if (n.markdown && format === 'txt') diagnostics.push({ level: 'info', code: 'markdown', message: 'Markdown markup found in a text file; read as Markdown' });
  return { value: { format: n.markdown ? 'md' : format, encoding, text: n.text, map: n.map }, diagnostics };
}
