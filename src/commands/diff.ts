/**
 * `rasoat diff PLAN [--base FILE]… [--json|--md|--html]`: diff a plan against the
 * document it implements. Without --base, the base is found among the other
 * documents of PLAN's file and the corpus/ folder, by the symbol of the document
 * the plan implements ("Thực hiện Chỉ thị số 50-CT/TW …"). A plan naming several available bases is diffed
 * against each, with the directive's transitive coverage through the intermediate plan (align/chain.ts).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBaseIndex, diffPlan } from '../align/index.js';
import { implementedSymbols, selectBase, selectBases } from '../corpus/bases.js';
import { diffChain } from '../align/chain.js';
import { toHtml, toMarkdown } from '../report/diff.js';
import { DiffResult, type Doc, versioned } from '../model.js';
import { reapOnExit } from '../ingest/children.js';
import { describeError } from '../errors.js';
import { IsolatedReader } from '../batch/isolated.js';
import { seconds } from './extract.js';
import { corpusFiles } from '../corpus/load.js';

const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'corpus');

const reason = (e: unknown) => describeError(e).reason;

export async function run(args: string[], flags: Record<string, unknown>): Promise<number> {
  const planFile = args[0];
  if (!planFile) {
    process.stderr.write('rasoat diff: no plan given (rasoat diff PLAN [--base FILE] [--json|--md|--html])\n');
    return 2;
  }
  // programs started for a file (OCR) and their temporary folders do not outlive the command
  reapOnExit();
  // the plan, the base and the corpus documents are read in an isolated worker: the time and memory limits hold
  const reader = new IsolatedReader({ ocr: flags.ocr !== false, maxBytes: num(flags['max-bytes']), maxPages: num(flags['max-pages']), extract: flags.entities !== false, timeoutMs: seconds(flags.timeout) });
  try {
    return await diff(planFile, flags, reader);
  } finally {
    await reader.close();
  }
}

async function diff(planFile: string, flags: Record<string, unknown>, reader: IsolatedReader): Promise<number> {
  let planDocs: Doc[];
  try {
    planDocs = (await reader.read(planFile)).docs;
  } catch (e) {
    process.stderr.write(`rasoat diff: ${planFile}: ${reason(e)}\n`);
    return 1;
  }
  if (!planDocs.length) {
    process.stderr.write(`rasoat diff: ${planFile}: no document found\n`);
    return 1;
  }
  // in a bundle, the plan is the first document that says it implements another one
  const plan = planDocs.find((d) => implementedSymbols(d).length > 0) ?? planDocs[0];

  let candidates: Doc[] = [];
  const baseFiles = (Array.isArray(flags.base) ? flags.base : typeof flags.base === 'string' ? [flags.base] : []).filter((f): f is string => typeof f === 'string' && f !== '');
  const explicit = baseFiles.length > 0;
  if (explicit) {
    candidates = [];
    for (const f of baseFiles) {
      try {
        candidates.push(...(await reader.read(f)).docs);
      } catch (e) {
        process.stderr.write(`rasoat diff: --base ${f}: ${reason(e)}\n`);
        return 1;
      }
    }
  }
  // the other documents of the plan's file and the corpus: the candidates without --base, and the rest of a
  // chain with it (a commune plan given --base KH-25 finds the directive KH-25 implements in corpus/)
  const around = planDocs.filter((d) => d !== plan);
  let files: string[] = [];
  try {
    files = await corpusFiles(CORPUS);
  } catch {
    /* no corpus folder */
  }
  // read with entities like the plan: the base's own citations decide which of the plan's are additions
  for (const f of files) {
    try {
      around.push(...(await reader.read(path.join(CORPUS, f))).docs);
    } catch {
      /* unreadable corpus files are reported by `rasoat analyze` */
    }
  }
  if (!explicit) candidates = around;
  // a plan naming several bases (a directive and the provincial plan implementing it): the top of the chain
  // is the main diff, the others come with it, with the directive's transitive coverage through each
  const chain = selectBases(plan, explicit ? [...candidates, ...around] : candidates);
  const sel = chain.bases.length > 1 ? { base: chain.bases[0], diagnostics: [] } : selectBase(plan, candidates, explicit);
  for (const d of sel.diagnostics) process.stderr.write(`rasoat diff: ${d.level}: ${d.message}\n`);
  if (!sel.base) return 2;

  const mainIndex = buildBaseIndex(sel.base);
  const r = diffPlan(mainIndex, plan, { diagnostics: sel.diagnostics });
  if (chain.bases.length > 1) {
    const indexes = new Map<Doc, ReturnType<typeof buildBaseIndex>>([[sel.base, mainIndex]]);
    const indexOf = (b: Doc) => indexes.get(b) ?? indexes.set(b, buildBaseIndex(b)).get(b)!;
    r.value.chain = diffChain(plan, { base: sel.base, diff: r.value }, chain.bases.slice(1), chain.intermediates, indexOf);
  }
  const checked = DiffResult.safeParse(r.value);
  if (!checked.success) {
    process.stderr.write(`rasoat diff: internal error: result does not match the schema: ${checked.error.message}\n`);
    return 70;
  }
  const v = checked.data;
  if (flags.json) process.stdout.write(JSON.stringify(versioned(v), null, 1) + '\n');
  else if (flags.html) process.stdout.write(toHtml(v));
  else process.stdout.write(toMarkdown(v) + '\n');
  return 0;
}

function num(v: unknown): number | undefined {
  return typeof v === 'string' && v ? Number(v) : undefined;
}
