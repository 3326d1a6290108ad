/**
 * The diff reads who acts on a passage from the extracted document (src/align/bodies.ts): the body a plan
 * passage gives its task to from the plan's tasks (each lead records its mention and the way it was found:
 * `leadFrom`), the rest from the extract stage's bodies (each body mention says how it was found: `sources`).
 * It reads only subjects, named organs and heading bodies, as it did when it re-read them from the text.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBaseIndex, diffPlan, requirementsOf } from '../src/align/index.js';
import { bodyFinder, docBodyFinder, taskLeads, textBodyFinder } from '../src/align/bodies.js';
import { passagesOf } from '../src/align/requirements.js';
import { classify } from '../src/extract/bodies.js';
import type { Doc, DiffResult, MentionSource, TaskParty } from '../src/model.js';
import { docsFromText, processFile } from '../src/pipeline.js';
import { walk } from '../src/segment/tree.js';
import { seed } from './helpers.js';

let base: Doc;
let plan: Doc;
let d003: Doc;

beforeAll(async () => {
  base = (await processFile(seed('000'))).docs[1];
  plan = (await processFile(seed('002'))).docs[0];
  d003 = (await processFile(seed('003'))).docs[0];
});

const mentionsOf = (d: Doc) => d.bodies.flatMap((b) => b.mentions.map((m) => ({ ...m, body: b })));
const withoutSource = (d: Doc, s: MentionSource): Doc => ({
  ...d,
  bodies: d.bodies.map((b) => ({ ...b, mentions: b.mentions.map((m) => ({ ...m, sources: m.sources!.filter((x) => x !== s) })) })),
});
/** the plan with each task's recorded leads mapped (null: dropped) */
const mapLeads = (d: Doc, f: (p: TaskParty) => TaskParty | null): Doc => ({
  ...d,
  tasks: d.tasks.map((t) => ({ ...t, leadFrom: t.leadFrom!.map(f).filter((p): p is TaskParty => p !== null) })),
});
const bodyChanges = (r: DiffResult) => r.requirements.flatMap((q) => q.changes.filter((c) => c.kind === 'body').map((c) => `${q.id} → ${c.to}`));

describe('body mentions say how they were found', () => {
  it('every mention has its ways; a heading naming an organ is both named and heading; a collective subject is a subject only', () => {
    const ms = mentionsOf(d003);
    expect(ms.every((m) => m.sources && m.sources.length > 0)).toBe(true);
    const heading = ms.find((m) => m.sources!.includes('heading') && /Ban Tổ chức Thành u/u.test(m.text));
    expect(heading?.sources).toEqual(['named', 'heading']);
    const collective = ms.find((m) => /^Các cấp ủy/iu.test(m.text));
    expect(collective?.sources).toEqual(['subject']);
    // the first way decides the body (as before): "named" before "subject" keeps the organ's id
    const both = ms.find((m) => m.sources!.join() === 'named,subject')!;
    expect(both.body.id).toBe(`${both.body.role}@${both.body.level}`);
  });
});

describe('the diff reads the extracted document', () => {
  it('reads the same subjects, organs and heading bodies as the text gives, on every requirement and clause of the seeds', () => {
    for (const d of [base, plan, d003]) {
      const T = textBodyFinder(d);
      const D = docBodyFinder(d);
      const nameAt = (f: typeof T, at: number, limit: number) => {
        const s = f.subjectAt(at, limit);
        const n = s && f.namedIn(s)[0];
        return n && n.span[0] - s![0] <= 2 ? classify(n.text).name : null;
      };
      for (const u of requirementsOf(d)) expect(nameAt(D, u.span[0], u.span[1]), u.id).toBe(nameAt(T, u.span[0], u.span[1]));
      let same = 0;
      let all = 0;
      for (const p of passagesOf(d))
        for (const c of p.clauses) {
          all++;
          if (nameAt(D, c.span[0], p.span[1]) === nameAt(T, c.span[0], p.span[1])) same++;
        }
      // the extract stage reads no subject in the preamble: a few clauses there differ
      expect(same / all).toBeGreaterThan(0.99);
      for (const s of walk(d.segments)) if (s.heading && s.kind !== 'header') expect(D.headingBody(s) && classify(D.headingBody(s)!).name, s.path).toBe(T.headingBody(s) && classify(T.headingBody(s)!).name);
    }
  });

  it('a collective subject is no organ: the diff does not read "Các cấp ủy …" as a named body', () => {
    const D = bodyFinder(d003);
    const collective = mentionsOf(d003).filter((m) => m.sources!.join() === 'subject');
    expect(collective.length).toBeGreaterThan(3);
    for (const m of collective) expect(D.namedIn(m.span).filter((n) => n.span[0] === m.span[0] && n.span[1] === m.span[1])).toEqual([]);
  });

  it('the local body a plan gives a central organ\'s task to: the heading its tasks inherit their lead from, else the plan\'s heading mentions', () => {
    const index = buildBaseIndex(base);
    const ref = bodyChanges(diffPlan(index, plan).value);
    expect(ref).toContain('9.-2#1 → Ban Tuyên giáo và Dân vận Tỉnh ủy');
    expect(ref).toContain('9.-3#1 → Văn phòng Tỉnh ủy');
    // the tasks say it: the headings no longer read as naming a body change nothing
    expect(bodyChanges(diffPlan(index, withoutSource(plan, 'heading')).value)).toEqual(ref);
    // neither tasks nor headings say it: the diff no longer gives these tasks to them
    const noHeadingLeads = mapLeads(plan, (p) => (p.inherited === 'heading' ? null : p));
    expect(bodyChanges(diffPlan(index, noHeadingLeads).value)).toEqual(ref);
    const blind = bodyChanges(diffPlan(index, withoutSource(noHeadingLeads, 'heading')).value);
    expect(blind.filter((c) => c.startsWith('9.-2#') || c.startsWith('9.-3#'))).toEqual([]);
  });

  it('the directive\'s organ of a requirement comes from its extracted mentions', () => {
    const ref = bodyChanges(diffPlan(buildBaseIndex(base), plan).value);
    const changed = bodyChanges(diffPlan(buildBaseIndex(withoutSource(base, 'named')), plan).value);
    expect(changed).not.toEqual(ref);
  });

  it('a document without bodies, or extracted before mentions carried their ways, is read from its text: same diff', () => {
    const ref = JSON.stringify(diffPlan(buildBaseIndex(base), plan).value);
    const bare = (d: Doc): Doc => ({ ...d, bodies: [], tasks: [] });
    const old = (d: Doc): Doc => ({
      ...d,
      bodies: d.bodies.map((b) => ({ ...b, mentions: b.mentions.map(({ sources: _, ...m }) => m) })),
      tasks: d.tasks.map(({ leadFrom: _, supportFrom: __, ...t }) => t),
    });
    // (an addition also lists the bodies the extract stage found in it: without bodies, only its requirements compare)
    expect(JSON.stringify(diffPlan(buildBaseIndex(bare(base)), bare(plan)).value.requirements)).toBe(JSON.stringify(JSON.parse(ref).requirements));
    expect(JSON.stringify(diffPlan(buildBaseIndex(old(base)), old(plan)).value)).toBe(ref);
  });
});

describe('the diff reads the plan\'s tasks for the body a plan passage gives its task to', () => {
  // seed 002 with a subject of its own under the heading "3. Ban Tuyên giáo và Dân vận Tỉnh ủy" (the passage
  // 9.-2 of the directive is matched with): the task is Văn phòng Tỉnh ủy's
  const text = readFileSync(seed('002'), 'utf8').replace('3. Ban Tuyên giáo và Dân vận Tỉnh ủy\nChủ trì tham mưu', '3. Ban Tuyên giáo và Dân vận Tỉnh ủy\nVăn phòng Tỉnh ủy chủ trì tham mưu');
  const edited = () => docsFromText(text, { file: 'ke-hoach.txt', format: 'txt' })[0];

  it('a plan whose tasks record where their leads came from is read from them; one without tasks, or with tasks of an earlier version, is not', () => {
    expect(taskLeads(plan)).not.toBeNull();
    expect(taskLeads({ ...plan, tasks: [] })).toBeNull();
    expect(taskLeads({ ...plan, tasks: plan.tasks.map(({ leadFrom: _, ...t }) => t) })).toBeNull();
  });

  it('the subject of a clause is read only where its task found its lead as that subject', () => {
    const p = edited();
    const t = p.tasks.find((x) => x.text.startsWith('Văn phòng Tỉnh ủy chủ trì tham mưu'))!;
    expect(t.leadFrom!.map((x) => x.source)).toEqual(['subject']);
    const index = buildBaseIndex(base);
    expect(bodyChanges(diffPlan(index, p).value)).toContain('9.-2#1 → Văn phòng Tỉnh ủy');
    // the task no longer says its lead is that subject: the diff gives the clause to the heading (the text still names Văn phòng)
    const unsaid = bodyChanges(diffPlan(index, mapLeads(p, (x) => (x.source === 'subject' && !x.inherited ? null : x))).value);
    expect(unsaid).toContain('9.-2#1 → Ban Tuyên giáo và Dân vận Tỉnh ủy');
    expect(unsaid).not.toContain('9.-2#1 → Văn phòng Tỉnh ủy');
  });

  it('the heading a task inherits its lead from is the one the diff reads, not the nearest heading of the text', () => {
    // the tasks under "3. Ban Tuyên giáo và Dân vận Tỉnh ủy" recorded as inheriting the heading "5. Văn phòng Tỉnh ủy"
    const vp = plan.tasks.find((x) => x.path.startsWith('III.5'))!.leadFrom![0];
    expect(plan.text.slice(vp.span[0], vp.span[1])).toBe('Văn phòng Tỉnh ủy');
    const moved = mapLeads(plan, (x) => (x.inherited === 'heading' && plan.text.slice(x.span[0], x.span[1]) === 'Ban Tuyên giáo và Dân vận Tỉnh ủy' ? vp : x));
    const changes = bodyChanges(diffPlan(buildBaseIndex(base), moved).value);
    expect(changes).toContain('9.-2#1 → Văn phòng Tỉnh ủy');
    expect(changes.filter((c) => c.endsWith('Ban Tuyên giáo và Dân vận Tỉnh ủy'))).toEqual([]);
  });

  it('a lead the diff does not read as an organ (a collective subject) leaves the passage to the heading above, as before', () => {
    // 002 III.1.¶4 "Đảng ủy các xã, phường …" (a collective subject, no named organ): the heading's body, as before
    const index = buildBaseIndex(base);
    const r = diffPlan(index, plan).value;
    const a = r.additions.find((x) => x.path === 'III.1.¶4')!;
    expect(a.bodies).toContain('Đảng ủy trực thuộc tỉnh');
  });
});

