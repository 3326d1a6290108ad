/**
 * Requirements of a base document, and alignable passages of a plan.
 *
 * A requirement is a clause-sized unit of the base's operative text (sentences
 * split at ";" by the segmenter), grouped under the base's own point (the path
 * of the item or bullet it stands in). Decisions, documented in docs/diff.md:
 *  - header, recipients and signature are not requirements;
 *  - the preamble (background, assessment of the situation, "X yêu cầu … sau:")
 *    is context, not requirements — unless the document has no numbered or
 *    bulleted body at all, in which case its preamble is all there is;
 *  - headings ("Tổ chức thực hiện", "MỤC ĐÍCH, YÊU CẦU") are titles, not requirements;
 *  - clauses with fewer than MIN_SYLLABLES syllables are merged into the
 *    previous clause of the same passage (list fragments such as
 *    "về xây dựng Đảng, xây dựng hệ thống chính trị;").
 */
import { pointOf } from '../segment/path.js';
import type { Doc, Segment, Span } from '../model.js';
import { collapse } from '../normalize/vi.js';
import { splitClauses } from '../segment/clauses.js';
import { ownSpans, visit } from '../segment/tree.js';
import { type Tok, tokenize } from './tokens.js';
import { SPLITS } from '../vocab/applicability.js';

export const MIN_SYLLABLES = 8;

export interface Passage {
  /** the segment this passage is the own text of */
  seg: Segment;
  path: string;
  kind: Segment['kind'];
  span: Span;
  clauses: { text: string; span: Span }[];
  /** inside the preamble / a heading line */
  context: boolean;
}

export interface RequirementUnit {
  id: string;
  /** the point: the segment path without paragraph suffixes ("2.¶1" → "2") */
  path: string;
  segPath: string;
  text: string;
  span: Span;
  toks: Tok[];
}


/**
 * Every passage of running text in a document, in order: leaves with their
 * clauses, plus the own text of inner nodes (an item whose first paragraph
 * precedes its sub-paragraphs), split into clauses here.
 */
export function passagesOf(doc: Doc): Passage[] {
  const out: Passage[] = [];
  visit(doc.segments, (s, ancestors) => {
    if (s.kind === 'recipients' || s.kind === 'signature') {
      out.push(...tableRows(doc, s));
      return false;
    }
    if (s.kind === 'header') return false;
    const pre = s.kind === 'preamble' || ancestors.some((a) => a.kind === 'preamble');
    if (s.children.length === 0) {
      const clauses = s.clauses.filter((c) => /\p{L}/u.test(c.text));
      if (clauses.length) out.push({ seg: s, path: s.path, kind: s.kind, span: s.span, clauses, context: pre || s.kind === 'heading' });
      return;
    }
    // own text before the first child
    const region = ownSpans(s)[0];
    if (region && region[0] === s.span[0]) {
      const raw = doc.text.slice(region[0], region[1]);
      if (/\p{L}{2,}/u.test(raw.replace(/^\s*(?:\(?[\p{L}\d.]+[.)]|[-–—+•*·])\s*/u, ''))) {
        const clauses = splitClauses(doc.text, region, s.kind === 'item' || s.kind === 'bullet' || s.kind === 'section' ? s.label : null).filter((c) =>
          /\p{L}/u.test(c.text),
        );
        if (clauses.length) out.push({ seg: s, path: s.path, kind: s.kind, span: region, clauses, context: pre });
      }
    }
  });
  return out;
}

const CONTENT_HEADER = /nội dung|nhiệm vụ|công việc|hoạt động|giải pháp/iu;

/**
 * Rows of a task table printed after the signature or the recipients ("PHỤ LỤC … | STT | Nội dung nhiệm vụ |
 * Đơn vị chủ trì | Thời gian |"): each row's task cell is a passage (`PL.<n>`), so that requirements
 * carried only in the appendix are read. The task cell is the column headed "Nội dung / Nhiệm vụ / Công
 * việc", else the row's longest cell.
 */
export function tableRows(doc: Doc, s: Segment): Passage[] {
  const out: Passage[] = [];
  const text = doc.text.slice(s.span[0], s.span[1]);
  let col = -1;
  let n = 0;
  const lines = [...text.matchAll(/^[ \t]*\|(.*)\|[ \t]*$/gmu)];
  lines.forEach((m, li) => {
    const inner = m[1];
    const at = s.span[0] + m.index! + m[0].indexOf('|') + 1;
    const cells: { text: string; span: Span }[] = [];
    let k = 0;
    for (const c of inner.split('|')) {
      const lead = c.length - c.trimStart().length;
      const t = c.trim();
      cells.push({ text: t, span: [at + k + lead, at + k + lead + t.length] });
      k += c.length + 1;
    }
    if (cells.every((c) => /^[\s:-]*$/u.test(c.text))) return;
    const nextIsRule = li + 1 < lines.length && /^[\s|:-]+$/u.test(lines[li + 1][1]);
    if (nextIsRule) {
      col = cells.findIndex((c) => CONTENT_HEADER.test(c.text));
      return;
    }
    const cell = col >= 0 && cells[col]?.text ? cells[col] : cells.reduce((a, b) => (b.text.length > a.text.length ? b : a));
    if (!/\p{L}{2,}/u.test(cell.text) || cell.text.split(/\s+/u).length < 4) return;
    n++;
    out.push({ seg: s, path: `PL.${n}`, kind: 'paragraph', span: cell.span, clauses: [{ text: cell.text, span: cell.span }], context: false });
  });
  return out;
}

/** Split a base document into requirements (see module comment). */
export function requirementsOf(base: Doc): RequirementUnit[] {
  let passages = passagesOf(base).filter((p) => p.kind !== 'heading');
  const body = passages.filter((p) => !p.context);
  if (body.length) passages = body;
  const out: RequirementUnit[] = [];
  const perPoint = new Map<string, number>();
  for (const p of passages) {
    const point = pointOf(p.path);
    const units: { span: Span; toks: Tok[] }[] = [];
    for (const c of p.clauses) {
      const toks = tokenize(base.text, c.span[0], c.span[1]);
      if (!toks.length) continue;
      const last = units[units.length - 1];
      if (last && toks.length < MIN_SYLLABLES) {
        last.span = [last.span[0], c.span[1]];
        last.toks.push(...toks);
      } else units.push({ span: [c.span[0], c.span[1]], toks });
    }
    // a short first clause is merged into the next one
    if (units.length > 1 && units[0].toks.length < MIN_SYLLABLES) {
      units[1].span = [units[0].span[0], units[1].span[1]];
      units[1].toks.unshift(...units[0].toks);
      units.shift();
    }
    // compound requirements whose parts differ in nature (SPLITS in vocab/applicability.ts)
    for (let k = 0; k < units.length; k++) {
      const u = units[k];
      const text = base.text.slice(u.span[0], u.span[1]);
      for (const sp of SPLITS) {
        const m = sp.before.exec(text);
        if (!m || m.index === 0) continue;
        const at = u.span[0] + m.index + m[0].length;
        const head = u.toks.filter((t) => t.end <= at);
        const tail = u.toks.filter((t) => t.start >= at);
        if (head.length < 4 || tail.length < 4) continue;
        units.splice(k, 1, { span: [u.span[0], head[head.length - 1].end], toks: head }, { span: [tail[0].start, u.span[1]], toks: tail });
        break;
      }
    }
    for (const u of units) {
      const n = (perPoint.get(point) ?? 0) + 1;
      perPoint.set(point, n);
      out.push({ id: `${point}#${n}`, path: point, segPath: p.path, text: collapse(base.text.slice(u.span[0], u.span[1])), span: u.span, toks: u.toks });
    }
  }
  return out;
}
