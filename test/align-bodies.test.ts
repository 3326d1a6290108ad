/**
 * The diff reads who acts on a passage from the extract stage's bodies (src/align/bodies.ts): each body mention
 * says how it was found (`sources`), and the diff reads only subjects, named organs and heading bodies, as it
 * did when it re-read them from the text.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBaseIndex, diffPlan, requirementsOf } from '../src/align/index.js';
import { bodyFinder, docBodyFinder, textBodyFinder } from '../src/align/bodies.js';
import { passagesOf } from '../src/align/requirements.js';
import { classify } from '../src/extract/bodies.js';
import type { Doc, DiffResult, MentionSource } from '../src/model.js';
import { processFile } from '../src/pipeline.js';
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

  it('the local body a plan gives a central organ\'s task to comes from the plan\'s heading mentions', () => {
    const index = buildBaseIndex(base);
    const ref = bodyChanges(diffPlan(index, plan).value);
    expect(ref).toContain('9.-2#1 → Ban Tuyên giáo và Dân vận Tỉnh ủy');
    expect(ref).toContain('9.-3#1 → Văn phòng Tỉnh ủy');
    // the same plan, its headings no longer read as naming a body: the diff no longer gives these tasks to them
    const blind = bodyChanges(diffPlan(index, withoutSource(plan, 'heading')).value);
    expect(blind.filter((c) => c.startsWith('9.-2#') || c.startsWith('9.-3#'))).toEqual([]);
  });

  it('the directive\'s organ of a requirement comes from its extracted mentions', () => {
    const ref = bodyChanges(diffPlan(buildBaseIndex(base), plan).value);
    const changed = bodyChanges(diffPlan(buildBaseIndex(withoutSource(base, 'named')), plan).value);
    expect(changed).not.toEqual(ref);
  });

  it('a document without bodies, or extracted before mentions carried their ways, is read from its text: same diff', () => {
    const ref = JSON.stringify(diffPlan(buildBaseIndex(base), plan).value);
    const bare = (d: Doc): Doc => ({ ...d, bodies: [] });
    const old = (d: Doc): Doc => ({ ...d, bodies: d.bodies.map((b) => ({ ...b, mentions: b.mentions.map(({ sources: _, ...m }) => m) })) });
    // (an addition also lists the bodies the extract stage found in it: without bodies, only its requirements compare)
    expect(JSON.stringify(diffPlan(buildBaseIndex(bare(base)), bare(plan)).value.requirements)).toBe(JSON.stringify(JSON.parse(ref).requirements));
    expect(JSON.stringify(diffPlan(buildBaseIndex(old(base)), old(plan)).value)).toBe(ref);
  });
});
