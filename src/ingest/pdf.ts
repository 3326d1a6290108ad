import type { ReaderResult, IngestOptions } from './types.js';
import { IngestError } from './types.js';
export async function readPdf(_buf: Buffer, _opts: Required<Pick<IngestOptions, 'maxPages'>>): Promise<ReaderResult> {
  throw new IngestError('unsupported', 'PDF reader not implemented yet');
}
