/**
 * Upload checks: the type is decided by the content (never the name), a name that
 * claims another type is refused, and no part of a file name is used as a path.
 */
import JSZip from 'jszip';
import { sniffFormat } from '../ingest/index.js';

export const UPLOAD_LIMITS = {
  /** bytes per file */
  maxBytes: 20 * 1024 * 1024,
  /** files per request */
  maxFiles: 100,
  /** plans per round */
  maxPlansPerRound: 500,
} as const;

export type UploadFormat = 'docx' | 'pdf' | 'txt';

export class UploadRejected extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const NAMED: Record<string, UploadFormat> = { docx: 'docx', pdf: 'pdf', txt: 'txt', md: 'txt', markdown: 'txt', text: 'txt' };
const LABEL: Record<UploadFormat, string> = { docx: 'DOCX', pdf: 'PDF', txt: 'văn bản thuần (TXT)' };

/** A file name safe to show: no directories, no control characters, at most 200 characters. */
export function displayName(name: string | undefined): string {
  const base = String(name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.normalize('NFC').replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim().slice(0, 200);
  return clean || 'tệp không tên';
}

/** The type of an upload by its content; refuses binary, legacy and mislabelled files with a Vietnamese message. */
export async function checkUpload(buf: Buffer, name: string, maxBytes: number = UPLOAD_LIMITS.maxBytes): Promise<UploadFormat> {
  const shown = displayName(name);
  if (buf.length === 0) throw new UploadRejected('empty', `Tệp “${shown}” rỗng.`);
  if (buf.length > maxBytes) throw new UploadRejected('too-large', `Tệp “${shown}” lớn hơn giới hạn ${vnMb(maxBytes)} MB.`);
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0)
    throw new UploadRejected('legacy-format', `Tệp “${shown}” là tệp Word cũ (.doc) hoặc có mật khẩu; hãy lưu thành DOCX không đặt mật khẩu rồi tải lại.`);
  const sniffed = sniffFormat(buf, 'x.txt');
  let format: UploadFormat | null = sniffed === 'md' ? 'txt' : sniffed;
  if (format === 'docx') {
    try {
      const zip = await JSZip.loadAsync(buf, { checkCRC32: false });
      if (!zip.file('word/document.xml')) format = null;
    } catch {
      format = null;
    }
    if (!format) throw new UploadRejected('not-a-document', `Tệp “${shown}” là tệp nén nhưng không phải DOCX.`);
  }
  if (!format) throw new UploadRejected('not-a-document', `Tệp “${shown}” không phải văn bản, DOCX hay PDF (nội dung nhị phân${imageKind(buf)}).`);
  const ext = /\.([a-z]+)$/i.exec(shown)?.[1]?.toLowerCase();
  const named = ext ? NAMED[ext] : undefined;
  if (ext && !named && ext !== format) throw new UploadRejected('unsupported-type', `Tệp “${shown}”: chỉ nhận DOCX, PDF hoặc văn bản (.txt).`);
  if (named && named !== format) throw new UploadRejected('mislabelled', `Tệp “${shown}” có đuôi .${ext} nhưng nội dung là ${LABEL[format]}; hãy kiểm tra lại tệp.`);
  return format;
}

function imageKind(buf: Buffer): string {
  if (buf[0] === 0x89 && buf.subarray(1, 4).toString('latin1') === 'PNG') return ': ảnh PNG';
  if (buf[0] === 0xff && buf[1] === 0xd8) return ': ảnh JPEG';
  return '';
}

export const vnMb = (bytes: number) => vnNumber(Math.round((bytes / 1048576) * 10) / 10);

/** 1234.5 → "1.234,5" (Vietnamese: dot for thousands, comma for decimals). */
export function vnNumber(n: number, digits = 1): string {
  const [i, d] = (Math.round(n * 10 ** digits) / 10 ** digits).toFixed(digits).split('.');
  const int = i.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const dec = d?.replace(/0+$/, '');
  return dec ? `${int},${dec}` : int;
}
