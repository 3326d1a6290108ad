/**
 * One table-driven test over the vocabulary tables of src/vocab/: every example of every row is run through
 * the code that reads the table, and must come out as the row says. A new row is tested by adding it.
 */
import { describe, expect, it } from 'vitest';
import { DocKind, type Doc } from '../src/model.js';
import { docsFromText } from '../src/pipeline.js';
import { findCitations } from '../src/extract/citations.js';
import { DEADLINE_RULES, findDeadlines } from '../src/extract/deadlines.js';
import { foldTones, headingBody, labelValue, levelOf, normalizeBodyName, roleOf, subjectAt, supportMentions } from '../src/extract/bodies.js';
import { NEW_ASSIGNMENT, newAssignment } from '../src/extract/tasks.js';
import { BODY_FRAMES, type BodyFrameId } from '../src/vocab/frames.js';
import { kindOfLine } from '../src/segment/lines.js';
import { tokenize } from '../src/align/tokens.js';
import { align } from '../src/align/sw.js';
import { diffDocs, requirementsOf } from '../src/align/index.js';
import { applicabilityOf } from '../src/align/applicability.js';
import { THESAURUS } from '../src/vocab/paraphrase.js';
import { APPLICABILITY, SPLITS } from '../src/vocab/applicability.js';
import { KINDS, KIND_ORDER, KIND_TITLE } from '../src/vocab/kinds.js';
import { ABBREVIATIONS, COUNTERPARTS, LEVEL_RULES, ROLE_RULES } from '../src/vocab/organs.js';
import { NUMBER_WORDS, quarterNumber, romanValue, toRoman } from '../src/vocab/numerals.js';
import { PERIODS, durationLabel, isoDuration } from '../src/vocab/time.js';
import { RELATION_GUARDS } from '../src/vocab/relations.js';
import { CHANGE_LABEL, DEADLINE_KIND_LABEL, RELATION_LABEL, STATUS_LABEL } from '../src/vocab/labels.js';
import { RELATION_CUES } from '../src/vocab/citations.js';
import { DROPPED_WORDS, PARAMETER_SLOTS, SECONDARY_PARTS } from '../src/vocab/restatement.js';
import { matchKey } from '../src/normalize/vi.js';

/** A one-paragraph plan around a sentence, segmented (no extraction: each test runs the finder it checks). */
function docOf(sentence: string): Doc {
  // an example written as a table (cells between "|" lines) is the body itself
  const text = sentence.startsWith('|\n') ? `KẾ HOẠCH\nthực hiện nhiệm vụ\n\nI. NHIỆM VỤ\n\n${sentence}\n` : `KẾ HOẠCH\nthực hiện nhiệm vụ\n\n1. ${sentence}.\n`;
  return docsFromText(text, { file: 'vocab.txt', format: 'txt' }, { extract: false })[0];
}

const rows = <T extends { id: string; examples: readonly string[] }>(t: readonly T[]) => t.flatMap((r) => r.examples.map((e) => [r.id, e, r] as const));

describe('vocabulary tables: every row has an id and examples', () => {
  it.each([
    ['kinds', KINDS],
    ['abbreviations', ABBREVIATIONS],
    ['roles', ROLE_RULES],
    ['levels', LEVEL_RULES],
    ['number words', NUMBER_WORDS],
    ['periods', PERIODS],
    ['relation cues', RELATION_CUES],
    ['body-role frames', BODY_FRAMES],
  ] as const)('%s', (_name, table) => {
    const ids = table.map((r) => r.id);
    expect(new Set(ids).size, 'ids are unique').toBe(ids.length);
    for (const r of table) expect(r.examples.length, r.id).toBeGreaterThan(0);
  });
});

describe('kinds', () => {
  const headers = KINDS.filter((k) => k.header);
  it.each(rows(KINDS).filter(([, e]) => e === e.toUpperCase()))('%s: the header line "%s" is that kind', (_id, e, row) => {
    expect(kindOfLine(e)).toBe(row.header);
  });
  it.each(rows(KINDS).filter(([, e, r]) => e !== e.toUpperCase() && r.cited && /\d/.test(e)))('%s: "%s" is cited as that kind', (_id, e, row) => {
    const cs = findCitations(docOf(`Căn cứ ${e}, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch`)).value.filter((c) => c.form !== 'self');
    expect(cs.length, JSON.stringify(cs.map((c) => c.text))).toBeGreaterThan(0);
    expect(cs[0].kind).toBe(row.word);
  });
  it('every header kind of the model has a row (and a title), and the index order lists the ranked kinds', () => {
    expect(headers.map((k) => k.header).sort()).toEqual([...DocKind.options].sort());
    for (const k of DocKind.options) expect(KIND_TITLE[k]).toBeTruthy();
    expect(KIND_ORDER.slice(0, 5)).toEqual(['Cương lĩnh', 'Điều lệ', 'Nghị quyết', 'Kết luận', 'Chỉ thị']);
  });
});

describe('relation cues', () => {
  it.each(rows(RELATION_CUES))('%s: "%s" cites its first document with that relation', (_id, e, row) => {
    const cs = findCitations(docOf(e)).value.filter((c) => c.form !== 'self');
    expect(cs.length, e).toBeGreaterThan(0);
    expect(cs[0].relation).toBe(row.relation);
  });
});

describe('organs', () => {
  it.each(ABBREVIATIONS.flatMap((r) => r.examples.map(([a, b]) => [r.id, a, b] as const)))('%s: "%s" reads as "%s"', (_id, written, full) => {
    expect(normalizeBodyName(written)).toBe(full);
  });
  it.each(rows(ROLE_RULES))('%s: "%s" has that role', (_id, e, row) => {
    expect(roleOf(e)).toBe(row.role);
  });
  it.each(rows(LEVEL_RULES))('%s: "%s" is at that level', (_id, e, row) => {
    // an organ named without its committee is at the level of the issuing document (here: a province)
    expect(levelOf(e, 'tinh')).toBe(row.level === 'document' ? 'tinh' : row.level);
    if (row.level === 'document') expect(levelOf(e, 'huyen')).toBe('huyen');
  });
  it.each(COUNTERPARTS.map((r) => [r.id, r] as const))('%s: the central organ and its local counterparts have the same role, at their levels', (_id, row) => {
    // role 'other': organs outside the Party apparatus whose roles the extract stage does not name (ministries,
    // the Government, the Academy); their Party committees ("Đảng ủy Công an Trung ương") are committees
    if (row.role !== 'other')
      for (const c of row.central) {
        expect(roleOf(c), c).toBe(row.role);
        expect(levelOf(c), c).toBe('trung-uong');
      }
    for (const [level, names] of Object.entries(row.local))
      for (const n of names!) {
        // an organ of a merged commune board ("Ban Xây dựng Đảng") has no role cue of its own
        if (row.role !== 'other' && roleOf(n) !== 'other') expect(roleOf(n), n).toBe(row.role);
        // a name without its committee ("Văn phòng Đảng ủy") is at the level of the plan naming it
        expect([level, 'unknown'], n).toContain(levelOf(n, level as never));
      }
  });
  it.each(COUNTERPARTS.flatMap((r) => r.examples.map(([a, b]) => [r.id, a, b] as const)))('%s: "%s" given as "%s" is adapted with a body change to the counterpart', (_id, central, local) => {
    const base = docsFromText(`CHỈ THỊ\nvề một việc\n\n1. ${central}.\n`, { file: 'base.txt', format: 'txt' }, { extract: false })[0];
    const plan = docsFromText(`KẾ HOẠCH\nthực hiện Chỉ thị\n\n1. ${local}.\n`, { file: 'plan.txt', format: 'txt' }, { extract: false })[0];
    const d = diffDocs(base, plan).value;
    expect(d.requirements.length).toBe(1);
    const r = d.requirements[0];
    expect(['adapted', 'covered'], JSON.stringify(r)).toContain(r.status);
    expect(r.changes.find((c) => c.kind === 'body')?.note, JSON.stringify(r.changes)).toBe('cơ quan tương ứng ở địa phương');
    expect(d.additions.filter((a) => a.kind !== 'citation'), 'the adapted passage is not also an addition').toEqual([]);
  });
});

describe('paraphrase thesaurus', () => {
  const keys = (s: string) => tokenize(s).map((t) => t.key).join(' ');
  it('ids are unique; every row has examples', () => {
    expect(new Set(THESAURUS.map((r) => r.id)).size).toBe(THESAURUS.length);
    for (const r of THESAURUS) expect(r.examples.length, r.id).toBeGreaterThan(0);
  });
  it.each(THESAURUS.flatMap((r) => r.variants.map((v) => [r.id, v, r] as const)))('%s: "%s" compares as the canonical phrase', (_id, v, row) => {
    expect(keys(v)).toBe(keys(row.canonical));
  });
  it.each(THESAURUS.flatMap((r) => r.examples.map(([a, b]) => [r.id, a, b, r] as const)))('%s: the directive\'s "%s" and the plan\'s "%s" share the canonical phrase', (_id, a, b, row) => {
    const c = keys(row.canonical);
    expect(keys(a)).toContain(c);
    expect(keys(b)).toContain(c);
  });
});

describe('applicability', () => {
  it.each(rows(APPLICABILITY))('%s: "%s" falls under the rule', (_id, e, row) => {
    expect(applicabilityOf(e, e)?.id).toBe(row.id);
  });
  it('an ordinary task of the cells falls under none', () => {
    expect(applicabilityOf('Các chi bộ sinh hoạt định kỳ vào ngày 03 hằng tháng.', 'Các chi bộ sinh hoạt định kỳ vào ngày 03 hằng tháng.')).toBeNull();
  });
  it.each(rows(SPLITS))('%s: "%s" is cut into its two parts', (_id, e) => {
    const [a, b] = e.split(' | ');
    const base = docsFromText(`CHỈ THỊ\nvề một việc\n\n1. Các cấp ủy tổ chức thực hiện nghiêm túc.\n\n2. ${a} ${b}\n`, { file: 'base.txt', format: 'txt' }, { extract: false })[0];
    const texts = requirementsOf(base).map((r) => r.text);
    expect(texts).toContain(a);
    expect(texts).toContain(b);
  });
});

describe('restatement (src/vocab/restatement.ts)', () => {
  /** The directive's sentence as a one-requirement base, the plan's as a one-item plan: the one requirement's diff. */
  const diffOne = (directive: string, plan: string) => {
    const base = docsFromText(`CHỈ THỊ\nvề một việc\n\n1. ${directive}.\n`, { file: 'base.txt', format: 'txt' }, { extract: false })[0];
    const p = docsFromText(`KẾ HOẠCH\nthực hiện Chỉ thị\n\n1. ${plan}.\n`, { file: 'plan.txt', format: 'txt' }, { extract: false })[0];
    const d = diffDocs(base, p).value;
    expect(d.requirements.length).toBe(1);
    return Object.assign(d.requirements[0], { additions: d.additions });
  };
  it('ids are unique; every row has examples', () => {
    for (const t of [PARAMETER_SLOTS, DROPPED_WORDS, SECONDARY_PARTS] as const) {
      expect(new Set(t.map((r) => r.id)).size).toBe(t.length);
      for (const r of t) expect(r.examples.length, r.id).toBeGreaterThan(0);
    }
  });
  it.each(PARAMETER_SLOTS.flatMap((r) => r.examples.map(([a, b]) => [r.id, a, b, r] as const)))('%s: "%s" kept as "%s" is kept, with the %s change flagged', (_id, a, b, row) => {
    const r = diffOne(a, b);
    expect(['adapted', 'partial'], JSON.stringify(r)).toContain(r.status);
    expect(r.changes.map((c) => c.kind), JSON.stringify(r.changes)).toContain(row.kind);
    // the word alignment pairs the two values (it does not break at the changed one)
    const x = tokenize(a);
    const y = tokenize(b);
    const slot = (t: (typeof x)[number]) => (row.kind === 'day' ? t.kind === 'num' : t.kind === 'freq');
    const al = align(x, x.map(() => 1), y);
    expect(al?.pairs.some(([i, j, sim]) => slot(x[i]) && slot(y[j]) && x[i].key !== y[j].key && sim > 0)).toBe(true);
  });
  it.each(DROPPED_WORDS.flatMap((r) => r.examples.map(([a, b]) => [r.id, a, b, r] as const)))('%s: "%s" and "%s" compare without the word after its verb', (_id, a, b, row) => {
    const keys = (s: string) => ' ' + tokenize(s).map((t) => t.key).join(' ') + ' ';
    const w = matchKey(row.word);
    const after = row.after.filter((v) => matchKey(a).includes(`${matchKey(v)} ${w} `));
    expect(after.length, 'the example holds the word after one of its verbs').toBeGreaterThan(0);
    for (const v of after) {
      const vk = keys(v).trim();
      expect(keys(a)).toContain(` ${vk} `);
      expect(keys(a)).not.toContain(` ${vk} ${keys(row.word).trim()} `);
    }
    expect(diffOne(a, b).status).not.toBe('omitted');
  });
  it('a word of DROPPED_WORDS elsewhere is compared ("về ý nghĩa" after a noun stays)', () => {
    expect(tokenize('tuyên truyền rộng rãi về ý nghĩa').map((t) => t.key)).toContain('ve');
  });
  it.each(SECONDARY_PARTS.flatMap((r) => r.examples.map(([a, b]) => [r.id, a, b, r] as const)))('%s: "%s" kept as "%s" without the part is kept in part, not omitted', (_id, a, b) => {
    const r = diffOne(a, b);
    expect(['partial', 'adapted'], JSON.stringify(r)).toContain(r.status);
    // the clause that keeps it is its text, not also a local addition
    const inMatch = (s: [number, number]) => r.matches.some((m) => m.span[0] < s[1] && s[0] < m.span[1]);
    expect(r.additions.filter((x) => x.kind === 'clause' && inMatch(x.span)), JSON.stringify(r.additions)).toEqual([]);
  });
});

describe('numbers and periods', () => {
  it.each(rows(NUMBER_WORDS))('%s: "%s" is a relative deadline of that many units', (_id, e, row) => {
    const d = findDeadlines(docOf(e)).value.find((x) => x.kind === 'relative');
    const unit = /\s(ngày|tuần|tháng)\s/u.exec(e)![1];
    expect(d?.offsetDays, JSON.stringify(findDeadlines(docOf(e)).value)).toBe(row.value * (unit === 'ngày' ? 1 : unit === 'tuần' ? 7 : 30));
  });
  it('Roman numerals: one reader, one writer, quarters', () => {
    for (let n = 1; n <= 40; n++) expect(romanValue(toRoman(n).toUpperCase())).toBe(n);
    expect(['XIII', 'IV', 'IX', 'II'].map(romanValue)).toEqual([13, 4, 9, 2]);
    expect(['IV', 'iv', '4', 'I', 'V', '5'].map(quarterNumber)).toEqual([4, 4, 4, 1, undefined, undefined]);
  });
  it.each(rows(PERIODS))('%s: "%s" is a recurring duty; period → ISO duration → RRULE → label', (_id, e, row) => {
    if (/^(?:hằng|hàng)\s/u.test(e)) {
      const d = findDeadlines(docOf(`Các chi bộ báo cáo ${e}`)).value.find((x) => x.kind === 'recurring');
      expect(d?.rrule).toBe(row.rrule);
    }
    // the diff's frequency unit: every example is one period, whatever its wording
    const freq = tokenize(e).find((t) => t.kind === 'freq');
    expect(freq?.value, e).toBe(isoDuration(1, row.iso));
    expect(durationLabel(isoDuration(1, row.iso))).toBe(row.label);
  });
});

describe('labels', () => {
  it('every value of the enums has a Vietnamese label', () => {
    for (const t of [STATUS_LABEL, CHANGE_LABEL, RELATION_LABEL, DEADLINE_KIND_LABEL]) for (const v of Object.values(t)) expect(v).toMatch(/\p{L}/u);
    expect(RELATION_LABEL.amends).toBe('sửa đổi, bổ sung');
  });
});

describe('deadline rules', () => {
  it.each(rows(DEADLINE_RULES))('%s: "%s" is found as a deadline of the rule\'s kind', (_id, e, row) => {
    const found = findDeadlines(docOf(e)).value;
    expect(
      found.some((d) => d.kind === row.kind),
      JSON.stringify(found.map((d) => [d.kind, d.text])),
    ).toBe(true);
  });
  it('every rule has an id and examples', () => {
    expect(new Set(DEADLINE_RULES.map((r) => r.id)).size).toBe(DEADLINE_RULES.length);
    expect(DEADLINE_RULES.length).toBeGreaterThan(15);
    for (const r of DEADLINE_RULES) expect(r.examples.length, r.id).toBeGreaterThan(0);
  });
});

describe('relation guards (src/vocab/relations.ts)', () => {
  it.each(RELATION_GUARDS.flatMap((r) => r.examples.map((e) => [r.id, e.sentence, e] as const)))('%s: "%s"', (_id, _s, e) => {
    const cs = findCitations(docOf(e.sentence)).value.filter((c) => c.id === e.cited);
    expect(cs.length, 'the citation is found').toBeGreaterThan(0);
    expect(cs[0].relation).toBe(e.relation);
  });
});

describe('body-role frames (src/vocab/frames.ts)', () => {
  /** each row's examples through the code that reads that row; a row without a reader here fails */
  const READERS: Record<BodyFrameId, (e: string) => void> = {
    'lead-label': (e) => {
      const v = labelValue(e, 0, e.length);
      expect(v?.lead).toBe(true);
      expect(v!.parts.length).toBeGreaterThan(0);
    },
    'support-label': (e) => {
      const v = labelValue(e, 0, e.length);
      expect(v?.lead).toBe(false);
      expect(v!.parts.length).toBeGreaterThan(0);
    },
    'phoi-hop-voi': (e) => expect(supportMentions(e).map((m) => m.text).length).toBeGreaterThan(0),
    'assignment-start': (e) => {
      const clause = foldTones(e);
      expect(NEW_ASSIGNMENT.test(clause)).toBe(true);
      expect(newAssignment(clause)).toBe(true);
    },
    // the subject is the body after "Giao", not "Giao …"
    giao: (e) => {
      const sp = subjectAt(e, 0, e.length);
      expect(sp).not.toBeNull();
      expect(e.slice(sp![0], sp![1])).not.toMatch(/^giao/iu);
    },
    'heading-addressee': (e) => expect(headingBody(e)).toMatch(/^(?!đề\s+nghị|đối\s+với|giao)/iu),
    // the subject starts after the opener
    'clause-opener': (e) => {
      const sp = subjectAt(e, 0, e.length);
      expect(sp).not.toBeNull();
      expect(sp![0]).toBeGreaterThan(0);
    },
    'subject-predicate': (e) => expect(subjectAt(e, 0, e.length)?.[0]).toBe(0),
    // the task finder gives the clause no task
    formula: (e) => {
      const doc = docsFromText(`KẾ HOẠCH\nthực hiện nhiệm vụ\n\nI. TỔ CHỨC THỰC HIỆN\n\n${e}\n`, { file: 'formula.txt', format: 'txt' })[0];
      expect(doc.tasks.filter((t) => t.lead.length)).toEqual([]);
    },
  };
  it.each(rows(BODY_FRAMES))('%s: "%s"', (id, e, row) => {
    READERS[id as BodyFrameId](e);
    expect(['lead', 'support', 'none']).toContain(row.role);
  });
  it('names bodies in the examples of lead and support rows as the task finder reads them', () => {
    // end to end: a sentence with a lead frame gets a task with a lead; one with a support frame, a supporting body
    // (a bullet: in an item "1. X chủ trì, phối hợp với Y" the supporting body is lost today — the first clause is cut at the label's dot)
    const doc = docsFromText('KẾ HOẠCH\nthực hiện nhiệm vụ\n\nI. NHIỆM VỤ\n\n- Ban Tổ chức Thành ủy chủ trì, phối hợp với Văn phòng Thành ủy theo dõi, đôn đốc việc thực hiện Kế hoạch.\n', { file: 'frames.txt', format: 'txt' })[0];
    const t = doc.tasks.find((x) => x.text.includes('theo dõi'));
    expect(t?.lead).toEqual(['to-chuc@tinh']);
    expect(t?.support).toEqual(['van-phong@tinh']);
  });
});
