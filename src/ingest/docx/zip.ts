/**
 * The zip container of a DOCX, read without trusting it: the central directory is parsed here (not by
 * jszip) so that the declared uncompressed sizes can be checked BEFORE anything is inflated; each part is
 * then inflated with a hard output cap (a part that inflates beyond its declared size is refused too).
 */
import { inflateRawSync } from 'node:zlib';
import { IngestError } from '../types.js';

// ---------------------------------------------------------------- zip

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

/** Parse the central directory. Never inflates anything. */
export function zipDirectory(buf: Buffer): ZipEntry[] {
  const corrupt = (why: string) => new IngestError('corrupt-docx', `the file starts like a ZIP/DOCX but is damaged: ${why}`);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt('no end-of-central-directory record (truncated?)');
  let count = buf.readUInt16LE(eocd + 10);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  if ((count === 0xffff || cdOffset === 0xffffffff) && eocd >= 20 && buf.readUInt32LE(eocd - 20) === 0x07064b50) {
    const z64 = Number(buf.readBigUInt64LE(eocd - 20 + 8));
    if (z64 + 56 > buf.length || buf.readUInt32LE(z64) !== 0x06064b50) throw corrupt('bad ZIP64 directory');
    count = Number(buf.readBigUInt64LE(z64 + 32));
    cdOffset = Number(buf.readBigUInt64LE(z64 + 48));
  }
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw corrupt('bad central directory entry');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    let compressedSize = buf.readUInt32LE(p + 20);
    let uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    // ZIP64 extended information: the 64-bit values of the fields that are 0xFFFFFFFF, in this order
    let e = p + 46 + nameLen;
    const eEnd = e + extraLen;
    while (e + 4 <= eEnd) {
      const id = buf.readUInt16LE(e);
      const size = buf.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        const next = () => {
          const v = q + 8 <= e + 4 + size ? Number(buf.readBigUInt64LE(q)) : NaN;
          q += 8;
          return v;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localOffset === 0xffffffff) localOffset = next();
      }
      e += 4 + size;
    }
    if (![uncompressedSize, compressedSize, localOffset].every(Number.isFinite)) throw corrupt('bad ZIP64 sizes');
    entries.push({ name, method, flags, compressedSize, uncompressedSize, localOffset });
    p = eEnd + commentLen;
  }
  return entries;
}

/** Inflate one entry, refusing output beyond its declared size (and the remaining budget). */
export function inflateEntry(buf: Buffer, e: ZipEntry, budget: number): Buffer {
  if (e.flags & 1) throw new IngestError('encrypted', `the DOCX part ${e.name} is encrypted; remove the password and save again`);
  const lh = e.localOffset;
  if (lh + 30 > buf.length || buf.readUInt32LE(lh) !== 0x04034b50) throw new IngestError('corrupt-docx', `the DOCX is damaged: bad local header for ${e.name}`);
  const start = lh + 30 + buf.readUInt16LE(lh + 26) + buf.readUInt16LE(lh + 28);
  if (start + e.compressedSize > buf.length) throw new IngestError('corrupt-docx', `the DOCX is truncated: part ${e.name} runs past the end of the file`);
  const data = buf.subarray(start, start + e.compressedSize);
  const cap = Math.min(e.uncompressedSize, budget);
  if (e.method === 0) {
    if (data.length > cap) throw new IngestError('too-large', `the DOCX part ${e.name} is larger than the remaining limit`);
    return Buffer.from(data);
  }
  if (e.method !== 8) throw new IngestError('corrupt-docx', `the DOCX part ${e.name} uses unsupported ZIP compression method ${e.method}`);
  try {
    // +1 so that "exactly the declared size" passes and one byte more fails
    const out = inflateRawSync(data, { maxOutputLength: Math.max(1, cap + 1) });
    if (out.length > cap) throw new IngestError('too-large', `the DOCX part ${e.name} inflates beyond its declared size or the limit (zip bomb?)`);
    return out;
  } catch (err) {
    if (err instanceof IngestError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || /larger than|maxOutputLength/i.test(String(err)))
      throw new IngestError('too-large', `the DOCX part ${e.name} inflates beyond its declared size or the limit (zip bomb?)`);
    throw new IngestError('corrupt-docx', `the DOCX is damaged: part ${e.name} does not inflate (${(err as Error).message})`);
  }
}

export function whatZipIsThis(names: Set<string>, mimetype: string | null): string {
  if (names.has('xl/workbook.xml')) return 'an Excel workbook (XLSX), not a Word document';
  if (names.has('ppt/presentation.xml')) return 'a PowerPoint presentation (PPTX), not a Word document';
  if (mimetype?.includes('opendocument.text')) return 'an OpenDocument text (ODT); save it as DOCX';
  if (mimetype) return `a ZIP container of type ${mimetype}, not a Word document`;
  return 'a ZIP archive without word/document.xml, not a Word document';
}
