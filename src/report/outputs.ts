/**
 * Everything `rasoat analyze` writes, as a map from relative path to content.
 * Pure (no I/O) and deterministic: the same analysis gives byte-identical files.
 */
import { toIcs, calendarPageHtml, calendarPageParts, planCalendarFile, planCalendars, planIcs } from './calendar.js';
import { chartsPageHtml, chartsPageParts } from './charts.js';
import { graphPageHtml } from './graphpage.js';
import { datasetSqliteFile } from './dataset.js';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toDot, toGraphML } from './citegraph.js';
import { excelViCsvBytes, vietnameseTables, workbookXlsx } from './spreadsheet.js';
import { versioned } from '../model.js';
import { type Analysis, diffOf, docPage, findDoc, planPage, refKey, slug } from './common.js';
import { csvExportBytes, csvExports, exportTables } from './csv.js';
import { planDocx } from './docx.js';
import { matrixPageHtml, matrixPageParts } from './matrix.js';
import { overviewPageHtml } from './overview.js';
import { chainPages, citationTargets, docPageHtml, planPageHtml } from './plan.js';
import { xrefPageHtml } from './xrefpage.js';

export type Outputs = Map<string, string | Buffer>;

/**
 * An output too big to hold in memory (the SQLite dataset): made straight into a file the writer chooses
 * (beside the output folder, src/batch/outdir.ts), then compared with the old one and moved in.
 */
export interface MadeFile {
  make(file: string): void;
}
export type OutputContent = string | Buffer | MadeFile;
export const isMadeFile = (c: OutputContent): c is MadeFile => typeof c === 'object' && !Buffer.isBuffer(c);

/** The bytes of an output (a made file through a temporary folder: for callers that hold every output, e.g. tests). */
export function outputBytes(c: OutputContent): string | Buffer {
  if (!isMadeFile(c)) return c;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rasoat-output-'));
  try {
    const file = path.join(dir, 'made');
    c.make(file);
    return readFileSync(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A file made from string parts, written as UTF-8 a chunk (≈ 64 K characters) at a time: a page proportional to
 * plans × requirements (matrix.html is ≈ 125 MB at 2 000 plans) is never one string, nor one buffer. The same bytes
 * as Buffer.from(parts.join('')) (a part never ends inside a surrogate pair: parts are whole HTML fragments).
 */
export function partsFile(parts: () => Iterable<string>): MadeFile {
  return {
    make(file: string) {
      const fd = openSync(file, 'w');
      const put = (s: string) => {
        const b = Buffer.from(s, 'utf8');
        for (let off = 0; off < b.length; ) off += writeSync(fd, b, off, b.length - off);
      };
      try {
        let chunk = '';
        for (const p of parts()) {
          chunk += p;
          if (chunk.length > 1 << 16) {
            put(chunk);
            chunk = '';
          }
        }
        if (chunk) put(chunk);
      } finally {
        closeSync(fd);
      }
    },
  };
}

export const json = (v: unknown): string => JSON.stringify(v, null, 1) + '\n';

/** One Word review report per plan, named `<slug>.docx`. */
export async function docxReports(a: Analysis, made?: Map<string, Buffer>): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const d of a.diffs) out.set(`${slug(d.plan)}.docx`, made?.get(refKey(d.plan)) ?? (await planDocx(a, d)));
  return out;
}

/** The report site alone: `site/…` paths. */
export async function buildSite(
  a: Analysis,
  files: { csv?: Map<string, string>; ics?: string; docx?: Map<string, Buffer>; calendars?: Map<string, string>; xlsx?: Buffer; dot?: string; graphml?: string } = {},
): Promise<Outputs> {
  const out: Outputs = new Map();
  out.set('index.html', overviewPageHtml(a));
  out.set('matrix.html', matrixPageHtml(a));
  out.set('calendar.html', calendarPageHtml(a));
  out.set('xref.html', xrefPageHtml(a));
  out.set('charts.html', chartsPageHtml(a));
  out.set('graph.html', graphPageHtml(a));
  for (const d of a.diffs) out.set(planPage(d.plan), planPageHtml(a, d));
  for (const doc of a.docs) if (!diffOf(a, doc.source)) out.set(docPage(doc.source), docPageHtml(a, doc));
  out.set('calendar.ics', files.ics ?? toIcs(a));
  for (const [k, v] of files.calendars ?? planCalendars(a)) out.set(`calendars/${k}`, v);
  out.set('files/rasoat.xlsx', files.xlsx ?? (await workbookXlsx(a)));
  out.set('files/citations.dot', files.dot ?? toDot(a));
  out.set('files/citations.graphml', files.graphml ?? toGraphML(a));
  for (const [k, v] of files.csv ?? csvExports(a)) out.set(`files/${k}`, v);
  for (const [k, v] of files.docx ?? (await docxReports(a))) out.set(`files/${k}`, v);
  return out;
}

export interface SummaryJson {
  documents: number;
  files: number;
  plans: { plan: string; base: string; requirements: number; covered: number; adapted: number; partial: number; omitted: number; additions: number; coverage: number }[];
  failures: Analysis['failures'];
}

export function summaryOf(a: Analysis, files: number): SummaryJson {
  return {
    documents: a.docs.length,
    files,
    plans: a.diffs.map((d) => ({
      plan: refKey(d.plan),
      base: refKey(d.base),
      requirements: d.requirements.length,
      covered: d.summary.covered,
      adapted: d.summary.adapted,
      partial: d.summary.partial,
      omitted: d.summary.omitted,
      additions: d.summary.additions,
      coverage: d.summary.coverage,
    })),
    failures: a.failures,
  };
}

export interface OutputOptions {
  indexMarkdown: string;
  files: number;
  /** Word reports, plan pages and plan calendars already made (on the plan workers), by plan refKey */
  made?: MadeElsewhere;
}

/** Per-plan outputs made before (src/corpus/analyze.ts MadeOnWorkers); undefined: make it here. */
export interface MadeElsewhere {
  docx(plan: string): Buffer | undefined;
  /** the page made with these links of the plan's citations (plan.ts citationTargets) and pages of its chain's bases (plan.ts chainPages) */
  page(plan: string, targets: string[], pages?: Record<string, string>): Buffer | undefined;
  ics(plan: string): Buffer | undefined;
}

/** All files of `extracted/`, as a map (see outputEntries). `indexMarkdown` comes from the index stage. */
export async function buildOutputs(a: Analysis, opts: OutputOptions): Promise<Outputs> {
  const out: Outputs = new Map();
  for await (const [k, v] of outputEntries(a, opts)) out.set(k, outputBytes(v));
  return out;
}

/**
 * All files of `extracted/`, one at a time (relative path, content): what `rasoat analyze` writes as they
 * come, so that the run never holds every output at once (a 1 000-plan run's outputs are over a gigabyte).
 * A file needed twice (an export also offered for download in the site) is yielded twice in a row and
 * then let go. The same files as buildSite for `site/`.
 */
export async function* outputEntries(a: Analysis, opts: OutputOptions): AsyncGenerator<[string, OutputContent]> {
  // one page, report and calendar UID per document: two inputs never share an output name
  const names = new Map<string, string>();
  for (const d of a.docs) {
    const s = slug(d.source);
    const other = names.get(s);
    if (other !== undefined && other !== refKey(d.source)) throw new Error(`output name ${s} of ${refKey(d.source)} is also that of ${other}`);
    names.set(s, refKey(d.source));
  }
  for (const doc of a.docs) yield [`docs/${refKey(doc.source)}.json`, json(versioned(doc))];
  for (const d of a.diffs) yield [`diffs/${refKey(d.plan)}.json`, json(versioned(d))];
  yield ['index.json', json(versioned(a.index))];
  yield ['index.md', opts.indexMarkdown.endsWith('\n') ? opts.indexMarkdown : opts.indexMarkdown + '\n'];
  yield ['summary.json', json(versioned(summaryOf(a, opts.files)))];
  // the export tables are made once for the CSVs, the Excel-locale CSVs and the workbook
  let tables: ReturnType<typeof exportTables> | null = exportTables(a);
  const vi = vietnameseTables(a, tables);
  // as bytes, one table at a time (never the string of a whole table: over 100 MB at 2 000 plans)
  for (const [k, v] of csvExportBytes(tables)) {
    yield [`exports/${k}`, v];
    yield [`site/files/${k}`, v];
  }
  tables = null;
  for (const t of vi) yield [`exports/excel-vi/${t.name}`, excelViCsvBytes(t)];
  const xlsx = await workbookXlsx(a, vi);
  yield ['exports/rasoat.xlsx', xlsx];
  yield ['site/files/rasoat.xlsx', xlsx];
  yield ['exports/rasoat.sqlite', { make: (file) => datasetSqliteFile(a, file) }];
  const dot = toDot(a);
  yield ['exports/citations.dot', dot];
  yield ['site/files/citations.dot', dot];
  const graphml = toGraphML(a);
  yield ['exports/citations.graphml', graphml];
  yield ['site/files/citations.graphml', graphml];
  const ics = toIcs(a);
  yield ['calendar.ics', ics];
  yield ['site/calendar.ics', ics];
  for (const d of a.diffs) {
    const plan = findDoc(a, d.plan);
    if (!plan) continue;
    const cal = opts.made?.ics(refKey(d.plan)) ?? planIcs(a, plan);
    yield [`calendars/${planCalendarFile(plan)}`, cal];
    yield [`site/calendars/${planCalendarFile(plan)}`, cal];
  }
  for (const d of a.diffs) {
    const docx = opts.made?.docx(refKey(d.plan)) ?? (await planDocx(a, d));
    yield [`reports/${slug(d.plan)}.docx`, docx];
    yield [`site/files/${slug(d.plan)}.docx`, docx];
  }
  yield ['site/index.html', overviewPageHtml(a)];
  // a row at a time into the file (never the string of the page)
  yield ['site/matrix.html', partsFile(() => matrixPageParts(a))];
  yield ['site/calendar.html', partsFile(() => calendarPageParts(a))];
  yield ['site/xref.html', xrefPageHtml(a)];
  yield ['site/charts.html', partsFile(() => chartsPageParts(a))];
  yield ['site/graph.html', graphPageHtml(a)];
  for (const d of a.diffs) {
    const plan = opts.made && findDoc(a, d.plan);
    const pages = plan && d.chain ? chainPages(a, [d.base, ...d.chain.diffs.map((c) => c.base)]) : undefined;
    yield [`site/${planPage(d.plan)}`, (plan && opts.made!.page(refKey(d.plan), citationTargets(a, plan), pages)) || planPageHtml(a, d)];
  }
  for (const doc of a.docs) if (!diffOf(a, doc.source)) yield [`site/${docPage(doc.source)}`, docPageHtml(a, doc)];
}
