/**
 * Tasks: one per assignment, with its lead and supporting bodies and its deadlines.
 *
 * Leads come from, in order: the subject of the clause ("Ban Tổ chức Thành ủy chủ trì,
 * phối hợp với …", "Giao X …", "Các cấp ủy, tổ chức đảng tập trung …"); the body a
 * heading above names ("3.1. Ban Tổ chức Thành uỷ" then bullets); in an
 * implementation section, the subject of the first paragraph of the same item.
 * Supporting bodies come from "phối hợp (với) Y, Z".
 */
import type { Body, Deadline, Doc, Result, Segment, Span, Task } from '../model.js';
import { collapse } from '../normalize/vi.js';
import { bodyAtSpan, clauseStarts, foldTones, headingMention, ownRanges, subjectAt, supportMentions } from './bodies.js';
import { pathAt } from './util.js';

/** Clause openings that start a new assignment even without a subject. */
const NEW_ASSIGNMENT = /^(?:giao\s+|(?:\p{L}+\s*){0,3}:\s*)?(?:chủ\s+trì|phối\s+hợp)(?![\p{L}])/iu;
/** Section headings under which an item's later paragraphs inherit the item's subject. */
const ASSIGNMENT_SECTION = /tổ\s+chức\s+thực\s+hiện|nhiệm\s+vụ\s+cụ\s+thể|phân\s+công/iu;

interface Unit {
  span: Span;
  lead: string[];
  support: string[];
  seg: Segment | null;
}

function ancestors(segs: Segment[], target: Segment): Segment[] {
  const path: Segment[] = [];
  const walk = (level: Segment[]): boolean => {
    for (const s of level) {
      path.push(s);
      if (s === target || walk(s.children)) return true;
      path.pop();
    }
    return false;
  };
  walk(segs);
  return path; // root … target
}

export function findTasks(doc: Doc, bodies: Body[], deadlines: Deadline[]): Result<Task[]> {
  const text = doc.text;
  const units: Unit[] = [];
  const firstLeadOf = new Map<Segment, string[]>();

  const headingLead = (chain: Segment[]): string[] => {
    for (let i = chain.length - 1; i >= 0; i--) {
      const hm = headingMention(doc, chain[i]);
      if (hm) {
        const b = bodyAtSpan(bodies, hm.span);
        if (b) return [b.id];
      }
    }
    return [];
  };
  const supportsIn = (span: Span): string[] => {
    // only the first clause of the unit: "Chủ trì, phối hợp với Y, Z tham mưu …"
    const first = /[.;]\s/u.exec(text.slice(span[0], span[1]));
    const end = first ? span[0] + first.index : span[1];
    const ids: string[] = [];
    for (const m of supportMentions(text, span[0], end)) {
      const b = bodyAtSpan(bodies, m.span);
      if (b && !ids.includes(b.id)) ids.push(b.id);
    }
    return ids;
  };

  for (const r of ownRanges(doc)) {
    const chain = r.seg ? ancestors(doc.segments, r.seg) : [];
    const inherited = headingLead(chain);
    // implementation sections: a later paragraph of an item without heading inherits the item's first subject
    let itemLead: string[] = [];
    const item = r.seg && r.seg.kind === 'paragraph' && r.parent && r.parent !== r.seg ? r.parent : null;
    if (item && !item.heading && chain.some((s) => s.heading && ASSIGNMENT_SECTION.test(foldTones(s.heading)))) itemLead = firstLeadOf.get(item) ?? [];

    let cur: Unit | null = null;
    let covered = -1;
    const close = (end: number) => {
      if (cur) {
        cur.span[1] = end;
        units.push(cur);
      }
      cur = null;
    };
    for (const at of clauseStarts(text, r.span[0], r.span[1])) {
      if (at < covered) continue;
      const sp = subjectAt(text, at, r.span[1]);
      const clause = foldTones(text.slice(at, Math.min(r.span[1], at + 60))).replace(/^[\s\-+•]+/u, '');
      const isNew = sp !== null || NEW_ASSIGNMENT.test(clause) || cur === null;
      if (!isNew) continue;
      let lead: string[] = [];
      if (sp) {
        const b = bodyAtSpan(bodies, sp);
        if (b) lead = [b.id];
        covered = sp[1];
      }
      if (!lead.length) lead = inherited.length ? inherited : itemLead;
      close(trimEnd(text, at));
      cur = { span: [at, r.span[1]], lead, support: [], seg: r.seg };
    }
    close(r.span[1]);
    const mine = units.filter((u) => u.seg === r.seg && u.span[0] >= r.span[0]);
    if (r.seg && mine.length && mine[0].lead.length) {
      if (!firstLeadOf.has(r.seg)) firstLeadOf.set(r.seg, mine[0].lead);
      // the first paragraph of an item speaks for the item
      if (r.parent && r.seg.kind === 'paragraph' && !firstLeadOf.has(r.parent)) firstLeadOf.set(r.parent, mine[0].lead);
    }
  }

  // clean units: trim, drop those that only restate a deadline ("Thời gian: Hoàn thành sau 15 ngày …"), merge "…:" intros
  const dlIn = (span: Span) => deadlines.map((d, i) => [d, i] as const).filter(([d]) => d.span[0] >= span[0] && d.span[1] <= span[1]).map(([, i]) => i);
  const tasks: Task[] = [];
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
    residue = collapse(residue.replace(/^[\p{L} ]{2,20}:\s*/u, '').replace(/[()[\].,;:]/gu, ' '));
    if (residue.split(' ').filter((w) => w && !/^(?:hoàn|thành|thực|hiện|xong)$/iu.test(w)).length < 3) {
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
    const t: Task = {
      id,
      lead: u.lead,
      support: supportsIn([a, b]).filter((s) => !u.lead.includes(s)),
      text: text.slice(start, b),
      deadlines: dls,
      span: [start, b],
      path: pathAt(doc.segments, a),
    };
    tasks.push(t);
    prev = t;
  }
  return { value: tasks, diagnostics: [] };
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
