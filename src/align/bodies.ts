/**
 * Who acts on a passage, for the diff: read from the bodies the extract stage found (`doc.bodies`, each mention
 * with the ways it was found), so that the diff and the extracted document name the same bodies. Only a
 * document the extract stage did not run on (no bodies) is read from its text, with the extract stage's own
 * recognisers.
 *
 * The diff asks three things of a document:
 *  - the subject of a clause ("Ban Tổ chức Trung ương chủ trì …"): a mention found as a subject, starting where
 *    the clause's subject starts (past its number, opener, "Giao …");
 *  - the named organs in a span: mentions found as named organs ('named'), not the collective subjects
 *    ("Các chi bộ, đảng ủy trực thuộc"), supports or table cells, which the diff does not read as organs;
 *  - the body a heading names ("3.1. Ban Tổ chức Thành uỷ"): a mention found as the heading's body.
 */
import type { Doc, MentionSource, Segment, Span } from '../model.js';
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
