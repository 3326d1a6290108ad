/**
 * The one typed model of rasoat. Every stage reads and writes these shapes;
 * every output (CLI JSON, extracted/ files, reports) is validated against them.
 *
 * Offsets: a `Span` is [start, end) in UTF-16 code units of the owning
 * document's normalized `text` (NFC, LF line ends, markup removed).
 */
import { z } from 'zod';

/**
 * The version of the JSON shapes of this file as rasoat writes them. Every JSON output — `extract --json`
 * (each document), `diff --json`, `index --json`, and in `extracted/` every `docs/*.json`, `diffs/*.json`,
 * `index.json` and `summary.json` — carries it as its first field, `"schemaVersion": 1` (see `versioned`);
 * so do the cache entries (src/batch/cache.ts). Raise it when a shape changes in a way a reader must know:
 * a field removed, renamed or retyped (a new optional field does not need it).
 */
export const SCHEMA_VERSION = 1;
export const SchemaVersion = z.literal(SCHEMA_VERSION);

/** An output object with the schema version as its first field (in memory the model's objects go without it). */
export function versioned<T extends object>(v: T): { schemaVersion: typeof SCHEMA_VERSION } & T {
  return { schemaVersion: SCHEMA_VERSION, ...v };
}

export const Span = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]);
export type Span = z.infer<typeof Span>;

/**
 * What a stage may notice about a document, one code each (a new code is added here first; the
 * compiler then asks for its label wherever codes are shown).
 */
export const DiagnosticCode = z.enum([
  // ingest: text, Word, PDF
  'encoding',
  'markdown',
  'page-number',
  'format-mismatch',
  'docx-main-part',
  'docx-numbering',
  'docx-footnotes',
  'docx-reader',
  'pdf-truncated',
  'no-text-layer',
  'ocr',
  'pdf-pages-without-text',
  'pdf-furniture',
  'pdf-footnotes',
  'portal-chrome',
  'footnote-moved',
  // segment
  'empty',
  'not-a-directive',
  'footnote-unreferenced',
  // extract
  'citation-anomaly',
  'table-linearized',
  // corpus layer
  'index-link',
  'no-base',
  'not-implementing',
  'base-not-found',
  // align
  'no-requirements',
]);
export type DiagnosticCode = z.infer<typeof DiagnosticCode>;

/** Why a file (or a plan's diff) could not be processed: the one list every command, the batch layer and the workbench report. */
export const FailureCode = z.enum([
  // reading the file (IngestError)
  'empty',
  'too-large',
  'unsupported-format',
  'not-a-document',
  'not-a-file',
  'no-text',
  'no-text-layer',
  'ocr-failed',
  'corrupt-docx',
  'corrupt-pdf',
  'encrypted',
  'not-vietnamese',
  // the file system (describeError)
  'not-found',
  'symlink-loop',
  'is-a-directory',
  'not-a-directory',
  'permission-denied',
  // the batch layer
  'timeout',
  'out-of-memory',
  'crashed',
  'worker-init',
  'cancelled',
  'diff-failed',
  // the workbench
  'is-base',
  'no-base',
  // anything else (a bug): retried, never cached
  'internal',
]);
export type FailureCode = z.infer<typeof FailureCode>;

export const Diagnostic = z.object({
  level: z.enum(['error', 'warning', 'info']),
  code: DiagnosticCode,
  message: z.string(),
  span: Span.optional(),
});
export type Diagnostic = z.infer<typeof Diagnostic>;

/** Every stage returns its value together with what it noticed. */
export interface Result<T> {
  value: T;
  diagnostics: Diagnostic[];
}

export const Format = z.enum(['txt', 'md', 'docx', 'pdf']);
export type Format = z.infer<typeof Format>;

export const SegmentKind = z.enum([
  'header', // issuing organ, symbol, place/date, kind, title
  'preamble', // text before the first section or item
  'section', // I., II.
  'item', // 1., 1.1., (1), a)
  'bullet', // -, +, •
  'heading', // the title line of a section or item (a leaf)
  'paragraph', // running text (a leaf)
  'footnote', // footnote text, attached under the segment that references it
  'recipients', // "Nơi nhận" block
  'signature', // T/M ..., role, name
  'closing', // closing paragraphs after the body (e.g. "Kế hoạch này được phổ biến ..."), notes after the signature
  'row', // a row of a table (a leaf): its cells' text joined by " | "
]);
export type SegmentKind = z.infer<typeof SegmentKind>;

export const Clause = z.object({ text: z.string(), span: Span });
export type Clause = z.infer<typeof Clause>;

export interface Segment {
  id: string;
  /** labels from the root joined with "." keeping the document's own numbering, e.g. "II.1.1" */
  path: string;
  kind: SegmentKind;
  /** the label as written, without punctuation: "II", "1.1", "a", "-" */
  label: string | null;
  /** title line of a section/item, if its first line is a title */
  heading: string | null;
  /** content text, whitespace collapsed, label removed */
  text: string;
  span: Span;
  children: Segment[];
  /** sentence/clause split of a leaf's text (empty on inner nodes) */
  clauses: Clause[];
  /** footnote number referenced in this segment / carried by a footnote */
  footnote?: string;
}
export const Segment: z.ZodType<Segment> = z.lazy(() =>
  z.object({
    id: z.string(),
    path: z.string(),
    kind: SegmentKind,
    label: z.string().nullable(),
    heading: z.string().nullable(),
    text: z.string(),
    span: Span,
    children: z.array(Segment),
    clauses: z.array(Clause),
    footnote: z.string().optional(),
  }),
);

export const DocKind = z.enum([
  'CHỈ THỊ',
  'KẾ HOẠCH',
  'HƯỚNG DẪN',
  'QUY ĐỊNH',
  'NGHỊ QUYẾT',
  'KẾT LUẬN',
  'QUYẾT ĐỊNH',
  'CHƯƠNG TRÌNH',
  'THÔNG BÁO',
  'BÁO CÁO',
  'CÔNG VĂN',
  // State legal documents that arrive with the Party ones (real portal texts)
  'NGHỊ ĐỊNH',
  'THÔNG TƯ',
  'QUY CHẾ',
  'ĐỀ ÁN',
  'TỜ TRÌNH',
  'CÔNG ĐIỆN',
]);
export type DocKind = z.infer<typeof DocKind>;

export const Meta = z.object({
  kind: DocKind.nullable(),
  symbol: z.string().nullable(),
  date: z.string().nullable(), // ISO yyyy-mm-dd
  place: z.string().nullable(),
  issuer: z.string().nullable(),
  title: z.string().nullable(),
  signer: z.object({ name: z.string().nullable(), role: z.string().nullable() }),
  recipients: z.array(z.string()),
});
export type Meta = z.infer<typeof Meta>;

export const Source = z.object({
  file: z.string(),
  format: Format,
  /** index of this document within a file that bundles several */
  index: z.number().int().nonnegative(),
  encoding: z.string().optional(),
  sha256: z.string().optional(),
});
export type Source = z.infer<typeof Source>;

// ---------------------------------------------------------------- entities

export const CitationForm = z.enum(['full', 'short', 'descriptive', 'named', 'self']);
export type CitationForm = z.infer<typeof CitationForm>;
/** implements: what the document says it carries out; basis: its legal basis ("Căn cứ …"); mentions: a report or
 * submission it heard or considered; amends/replaces: what it changes itself; references: any other citation. */
export const Relation = z.enum(['implements', 'continues', 'amends', 'replaces', 'references', 'basis', 'mentions']);
export type Relation = z.infer<typeof Relation>;

export const Citation = z.object({
  /** "50-CT/TW", "30/2020/NĐ-CP", or a name for numberless documents ("Điều lệ Đảng") */
  id: z.string(),
  kind: z.string().nullable(), // "Chỉ thị", "Hướng dẫn" ...
  number: z.string().nullable(),
  symbol: z.string().nullable(), // "CT/TW"
  date: z.string().nullable(),
  issuer: z.string().nullable(),
  title: z.string().nullable(),
  khoa: z.string().nullable().optional(),
  relation: Relation,
  form: CitationForm,
  text: z.string(),
  span: Span,
  path: z.string(),
});
export type Citation = z.infer<typeof Citation>;

export const DeadlineKind = z.enum(['date', 'period', 'relative', 'conditional', 'recurring', 'continuous']);
export type DeadlineKind = z.infer<typeof DeadlineKind>;
export const Deadline = z.object({
  text: z.string(),
  kind: DeadlineKind,
  due: z.string().nullable(),
  rrule: z.string().nullable(),
  event: z.string().nullable(),
  offsetDays: z.number().nullable(),
  span: Span,
  path: z.string(),
  task: z.string().nullable(), // task id
});
export type Deadline = z.infer<typeof Deadline>;

export const BodyLevel = z.enum(['trung-uong', 'tinh', 'khoi', 'huyen', 'xa', 'co-so', 'unknown']);
export type BodyLevel = z.infer<typeof BodyLevel>;
export const BodyRole = z.enum([
  'ban-thuong-vu',
  'cap-uy',
  'to-chuc',
  'tuyen-giao-dan-van',
  'kiem-tra',
  'van-phong',
  'truong-chinh-tri',
  'cap-uy-truc-thuoc',
  'mat-tran',
  'chi-bo',
  'dang-vien',
  'other',
]);
export type BodyRole = z.infer<typeof BodyRole>;
/**
 * How the extract stage found a mention of a body: a named organ anywhere in the text ('named'), the body a
 * section heading names ('heading'), the subject at a clause start ('subject': "Các cấp ủy, tổ chức đảng …"),
 * a body after "phối hợp với" ('support'), a cell of a task table ('table'), the value of a label
 * ("Cơ quan chủ trì: …", 'label'). One span found several ways keeps every way, in the order found.
 */
export const MentionSource = z.enum(['named', 'heading', 'subject', 'support', 'table', 'label']);
export type MentionSource = z.infer<typeof MentionSource>;
export const BodyMention = z.object({ text: z.string(), span: Span, path: z.string(), sources: z.array(MentionSource).optional() });
export type BodyMention = z.infer<typeof BodyMention>;
export const Body = z.object({
  id: z.string(), // normalized key: role@level
  name: z.string(), // normalized display name
  level: BodyLevel,
  role: BodyRole,
  mentions: z.array(BodyMention),
});
export type Body = z.infer<typeof Body>;

/**
 * Where a task's lead or supporting body came from: the mention it was read from (`span`, one of the body's
 * mentions) and the way the task stage found it there — the subject of the task's clause ('subject'), the body
 * a heading above names ('heading'), the value of a label ('label': "Cơ quan chủ trì: …"), a cell of a task
 * table ('table'), a body after "phối hợp với" ('support'). `inherited` says the mention is not the task's
 * own: the heading above the task ('heading'), or the lead of the item's first paragraph, which the item's
 * later paragraphs inherit in an implementation section ('item'; `source` is then how that paragraph found it).
 */
export const TaskParty = z.object({
  body: z.string(), // body id, as in lead / support
  span: Span,
  source: MentionSource,
  inherited: z.enum(['heading', 'item']).optional(),
});
export type TaskParty = z.infer<typeof TaskParty>;

export const Task = z.object({
  id: z.string(),
  lead: z.array(z.string()), // body ids
  support: z.array(z.string()),
  text: z.string(),
  deadlines: z.array(z.number().int()), // indexes into document.deadlines
  span: Span,
  path: z.string(),
  /** where the assignment was written: running text, or a row of a task table */
  source: z.enum(['prose', 'table']).optional(),
  /** the product or result column of a task table row ("Quyết định của Chủ tịch UBND tỉnh") */
  product: z.string().optional(),
  /** where each lead came from, in the order of `lead` (absent in documents extracted before it was recorded) */
  leadFrom: z.array(TaskParty).optional(),
  /** where each supporting body came from, in the order of `support` */
  supportFrom: z.array(TaskParty).optional(),
});
export type Task = z.infer<typeof Task>;

export const Doc = z.object({
  source: Source,
  text: z.string(),
  meta: Meta,
  segments: z.array(Segment),
  diagnostics: z.array(Diagnostic),
  citations: z.array(Citation).default([]),
  deadlines: z.array(Deadline).default([]),
  tasks: z.array(Task).default([]),
  bodies: z.array(Body).default([]),
});
export type Doc = z.infer<typeof Doc>;

// ---------------------------------------------------------------- diff

export const Status = z.enum(['covered', 'adapted', 'partial', 'omitted', 'not-applicable']);
export type Status = z.infer<typeof Status>;

export const WordChange = z.object({ op: z.enum(['=', '+', '-']), text: z.string() });
export const Match = z.object({
  path: z.string(),
  text: z.string(),
  span: Span,
  score: z.number(),
  diff: z.array(WordChange),
});
export const ChangeKind = z.enum(['number', 'day', 'frequency', 'qualifier', 'list', 'body', 'deadline']);
export type ChangeKind = z.infer<typeof ChangeKind>;
export const Change = z.object({
  kind: ChangeKind,
  from: z.string().nullable(),
  to: z.string().nullable(),
  note: z.string().optional(),
});
export const Requirement = z.object({
  id: z.string(),
  path: z.string(), // base path, e.g. "2"
  text: z.string(), // base wording
  span: Span, // in the base document
  status: Status,
  missing: z.array(z.string()).default([]), // for partial: the parts not found
  matches: z.array(Match),
  changes: z.array(Change),
  /** who the requirement (its point) is addressed to, and that body's level ("trung-uong" …) */
  addressee: z.string().nullable().default(null),
  level: z.string().nullable().default(null),
  /** the applicability rule it falls under (src/align/applicability.ts): not-applicable when the plan does not take it up */
  applicability: z.object({ rule: z.string(), reason: z.string() }).nullable().default(null),
  /** for an omission: the nearest plan passages with their scores (evidence a reviewer checks in seconds) */
  nearMisses: z.array(z.object({ path: z.string(), text: z.string(), span: Span, score: z.number() })).default([]),
});
export type Requirement = z.infer<typeof Requirement>;

export const AdditionKind = z.enum(['clause', 'insertion', 'citation']);
export type AdditionKind = z.infer<typeof AdditionKind>;

export const Addition = z.object({
  /** clause: a plan clause kept by no requirement; insertion: local wording inside a kept clause;
   *  citation: a document the plan cites, inside a kept clause, that the base does not cite */
  kind: AdditionKind.default('clause'),
  path: z.string(),
  text: z.string(),
  span: Span,
  citations: z.array(z.string()).default([]),
  deadlines: z.array(z.string()).default([]),
  bodies: z.array(z.string()).default([]),
});
export const DocRef = z.object({ file: z.string(), index: z.number().int(), symbol: z.string().nullable(), title: z.string().nullable() });
/**
 * Transitive coverage along a chain of bases (issue 11, item 7): a plan implementing both a directive and an
 * intermediate plan that itself implements the directive ("Thực hiện Chỉ thị 50 … và Kế hoạch số 25-KH/TU
 * của Tỉnh ủy"). For each requirement of the directive: how the intermediate plan carries it, which of the
 * intermediate's requirements carry it, how the plan treats those, and whether it reaches the plan.
 */
export const TransitiveRow = z.object({
  id: z.string(),
  path: z.string(),
  text: z.string(),
  /** its status in the intermediate plan's diff against the directive */
  intermediate: Status,
  /** requirements of the intermediate plan whose text carries it (ids in the plan's diff against the intermediate) */
  via: z.array(z.string()),
  /** the best status of those in the plan's diff against the intermediate (null: the intermediate does not carry it) */
  viaStatus: Status.nullable(),
  /** its status in the plan's own diff against the directive (null: not diffed) */
  direct: Status.nullable(),
  /** reaches the plan directly, through the intermediate plan, both, or not at all; 'not-applicable': not expected of a local plan */
  reaches: z.enum(['both', 'direct', 'through', 'no', 'not-applicable']),
});
export type TransitiveRow = z.infer<typeof TransitiveRow>;
export const Transitive = z.object({
  directive: z.object({ file: z.string(), index: z.number().int(), symbol: z.string().nullable(), title: z.string().nullable() }),
  via: z.object({ file: z.string(), index: z.number().int(), symbol: z.string().nullable(), title: z.string().nullable() }),
  rows: z.array(TransitiveRow),
  summary: z.object({
    /** requirements of the directive expected of a local plan */
    requirements: z.number().int(),
    /** carried by the intermediate plan (covered, adapted or partial) */
    carried: z.number().int(),
    /** reaching the plan through the intermediate plan */
    through: z.number().int(),
    /** reaching the plan in its own words (its direct diff) */
    direct: z.number().int(),
    /** reaching it either way */
    reaching: z.number().int(),
  }),
});
export type Transitive = z.infer<typeof Transitive>;

const DiffCore = z.object({
  base: DocRef,
  plan: DocRef,
  requirements: z.array(Requirement),
  additions: z.array(Addition),
  summary: z.object({
    covered: z.number().int(),
    adapted: z.number().int(),
    partial: z.number().int(),
    omitted: z.number().int(),
    /** requirements no local plan is expected to restate and this plan does not take up (left out of coverage) */
    notApplicable: z.number().int().default(0),
    additions: z.number().int(),
    coverage: z.number(),
    worstPoints: z.array(z.object({ path: z.string(), omitted: z.number().int(), partial: z.number().int() })),
  }),
  diagnostics: z.array(Diagnostic),
});
export const DiffResult = DiffCore.extend({
  /** a plan naming several bases: its diffs against the other available bases, and the transitive coverage
   *  of the directive through the intermediate plan (absent for a plan with one base) */
  chain: z.object({ diffs: z.array(DiffCore), transitive: z.array(Transitive) }).optional(),
});
export type DiffResult = z.infer<typeof DiffResult>;

// ---------------------------------------------------------------- index

export const IndexEntry = z.object({
  key: z.string(),
  id: z.string(),
  kind: z.string().nullable(),
  number: z.string().nullable(),
  symbol: z.string().nullable(),
  date: z.string().nullable(),
  issuer: z.string().nullable(),
  title: z.string().nullable(),
  khoa: z.string().nullable(),
  inCorpus: z.object({ file: z.string(), index: z.number().int() }).nullable(),
  citedBy: z.array(
    z.object({ file: z.string(), index: z.number().int(), path: z.string(), quote: z.string(), relation: Relation, span: Span }),
  ),
  conflicts: z.array(z.string()),
});
export const CrossIndex = z.object({
  documents: z.array(IndexEntry),
  relations: z.array(z.object({ from: z.string(), to: z.string(), relation: Relation })),
  anomalies: z.array(z.string()),
});
export type CrossIndex = z.infer<typeof CrossIndex>;

// ---------------------------------------------------------------- corpus

/** A document of the corpus: its file (base name) and its position in that file. */
export interface Ref {
  file: string;
  index: number;
}
export const refKey = (r: Ref): string => `${r.file}#${r.index}`;
export const sameRef = (a: Ref, b: Ref): boolean => a.file === b.file && a.index === b.index;

/** A file that could not be read (or a plan that could not be diffed), with a code and a human reason. */
export interface Failure {
  file: string;
  code: FailureCode;
  reason: string;
}

/** What the corpus layer makes of a folder, and everything the reports are made from: pure data, no I/O. */
export interface Analysis {
  /** all documents of the corpus, sorted by file then index */
  docs: Doc[];
  /** one diff per plan against its base */
  diffs: DiffResult[];
  index: CrossIndex;
  failures: Failure[];
}

// ---------------------------------------------------------------- the batch layer's files

/**
 * What a batch item carries: the documents of one file and the results of the hooks by name (each hook
 * validates its own result: `BatchHook.result`). The payload of a content-hash cache entry; a cached payload
 * is validated with this schema before it is used (src/batch/index.ts).
 */
export const BatchPayload = z.object({ docs: z.array(Doc), extra: z.record(z.string(), z.unknown()).default({}) });
export type BatchPayload = z.infer<typeof BatchPayload>;

/** Line 2 of a cache entry (src/batch/cache.ts): what the worker produced (its payload follows), or a deterministic failure. */
export const CacheHeader = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), schemaVersion: SchemaVersion, format: Format.nullable().default(null), ndocs: z.number() }),
  z.object({ ok: z.literal(false), schemaVersion: SchemaVersion, code: FailureCode, reason: z.coerce.string().default('') }),
]);

/** The record of a finished `rasoat analyze` run (src/batch/runmemo.ts). */
export const RunRecord = z.object({
  key: z.string(),
  /** the exit status of the run */
  status: z.number().int(),
  /** what it printed on stdout, as an unchanged re-run prints it */
  stdout: z.string(),
  stderr: z.string(),
  /** the output folder as the run left it: relative path → [size, mtimeMs, ino] */
  listing: z.record(z.string(), z.tuple([z.number(), z.number(), z.number()])),
});
export type RunRecord = z.infer<typeof RunRecord>;
