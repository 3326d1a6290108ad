/**
 * Decompression bombs in PDFs (issue 14 §3): pdf.js inflates a stream into one growing buffer that it keeps
 * whole (a 1 MB Flate stream of spaces becomes a 1 GiB buffer, plus the copy made when the buffer doubles:
 * 1.6 GB resident in process, 2.2 GB on a worker, whose heap limit does not count array buffers). So before
 * pdf.js sees the file, the streams it would decode on the text path (content streams, forms, fonts, object
 * and cross-reference streams, CMaps — not images, which text extraction never decodes) are decoded here
 * with a counter and nothing kept: zlib's inflate in chunks, LZW and run-length by their code lengths. Their
 * total inflated size is held to a limit (`maxInflatedBytes`, 200 MiB as for DOCX); above it the PDF is
 * refused before pdf.js allocates anything. Memory of the check: one chunk at a time, and the ASCII-decoded
 * input of a chained filter (smaller than the file).
 *
 * Not covered: streams of an encrypted PDF (their bytes are ciphertext until pdf.js decrypts them); those
 * are bounded only by the worker's limits (docs/hardening.md).
 */
import { createInflate } from 'node:zlib';
import { IngestError } from './types.js';

type Filter = 'flate' | 'lzw' | 'rl' | 'ahx' | 'a85' | 'other';

const FILTERS: Record<string, Filter> = {
  FlateDecode: 'flate',
  Fl: 'flate',
  LZWDecode: 'lzw',
  LZW: 'lzw',
  RunLengthDecode: 'rl',
  RL: 'rl',
  ASCIIHexDecode: 'ahx',
  AHx: 'ahx',
  ASCII85Decode: 'a85',
  A85: 'a85',
};

export interface StreamInfo {
  /** offset of the stream's data */
  start: number;
  end: number;
  filters: Filter[];
}

/** The streams of a PDF file that text extraction decodes: their data range and filter chain. */
export function textPathStreams(buf: Buffer): StreamInfo[] {
  const out: StreamInfo[] = [];
  let pos = 0;
  for (;;) {
    const k = buf.indexOf('stream', pos, 'latin1');
    if (k < 0) break;
    pos = k + 6;
    // the keyword "stream" after a dictionary, followed by an end of line (not "endstream")
    if (k >= 3 && buf.toString('latin1', k - 3, k) === 'end') continue;
    let s = k + 6;
    if (buf[s] === 0x0d) s++;
    if (buf[s] !== 0x0a && buf[s - 1] !== 0x0d) continue;
    if (buf[s] === 0x0a) s++;
    const from = Math.max(0, k - 16384);
    const head = buf.toString('latin1', from, k);
    const objAt = head.lastIndexOf('obj');
    const dict = head.slice(objAt >= 0 ? objAt + 3 : 0);
    if (!/>>\s*$/.test(dict)) continue;
    const e = buf.indexOf('endstream', s, 'latin1');
    const end = e < 0 ? buf.length : e;
    pos = end;
    if (/\/Subtype\s*\/Image\b/.test(dict)) continue;
    const f = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/.exec(dict);
    if (!f) continue;
    const filters = [...f[1].matchAll(/\/([A-Za-z0-9]+)/g)].map((m) => FILTERS[m[1]] ?? 'other');
    if (filters.some((x) => x === 'flate' || x === 'lzw' || x === 'rl')) out.push({ start: s, end, filters });
  }
  return out;
}

function asciiHex(b: Buffer): Buffer {
  const s = b.toString('latin1').replace(/[^0-9a-fA-F>]/g, '');
  const hex = s.split('>')[0];
  return Buffer.from(hex.length % 2 ? hex + '0' : hex, 'hex');
}

function ascii85(b: Buffer): Buffer {
  const s = b.toString('latin1').replace(/\s/g, '');
  const body = s.split('~>')[0].replace(/^<~/, '');
  const out: number[] = [];
  let group: number[] = [];
  const flush = (n: number) => {
    while (group.length < 5) group.push(84);
    let v = 0;
    for (const c of group) v = v * 85 + c;
    const bytes = [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
    out.push(...bytes.slice(0, n));
    group = [];
  };
  for (const ch of body) {
    if (ch === 'z' && group.length === 0) out.push(0, 0, 0, 0);
    else if (ch >= '!' && ch <= 'u') {
      group.push(ch.charCodeAt(0) - 33);
      if (group.length === 5) flush(4);
    }
  }
  if (group.length > 1) flush(group.length - 1);
  return Buffer.from(out);
}

/** Bytes that LZW-decoding `b` yields (PDF LZW, EarlyChange 1), counted from the codes' lengths; stops above `cap`. */
export function lzwLength(b: Buffer, cap: number): number {
  const len = new Uint32Array(4097);
  for (let i = 0; i < 256; i++) len[i] = 1;
  let next = 258;
  let width = 9;
  let prev = -1;
  let total = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < b.length; i++) {
    acc = ((acc << 8) | b[i]) >>> 0;
    bits += 8;
    while (bits >= width) {
      const code = (acc >>> (bits - width)) & ((1 << width) - 1);
      bits -= width;
      if (code === 256) {
        next = 258;
        width = 9;
        prev = -1;
        continue;
      }
      if (code === 257) return total;
      let l: number;
      if (code < next) l = len[code];
      else if (code === next && prev >= 0) l = len[prev] + 1;
      else return total; // corrupt: pdf.js stops too
      total += l;
      if (total > cap) return total;
      if (prev >= 0 && next < 4096) len[next++] = len[prev] + 1;
      prev = code;
      if (next + 1 >= 1 << width && width < 12) width++;
    }
    acc &= (1 << bits) - 1;
  }
  return total;
}

/** Bytes that run-length decoding yields, counted. */
export function runLengthLength(b: Buffer, cap: number): number {
  let total = 0;
  for (let i = 0; i < b.length && total <= cap; ) {
    const n = b[i];
    if (n === 128) break;
    if (n < 128) {
      total += n + 1;
      i += n + 2;
    } else {
      total += 257 - n;
      i += 2;
    }
  }
  return total;
}

/** Bytes that inflating `b` yields, counted chunk by chunk (nothing kept); stops above `cap`. */
export function inflatedLength(b: Buffer, cap: number, keep = false): Promise<{ n: number; data: Buffer | null }> {
  return new Promise((resolve) => {
    const z = createInflate({ chunkSize: 1 << 16 });
    let n = 0;
    const parts: Buffer[] = [];
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      z.removeAllListeners('data');
      resolve({ n, data: keep ? Buffer.concat(parts) : null });
    };
    z.on('data', (c: Buffer) => {
      n += c.length;
      if (keep) parts.push(c);
      if (n > cap) {
        finish();
        z.destroy();
      }
    });
    // a damaged stream, or a bad checksum at its end: what was inflated so far counts (pdf.js also reads up to the damage)
    z.on('error', finish);
    z.on('end', finish);
    z.on('close', finish);
    z.end(b);
  });
}

/**
 * Throws IngestError('too-large') when the streams pdf.js would decode for the text inflate to more than
 * `limit` bytes in total. Returns the total (for the tests and the benchmark).
 */
export async function checkInflatedSize(buf: Buffer, limit: number): Promise<number> {
  let total = 0;
  for (const s of textPathStreams(buf)) {
    let data: Buffer = buf.subarray(s.start, s.end);
    const left = limit - total;
    let size = -1;
    for (let i = 0; i < s.filters.length && size < 0; i++) {
      const f = s.filters[i];
      const last = i === s.filters.length - 1;
      if (f === 'ahx') data = asciiHex(data);
      else if (f === 'a85') data = ascii85(data);
      else if (f === 'flate') {
        // a filter chained after this one needs the inflated bytes: kept, but never beyond the limit
        const r = await inflatedLength(data, left, !last);
        if (last || r.n > left) size = r.n;
        else data = r.data!;
      } else if (f === 'lzw') size = lzwLength(data, left);
      else if (f === 'rl') size = runLengthLength(data, left);
      else size = data.length; // a filter not decoded here (DCT, JBIG2, Crypt): its input is counted
    }
    if (size < 0) size = data.length;
    total += size;
    if (total > limit)
      throw new IngestError(
        'too-large',
        `the PDF's compressed streams inflate to more than ${Math.round(limit / 1048576)} MiB (a decompression bomb?); refused before reading its text`,
      );
  }
  return total;
}
