/**
 * Spreadsheet exports for researchers: RFC 4180 CSV (every field quoted when it
 * holds a comma, quote or line break), CRLF rows, UTF-8 with a byte-order mark so
 * Excel reads Vietnamese correctly. Cells that a spreadsheet would run as a
 * formula (starting with = + - @, tab or CR: see formulaLike) get a leading apostrophe.
 */
import type { Status } from '../model.js';
import { calendarRows, clean, rruleVi } from './calendar.js';
import { clusterAdditions } from './cluster.js';
import { type Analysis, diffOf, entryOfCitation, findDoc, pageOf, refKey, shortName } from './common.js';
import { additionItems, baseGroups, reqIn } from './matrix.js';

export type Cell = string | number | null | undefined;

/**
 * A cell a spreadsheet could run as a formula (OWASP "CSV injection"): it starts with = + - @, tab
 * or CR. Exempt only a plain number ("-1", "+2,5") and a bullet line of words ("- gạch đầu dòng")
 * without the characters a formula or a DDE call needs (| ! = ( ).
 */
function formulaLike(s: string): boolean {
  if (!/^[=+\-@\t\r]/.test(s)) return false;
  if (/^[+-]?\d+(?:[.,]\d+)*%?$/.test(s)) return false;
  if (/^[-+]\s+\p{L}[^|!=()]*$/u.test(s)) return false;
  return true;
}

export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'number' ? String(Math.round(v * 10000) / 10000) : v;
  if (typeof v === 'string' && formulaLike(s)) s = "'" + s;
  return /[",\r\n;]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: Cell[][]): string {
  return '\uFEFF' + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * Lines as UTF-8 bytes, each line ended by `eol`, gathered a chunk at a time: the bytes of a large export without
 * the string of the whole file and the array of its lines beside them (a 2 000-plan coverage table is over
 * 100 MB; as a string of Vietnamese text, twice that). Equal to Buffer.from(lines.join(eol) + eol).
 */
export function linesBytes(lines: Iterable<string>, eol: string): Buffer {
  const chunks: Buffer[] = [];
  let chunk = '';
  for (const l of lines) {
    chunk += l + eol;
    if (chunk.length > 1 << 16) {
      chunks.push(Buffer.from(chunk, 'utf8'));
      chunk = '';
    }
  }
  chunks.push(Buffer.from(chunk, 'utf8'));
  return Buffer.concat(chunks);
}

/** toCsv as bytes (linesBytes). */
export function csvBytes(header: string[], rows: Cell[][]): Buffer {
  function* lines() {
    yield '\uFEFF' + header.map(csvCell).join(',');
    for (const r of rows) yield r.map(csvCell).join(',');
  }
  return linesBytes(lines(), '\r\n');
}

/** [file name, Vietnamese label] of every CSV export, in a fixed order. */
export const CSV_FILES: [string, string][] = [
  ['coverage.csv', 'Tình trạng từng yêu cầu trong từng kế hoạch'],
  ['matrix.csv', 'Ma trận yêu cầu × kế hoạch'],
  ['changes.csv', 'Thông số bị thay đổi'],
  ['additions.csv', 'Nội dung bổ sung'],
  ['tasks.csv', 'Nhiệm vụ'],
  ['deadlines.csv', 'Thời hạn'],
  ['citations.csv', 'Trích dẫn'],
  ['documents.csv', 'Văn bản'],
  ['chain.csv', 'Chuỗi văn bản căn cứ: yêu cầu của chỉ thị qua kế hoạch cấp trên'],
];

/** Whether some plan of the analysis names several bases of which one is an intermediate plan (chain.csv is made only then). */
export const hasChains = (a: Analysis): boolean => a.diffs.some((d) => !!d.chain?.transitive.length);

/** The CSV exports an analysis has (chain.csv only for an analysis with chains: the outputs of plans with one base are unchanged). */
export const csvFilesOf = (a: Analysis): [string, string][] => CSV_FILES.filter(([f]) => f !== 'chain.csv' || hasChains(a));

/** A plan's diffs: against the top of its chain (its main diff), then against each other base of a chain. */
const withChain = (d: Analysis['diffs'][number]) => [d, ...(d.chain?.diffs ?? [])];

const planCols = (a: Analysis, r: { file: string; index: number }) => {
  const d = findDoc(a, r);
  return [r.file, r.index, d ? shortName(d) : '', d?.meta.title ?? ''];
};

/** One export table: file name, column names (snake_case, for programs) and rows. */
export interface ExportTable {
  name: string;
  header: string[];
  rows: Cell[][];
}

/** Every CSV export as data (the XLSX and the Excel-locale CSVs are made from the same tables). */
export function exportTables(a: Analysis): ExportTable[] {
  const tables: ExportTable[] = [];
  const out = { set: (name: string, t: { header: string[]; rows: Cell[][] }) => tables.push({ name, ...t }) };
  const toCsv = (header: string[], rows: Cell[][]) => ({ header, rows });
  const P = ['plan_file', 'plan_index', 'plan', 'plan_title'];

  // one row per plan × base × requirement (a plan naming several bases: a row per requirement of each base)
  out.set(
    'coverage.csv',
    toCsv(
      [...P, 'base_file', 'base_index', 'base_symbol', 'requirement_id', 'requirement_path', 'requirement_text', 'status', 'score', 'match_paths', 'match_text', 'missing', 'changes', 'page'],
      a.diffs.flatMap(withChain).flatMap((d) =>
        d.requirements.map((r) => [
          ...planCols(a, d.plan),
          d.base.file,
          d.base.index,
          d.base.symbol,
          r.id,
          r.path,
          r.text,
          r.status,
          r.matches[0]?.score ?? null,
          r.matches.map((m) => m.path).join(' | '),
          r.matches.map((m) => m.text).join(' | '),
          r.missing.join(' | '),
          r.changes.map((c) => `${c.kind}: ${c.from ?? ''} → ${c.to ?? ''}`).join(' | '),
          pageOf(a, d.plan),
        ]),
      ),
    ),
  );

  // wide matrix: one row per requirement, one column per plan
  const groups = baseGroups(a);
  const allPlans = groups.flatMap((g) => g.diffs.map((d) => d.plan));
  // each group's diff of a plan (the first, as a scan would find it)
  const diffIn = new Map(groups.map((g) => [g, new Map([...g.diffs].reverse().map((d) => [refKey(d.plan), d]))]));
  out.set(
    'matrix.csv',
    toCsv(
      ['base_symbol', 'requirement_id', 'requirement_path', 'requirement_text', ...allPlans.map((p) => { const d = findDoc(a, p); return d ? `${shortName(d)} (${refKey(p)})` : refKey(p); })],
      groups.flatMap((g) =>
        g.requirements.map((r) => [
          g.base.symbol ?? refKey(g.base),
          r.id,
          r.path,
          r.text,
          ...allPlans.map((p) => {
            const d = diffIn.get(g)!.get(refKey(p));
            return (d ? reqIn(d, r.id)?.status ?? '' : '') as Status | '';
          }),
        ]),
      ),
    ),
  );

  out.set(
    'changes.csv',
    toCsv(
      [...P, 'requirement_id', 'requirement_path', 'kind', 'from', 'to', 'note', 'plan_path'],
      a.diffs.flatMap(withChain).flatMap((d) => d.requirements.flatMap((r) => r.changes.map((c) => [...planCols(a, d.plan), r.id, r.path, c.kind, c.from, c.to, c.note ?? '', r.matches[0]?.path ?? '']))),
    ),
  );

  const items = additionItems(a.diffs);
  const cluster = new Map<number, number>();
  const groupPlans: number[] = [];
  clusterAdditions(items).forEach((g, k) => {
    groupPlans[k + 1] = new Set(g.map((i) => items[i].plan)).size;
    g.forEach((i) => cluster.set(i, k + 1));
  });
  out.set(
    'additions.csv',
    toCsv(
      [...P, 'path', 'kind', 'text', 'citations', 'deadlines', 'bodies', 'group', 'group_plans'],
      items.map((it, i) => {
        const x = it.diff.additions[it.index];
        const g = cluster.get(i)!;
        return [...planCols(a, it.diff.plan), x.path, x.kind, x.text, x.citations.join(' | '), x.deadlines.join(' | '), x.bodies.join(' | '), g, groupPlans[g]];
      }),
    ),
  );

  const plansDocs = a.diffs.map((d) => findDoc(a, d.plan)).filter((d) => !!d);
  const bodyName = (doc: (typeof plansDocs)[number], id: string) => doc.bodies.find((b) => b.id === id)?.name ?? id;
  out.set(
    'tasks.csv',
    toCsv(
      [...P, 'task_id', 'path', 'lead', 'support', 'text', 'deadlines'],
      plansDocs.flatMap((doc) => doc.tasks.map((t) => [...planCols(a, doc.source), t.id, t.path, t.lead.map((b) => bodyName(doc, b)).join(' | '), t.support.map((b) => bodyName(doc, b)).join(' | '), clean(t.text), t.deadlines.map((k) => clean(doc.deadlines[k]?.text ?? '')).join(' | ')])),
    ),
  );

  out.set(
    'deadlines.csv',
    toCsv(
      [...P, 'path', 'text', 'kind', 'due', 'first_date', 'rrule', 'rrule_vi', 'event', 'offset_days', 'task_id', 'task', 'lead', 'in_calendar', 'calendar_note'],
      calendarRows(a).map((r) => [
        ...planCols(a, r.plan.source),
        r.deadline.path,
        clean(r.deadline.text),
        r.deadline.kind,
        r.deadline.due,
        r.start,
        r.events.map((e) => e.rrule && `${e.rrule};UNTIL=${e.until!.replace(/-/g, '')}`).filter(Boolean).join(' | ') || null,
        r.events.map((e) => e.rrule && rruleVi(e.rrule)).filter(Boolean).join(' | ') || null,
        r.deadline.event,
        r.deadline.offsetDays,
        r.deadline.task,
        r.task,
        r.lead.join(' | '),
        r.unscheduled ? 'no' : 'yes',
        r.unscheduled ?? '',
      ]),
    ),
  );

  out.set(
    'citations.csv',
    toCsv(
      ['doc_file', 'doc_index', 'doc', 'path', 'cited_id', 'kind', 'number', 'symbol', 'date', 'issuer', 'title', 'relation', 'form', 'text', 'in_corpus'],
      a.docs.flatMap((doc) =>
        doc.citations.map((c) => {
          const e = entryOfCitation(a, doc, c);
          return [doc.source.file, doc.source.index, shortName(doc), c.path, c.id, c.kind, c.number, c.symbol, c.date, c.issuer, c.title, c.relation, c.form, clean(c.text), e?.inCorpus ? refKey(e.inCorpus) : ''];
        }),
      ),
    ),
  );

  // the plans diffed against each document (counted once: a scan of every diff per document was quadratic)
  const baseCount = new Map<string, number>();
  for (const x of a.diffs) baseCount.set(refKey(x.base), (baseCount.get(refKey(x.base)) ?? 0) + 1);
  out.set(
    'documents.csv',
    toCsv(
      ['file', 'index', 'format', 'kind', 'symbol', 'date', 'place', 'issuer', 'title', 'signer', 'role', 'base_of', 'implements', 'coverage'],
      a.docs.map((d) => {
        const diff = diffOf(a, d.source);
        const baseOf = baseCount.get(refKey(d.source)) ?? 0;
        return [d.source.file, d.source.index, d.source.format, d.meta.kind, d.meta.symbol, d.meta.date, d.meta.place, d.meta.issuer, d.meta.title, d.meta.signer.name, diff ? 'plan' : baseOf ? 'base' : '', baseOf || '', diff ? refKey(diff.base) : '', diff ? diff.summary.coverage : null];
      }),
    ),
  );

  // chains of bases (a commune plan implementing the directive and the provincial plan): one row per plan ×
  // intermediate plan × requirement of the directive — how the intermediate carries it, through which of its
  // requirements, how the plan treats those, its status in the plan's own diff, and whether it reaches the plan
  if (hasChains(a))
    out.set(
      'chain.csv',
      toCsv(
        [...P, 'base_file', 'base_index', 'base_symbol', 'via_file', 'via_index', 'via_symbol', 'requirement_id', 'requirement_path', 'requirement_text', 'intermediate_status', 'via_requirements', 'via_status', 'direct_status', 'reaches'],
        a.diffs.flatMap((d) =>
          (d.chain?.transitive ?? []).flatMap((t) =>
            t.rows.map((x) => [...planCols(a, d.plan), t.directive.file, t.directive.index, t.directive.symbol, t.via.file, t.via.index, t.via.symbol, x.id, x.path, x.text, x.intermediate, x.via.join(' | '), x.viaStatus, x.direct, x.reaches]),
          ),
        ),
      ),
    );
  return tables;
}

export function csvExports(a: Analysis, tables: ExportTable[] = exportTables(a)): Map<string, string> {
  return new Map(tables.map((t) => [t.name, toCsv(t.header, t.rows)]));
}

/** csvExports as bytes, one table at a time (what analyze writes). */
export function* csvExportBytes(tables: ExportTable[]): Generator<[string, Buffer]> {
  for (const t of tables) yield [t.name, csvBytes(t.header, t.rows)];
}
