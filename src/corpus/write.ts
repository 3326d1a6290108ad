/**
 * Writing the outputs of a run into a folder: as one switch (entirely the old run or entirely the
 * new one, whatever happens), nothing when nothing changed, stale managed files removed. The
 * implementation, with the lock that keeps two runs apart, is src/batch/outdir.ts.
 */
import { writeOutputs as writeAtomic, writeOutputStream as writeStream, type WriteResult } from '../batch/outdir.js';
import type { OutputContent, Outputs } from '../report/outputs.js';

export { MANAGED, type WriteResult } from '../batch/outdir.js';

export async function writeOutputs(outDir: string, outputs: Outputs): Promise<WriteResult> {
  return writeAtomic(outDir, outputs);
}

/** The same, for outputs made one at a time (report/outputs.ts outputEntries): never all held at once. */
export async function writeOutputStream(outDir: string, outputs: AsyncIterable<[string, OutputContent]>): Promise<WriteResult> {
  return writeStream(outDir, outputs);
}
