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

/**
 * Runs of a byte string: [start, end, isUtf8]. A byte ≥ 0x80 that starts a well-formed UTF-8 sequence
 * (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF) belongs to a UTF-8 run; any other such byte to a legacy run.
 */
export function utf8Runs(buf: Buffer): { parts: [number, number, boolean][]; utf8Multi: number; legacy: number } {
  const parts: [number, number, boolean][] = [];
  let utf8Multi = 0;
  let legacy = 0;
  const cont = (i: number) => i < buf.length && (buf[i] & 0xc0) === 0x80;
  const push = (a: number, b: number, u: boolean) => {
    const last = parts[parts.length - 1];
    if (last && last[2] === u && last[1] === a) last[1] = b;
    else parts.push([a, b, u]);
  };
  for (let i = 0; i < buf.length; ) {
    const c = buf[i];
    let n = 0;
    if (c < 0x80) n = 1;
    else if (c >= 0xc2 && c <= 0xdf && cont(i + 1)) n = 2;
    else if (c >= 0xe0 && c <= 0xef && cont(i + 1) && cont(i + 2)) {
      const b1 = buf[i + 1];
      if (!((c === 0xe0 && b1 < 0xa0) || (c === 0xed && b1 >= 0xa0))) n = 3;
    } else if (c >= 0xf0 && c <= 0xf4 && cont(i + 1) && cont(i + 2) && cont(i + 3)) {
      const b1 = buf[i + 1];
      if (!((c === 0xf0 && b1 < 0x90) || (c === 0xf4 && b1 >= 0x90))) n = 4;
    }
    if (n === 0) {
      legacy++;
      push(i, i + 1, false);
      i++;
    } else {
      if (n > 1) utf8Multi++;
      // ASCII joins whatever run it is in (both encodings agree on it)
      if (n === 1 && parts.length) parts[parts.length - 1][1] = i + 1;
      else push(i, i + n, true);
      i += n;
    }
  }
  return { parts, utf8Multi, legacy };
}

/** Decode bytes of a text file; never guesses silently: the encoding used is reported. */
export function decodeText(buf: Buffer): { text: string; encoding: string; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8-bom', diagnostics };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), 'utf16le'), encoding: 'utf-16le', diagnostics };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), 'utf16be'), encoding: 'utf-16be', diagnostics };
  if (isValidUtf8(buf)) return { text: buf.toString('utf8'), encoding: 'utf-8', diagnostics };
  // Mixed: valid multi-byte UTF-8 sequences AND bytes that are not UTF-8 (text pasted from a legacy file into a
  // UTF-8 one). Decoding it all as Windows-1258 turns the UTF-8 part into mojibake: decode each run of bytes
  // in its own encoding, and say so on stderr (a warning).
  const runs = utf8Runs(buf);
  if (runs.utf8Multi > 0 && runs.legacy > 0) {
    const text = runs.parts.map(([a, b, utf8]) => (utf8 ? buf.toString('utf8', a, b) : iconv.decode(buf.subarray(a, b), 'windows-1258'))).join('').normalize('NFC');
    diagnostics.push({
      level: 'warning',
      code: 'encoding',
      message: `mixed encodings: ${runs.utf8Multi} UTF-8 character(s) and ${runs.legacy} byte(s) that are not UTF-8 (decoded as Windows-1258, run by run); check the text`,
    });
    return { text, encoding: 'mixed', diagnostics };
  }
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
