/**
 * Who acts on a passage, for the diff: read from the tasks and bodies the extract stage found (`doc.tasks`, each
 * lead with its mention and the way it was found; `doc.bodies`, each mention with the ways it was found), so that
 * the diff and the extracted document name the same bodies. Only a document the extract stage did not run on (no
 * bodies) is read from its text, with the extract stage's own recognisers.
 *
 * The diff asks three things of a document:
 *  - the subject of a clause ("Ban Tổ chức Trung ương chủ trì …"): a mention found as a subject, starting where
 *    the clause's subject starts (past its number, opener, "Giao …");
 *  - the named organs in a span: mentions found as named organs ('named'), not the collective subjects
 *    ("Các chi bộ, đảng ủy trực thuộc"), supports or table cells, which the diff does not read as organs;
 *  - the body a heading names ("3.1. Ban Tổ chức Thành uỷ"): a mention found as the heading's body;
 * and of a plan, the body a passage gives its task to: its task's lead found as the clause's subject or inherited
 * from a heading (`taskLeads`), else the nearest heading that names a body.
 */
import type { Doc, MentionSource, Segment, Span, TaskParty } from '../model.js';
import { headingBody, headingSpan, namedMentions, subjectAt, subjectStart } from '../extract/bodies.js';
import { partitionPoint } from '../util.js';

export interface FoundMention {
  text: string;
  span: Span;
}

export interface BodyFinder {
  /** the subject of the clause starting at `at` (up to `limit`), or null */
  subjectAt(at: number, limit: number): Span | null;
  /** named organs starting inside a span, in text order (cut at its end, as if the span were all the text) */
  namedIn(span: Span): FoundMention[];
  /** the body a segment's heading names (its text as printed), or null */
  headingBody(seg: Segment): string | null;
}

interface Indexed extends FoundMention {
  sources: readonly MentionSource[];
}

const FINDERS = new WeakMap<Doc, BodyFinder>();

/**
 * The finder of a document (made once per document): from its bodies when the extract stage ran and said how it
 * found each mention; from the text for a document without bodies, or one extracted before mentions carried
 * their `sources` (a document stored by an earlier version).
 */
export function bodyFinder(doc: Doc): BodyFinder {
  let f = FINDERS.get(doc);
  if (!f) FINDERS.set(doc, (f = doc.bodies.some((b) => b.mentions.some((m) => m.sources)) ? docBodyFinder(doc) : textBodyFinder(doc)));
  return f;
}

/** From the extract stage's bodies. */
export function docBodyFinder(doc: Doc): BodyFinder {
  const all: Indexed[] = [];
  for (const b of doc.bodies) for (const m of b.mentions) all.push({ text: m.text, span: m.span, sources: m.sources ?? [] });
  all.sort((a, b) => a.span[0] - b.span[0] || a.span[1] - b.span[1]);
  const of = (source: MentionSource) => all.filter((m) => m.sources.includes(source));
  const subjects = of('subject');
  const named = of('named');
  const headings = of('heading');
  const from = (list: Indexed[], at: number) => partitionPoint(list.length, (i) => list[i].span[0] < at);
  return {
    subjectAt(at, limit) {
      const s = subjectStart(doc.text, at, limit);
      for (let i = from(subjects, s); i < subjects.length && subjects[i].span[0] === s; i++) if (subjects[i].span[1] <= limit) return subjects[i].span;
      return null;
    },
    namedIn([a, b]) {
      const out: FoundMention[] = [];
      for (let i = from(named, a); i < named.length && named[i].span[0] < b; i++) {
        const m = named[i];
        // a name running past the span is read as far as the span goes
        out.push(m.span[1] <= b ? { text: m.text, span: m.span } : { text: doc.text.slice(m.span[0], b), span: [m.span[0], b] });
      }
      return out;
    },
    headingBody(seg) {
      const hs = headingSpan(doc, seg);
      if (!hs) return null;
      const i = from(headings, hs[0]);
      return i < headings.length && headings[i].span[0] < hs[1] ? headings[i].text : null;
    },
  };
}

/** From the text, for a document the extract stage did not run on. */
export function textBodyFinder(doc: Doc): BodyFinder {
  const text = doc.text;
  const heads = new Map<string, string | null>();
  return {
    subjectAt: (at, limit) => subjectAt(text, at, limit),
    namedIn: ([a, b]) => namedMentions(text.slice(a, b)).map((m) => ({ text: m.text, span: [a + m.span[0], a + m.span[1]] as Span })),
    headingBody(seg) {
      if (!seg.heading) return null;
      let h = heads.get(seg.heading);
      if (h === undefined) heads.set(seg.heading, (h = headingBody(seg.heading)));
      return h;
    },
  };
}

/**
 * Who a plan gives a clause to, as the plan's tasks record it (each task's `leadFrom`: the mention of each lead
 * and the way the task found it). The diff reads two ways of them (READ_LEADS):
 *  - the subject of the clause, when a task's lead was found as that subject (the task's own, not inherited);
 *  - the body of the heading above, when the task covering the clause inherits its lead from that heading.
 * Null for a document without tasks, or with tasks extracted before they recorded where their leads came from:
 * the diff then reads its bodies (`bodyFinder`).
 */
export interface TaskLeads {
  /** the span of the subject a task's lead was found as, at the clause starting at `at` (ending by `limit`), or null */
  subjectAt(at: number, limit: number): Span | null;
  /** the text of the heading mention the task covering the clause at `at` inherits its lead from, or null */
  headingAt(at: number, limit: number): string | null;
}

/**
 * The recorded ways of finding a task's lead that the diff reads, by what it reads them for. Not read: a label's
 * or a table cell's lead (the diff never read them), a lead the item's later paragraphs inherit from its first
 * ('item': it would name the right body in more additions, but moves no figure; see README, Architecture).
 */
export const READ_LEADS = {
  /** the clause's subject: a lead found as the subject of the task's own clause */
  subject: (p: TaskParty) => p.source === 'subject' && !p.inherited,
  /** the heading above: a lead the task inherits from a heading */
  heading: (p: TaskParty) => p.inherited === 'heading',
} as const;

const TASK_LEADS = new WeakMap<Doc, TaskLeads | null>();

/** The task leads of a document (made once per document), or null: see TaskLeads. */
export function taskLeads(doc: Doc): TaskLeads | null {
  let t = TASK_LEADS.get(doc);
  if (t === undefined) TASK_LEADS.set(doc, (t = doc.tasks.length && doc.tasks.every((x) => x.leadFrom) ? docTaskLeads(doc) : null));
  return t;
}

/** From the tasks' recorded leads (every task has `leadFrom`). */
export function docTaskLeads(doc: Doc): TaskLeads {
  // own subjects by the start of their span
  const subjects = new Map<number, Span[]>();
  // the tasks that inherit a heading's lead: their span and the heading mention's text, by start
  const inherited: { span: Span; text: string }[] = [];
  for (const t of doc.tasks)
    for (const p of t.leadFrom ?? []) {
      if (READ_LEADS.subject(p)) {
        const list = subjects.get(p.span[0]);
        if (list) list.push(p.span);
        else subjects.set(p.span[0], [p.span]);
      } else if (READ_LEADS.heading(p)) inherited.push({ span: t.span, text: doc.text.slice(p.span[0], p.span[1]) });
    }
  inherited.sort((a, b) => a.span[0] - b.span[0]);
  return {
    subjectAt(at, limit) {
      for (const sp of subjects.get(subjectStart(doc.text, at, limit)) ?? []) if (sp[1] <= limit) return sp;
      return null;
    },
    headingAt(at, limit) {
      const s = subjectStart(doc.text, at, limit);
      // the covering task that starts last (the innermost, were one to nest in another)
      for (let i = partitionPoint(inherited.length, (k) => inherited[k].span[0] <= s) - 1; i >= 0; i--) if (inherited[i].span[1] > s) return inherited[i].text;
      return null;
    },
  };
}

