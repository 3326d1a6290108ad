/**
 * The evaluator: scores the pipeline on the development gold standard
 * (../shared/gold-dev) for the seeds and their DOCX/PDF renderings, stage by stage.
 *   npm run eval                 all stages
 *   npm run eval -- diff         one stage (structure | citations | deadlines | diff | realdev)
 * Extra arguments after the stage go to that stage's script (e.g. `diff --mutations 40`).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const STAGES: Record<string, string> = {
  structure: 'eval-structure.ts',
  citations: 'eval-citations.ts',
  deadlines: 'eval-deadlines.ts',
  diff: 'eval-diff.ts',
  realdev: 'eval-realdev.ts',
};
const [only, ...rest] = process.argv.slice(2);
const run = only && STAGES[only] ? [only] : Object.keys(STAGES);
let failed = 0;
for (const stage of run) {
  process.stdout.write(`\n######## ${stage}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, STAGES[stage]), ...(only === stage ? rest : [])], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
