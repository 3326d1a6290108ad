import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { selectBase, selectBases } from '../src/corpus/bases.js';
import { transitiveCoverage } from '../src/align/chain.js';
import { type BaseIndex, buildBaseIndex, diffPlan, requirementsOf } from '../src/align/index.js';
import { toHtml, toMarkdown } from '../src/report/diff.js';
import { align, alignDense } from '../src/align/sw.js';
import { tokenize } from '../src/align/tokens.js';
import { DiffResult, type Doc } from '../src/model.js';
import { passagesOf } from '../src/align/requirements.js';
import { matchKey } from '../src/normalize/vi.js';
import { docsFromText, processFile } from '../src/pipeline.js';
import { seed } from './helpers.js';
import { changeParameter, deletePoints, derivePlan, insertLocalItem } from '../scripts/mutations.js';

let base: Doc;
let p002: Doc;
let p003: Doc;
let p004: Doc;
let index: BaseIndex;

const reqWith = (r: DiffResult, phrase: string) => r.requirements.find((q) => matchKey(q.text).includes(matchKey(phrase)))!;

beforeAll(async () => {
  const b = await processFile(seed('000'), { extract: false });
  base = b.docs[1];
  p002 = (await processFile(seed('002'), { extract: false })).docs[0];
  p003 = (await processFile(seed('003'), { extract: false })).docs[0];
  p004 = (await processFile(seed('004'), { extract: false })).docs[0];
  index = buildBaseIndex(base);
});

describe('requirements of a base', () => {
  it('splits Chỉ thị 50 into clause-sized requirements under its own points, skipping header, preamble and signature', () => {
    const reqs = requirementsOf(base);
    expect(reqs.length).toBeGreaterThan(40);
    expect(new Set(reqs.map((r) => r.path.split('.')[0]))).toEqual(new Set(['1', '2', '3', '4', '5', '6', '7', '8', '9']));
    expect(reqs.some((r) => /Sau gần 8 năm/u.test(r.text))).toBe(false); // preamble is context
    expect(reqs.some((r) => /Trần Cẩm Tú|Nơi nhận/u.test(r.text))).toBe(false);
    const r13 = reqs.find((r) => r.text.includes('vào ngày 03 hàng tháng'))!;
    expect(r13.path).toBe('1');
    expect(base.text.slice(r13.span[0], r13.span[1]).replace(/\s+/g, ' ')).toBe(r13.text);
  });
});

describe('diff', () => {
  it('the directive against itself: everything covered, no additions', () => {
    const r = diffPlan(index, base).value;
    expect(DiffResult.safeParse(r).success).toBe(true);
    expect(r.summary.covered).toBe(r.requirements.length);
    expect(r.additions).toEqual([]);
    expect(r.summary.coverage).toBe(1);
  });

  it('a plan against an unrelated text: nearly everything omitted', () => {
    const unrelated = docsFromText(
      [
        'Thời tiết miền Bắc tuần tới có mưa rào và dông rải rác, nhiệt độ thấp nhất từ 18 đến 21 độ C.',
        '',
        '1. Nông dân cần theo dõi dự báo để chủ động gieo cấy lúa vụ đông xuân, tránh rét đậm rét hại cho mạ non.',
        '',
        '2. Các hợp tác xã kiểm tra hệ thống kênh mương, nạo vét bùn đất, chuẩn bị máy bơm tiêu úng cho đồng ruộng.',
        '',
        '3. Người dân vùng ven biển neo đậu tàu thuyền an toàn, không ra khơi khi có gió mạnh cấp 6, giật cấp 8.',
        '',
        '4. Giá rau xanh tại các chợ đầu mối tăng nhẹ do nguồn cung giảm, giá thịt lợn ổn định so với tuần trước.',
      ].join('\n'),
      { file: 'weather.txt', format: 'txt' },
    )[0];
    const r = diffPlan(index, unrelated).value;
    // not omitted only: the tasks of central organs and the effect clause are not applicable to any plan
    expect((r.summary.omitted + r.summary.notApplicable) / r.requirements.length).toBeGreaterThan(0.95);
    expect(r.summary.covered + r.summary.adapted).toBe(0);
    expect(r.additions.length).toBeGreaterThan(0);
  });

  it('seed 002: "ngày 03 hằng tháng" is covered; the known omission is reported; hải đảo dropped from the list is flagged', () => {
    const r = diffPlan(index, p002).value;
    const day = reqWith(r, 'vào ngày 03 hàng tháng');
    expect(day.status).toBe('covered');
    expect(day.matches[0].path).toBe('II.1.¶1');
    expect(day.changes).toEqual([]);
    expect(reqWith(r, 'được phổ biến đến chi bộ để thực hiện').status).toBe('omitted');
    const list = reqWith(r, 'phù hợp với từng loại hình chi bộ, nhất là ở vùng sâu').changes.find((c) => c.kind === 'list')!;
    expect(list.note).toMatch(/bớt: .*hải đảo/u);
    // local additions: the province's own regulations and its school
    const addText = r.additions.map((a) => a.text + ' ' + a.bodies.join(' ')).join(' | ');
    expect(addText).toContain('Quy định số 12-QĐi/TU');
    expect(addText).toContain('Trường Chính trị tỉnh');
    expect(r.summary.coverage).toBeGreaterThan(0.85);
  });

  it('seed 002: a local document cited inside a kept sentence is an addition of its own (with entities extracted)', async () => {
    const baseX = (await processFile(seed('000'))).docs[1];
    const planX = (await processFile(seed('002'))).docs[0];
    const r = diffPlan(buildBaseIndex(baseX), planX).value;
    // "Trên cơ sở hướng dẫn của Trung ương, sửa đổi, bổ sung Hướng dẫn số 03-HD/TU …": the sentence is kept, the guide is local
    const cited = r.additions.find((a) => a.kind === 'citation' && a.citations.includes('03-HD/TU'));
    expect(cited?.text).toMatch(/^Hướng dẫn số 03-HD\/TU/u);
    expect(planX.text.slice(cited!.span[0], cited!.span[1])).toContain('03-HD/TU');
    // the directive itself and the documents it cites (03-HD/TW …) are never additions of this kind
    const citedIds = r.additions.filter((a) => a.kind === 'citation').flatMap((a) => a.citations);
    expect(citedIds).not.toContain('50-CT/TW');
    expect(citedIds).not.toContain('03-HD/TW');
  });

  it('an item left with only its title line names the topic but sets no task: partial, not adapted', () => {
    // seed 002 with the body of II.5 removed, as the mutation tests do
    const at = p002.text.indexOf('Sửa đổi, bổ sung Quy định số 14-QĐi/TU');
    const end = p002.text.indexOf('6. Thường xuyên theo dõi');
    expect(at).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(at);
    const cut = p002.text.slice(0, at) + '\n' + p002.text.slice(end);
    const doc = docsFromText(cut, { file: '002-cut.txt', format: 'txt' }, { extract: false })[0];
    const r = diffPlan(index, doc).value;
    const req = reqWith(r, 'Xây dựng tiêu chí đánh giá, xếp loại chất lượng sinh hoạt chi bộ');
    expect(req.status).toBe('partial');
    expect(req.missing[0]).toBe('(only restated in a heading)');
    // the untouched plan keeps it
    expect(reqWith(diffPlan(index, p002).value, 'Xây dựng tiêu chí đánh giá, xếp loại chất lượng sinh hoạt chi bộ').status).not.toBe('partial');
  });

  it('seed 003: the changed list and the weakened day are flagged', () => {
    const r = diffPlan(index, p003).value;
    const list = reqWith(r, 'phù hợp với từng loại hình chi bộ, nhất là ở vùng sâu').changes.find((c) => c.kind === 'list')!;
    expect(list.from).toContain('vùng sâu, vùng xa, biên giới, hải đảo');
    expect(list.to).toContain('vùng xa, đặc khu');
    expect(list.note).toMatch(/bớt: vùng sâu, biên giới, hải đảo; thêm: đặc khu/u);
    const day = reqWith(r, 'vào ngày 03 hàng tháng');
    expect(day.status).not.toBe('omitted');
    expect(day.changes.filter((c) => c.kind === 'qualifier').map((c) => c.to)).toContain('cơ bản');
    expect(day.changes.some((c) => c.note === 'chú thích cho phép ngoại lệ')).toBe(true);
  });

  it('a mutation changing "ngày 03" to "ngày 05" is flagged as a day change', () => {
    const text = p002.text.replace(/ngày 03 hằng tháng/u, 'ngày 05 hằng tháng');
    expect(text).not.toBe(p002.text);
    const doc = docsFromText(text, { file: 'm.txt', format: 'txt' })[0];
    const r = diffPlan(index, doc).value;
    const day = reqWith(r, 'vào ngày 03 hàng tháng');
    expect(day.changes).toContainEqual(expect.objectContaining({ kind: 'day', from: 'ngày 03', to: 'ngày 05' }));
    expect(day.status).toBe('adapted');
    // the generator does the same with known truth
    for (let seed = 1; seed < 40; seed++) {
      const m = changeParameter(p002.text, seed, 'day');
      if (m.truth.kind !== 'change') continue;
      const rr = diffPlan(index, docsFromText(m.text, { file: 'm.txt', format: 'txt' })[0]).value;
      expect(rr.requirements.some((q) => q.changes.some((c) => c.kind === 'day' && c.to?.endsWith(m.truth.kind === 'change' ? m.truth.to : '')))).toBe(true);
      break;
    }
  });

  it('a frequency paraphrase is not a change, a changed frequency is', () => {
    const para = docsFromText(p002.text.replace(/ít nhất mỗi quý 01 lần/u, 'tối thiểu 3 tháng một lần'), { file: 'p.txt', format: 'txt' })[0];
    const q = reqWith(diffPlan(index, para).value, 'ít nhất mỗi quý 1 lần');
    expect(q.status).not.toBe('omitted');
    expect(q.changes.filter((c) => c.kind === 'frequency' || c.kind === 'number')).toEqual([]);
    const changed = docsFromText(p002.text.replace(/ít nhất mỗi quý 01 lần/u, 'ít nhất 6 tháng 01 lần'), { file: 'c.txt', format: 'txt' })[0];
    const c = reqWith(diffPlan(index, changed).value, 'ít nhất mỗi quý 1 lần');
    expect(c.changes).toContainEqual(expect.objectContaining({ kind: 'frequency', from: 'mỗi quý 1 lần' }));
  });

  it('a deleted point is reported omitted; an inserted local item is an addition', () => {
    const seg = p002.segments.flatMap(function all(s): Doc['segments'] {
      return [s, ...s.children.flatMap(all)];
    }).find((s) => s.path === 'II.7.¶1')!;
    const text = p002.text.slice(0, seg.span[0]) + p002.text.slice(seg.span[1]);
    const r = diffPlan(index, docsFromText(text, { file: 'd.txt', format: 'txt' })[0]).value;
    expect(reqWith(r, 'kỷ luật nghiêm khắc nhất của Đảng').status).toBe('omitted');
    expect(reqWith(r, 'sổ ghi chép của đảng viên').status).toBe('omitted');
    expect(r.summary.worstPoints[0].path).toBe('7');

    const del = deletePoints(p003.text, 3, 1);
    expect(del.truth.kind).toBe('delete');
    const ins = insertLocalItem(p003.text, 5);
    if (ins.truth.kind !== 'insert') throw new Error('no insertion');
    const sp = ins.truth.span;
    const ri = diffPlan(index, docsFromText(ins.text, { file: 'i.txt', format: 'txt' })[0]).value;
    expect(ri.additions.some((a) => a.span[0] <= sp[0] + 2 && a.span[1] >= sp[1] - 2)).toBe(true);
  });

  it('reordering points changes nothing', () => {
    const a = diffPlan(index, p003).value;
    const s = p003.segments.flatMap(function all(x): Doc['segments'] {
      return [x, ...x.children.flatMap(all)];
    });
    const i1 = s.find((x) => x.path === 'II.2.3')!;
    const i2 = s.find((x) => x.path === 'II.2.7')!;
    const t = p003.text;
    const body = (x: typeof i1) => t.slice(x.span[0], x.span[1]).replace(/^\S+\s/u, '');
    const swapped = t.slice(0, i1.span[0]) + '2.3. ' + body(i2) + t.slice(i1.span[1], i2.span[0]) + '2.7. ' + body(i1) + t.slice(i2.span[1]);
    const b = diffPlan(index, docsFromText(swapped, { file: 'r.txt', format: 'txt' })[0]).value;
    expect(b.requirements.map((q) => q.status === 'omitted')).toEqual(a.requirements.map((q) => q.status === 'omitted'));
  });
});

describe('base selection and output', () => {
  it('finds the base a plan implements; warns when diffing a document that does not implement it', () => {
    const sel = selectBase(p002, [p004, base]);
    expect(sel.base).toBe(base);
    expect(sel.diagnostics).toEqual([]);
    const none = selectBase(p004, [base]);
    expect(none.base).toBeNull();
    const forced = selectBase(p004, [base], true);
    expect(forced.base).toBe(base);
    expect(forced.diagnostics[0]).toMatchObject({ level: 'warning', code: 'not-implementing' });
  });

  it('renders Markdown and escaped HTML', () => {
    const r = diffPlan(index, p003).value;
    const md = toMarkdown(r);
    expect(md).toContain('Yêu cầu bị bỏ sót');
    expect(md).toContain('đặc khu');
    const html = toHtml({ ...r, plan: { ...r.plan, file: '<script>x</script>' } });
    expect(html).not.toContain('<script>x');
    expect(html).toContain('&lt;script&gt;');
  });
});

describe('fast paths give the reference results', () => {
  it('the sparse Smith-Waterman equals the full DP on every requirement × passage of two plans', () => {
    let n = 0;
    for (const plan of [p002, p003]) {
      const passages = passagesOf(plan).map((p) => tokenize(plan.text, p.span[0], p.span[1]));
      for (const req of index.reqs)
        for (const b of passages) {
          if (!b.length) continue;
          // the whole passage, and a sub-range of both sides as alignMulti uses them
          expect(align(req.toks, req.w, b)).toEqual(alignDense(req.toks, req.w, b));
          const s = Math.floor(req.toks.length / 3);
          expect(align(req.toks, req.w, b, 1, b.length, s, req.toks.length)).toEqual(alignDense(req.toks, req.w, b, 1, b.length, s, req.toks.length));
          n++;
        }
    }
    expect(n).toBeGreaterThan(5000);
  });

  it('what a base index keeps from earlier plans (alignments, word diffs) changes no result', () => {
    // plans of one round share passages: 002, a mutation of it that deletes points, 003 and 004
    const mutated = docsFromText(deletePoints(p002.text, 11).text, { file: 'm.txt', format: 'txt' })[0];
    const plans = [p002, mutated, p003, p004, p002];
    const shared = buildBaseIndex(base);
    const warm = plans.map((p) => JSON.stringify(diffPlan(shared, p).value));
    const fresh = plans.map((p) => JSON.stringify(diffPlan(buildBaseIndex(base), p).value));
    expect(warm).toEqual(fresh);
    expect(shared.alignMemo.size).toBeGreaterThan(0);
    expect(shared.wordDiffs.size).toBeGreaterThan(0);
  });
});

describe('task tables', () => {
  it('a requirement a plan carries only in a row of its appendix task table is taken up (adapted), not a partial mention', async () => {
    // gold/condensed/03: "| 2 | Tập huấn, bồi dưỡng nghiệp vụ công tác đảng, kỹ năng điều hành sinh hoạt cho bí thư, phó bí thư chi bộ | Ban Tổ chức Đảng ủy | Quý IV/2025 |"
    const doc = (await processFile(path.join(import.meta.dirname, '..', 'gold', 'condensed', '03-cong-ty-cap-nuoc.txt'), { extract: false })).docs[0];
    const d = diffPlan(index, doc).value;
    for (const phrase of ['Thường xuyên tổ chức tập huấn, bồi dưỡng nghiệp vụ', 'triển khai có hiệu quả ứng dụng']) {
      const r = reqWith(d, phrase);
      expect(r.status).toBe('adapted');
      expect(r.matches.every((m) => /^(?:PL\.|Phụ lục)/u.test(m.path))).toBe(true);
    }
    // the same row text as a sentence of the body is still only a partial mention
    const prose = docsFromText('KẾ HOẠCH\n\n1. Tập huấn, bồi dưỡng nghiệp vụ công tác đảng, kỹ năng điều hành sinh hoạt cho bí thư, phó bí thư chi bộ.\n', { file: 'p.txt', format: 'txt' })[0];
    expect(reqWith(diffPlan(index, prose).value, 'Thường xuyên tổ chức tập huấn, bồi dưỡng nghiệp vụ').status).toBe('partial');
  });
});

describe('text another requirement explains (withdrawExplained)', () => {
  // plans derived from the directive (scripts/mutations.ts derivePlan): requirements kept, reworded, dropped,
  // condensed to their first words, split, joined, given to counterparts, with the expected status of each
  it('a dropped requirement whose words a kept neighbour holds is flagged, a condensed one is partial or omitted, nothing kept is flagged', () => {
    const reqList = index.reqs.map((q) => ({ path: q.path, text: q.text }));
    const central = (i: number) => /^9\.-/.test(index.reqs[i].path) || /^Chỉ thị này thay thế/u.test(index.reqs[i].text);
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let partialCondensed = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const m = derivePlan(reqList, seed * 104729, central);
      const doc = docsFromText(m.text, { file: `derived-${seed}.txt`, format: 'txt' })[0];
      const d = diffPlan(index, doc).value;
      d.requirements.forEach((r, i) => {
        const flagged = r.status === 'omitted' || r.status === 'partial';
        const expected = m.truth[i].expect === 'omitted' || m.truth[i].expect === 'partial';
        if (flagged && expected) tp++;
        else if (flagged) fp++;
        else if (expected) fn++;
        if (m.truth[i].op === 'condense' && r.status === 'partial') {
          partialCondensed++;
          // the condensed mention is the requirement's, not a local addition
          for (const x of r.matches) expect(d.additions.some((a) => a.kind === 'clause' && a.span[0] <= x.span[0] && x.span[1] <= a.span[1])).toBe(false);
        }
      });
    }
    expect(fp).toBe(0);
    expect(tp / (tp + fn)).toBeGreaterThanOrEqual(0.95);
    expect(partialCondensed).toBeGreaterThan(10);
  });
});

describe('restatements a lower level writes (src/vocab/restatement.ts)', () => {
  const planOf = (body: string) => docsFromText(`KẾ HOẠCH\nthực hiện Chỉ thị số 50-CT/TW\n\nII. NHIỆM VỤ, GIẢI PHÁP\n\n${body}\n`, { file: 'plan.txt', format: 'txt' }, { extract: false })[0];
  it('the meeting day moved and split over two bullets: kept in part, the day change flagged, the bullets not also local additions', () => {
    const d = diffPlan(index, planOf('1. Về chế độ sinh hoạt\n\n- Chi bộ sinh hoạt định kỳ vào ngày mồng 10 hằng tháng.\n\n- Nếu trùng ngày lễ, ngày nghỉ thì sinh hoạt vào tuần đầu tiên của tháng.')).value;
    const r = reqWith(d, 'vào ngày 03 hàng tháng');
    expect(['partial', 'adapted']).toContain(r.status);
    expect(r.changes.find((c) => c.kind === 'day')).toMatchObject({ from: 'ngày 03', to: 'ngày mồng 10' });
    const inMatch = (s: [number, number]) => d.requirements.some((q) => q.matches.some((m) => m.span[0] < s[1] && s[0] < m.span[1]));
    expect(d.additions.filter((a) => a.kind === 'clause' && inMatch(a.span))).toEqual([]);
  });
  it('a quarterly report become six-monthly, "báo cáo về kết quả" written "báo cáo kết quả": the frequency change flagged', () => {
    const d = diffPlan(index, planOf('1. Phân công đảng ủy viên theo dõi chi bộ; đảng ủy viên phụ trách 6 tháng một lần báo cáo kết quả với Đảng ủy.')).value;
    const r = reqWith(d, 'định kỳ hằng quý phải báo cáo');
    expect(r.status).not.toBe('omitted');
    expect(r.changes.find((c) => c.kind === 'frequency')).toMatchObject({ from: 'hằng quý', to: '6 tháng một lần' });
  });
  it('the other central organs a requirement names, given as their counterparts (a partner, the organ reported to), are body changes', () => {
    const d = diffPlan(
      index,
      planOf(
        '1. Ban Tuyên giáo và Dân vận Tỉnh ủy chủ trì, phối hợp với Trường Chính trị tỉnh và các cơ quan liên quan tổ chức biên soạn, phổ biến tài liệu hướng dẫn trong Đảng bộ tỉnh.\n\n2. Ban Tổ chức Tỉnh ủy theo dõi, kiểm tra, báo cáo Ban Thường vụ Tỉnh ủy việc tổ chức thực hiện.',
      ),
    ).value;
    const partner = reqWith(d, 'phối hợp với Học viện Chính trị quốc gia');
    expect(partner.changes.filter((c) => c.kind === 'body').map((c) => [c.from, c.to])).toContainEqual(['Học viện Chính trị quốc gia Hồ Chí Minh', 'Trường Chính trị tỉnh']);
    const report = reqWith(d, 'báo cáo Ban Bí thư việc tổ chức thực hiện');
    expect(report.changes.filter((c) => c.kind === 'body').map((c) => [c.from, c.to])).toContainEqual(['Ban Bí thư', 'Ban Thường vụ Tỉnh ủy']);
    // the counterparts' names stand where the central organs stood: not local additions
    expect(d.additions.filter((a) => /Trường Chính trị tỉnh|báo cáo Ban Thường vụ/u.test(a.text))).toEqual([]);
  });
  it('the task of organising the directive passed on to the committees under the province is a body change one level down', () => {
    const d = diffPlan(index, planOf('1. Các đảng ủy trực thuộc Tỉnh ủy tập trung lãnh đạo, chỉ đạo quán triệt và tổ chức triển khai nghiêm túc Chỉ thị trong Đảng bộ tỉnh.')).value;
    const r = reqWith(d, 'tập trung lãnh đạo, chỉ đạo quán triệt và tổ chức triển khai nghiêm túc Chỉ thị');
    expect(r.status).toBe('adapted');
    expect(r.changes.find((c) => c.kind === 'body')).toMatchObject({ from: 'Các tỉnh uỷ, thành uỷ, đảng uỷ trực thuộc Trung ương', to: 'Các đảng ủy trực thuộc Tỉnh ủy' });
  });
  it('"nơi có điều kiện thì bố trí địa điểm …" keeps the requirement in part, with the weakening flagged', () => {
    const d = diffPlan(index, planOf('1. Về điều kiện bảo đảm: nơi có điều kiện thì bố trí địa điểm sinh hoạt cho các chi bộ.')).value;
    const r = reqWith(d, 'bố trí địa điểm sinh hoạt cho các chi bộ');
    expect(r.status).toBe('partial');
    expect(r.missing.join(' ')).toContain('nhất là ở địa bàn nông thôn');
    expect(r.changes.find((c) => c.kind === 'qualifier')).toMatchObject({ to: 'nơi có điều kiện' });
  });
});

describe('no passage both matched and listed as a local addition (issue 11)', () => {
  /** Clause additions lying half or more inside the spans of the reported matches (whatever the requirement's status). */
  const insideMatches = (d: DiffResult) => {
    const spans = d.requirements.flatMap((r) => r.matches.map((m) => m.span));
    return d.additions.filter((a) => {
      if (a.kind !== 'clause') return false;
      let n = 0;
      for (let i = a.span[0]; i < a.span[1]; i++) if (spans.some((s) => s[0] <= i && i < s[1])) n++;
      return n >= 0.5 * (a.span[1] - a.span[0]);
    });
  };
  const COND = path.join(import.meta.dirname, '..', 'gold', 'condensed');
  it('a clause inside the passage a match reports (a partial mention widened to its clause, a counterpart kept as evidence, a concept window) is no clause addition; its local words are insertions', async () => {
    // 01: "Ủy ban Kiểm tra Đảng ủy đưa nội dung sinh hoạt chi bộ vào chương trình kiểm tra, giám sát hằng năm" (7#2, partial);
    // 06: "chủ trì, phối hợp với Trường Chính trị tỉnh … biên soạn, phổ biến tài liệu" (9.-2#2); 002 (6#3) and the
    // Tập đoàn plan (9.-1#1, a concept match over several clauses): each was listed as an addition inside its match
    const plans = [
      (await processFile(path.join(COND, '01-xa-tan-lap.txt'), { extract: false })).docs[0],
      (await processFile(path.join(COND, '06-tinh-uy-nam-son-25-KH-TU.txt'), { extract: false })).docs[0],
      p002,
      (await processFile(seed('000'), { extract: false })).docs[0],
    ];
    for (const plan of plans) {
      const d = diffPlan(index, plan).value;
      expect(insideMatches(d).map((a) => a.text), plan.source.file).toEqual([]);
    }
    // the local words of such a clause are still reported, as an insertion inside the kept clause
    const d01 = diffPlan(index, plans[0]).value;
    const ins = d01.additions.find((a) => a.text.includes('Ủy ban Kiểm tra Đảng ủy đưa nội dung sinh hoạt chi bộ'));
    expect(ins?.kind).toBe('insertion');
    expect(reqWith(d01, 'đưa vào chương trình kiểm tra, giám sát').matches.some((m) => m.span[0] <= ins!.span[0] && ins!.span[1] <= m.span[1])).toBe(true);
  });
});

describe('chains of bases (a commune plan naming the directive and the provincial plan)', () => {
  // gold/condensed: 01 (xã Tân Lập) implements Chỉ thị 50 and Kế hoạch 25-KH/TU (06), which implements Chỉ thị 50
  const COND = path.join(import.meta.dirname, '..', 'gold', 'condensed');
  let commune: Doc;
  let province: Doc;
  beforeAll(async () => {
    commune = (await processFile(path.join(COND, '01-xa-tan-lap.txt'), { extract: false })).docs[0];
    province = (await processFile(path.join(COND, '06-tinh-uy-nam-son-25-KH-TU.txt'), { extract: false })).docs[0];
  });

  it('finds both bases, the directive first, and the provincial plan as the intermediate', () => {
    const { bases, intermediates } = selectBases(commune, [province, base]);
    expect(bases.map((b) => b.meta.symbol)).toEqual(['50-CT/TW', '25-KH/TU']);
    expect(intermediates.map((x) => [x.via.meta.symbol, x.directive.meta.symbol])).toEqual([['25-KH/TU', '50-CT/TW']]);
    // a plan with one base has no chain
    expect(selectBases(p002, [province, base]).intermediates).toEqual([]);
  });

  it('says which requirements of the directive reach the commune through the provincial plan', () => {
    const provToDir = diffPlan(index, province).value;
    const communeToProv = diffPlan(buildBaseIndex(province), commune).value;
    const communeToDir = diffPlan(index, commune).value;
    const t = transitiveCoverage(provToDir, communeToProv, communeToDir);
    expect(t.directive.symbol).toBe('50-CT/TW');
    expect(t.via.symbol).toBe('25-KH/TU');
    expect(t.rows).toHaveLength(provToDir.requirements.length);
    // the meeting on a fixed day of the month: the province restates it, the commune keeps the province's wording
    const day = t.rows.find((x) => x.text.includes('vào ngày 03 hàng tháng'))!;
    expect(['adapted', 'covered']).toContain(day.intermediate);
    expect(day.via.length).toBeGreaterThan(0);
    expect(['both', 'through']).toContain(day.reaches);
    // a requirement the province leaves out cannot reach the commune through it
    for (const x of t.rows.filter((r) => r.intermediate === 'omitted')) {
      expect(x.via).toEqual([]);
      expect(['direct', 'no']).toContain(x.reaches);
    }
    expect(t.summary.through).toBeGreaterThan(0);
    expect(t.summary.through).toBeLessThanOrEqual(t.summary.carried);
    expect(t.summary.reaching).toBeGreaterThanOrEqual(Math.max(t.summary.through, t.summary.direct));
    // the province's tasks for its own advisory organs (Ban Tuyên giáo và Dân vận Tỉnh ủy …) and for the committees
    // under it (the commune plan is its fulfilment) are not the commune's omissions
    const own = communeToProv.requirements.filter((q) => q.applicability?.rule === 'issuer-organ' || q.applicability?.rule === 'organises-directive');
    expect(own.length).toBeGreaterThanOrEqual(5);
    for (const q of own) expect(q.status, q.id).not.toBe('omitted');
    // rendered in every output
    const r: DiffResult = { ...communeToDir, chain: { diffs: [communeToProv], transitive: [t] } };
    expect(DiffResult.safeParse(r).success).toBe(true);
    expect(toMarkdown(r)).toContain('Chuỗi văn bản căn cứ');
    expect(toMarkdown(r)).toMatch(/qua kế hoạch cấp trên/u);
    expect(toHtml(r)).toContain('<table class="chain">');
  });
});
