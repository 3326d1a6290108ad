/**
 * The bytes of an input file, checked before reading: only a regular file (a FIFO, a device such as
 * /dev/zero, a socket would block or never end), and not above the size limit (a 300 MB text is
 * refused from its size, not read). A symlink loop or a dangling link is an error with a reason.
 * Its own module, light to import: the main thread of an isolated run reads files and nothing else.
 */
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { DEFAULT_LIMITS, validLimit } from './limits.js';
import { IngestError } from './types.js';

export async function readInput(file: string, maxBytes: number | undefined = DEFAULT_LIMITS.maxBytes): Promise<Buffer> {
  const limit = validLimit(maxBytes, DEFAULT_LIMITS.maxBytes);
  const st = await stat(file);
  if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  if (!st.isFile()) throw new IngestError('not-a-file', `not a regular file (${st.isFIFO() ? 'a named pipe' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : st.isSocket() ? 'a socket' : 'special file'}); rasoat reads PDF, DOCX and text files`);
  if (st.size > limit) throw new IngestError('too-large', `the file is ${st.size} bytes, above the limit of ${limit} bytes (--max-bytes)`);
  // O_NONBLOCK: if the file was swapped for a FIFO after the check, opening it does not hang
  const fh = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st2 = await fh.stat();
    if (!st2.isFile()) throw new IngestError('not-a-file', 'not a regular file');
    if (st2.size > limit) throw new IngestError('too-large', `the file is ${st2.size} bytes, above the limit of ${limit} bytes (--max-bytes)`);
    return await fh.readFile();
  } finally {
    await fh.close();
  }
}
