import { beforeAll, describe, expect, it } from 'vitest';
import { documentImplements, findCitations, issuerKey, issuerLevel, symbolKey } from '../src/extract/citations.js';
import { implementedSymbols } from '../src/corpus/bases.js';
import { buildIndex } from '../src/corpus/xref.js';
import { renderIndexMarkdown } from '../src/report/xref-md.js';
import { CrossIndex, type Citation, type Doc } from '../src/model.js';
import { docsFromText, processFile } from '../src/pipeline.js';
import { SEED_FILES, seed as seedFile } from './helpers.js';

const docs = new Map<string, Doc[]>();
const seed = (id: string) => docs.get(id)![0];
const cits = (d: Doc) => findCitations(d);
const of = (cs: Citation[], id: string) => cs.filter((c) => c.id === id);

beforeAll(async () => {
  for (const id of Object.keys(SEED_FILES)) docs.set(id, (await processFile(seedFile(id), { extract: false })).docs);
});

describe('findCitations on the seeds', () => {
  it('002 cites 50-CT/TW 8 times (one descriptive), dated 2025-07-23, of the Ban Bí thư, implemented', () => {
    const cs = cits(seed('002')).value;
    const ct50 = of(cs, '50-CT/TW');
    expect(ct50).toHaveLength(8);
    expect(ct50.filter((c) => c.form === 'descriptive')).toHaveLength(1);
    for (const c of ct50) {
      expect(c.date).toBe('2025-07-23');
      expect(c.issuer).toBe('Ban Bí thư');
      expect(c.kind).toBe('Chỉ thị');
    }
    expect(ct50[0].relation).toBe('implements');
    expect(ct50[0].title).toBe('về tiếp tục đổi mới và nâng cao chất lượng sinh hoạt chi bộ trong giai đoạn mới');
  });

  it('002 keeps 03-HD/TU (province) and 03-HD/TW (Ban Bí thư) apart, with their own dates and relations', () => {
    const cs = cits(seed('002')).value;
    const tu = of(cs, '03-HD/TU');
    const tw = of(cs, '03-HD/TW');
    expect(tu).toHaveLength(2);
    expect(tw).toHaveLength(1);
    expect(tu.every((c) => c.date === '2018-10-08' && c.issuer === 'Ban Thường vụ Tỉnh ủy' && c.relation === 'amends')).toBe(true);
    expect(tw[0]).toMatchObject({ date: '2022-12-27', issuer: 'Ban Bí thư', relation: 'continues', number: '03', symbol: 'HD/TW' });
  });

  it('002 joins the symbol split across a line break ("21-\\nNQ/TW") and sees it is nested in a title', () => {
    const d = seed('002');
    const nq = of(cits(d).value, '21-NQ/TW');
    expect(nq).toHaveLength(2);
    expect(d.text.slice(nq[0].span[0], nq[0].span[1])).toMatch(/21-\s*\n\s*NQ\/TW/);
    expect(nq.every((c) => c.date === '2022-06-16' && c.khoa === 'XIII' && c.relation === 'references')).toBe(true);
  });

  it('002 resolves the descriptive "Quy định về tiêu chí … của Ban Thường vụ Tỉnh ủy" to 14-QĐi/TU; names Điều lệ Đảng and Nghị quyết Trung ương 4', () => {
    const cs = cits(seed('002')).value;
    const q14 = of(cs, '14-QĐi/TU');
    expect(q14).toHaveLength(3);
    expect(q14.find((c) => c.form === 'descriptive')?.relation).toBe('implements');
    expect(q14.filter((c) => c.relation === 'amends')).toHaveLength(2);
    const named = cs.filter((c) => c.form === 'named').map((c) => c.id);
    expect(named.filter((n) => n === 'Điều lệ Đảng')).toHaveLength(2);
    expect(named).toContain('Nghị quyết Trung ương 4 (khóa XI, khóa XII)');
    expect(cs.find((c) => c.form === 'named' && c.id.startsWith('Nghị quyết Trung ương'))?.khoa).toBe('XI, XII');
  });

  it('003 counts 27 mentions of 50-CT/TW (short, alias and "Chỉ thị của Ban Bí thư") and reads the date after the footnote', () => {
    const d = seed('003');
    const cs = cits(d).value;
    const ct50 = of(cs, '50-CT/TW');
    expect(ct50).toHaveLength(27);
    expect(ct50.filter((c) => c.form === 'descriptive')).toHaveLength(4);
    expect(ct50.filter((c) => c.form === 'short').length).toBe(21);
    expect(of(cs, '03-HD/TW')[0]).toMatchObject({ date: '2022-12-27', issuer: 'Ban Bí thư', relation: 'continues' });
    expect(cs.filter((c) => c.form === 'named').map((c) => c.id)).toContain('Quy định về những điều đảng viên không được làm');
    // "Kế hoạch này" is the plan itself, and keeps a segment path
    const self = cs.filter((c) => c.form === 'self');
    expect(self.length).toBeGreaterThan(3);
    expect(self.every((c) => c.id === self[0].id && !/50-CT/.test(c.id))).toBe(true);
    expect(of(cs, '21-KL/TW')[0].path).toBe('I.3');
  });

  it('001 reports the "…-CT/TW" attributed to a Ban Thường vụ Tỉnh ủy', () => {
    const r = cits(seed('001'));
    const an = r.diagnostics.filter((d) => d.code === 'citation-anomaly');
    expect(an.some((d) => d.message.includes('06-CT/TW') && d.message.includes('Tỉnh ủy'))).toBe(true);
    expect(an.some((d) => d.message.includes('12-HD/BTCTW'))).toBe(false);
    // the alias "(viết tắt là Hướng dẫn số 12-HD/BTCTW)" and the later short form both count
    expect(of(r.value, '12-HD/BTCTW')).toHaveLength(3);
  });

  it('000: the directive itself replaces 10-CT/TW; its own number line is not a citation', () => {
    const [plan, directive] = docs.get('000')!;
    const cs = cits(directive).value;
    expect(of(cs, '10-CT/TW').map((c) => c.relation)).toContain('replaces');
    expect(of(cs, '50-CT/TW').filter((c) => c.form !== 'self')).toHaveLength(0);
    expect(of(cits(plan).value, '50-CT/TW')[0].relation).toBe('implements');
  });

  it('reads state symbols, spaced Party symbols, written-out dates and aliases without a symbol', () => {
    const text = [
      'KẾ HOẠCH',
      'Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư và Quyết định số 719/QĐ-TTg của Thủ tướng Chính phủ;',
      'Thực hiện Kết luận số 100 - KL/TW, ngày 23 tháng 7 năm 2024 của Bộ Chính trị về đẩy mạnh chuyển đổi số (sau đây gọi là Kết luận 100).',
      'I. MỤC ĐÍCH',
      '1. Quán triệt Kết luận 100 đến cán bộ; sửa đổi, bổ sung Quy định số 07-QĐi/HU của Ban Thường vụ Huyện ủy.',
    ].join('\n');
    const [d] = docsFromText(text, { file: 'synthetic.txt', format: 'txt' }, { extract: false });
    const cs = findCitations(d).value;
    expect(of(cs, '30/2020/NĐ-CP')[0]).toMatchObject({ date: '2020-03-05', issuer: 'Chính phủ', kind: 'Nghị định', relation: 'basis' }); // "Căn cứ …" is the legal basis (issue 10)
    expect(of(cs, '719/QĐ-TTg')[0]).toMatchObject({ issuer: 'Thủ tướng Chính phủ', kind: 'Quyết định' });
    const kl = of(cs, '100-KL/TW');
    // the full citation, the alias itself ("sau đây gọi là Kết luận 100") and its later use
    expect(kl.map((c) => c.form)).toEqual(['full', 'short', 'short']);
    expect(kl[0]).toMatchObject({ date: '2024-07-23', issuer: 'Bộ Chính trị', relation: 'implements', title: 'về đẩy mạnh chuyển đổi số' });
    expect(kl[2]).toMatchObject({ date: '2024-07-23', relation: 'implements', path: 'I.1' });
    expect(of(cs, '07-QĐi/HU')[0].relation).toBe('amends');
  });

  it('issuer keys and levels ignore the old/new tone placement everywhere, not only in "uỷ"', () => {
    expect(issuerKey('Ban Thường vụ Thành uỷ')).toBe(issuerKey('Ban Thường vụ Thành ủy'));
    expect(issuerKey('Ban Chỉ đạo chuyển đổi số hoá')).toBe(issuerKey('Ban Chỉ đạo chuyển đổi số hóa'));
    expect(issuerLevel('Ban Thường vụ Thuỵ Anh Huyện uỷ')).toBe(issuerLevel('Ban Thường vụ Thụy Anh Huyện ủy'));
  });

  it('an alias without a number goes to its own document, also when a state symbol comes first', () => {
    const text = [
      'KẾ HOẠCH',
      'Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;',
      'Thực hiện Kết luận số 100-KL/TW, ngày 23/7/2024 của Bộ Chính trị về đẩy mạnh chuyển đổi số (gọi tắt là Kết luận về chuyển đổi số).',
      'I. MỤC ĐÍCH',
      '1. Quán triệt Kết luận về chuyển đổi số đến cán bộ, đảng viên.',
    ].join('\n');
    const [d] = docsFromText(text, { file: 'synthetic.txt', format: 'txt' }, { extract: false });
    const cs = findCitations(d).value;
    const use = cs.find((c) => c.path === 'I.1');
    expect(use).toMatchObject({ id: '100-KL/TW', form: 'short' });
    expect(of(cs, '30/2020/NĐ-CP')).toHaveLength(1);
  });
});

describe('buildIndex over the seeds', () => {
  let index: CrossIndex;
  beforeAll(() => {
    const all = [...docs.values()].flat();
    index = buildIndex(all).value;
  });
  const entry = (id: string) => index.documents.filter((e) => e.id === id);

  it('validates against the schema', () => {
    expect(() => CrossIndex.parse(index)).not.toThrow();
  });

  it('lists 50-CT/TW once, cited by the three plans, linked to the directive in 000', () => {
    const e = entry('50-CT/TW');
    expect(e).toHaveLength(1);
    expect(e[0].key).toBe('50-CT/TW@2025-07-23');
    expect(e[0].inCorpus).toEqual({ file: SEED_FILES['000'], index: 1 });
    const citing = new Set(e[0].citedBy.map((c) => `${c.file}#${c.index}`));
    expect([...citing].sort()).toEqual([`${SEED_FILES['000']}#0`, `${SEED_FILES['002']}#0`, `${SEED_FILES['003']}#0`].sort());
    for (const f of citing) expect(index.relations).toContainEqual({ from: f, to: e[0].key, relation: 'implements' });
  });

  it('records that 50-CT/TW replaces 10-CT/TW, and merges the undated "10-CT/TW … khóa X" of 004', () => {
    const e = entry('10-CT/TW');
    expect(e).toHaveLength(1);
    expect(e[0].date).toBe('2007-03-30');
    expect(e[0].khoa).toBe('X');
    expect(e[0].citedBy.some((c) => c.file === SEED_FILES['004'])).toBe(true);
    expect(index.relations).toContainEqual({ from: '50-CT/TW@2025-07-23', to: e[0].key, relation: 'replaces' });
  });

  it('dates 12-HD/BTCTW 2018-07-06, keeps same-number documents apart, reports the anomaly', () => {
    expect(entry('12-HD/BTCTW')[0]).toMatchObject({ date: '2018-07-06', issuer: 'Ban Tổ chức Trung ương' });
    expect(entry('03-HD/TU')[0].date).toBe('2018-10-08');
    expect(entry('03-HD/TW')[0].date).toBe('2022-12-27');
    expect(entry('06-CT/TW')[0].khoa).toBeNull();
    expect(index.anomalies.some((a) => a.includes('06-CT/TW'))).toBe(true);
  });

  it('renders a Vietnamese Markdown index sorted by kind then date', () => {
    const md = renderIndexMarkdown(index);
    expect(md).toContain('# Chỉ mục văn bản được trích dẫn');
    const ct = md.indexOf('## Chỉ thị');
    const hd = md.indexOf('## Hướng dẫn');
    expect(ct).toBeGreaterThan(0);
    expect(hd).toBeGreaterThan(ct);
    expect(md.indexOf('Chỉ thị số 10-CT/TW, ngày 30/3/2007')).toBeLessThan(md.indexOf('Chỉ thị số 50-CT/TW, ngày 23/7/2025'));
    expect(md).toContain('| thay thế |');
    expect(md).toContain('## Bất thường');
  });
});

describe('what a document says it implements (issue 10: conservative relations)', () => {
  const docOf = (lines: string[]) => docsFromText(lines.join('\n'), { file: 'synthetic.txt', format: 'txt' })[0];

  it('is what its opening says; a task in the body that carries a document out keeps its mention relation but is no base', () => {
    const d = docOf([
      'KẾ HOẠCH',
      'thực hiện Chỉ thị số 50-CT/TW của Ban Bí thư',
      'Thực hiện Chỉ thị số 50-CT/TW, ngày 23/7/2025 của Ban Bí thư, Ban Thường vụ Tỉnh ủy xây dựng kế hoạch như sau:',
      'I. MỤC ĐÍCH, YÊU CẦU',
      '1. Nâng cao chất lượng sinh hoạt chi bộ gắn với thực hiện Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị.',
      '2. Tiếp tục rà soát, thực hiện đơn giản hóa thủ tục hành chính theo Nghị quyết số 66/NQ-CP ngày 26/3/2025 của Chính phủ.',
    ]);
    expect(of(d.citations, '01-KL/TW')[0].relation).toBe('implements');
    expect(documentImplements(d).map((c) => c.id)).toEqual(['50-CT/TW']);
    expect(implementedSymbols(d)).toEqual([symbolKey('50-CT/TW')]);
    const ix = buildIndex([d]).value;
    const to = (id: string) => ix.relations.filter((r) => r.to.startsWith(id)).map((r) => r.relation);
    expect(to('50-CT/TW')).toEqual(['implements']);
    expect(to('01-KL/TW')).not.toContain('implements');
    expect(to('66/NQ-CP')).not.toContain('implements');
  });

  it('a Quyết định issuing a plan implements every document its title lists, in capitals or not', () => {
    for (const title of [
      ['BAN HÀNH KẾ HOẠCH TRIỂN KHAI QUYẾT ĐỊNH SỐ', '06/QĐ-TTG NGÀY 02 THÁNG 01 NĂM 2025 CỦA THỦ TƯỚNG CHÍNH PHỦ VÀ QUYẾT ĐỊNH SỐ', '3103/QĐ-BTC NGÀY 05 THÁNG 9 NĂM 2025 CỦA BỘ TÀI CHÍNH'],
      ['Ban hành Kế hoạch triển khai Quyết định số 06/QĐ-TTg ngày 02 tháng 01 năm 2025 của Thủ tướng Chính phủ và Quyết định số 3103/QĐ-BTC ngày 05 tháng 9 năm 2025 của Bộ Tài chính'],
    ]) {
      const d = docOf(['QUYẾT ĐỊNH', '', ...title, '', 'ỦY BAN NHÂN DÂN THÀNH PHỐ', 'Căn cứ Luật Tổ chức chính quyền địa phương;', 'QUYẾT ĐỊNH:', 'Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.', 'Điều 2. Quyết định này có hiệu lực từ ngày ký.']);
      expect(documentImplements(d).map((c) => symbolKey(c.id))).toEqual(['06/QĐ-TTg', '3103/QĐ-BTC'].map(symbolKey));
    }
  });

  it('a cue word inside a law\'s name is no cue: "Căn cứ Luật Thực hiện dân chủ ở cơ sở …; Luật số 97/2025/QH15" is the basis', () => {
    const d = docOf(['QUYẾT ĐỊNH', 'Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022; Luật số 97/2025/QH15 sửa đổi, bổ sung một số điều;', 'QUYẾT ĐỊNH:', 'Điều 1. Ban hành kèm theo Quyết định này Quy chế.']);
    expect(of(d.citations, '97/2025/QH15')[0].relation).toBe('basis');
    expect(documentImplements(d)).toEqual([]);
  });

  it('a plan that another cited document issues is that document\'s description, not this one\'s base', () => {
    const d = docOf([
      'KẾ HOẠCH',
      'Thực hiện Quyết định số 7619/QĐ-BCA ngày 08 tháng 9 năm 2025 của Bộ Công an; Nghị quyết số 50/NQ-CP ngày 13 tháng 3 năm 2025 của Chính phủ ban hành Kế hoạch triển khai thực hiện Nghị quyết 163/2024/QH15, Ủy ban nhân dân thành phố ban hành Kế hoạch như sau:',
      'I. MỤC ĐÍCH',
    ]);
    const ids = documentImplements(d).map((c) => c.id);
    expect(ids).toContain('7619/QĐ-BCA');
    expect(ids).not.toContain('163/2024/QH15');
  });
});
