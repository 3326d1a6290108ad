/**
 * Writing the outputs of a run into a folder: as one switch (entirely the old run or entirely the
 * new one, whatever happens), nothing when nothing changed, stale managed files removed. The
 * implementation, with the lock that keeps two runs apart, is src/batch/outdir.ts.
 */
import { writeOutputs as writeAtomic, type WriteResult } from '../batch/outdir.js';
import type { Outputs } from '../report/outputs.js';

export { MANAGED, type WriteResult } from '../batch/outdir.js';

export async function writeOutputs(outDir: string, outputs: Outputs): Promise<WriteResult> {
  return writeAtomic(outDir, outputs);
}
