/**
 * Each task records where each of its bodies came from (`leadFrom`, `supportFrom`, TaskParty in the model): the
 * mention (its span, one of the body's mentions), the way the task found it (the clause's subject, the heading
 * above, a label, a table cell, "phối hợp với") and whether the lead is inherited (from the heading above, or
 * from the first paragraph of the item).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Doc as DocSchema, type Doc, type Task } from '../src/model.js';
import { docsFromText, processFile } from '../src/pipeline.js';
import { seed } from './helpers.js';

let d000: Doc;
let d002: Doc;
let d003: Doc;

beforeAll(async () => {
  d000 = (await processFile(seed('000'))).docs[0];
  d002 = (await processFile(seed('002'))).docs[0];
  d003 = (await processFile(seed('003'))).docs[0];
});

const name = (d: Doc, id: string) => d.bodies.find((b) => b.id === id)?.name;
const said = (d: Doc, span: [number, number]) => d.text.slice(span[0], span[1]);
const ways = (t: Task, part: 'leadFrom' | 'supportFrom') => t[part]!.map((p) => p.source + (p.inherited ? `/${p.inherited}` : ''));

describe('tasks record where their bodies came from', () => {
  it('one party per lead and per support, in their order; each is a mention of its body, found that way; the documents parse with the schema', () => {
    for (const d of [d000, d002, d003]) {
      expect(() => DocSchema.parse(d)).not.toThrow();
      expect(d.tasks.length).toBeGreaterThan(5);
      for (const t of d.tasks) {
        expect(t.leadFrom!.map((p) => p.body), t.id).toEqual(t.lead);
        expect(t.supportFrom!.map((p) => p.body), t.id).toEqual(t.support);
        for (const p of [...t.leadFrom!, ...t.supportFrom!]) {
          const m = d.bodies.find((b) => b.id === p.body)?.mentions.find((x) => x.span[0] === p.span[0] && x.span[1] === p.span[1]);
          expect(m, `${t.id} ${p.body}`).toBeDefined();
          expect(m!.sources).toContain(p.source);
        }
      }
    }
  });

  it('002 III.1: a subject of its own is the task\'s, in its text; the others inherit the heading above, outside their text', () => {
    const t = d002.tasks.filter((x) => x.path.startsWith('III.1'));
    const own = t.filter((x) => ways(x, 'leadFrom').join() === 'subject');
    const inherited = t.filter((x) => ways(x, 'leadFrom').join() === 'heading/heading');
    expect(own.map((x) => said(d002, x.leadFrom![0].span))).toEqual(['Đảng ủy các xã, phường', 'Đảng ủy xã, phường nơi có trung tâm chính trị', 'đảng ủy xã, phường không có trung tâm chính trị']);
    for (const x of own) expect(x.span[0] <= x.leadFrom![0].span[0] && x.leadFrom![0].span[1] <= x.span[1]).toBe(true);
    expect(inherited).toHaveLength(5);
    for (const x of inherited) {
      expect(said(d002, x.leadFrom![0].span)).toBe('Các đảng ủy trực thuộc tỉnh');
      expect(x.leadFrom![0].span[1]).toBeLessThanOrEqual(x.span[0]);
    }
  });

  it('000 III.4: the item\'s later paragraph inherits the lead of its first paragraph (the subject "Ủy ban Kiểm tra Đảng ủy Tập đoàn")', () => {
    const [first, later] = d000.tasks.filter((x) => x.path === 'III.4' || x.path === 'III.4.¶1');
    expect(ways(first, 'leadFrom')).toEqual(['subject']);
    expect(ways(later, 'leadFrom')).toEqual(['subject/item']);
    expect(later.leadFrom![0].span).toEqual(first.leadFrom![0].span);
    expect(name(d000, later.lead[0])).toBe('Ủy ban Kiểm tra Đảng ủy Tập đoàn');
  });

  it('003 II.1.1: "Giao X chủ trì phối hợp với Y, Z": X found as the subject, Y and Z after "phối hợp với"', () => {
    const t = d003.tasks.find((x) => x.text.startsWith('Giao'))!;
    expect(ways(t, 'leadFrom')).toEqual(['subject']);
    expect(ways(t, 'supportFrom')).toEqual(['support', 'support']);
    expect(t.supportFrom!.map((p) => said(d003, p.span))).toEqual(['Văn phòng Thành ủy', 'Ban Tổ chức Thành ủy']);
  });

  it('labels ("Cơ quan chủ trì: …", "Cơ quan phối hợp: …") and the cells of a task table', () => {
    const head = 'KẾ HOẠCH\nTRIỂN KHAI NHIỆM VỤ\n\nI. MỤC ĐÍCH\n\nBảo đảm thống nhất.\n\nII. NHIỆM VỤ\n\n';
    const [label] = docsFromText(
      head + '1. Tổ chức tập huấn\n\n- Nội dung thực hiện: Tổ chức tập huấn cho cán bộ về công tác chuyển đổi số.\n\n- Cơ quan chủ trì: Sở Nội vụ, Sở Tài chính.\n\n- Cơ quan phối hợp: Sở Tư pháp.\n',
      { file: 'label.md', format: 'md' },
    );
    const t = label.tasks.find((x) => x.lead.length === 2)!;
    expect(ways(t, 'leadFrom')).toEqual(['label', 'label']);
    expect(t.leadFrom!.map((p) => said(label, p.span))).toEqual(['Sở Nội vụ', 'Sở Tài chính']);
    expect(ways(t, 'supportFrom')).toEqual(['label']);
    expect(said(label, t.supportFrom![0].span)).toBe('Sở Tư pháp');

    const row = (cells: string[]) => ['|', ...cells.flatMap((c) => [c, '|'])].join('\n');
    const table = [row(['STT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành']), row(['1', 'Xây dựng cơ sở dữ liệu', 'Sở Tài chính', 'Sở Tư pháp', 'Tháng 12/2025'])].join('\n');
    const [tab] = docsFromText(head + table + '\n', { file: 'table.md', format: 'md' });
    const r = tab.tasks.find((x) => x.source === 'table')!;
    expect(ways(r, 'leadFrom')).toEqual(['table']);
    expect(said(tab, r.leadFrom![0].span)).toBe('Sở Tài chính');
    expect(ways(r, 'supportFrom')).toEqual(['table']);
    expect(said(tab, r.supportFrom![0].span)).toBe('Sở Tư pháp');
  });
});
