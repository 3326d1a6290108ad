import { describe, expect, it, beforeAll } from 'vitest';
import { processFile } from '../src/pipeline.js';
import { extractEntities } from '../src/extract/index.js';
import { classify, findBodies, normalizeBodyName } from '../src/extract/bodies.js';
import type { Doc } from '../src/model.js';
import { seed } from './helpers.js';

let d002: Doc;
let d003: Doc;
let directive: Doc;

const load = async (f: string, i = 0) => extractEntities((await processFile(seed(f), { extract: false })).docs[i]).value;

beforeAll(async () => {
  d002 = await load('002_7cd20b194e2a205a.txt');
  d003 = await load('003_16dc449be3f50a1e.txt');
  const all = (await processFile(seed('000'), { extract: false })).docs;
  directive = extractEntities(all.find((d) => d.meta.symbol?.includes('50-CT/TW') || d.meta.kind === 'CHỈ THỊ')!).value;
});

const bodyName = (doc: Doc, id: string) => doc.bodies.find((b) => b.id === id)?.name;

describe('bodies', () => {
  it('Ban Tổ chức Trung ương (directive 50) and Ban Tổ chức Tỉnh ủy (plan 002) are counterparts', () => {
    const tw = directive.bodies.find((b) => b.name === 'Ban Tổ chức Trung ương');
    const tinh = d002.bodies.find((b) => b.name === 'Ban Tổ chức Tỉnh ủy');
    expect(tw).toBeDefined();
    expect(tinh).toBeDefined();
    expect(tw!.role).toBe('to-chuc');
    expect(tinh!.role).toBe(tw!.role);
    expect([tw!.level, tinh!.level]).toEqual(['trung-uong', 'tinh']);
  });
  it('folds "Thành uỷ"/"Thành ủy" into one body in seed 003', () => {
    const btc = d003.bodies.filter((b) => b.role === 'to-chuc' && b.level === 'tinh');
    expect(btc).toHaveLength(1);
    expect(btc[0].name).toBe('Ban Tổ chức Thành ủy');
    expect(btc[0].mentions.some((m) => m.text.includes('uỷ'))).toBe(true);
    expect(btc[0].mentions.some((m) => m.text.includes('ủy'))).toBe(true);
  });
  it('expands abbreviations and reads levels', () => {
    expect(normalizeBodyName('TCĐU')).toBe('Ban Tổ chức Đảng ủy');
    expect(classify('UBKT ĐU', 'khoi')).toEqual({ name: 'Ủy ban Kiểm tra Đảng ủy', level: 'khoi', role: 'kiem-tra' });
    expect(classify('VPĐU', 'khoi').role).toBe('van-phong');
    expect(classify('Ban TG&DV', 'khoi').role).toBe('tuyen-giao-dan-van');
    expect(classify('Ban Tổ chức Đảng ủy Tập đoàn').level).toBe('khoi');
    expect(classify('Thành uỷ')).toMatchObject({ name: 'Thành ủy', level: 'tinh', role: 'cap-uy' });
    expect(classify('Các đảng ủy trực thuộc tỉnh')).toMatchObject({ level: 'tinh', role: 'cap-uy-truc-thuoc' });
    expect(classify('Trường Chính trị tỉnh').role).toBe('truong-chinh-tri');
    expect(classify('Đảng ủy các xã, phường').level).toBe('xa');
  });
  it('reads the bodies of seed 000 plan, written with abbreviations, at the level of the Group', async () => {
    const plan = (await processFile(seed('000'), { extract: false })).docs[0];
    const bodies = findBodies(plan).value;
    const to = bodies.find((b) => b.role === 'to-chuc' && b.level === 'khoi');
    expect(to).toBeDefined();
  });
});

describe('tasks', () => {
  it('002 III.3: the lead is Ban Tuyên giáo và Dân vận Tỉnh ủy (heading), with the partner as support', () => {
    const t = d002.tasks.filter((x) => x.path.startsWith('III.3'));
    expect(t).toHaveLength(2);
    expect(t.map((x) => bodyName(d002, x.lead[0]))).toEqual(['Ban Tuyên giáo và Dân vận Tỉnh ủy', 'Ban Tuyên giáo và Dân vận Tỉnh ủy']);
    expect(t[1].support.map((id) => bodyName(d002, id))).toEqual(['Cơ quan liên quan']);
  });
  it('002 III.2: "Chủ trì, phối hợp với Ban Tổ chức Tỉnh ủy" gives UBKT as lead and BTC as support, with its yearly deadline', () => {
    const [t] = d002.tasks.filter((x) => x.path.startsWith('III.2'));
    expect(bodyName(d002, t.lead[0])).toBe('Ủy ban Kiểm tra Tỉnh ủy');
    expect(t.support.map((id) => bodyName(d002, id))).toEqual(['Ban Tổ chức Tỉnh ủy']);
    expect(t.deadlines.map((i) => d002.deadlines[i].rrule)).toEqual(['FREQ=YEARLY']);
    expect(d002.deadlines[t.deadlines[0]].task).toBe(t.id);
  });
  it('002 III.1: subjects of their own override the heading body, others inherit it', () => {
    const t = d002.tasks.filter((x) => x.path.startsWith('III.1'));
    const names = t.map((x) => bodyName(d002, x.lead[0]));
    expect(names.filter((n) => n === 'Đảng ủy trực thuộc tỉnh')).toHaveLength(5);
    expect(names).toContain('Đảng ủy các xã, phường');
    expect(names).toContain('Đảng ủy xã, phường nơi có trung tâm chính trị');
  });
  it('003 II.1.1: "Giao X chủ trì phối hợp với Y, Z" → lead X, support Y and Z', () => {
    const t = d003.tasks.find((x) => x.text.startsWith('Giao'))!;
    expect(bodyName(d003, t.lead[0])).toBe('Ban Tuyên giáo và Dân vận Thành ủy');
    expect(t.support.map((id) => bodyName(d003, id))).toEqual(['Văn phòng Thành ủy', 'Ban Tổ chức Thành ủy']);
  });
  it('003 II.3.1: six tasks of Ban Tổ chức Thành uỷ, the Quý IV/2025 one with its deadline', () => {
    const t = d003.tasks.filter((x) => x.path.startsWith('II.3.1'));
    expect(t).toHaveLength(6);
    expect(new Set(t.map((x) => bodyName(d003, x.lead[0])))).toEqual(new Set(['Ban Tổ chức Thành ủy']));
    const q4 = t.find((x) => x.deadlines.some((i) => d003.deadlines[i].due === '2025-12-31'))!;
    expect(q4.text).toMatch(/^Hướng dẫn triển khai đánh giá/);
  });
  it('003: a bare time note ("Thời gian: Hoàn thành sau 15 ngày …") is no task; its deadline joins the task before', () => {
    expect(d003.tasks.some((x) => /^Thời gian: Hoàn thành/.test(x.text))).toBe(false);
    const rel = d003.deadlines.filter((d) => d.kind === 'relative');
    expect(rel.every((d) => d.task !== null)).toBe(true);
  });
  it('sentences whose subject is a person are not assignments ("Mỗi cán bộ, đảng viên …")', () => {
    expect(d003.tasks.some((x) => /^Mỗi cán bộ/.test(x.text))).toBe(false);
    expect(d003.tasks.some((x) => /^Mỗi cấp uỷ/.test(x.text))).toBe(true);
  });
});
