/**
 * Tasks: one per assignment, with its lead and supporting bodies and its deadlines.
 *
 * Leads come from, in order: the subject of the clause ("Ban Tổ chức Thành ủy chủ trì,
 * phối hợp với …", "Giao X …", "Các cấp ủy, tổ chức đảng tập trung …"); the body a
 * heading above names ("3.1. Ban Tổ chức Thành uỷ" then bullets); in an
 * implementation section, the subject of the first paragraph of the same item.
 * Supporting bodies come from "phối hợp (với) Y, Z". Each task records where each of its bodies came from
 * (`leadFrom`, `supportFrom`: the mention and the way it was found, and whether the lead is inherited).
 */
import { partitionPoint } from '../util.js';
import type { Body, Deadline, Doc, MentionSource, Result, Segment, Span, Task, TaskParty } from '../model.js';
import { collapse } from '../normalize/vi.js';
import { ITEM_NUMBER, clauseStarts, foldTones, headingMention, labelValue, ownRanges, subjectAt, subjectParts, supportMentions } from './bodies.js';
import { taskRows } from './tables.js';
import { segmentLocator } from './util.js';
import { visit } from '../segment/tree.js';
import { framePattern } from '../vocab/frames.js';
import { NORMATIVE_KINDS } from '../vocab/kinds.js';

/** Clause openings that start a new assignment even without a subject. */
export const NEW_ASSIGNMENT = framePattern('assignment-start');
/** The document's own effect or closing formula after a subject: no task (src/vocab/frames.ts, row `formula`). */
const FORMULA = framePattern('formula');
/**
 * `NEW_ASSIGNMENT.test(clause)`, with a pattern that compiles several times faster: the label
 * before ":" is matched as any run of letters and spaces (it can only be the run from the start
 * up to the first other character) and then checked to be at most three words starting with a letter;
 * when it is not, only the verb at the very start remains (the "giao" form has already failed).
 */
export function newAssignment(clause: string): boolean {
  const m = NEW_ASSIGNMENT_LOOSE.exec(clause);
  if (!m) return false;
  const label = m[1];
  if (label === undefined || label === '' || (!/\s/.test(label[0]) && label.split(/\s+/).filter(Boolean).length <= 3)) return true;
  return VERB_AT_START.test(clause);
}
const NEW_ASSIGNMENT_LOOSE = /^(?:giao\s+|([\p{L}\s]*):\s*)?(?:chủ\s+trì|phối\s+hợp)(?![\p{L}])/iu;
const VERB_AT_START = /^(?:chủ\s+trì|phối\s+hợp)(?![\p{L}])/iu;
/** what NEW_ASSIGNMENT needs somewhere (same flags): a cheap test first */
const ASSIGNMENT_VERB = /chủ\s+trì|phối\s+hợp/iu;
/** Section headings under which an item's later paragraphs inherit the item's subject. */
/** The heading of an article of a legal norm that assigns work: "Điều khoản thi hành", "Tổ chức thực hiện", "Trách nhiệm của các bộ". */
const IMPLEMENTATION_ARTICLE = /thi\s+hành|tổ\s+chức\s+thực\s+hiện|trách\s+nhiệm|hiệu\s+lực/u;
const ASSIGNMENT_SECTION = /tổ\s+chức\s+thực\s+hiện|nhiệm\s+vụ\s+cụ\s+thể|phân\s+công/iu;

interface Unit {
  span: Span;
  lead: TaskParty[];
  support: TaskParty[];
  seg: Segment | null;
}

/**
 * Sections that assess what was done (past tense: "Kết quả đạt được", "Tình hình", "Hạn chế, nguyên nhân"):
 * their sentences are not assignments, unless the heading also speaks of tasks.
 */
const ASSESSMENT = /^(?:(?:đánh\s+giá\s+)?(?:kết\s+quả|tình\s+hình)(?:\s+(?:đạt\s+được|thực\s+hiện|triển\s+khai))?|thực\s+trạng|ưu\s+điểm|hạn\s+chế|nguyên\s+nhân|bối\s+cảnh|khuyết\s+điểm|những\s+(?:mặt|kết\s+quả|hạn\s+chế)|bài\s+học|đánh\s+giá\s+(?:chung|việc))(?![\p{L}])/u;
const NOT_ASSESSMENT = /nhiệm\s+vụ|giải\s+pháp|tổ\s+chức\s+thực\s+hiện|phân\s+công|yêu\s+cầu|mục\s+tiêu/u;
/** A subject followed by a past-tense or state predicate ("các cấp uỷ … đã tiếp tục nỗ lực") is no assignment. */
const PAST = /^\s*,?\s*(?:đã|vẫn|đều\s+đã|cũng\s+đã|chưa|đang|được)\s/u;

/** For every segment of the tree, its chain root … segment (the first place it occurs), in one walk. */
function ancestorChains(segs: Segment[]): Map<Segment, Segment[]> {
  const chains = new Map<Segment, Segment[]>();
  visit(segs, (s, ancestors) => {
    if (!chains.has(s)) chains.set(s, [...ancestors, s]);
  });
  return chains;
}

/**
 * `bodyAtSpan(bodies, span)` for many spans: the candidates (mentions starting at the span's
 * start) are grouped by start once, in the order bodyAtSpan visits them. Gives the body as a task's
 * party: its id, the mention found (its span) and how the task found it.
 */
function bodyFinder(bodies: Body[]): (span: Span, source: MentionSource) => TaskParty | null {
  const byStart = new Map<number, { b: Body; m: Body['mentions'][number] }[]>();
  for (const b of bodies)
    for (const m of b.mentions) {
      const list = byStart.get(m.span[0]);
      if (list) list.push({ b, m });
      else byStart.set(m.span[0], [{ b, m }]);
    }
  return (span: Span, source: MentionSource) => {
    let best: { b: Body; m: Body['mentions'][number] } | null = null;
    let bestLen = -1;
    for (const c of byStart.get(span[0]) ?? []) {
      if (c.m.span[1] === span[1]) return { body: c.b.id, span: c.m.span, source };
      if (c.m.span[1] - c.m.span[0] > bestLen) {
        best = c;
        bestLen = c.m.span[1] - c.m.span[0];
      }
    }
    return best && { body: best.b.id, span: best.m.span, source };
  };
}

export function findTasks(doc: Doc, bodies: Body[], deadlines: Deadline[]): Result<Task[]> {
  const text = doc.text;
  const units: Unit[] = [];
  const unitsOf = new Map<Segment | null, Unit[]>();
  const firstLeadOf = new Map<Segment, TaskParty[]>();
  const bodyAt = bodyFinder(bodies);
  const headingMentions = new Map<Segment, ReturnType<typeof headingMention>>();
  // one walk for every segment's chain of ancestors (was one walk from the root per range: quadratic)
  const chains = ancestorChains(doc.segments);

  const headingLead = (chain: Segment[]): TaskParty[] => {
    for (let i = chain.length - 1; i >= 0; i--) {
      let hm = headingMentions.get(chain[i]);
      if (hm === undefined) {
        hm = headingMention(doc, chain[i]);
        headingMentions.set(chain[i], hm);
      }
      if (hm) {
        const b = bodyAt(hm.span, 'heading');
        if (b) return [{ ...b, inherited: 'heading' }];
      }
    }
    return [];
  };
  const supportsIn = (span: Span): TaskParty[] => {
    // only the first clause of the unit: "Chủ trì, phối hợp với Y, Z tham mưu …"
    // (past the item's own number: the dot of "1. Ban Tổ chức … chủ trì, phối hợp với …" ends no clause)
    const body = text.slice(span[0], span[1]);
    const marker = ITEM_NUMBER.exec(body);
    const from = marker ? marker[0].length : 0;
    const first = /[.;]\s/u.exec(body.slice(from));
    const end = first ? span[0] + from + first.index : span[1];
    const ids: TaskParty[] = [];
    for (const m of supportMentions(text, span[0], end)) {
      const b = bodyAt(m.span, 'support');
      if (b && !has(ids, b.body)) ids.push(b);
    }
    return ids;
  };

  const normative = doc.meta.kind !== null && NORMATIVE_KINDS.has(doc.meta.kind);
  const labelUnit = new Map<Segment | null, Unit>();
  for (const r of ownRanges(doc)) {
    if (r.seg?.kind === 'row' || r.seg?.kind === 'closing') continue;
    let chain: Segment[] = [];
    if (r.seg) chain = chains.get(r.seg) ?? [];
    if (chain.some((c) => c.heading && ASSESSMENT.test(foldTones(c.heading).toLowerCase()) && !NOT_ASSESSMENT.test(foldTones(c.heading).toLowerCase()))) continue;
    // a legal norm (Nghị định, Thông tư): an article states a rule ("Hội đồng kỷ luật họp …"), only the articles on
    // implementation assign work
    if (normative) {
      const article = chain.find((c) => /^Điều\s+\d/u.test(c.path.split('.').pop() ?? ''));
      if (article && !(article.heading && IMPLEMENTATION_ARTICLE.test(foldTones(article.heading).toLowerCase()))) continue;
    }
    // "Cơ quan chủ trì: X" under an item: the item is X's task; "Cơ quan phối hợp: Y" adds Y
    const lv = labelValue(text, r.span[0], r.span[1]);
    if (lv) {
      const ids: TaskParty[] = [];
      for (const m of lv.parts) {
        const b = bodyAt(m.span, 'label');
        if (b && !has(ids, b.body)) ids.push(b);
      }
      const owner = r.parent && r.parent.kind !== 'preamble' ? r.parent : null;
      if (lv.lead && ids.length) {
        const u: Unit = { span: [owner ? owner.span[0] : r.span[0], r.span[1]], lead: ids, support: [], seg: r.seg };
        units.push(u);
        labelUnit.set(owner, u);
      } else if (!lv.lead) {
        const u = labelUnit.get(owner);
        if (u) for (const id of ids) if (!has(u.support, id.body) && !has(u.lead, id.body)) u.support.push(id);
      }
      continue;
    }
    const inherited = headingLead(chain);
    // implementation sections: a later paragraph of an item without heading inherits the item's first subject
    let itemLead: TaskParty[] = [];
    const item = r.seg && r.seg.kind === 'paragraph' && r.parent && r.parent !== r.seg ? r.parent : null;
    if (item && !item.heading && chain.some((s) => s.heading && ASSIGNMENT_SECTION.test(foldTones(s.heading)))) itemLead = (firstLeadOf.get(item) ?? []).map((p) => ({ ...p, inherited: 'item' as const }));

    let cur: Unit | null = null;
    let covered = -1;
    const close = (end: number) => {
      if (cur) {
        cur.span[1] = end;
        units.push(cur);
        const list = unitsOf.get(cur.seg);
        if (list) list.push(cur);
        else unitsOf.set(cur.seg, [cur]);
      }
      cur = null;
    };
    for (const at of clauseStarts(text, r.span[0], r.span[1])) {
      if (at < covered) continue;
      const sp = subjectAt(text, at, r.span[1]);
      const clause = foldTones(text.slice(at, Math.min(r.span[1], at + 60))).replace(/^[\s\-+•]+/u, '');
      const isNew = sp !== null || (ASSIGNMENT_VERB.test(clause) && newAssignment(clause)) || cur === null;
      if (!isNew) continue;
      let lead: TaskParty[] = [];
      let past = false;
      if (sp) {
        for (const p of subjectParts(text, sp)) {
          const b = bodyAt(p, 'subject');
          if (b && !has(lead, b.body)) lead.push(b);
        }
        covered = sp[1];
        past = PAST.test(text.slice(sp[1], sp[1] + 20)) || FORMULA.test(foldTones(text.slice(sp[0], sp[1] + 160)));
        if (past) lead = [];
      }
      if (!lead.length && !past) lead = inherited.length ? inherited : itemLead;
      close(trimEnd(text, at));
      cur = { span: [at, r.span[1]], lead, support: [], seg: r.seg };
    }
    close(r.span[1]);
    const mine = (unitsOf.get(r.seg) ?? []).filter((u) => u.span[0] >= r.span[0]);
    if (r.seg && mine.length && mine[0].lead.length) {
      if (!firstLeadOf.has(r.seg)) firstLeadOf.set(r.seg, mine[0].lead);
      // the first paragraph of an item speaks for the item
      if (r.parent && r.seg.kind === 'paragraph' && !firstLeadOf.has(r.parent)) firstLeadOf.set(r.parent, mine[0].lead);
    }
  }

  // clean units: trim, drop those that only restate a deadline ("Thời gian: Hoàn thành sau 15 ngày …"), merge "…:" intros
  // the deadlines inside a span, in their order: found from the deadlines sorted by start (was a scan of all per unit)
  const byStart = deadlines.map((_, i) => i).sort((x, y) => deadlines[x].span[0] - deadlines[y].span[0] || x - y);
  const dlIn = (span: Span) => {
    const out: number[] = [];
    for (let k = partitionPoint(byStart.length, (j) => deadlines[byStart[j]].span[0] < span[0]); k < byStart.length && deadlines[byStart[k]].span[0] < span[1]; k++)
      if (deadlines[byStart[k]].span[1] <= span[1]) out.push(byStart[k]);
    return out.sort((x, y) => x - y);
  };
  const tasks: Task[] = [];
  const loc = segmentLocator(doc.segments);
  let pendingIntro: Span | null = null;
  let prev: Task | null = null;
  for (const u of units) {
    let [a, b] = u.span;
    while (a < b && /[\s\-+•]/u.test(text[a])) a++;
    b = trimEnd(text, b);
    if (b <= a) continue;
    const body = text.slice(a, b);
    const dls = dlIn([a, b]);
    let residue = body;
    for (const i of dls) residue = residue.replace(deadlines[i].text, ' ');
    residue = residue.replace(/^[\p{L} ]{2,20}:\s*/u, '').replace(/[()[\].,;:]/gu, ' ');
    if (contentWords(residue, 3) < 3) {
      // a bare time note belongs to the task before it
      if (prev) for (const i of dls) if (!prev.deadlines.includes(i)) prev.deadlines.push(i);
      continue;
    }
    if (!u.lead.length) {
      prev = null;
      pendingIntro = null;
      continue;
    }
    if (/:\s*$/u.test(body) && dls.length === 0 && body.length < 200) {
      pendingIntro = [a, b];
      continue;
    }
    const start: number = pendingIntro && pendingIntro[1] <= a && a - pendingIntro[1] < 5 ? pendingIntro[0] : a;
    pendingIntro = null;
    const id = `t${tasks.length + 1}`;
    const sup = [...u.support, ...supportsIn([a, b])].filter((s, i, all) => !has(u.lead, s.body) && all.findIndex((x) => x.body === s.body) === i);
    const t: Task = {
      id,
      lead: u.lead.map((p) => p.body),
      support: sup.map((p) => p.body),
      text: text.slice(start, b),
      deadlines: dls,
      span: [start, b],
      path: loc.pathAt(a),
      source: 'prose',
      leadFrom: u.lead,
      supportFrom: sup,
    };
    tasks.push(t);
    prev = t;
  }
  // rows of task tables
  for (const r of taskRows(doc)) {
    const ids = (cs: { span: Span }[]) => {
      const out: TaskParty[] = [];
      for (const c of cs) {
        const b = bodyAt(c.span, 'table');
        if (b && !has(out, b.body)) out.push(b);
      }
      return out;
    };
    const lead = ids(r.lead);
    if (!lead.length) continue;
    const support = ids(r.support).filter((x) => !has(lead, x.body));
    const span: Span = r.task ? r.task.span : r.row.span;
    const dls = [...new Set([...(r.deadline ? dlIn(r.deadline.span) : []), ...dlIn(span)])];
    tasks.push({
      id: `t${tasks.length + 1}`,
      lead: lead.map((p) => p.body),
      support: support.map((p) => p.body),
      text: r.task ? r.task.text : r.row.text,
      deadlines: dls,
      span,
      path: r.row.path,
      source: 'table',
      ...(r.product ? { product: r.product.text } : {}),
      leadFrom: lead,
      supportFrom: support,
    });
  }
  return { value: tasks, diagnostics: [] };
}

/** whether a list of parties names this body */
function has(parties: TaskParty[], body: string): boolean {
  return parties.some((p) => p.body === body);
}

const NOT_CONTENT = /^(?:hoàn|thành|thực|hiện|xong)$/iu;
const WORD = /\S+/gu;
/**
 * The number of words (runs of non-space) of `s` other than "hoàn thành", "thực hiện", "xong",
 * counted up to `max` (what `collapse(s).split(' ').filter(…).length` gives, capped).
 */
function contentWords(s: string, max: number): number {
  let n = 0;
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (n < max && (m = WORD.exec(s))) if (!NOT_CONTENT.test(m[0])) n++;
  return n;
}

function trimEnd(text: string, b: number): number {
  while (b > 0 && /\s/u.test(text[b - 1])) b--;
  return b;
}

/** Set `deadline.task` from the tasks' deadline lists (returns new deadline objects). */
export function linkDeadlines(deadlines: Deadline[], tasks: Task[]): Deadline[] {
  const out = deadlines.map((d) => ({ ...d, task: null as string | null }));
  for (const t of tasks) for (const i of t.deadlines) if (out[i] && out[i].task === null) out[i].task = t.id;
  return out;
}
