import { walk } from '../segment/index.js';
/**
 * Shared vocabulary of the reports: the analysis model they render, Vietnamese
 * labels, status colours, stable names for documents and pages.
 */
import type { Analysis, CrossIndex, DiffResult, Doc, Ref, Segment, Status } from '../model.js';
import { refKey } from '../model.js';
import { asciiFold } from '../normalize/vi.js';
import { viDate as formatViDate } from '../normalize/dates.js';
import { createHash } from 'node:crypto';

export type { Analysis, Failure, Ref } from '../model.js';

export const STATUS_ORDER: Status[] = ['omitted', 'partial', 'adapted', 'covered', 'not-applicable'];

/** Colour-blind-safe palette (fill, text). */
export const STATUS_COLOR: Record<Status, [string, string]> = {
  covered: ['#1a9850', '#fff'],
  adapted: ['#91cf60', '#000'],
  partial: ['#fdae61', '#000'],
  omitted: ['#d73027', '#fff'],
  'not-applicable': ['#bdbdbd', '#000'],
};

// the labels are tables of src/vocab/labels.ts, typed by the model's enums
export { CHANGE_LABEL, DEADLINE_KIND_LABEL, REACHES_LABEL, RELATION_LABEL, STATUS_LABEL } from '../vocab/labels.js';

import { KIND_TITLE } from '../vocab/kinds.js';
export { KIND_TITLE };

export { refKey, sameRef } from '../model.js';

const SLUGS = new Map<string, string>();

/**
 * File-system and URL safe, stable name of a document: ascii slug of the file stem + index.
 * Unique per input: the slug alone only when it is the file name itself (`ke-hoach.txt` →
 * `ke-hoach-0`); any other name (another extension, capitals, diacritics, spaces, a name cut at 80)
 * gets 8 hex digits of the file name's hash, so `plan.txt` and `plan.docx`, or `ke hoach.txt` and
 * `kế-hoạch.txt`, never share a page, a Word report or a calendar UID.
 */
export function slug(r: Ref): string {
  // asked for every link to a plan (the matrix links every cell): made once per file name and index
  const k = `${r.index}\0${r.file}`;
  let s = SLUGS.get(k);
  if (s === undefined) {
    if (SLUGS.size >= 100_000) SLUGS.clear(); // a long-running server sees ever new names
    SLUGS.set(k, (s = makeSlug(r)));
  }
  return s;
}
function makeSlug(r: Pick<Ref, 'file' | 'index'>): string {
  const stem = r.file.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const s = asciiFold(stem)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  const plain = s && r.file === `${s}.txt`;
  return plain ? `${s}-${r.index}` : `${s || 'doc'}-${createHash('sha256').update(r.file).digest('hex').slice(0, 8)}-${r.index}`;
}

export const planPage = (r: Ref): string => `plan-${slug(r)}.html`;
export const docPage = (r: Ref): string => `doc-${slug(r)}.html`;

/**
 * Lookups by reference, indexed once per list: every page, table and export asks for the document of a
 * plan, and a scan of the list each time made the reports quadratic in the number of plans (issue 14).
 * An index is rebuilt when its list changed length or its last element (lists are only appended to).
 */
function indexed<T, V>(cache: WeakMap<readonly T[], { n: number; last: T | undefined; m: Map<string, V> }>, list: readonly T[], build: (m: Map<string, V>) => void): Map<string, V> {
  let c = cache.get(list);
  if (!c || c.n !== list.length || c.last !== list[list.length - 1]) {
    const m = new Map<string, V>();
    build(m);
    cache.set(list, (c = { n: list.length, last: list[list.length - 1], m }));
  }
  return c.m;
}
const DOCS = new WeakMap<readonly Doc[], { n: number; last: Doc | undefined; m: Map<string, Doc> }>();
const PLANS = new WeakMap<readonly DiffResult[], { n: number; last: DiffResult | undefined; m: Map<string, DiffResult> }>();

/** The diff of a plan (the first, as a scan would find it). */
export function diffOf(a: Pick<Analysis, 'diffs'>, r: Ref): DiffResult | undefined {
  return indexed(PLANS, a.diffs, (m) => {
    for (const d of a.diffs) if (!m.has(refKey(d.plan))) m.set(refKey(d.plan), d);
  }).get(refKey(r));
}

/** The page that shows a document: its review page if it is a plan, else its text page. */
export function pageOf(a: Analysis, r: Ref): string {
  return diffOf(a, r) ? planPage(r) : docPage(r);
}

export function findDoc(a: Pick<Analysis, 'docs'>, r: Ref): Doc | undefined {
  return indexed(DOCS, a.docs, (m) => {
    for (const d of a.docs) if (!m.has(refKey(d.source))) m.set(refKey(d.source), d);
  }).get(refKey(r));
}

export function kindTitle(doc: Pick<Doc, 'meta'>): string {
  return doc.meta.kind ? KIND_TITLE[doc.meta.kind] ?? doc.meta.kind : 'Văn bản';
}

/** "Chỉ thị 50-CT/TW" or "Kế hoạch — Ban Thường vụ Tỉnh ủy". */
export function docName(doc: Pick<Doc, 'meta' | 'source'>): string {
  const k = kindTitle(doc);
  if (doc.meta.symbol) return `${k} ${doc.meta.symbol}`;
  if (doc.meta.issuer) return `${k} — ${doc.meta.issuer}`;
  return `${k} — ${doc.source.file}${doc.source.index ? ' #' + doc.source.index : ''}`;
}

/** A short column label: symbol, else the issuer without the standing-committee prefix, else the file. */
export function shortName(doc: Pick<Doc, 'meta' | 'source'>): string {
  if (doc.meta.symbol) return doc.meta.symbol;
  if (doc.meta.issuer) return doc.meta.issuer.replace(/^Ban (Thường vụ|Chấp hành)\s+/i, '');
  return slug(doc.source);
}

/** A date for reading (normalize/dates.ts `viDate`: "23/7/2025"); '' when absent, the text itself when it is no ISO date. */
export function viDate(iso: string | null | undefined): string {
  if (!iso) return '';
  return formatViDate(iso) ?? iso;
}

export const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;


/**
 * The segment a claim points at: the segment with that path if there is one,
 * otherwise the deepest segment whose span holds the claim's start.
 */
const WALKED = new WeakMap<Doc, Segment[]>();
export function segmentFor(doc: Doc, path: string | null | undefined, span?: readonly [number, number] | null): Segment | null {
  // every link of every page asks; the flattened tree is made once per document
  let all = WALKED.get(doc);
  if (!all) WALKED.set(doc, (all = walk(doc.segments)));
  if (span) {
    let best: Segment | null = null;
    for (const s of all) if (s.span[0] <= span[0] && span[0] < Math.max(s.span[1], s.span[0] + 1) && (!best || s.span[1] - s.span[0] <= best.span[1] - best.span[0])) best = s;
    if (best && (!path || best.path === path || best.path.startsWith(path + '.') || path.startsWith(best.path))) return best;
  }
  if (path) {
    const exact = all.filter((s) => s.path === path);
    if (exact.length) return exact.find((s) => s.text) ?? exact[0];
  }
  return null;
}

/** Anchor id of a segment in a document page. */
export const segAnchor = (s: Segment): string => `seg-${s.id}`;
export function anchorFor(doc: Doc | undefined, path: string | null | undefined, span?: readonly [number, number] | null): string | null {
  if (!doc) return null;
  const s = segmentFor(doc, path, span);
  return s ? segAnchor(s) : null;
}

/** The index entry a citation of `doc` was grouped into (same place), else the first with its id. */
type IndexEntry = CrossIndex['documents'][number];
const CITED = new WeakMap<CrossIndex, { at: Map<string, IndexEntry>; byId: Map<string, IndexEntry> }>();
export function entryOfCitation(a: Analysis, doc: Doc, c: { id: string; span: readonly [number, number] }): IndexEntry | undefined {
  // indexed once per index (a scan of every entry's citations for every citation was quadratic)
  let ix = CITED.get(a.index);
  if (!ix) {
    ix = { at: new Map(), byId: new Map() };
    for (const e of a.index.documents) {
      for (const x of e.citedBy) {
        const k = `${x.file}\0${x.index}\0${x.span[0]}`;
        if (!ix.at.has(k)) ix.at.set(k, e);
      }
      if (!ix.byId.has(e.id)) ix.byId.set(e.id, e);
    }
    CITED.set(a.index, ix);
  }
  return ix.at.get(`${doc.source.file}\0${doc.source.index}\0${c.span[0]}`) ?? ix.byId.get(c.id);
}

export const statusCounts = (d: DiffResult): Record<Status, number> => ({
  covered: d.summary.covered,
  adapted: d.summary.adapted,
  partial: d.summary.partial,
  omitted: d.summary.omitted,
  'not-applicable': d.summary.notApplicable ?? 0,
});

/** Natural order of document paths: "I.2" < "I.10", roman numerals and digits compared by value. */
export { comparePaths } from '../segment/path.js';
