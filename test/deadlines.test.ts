import { describe, expect, it, beforeAll } from 'vitest';
import { docsFromText, processFile } from '../src/pipeline.js';
import { findDeadlines, dayBefore } from '../src/extract/deadlines.js';
import type { Doc } from '../src/model.js';
import { seed } from './helpers.js';

let d002: Doc;
let d003: Doc;
let d000plan: Doc;

beforeAll(async () => {
  const noExtract = { extract: false };
  d002 = (await processFile(seed('002'), noExtract)).docs[0];
  d003 = (await processFile(seed('003'), noExtract)).docs[0];
  d000plan = (await processFile(seed('000'), noExtract)).docs[0];
});

const find = (doc: Doc, re: RegExp) => findDeadlines(doc).value.filter((d) => re.test(d.text.replace(/\s+/g, ' ')));

describe('deadlines on seed 002', () => {
  it('reads "ngày 03 hằng tháng" as a monthly rule on day 3', () => {
    const [d] = find(d002, /^ngày 03 hằng tháng$/);
    expect(d.kind).toBe('recurring');
    expect(d.rrule).toBe('FREQ=MONTHLY;BYMONTHDAY=3');
  });
  it('reads quarterly, yearly and Q1-yearly schedules', () => {
    expect(find(d002, /^ít nhất mỗi quý 01 lần$/)[0].rrule).toBe('FREQ=MONTHLY;INTERVAL=3');
    expect(find(d002, /^định kỳ hằng quý$/)[0].rrule).toBe('FREQ=MONTHLY;INTERVAL=3');
    expect(find(d002, /^trong quý I hằng năm$/)[0].rrule).toBe('FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=31');
    expect(find(d002, /^định kỳ hằng năm$/)[0].rrule).toBe('FREQ=YEARLY');
  });
  it('normalizes periods to their last day', () => {
    const oct = find(d002, /^trong tháng 10\/2025$/);
    expect(oct).toHaveLength(3);
    expect(oct.every((d) => d.kind === 'period' && d.due === '2025-10-31')).toBe(true);
    expect(find(d002, /^trong tháng 11\/2025$/)[0].due).toBe('2025-11-30');
    expect(find(d002, /^trong quý IV năm 2025$/)[0].due).toBe('2025-12-31');
  });
  it('reads conditions with their event', () => {
    const [d] = find(d002, /^khi có thay đổi về nhân sự$/);
    expect(d.kind).toBe('conditional');
    expect(d.event).toBe('có thay đổi về nhân sự');
    const tw = find(d002, /^sau khi có hướng dẫn của Trung ương$/);
    expect(tw).toHaveLength(2);
    expect(tw[0].event).toBe('có hướng dẫn của Trung ương');
  });
  it('does not take citation dates or the meeting noun "sinh hoạt định kỳ" as deadlines', () => {
    const all = findDeadlines(d002).value;
    expect(all.some((d) => /23\/7\/2025|08\/10\/2018/.test(d.text))).toBe(false);
    expect(all.some((d) => d.text === 'định kỳ' && /sinh hoạt\s*$/.test(d002.text.slice(d.span[0] - 12, d.span[0])))).toBe(false);
    // the heading "6. Thường xuyên theo dõi …" is not counted, the sentence below it is
    const tx = all.filter((d) => d.kind === 'continuous');
    expect(tx.some((d) => d.path.startsWith('II.6'))).toBe(true);
    expect(tx).toHaveLength(13); // as in the gold: 13 continuous expressions
  });
});

describe('deadlines on seed 003', () => {
  it('reads "Quý IV/2025" as 2025-12-31', () => {
    const q = find(d003, /^trong Quý IV\/2025$/i);
    expect(q).toHaveLength(2);
    expect(q.every((d) => d.due === '2025-12-31' && d.kind === 'period')).toBe(true);
    expect(find(d003, /^trong tháng 9\/2025$/)[0].due).toBe('2025-09-30');
    expect(find(d003, /^trong năm 2025$/)[0].due).toBe('2025-12-31');
  });
  it('reads "sau 15 ngày tổ chức hội nghị cấp thành phố" as relative, 15 days', () => {
    const r = find(d003, /^sau 15 ngày tổ chức hội nghị cấp thành phố$/);
    expect(r).toHaveLength(4);
    expect(r[0]).toMatchObject({ kind: 'relative', offsetDays: 15, event: 'tổ chức hội nghị cấp thành phố' });
  });
  it('reads "06 tháng và hằng năm" as semi-annual and skips the negated footnote schedule', () => {
    expect(find(d003, /^06 tháng và hằng năm$/)[0].rrule).toBe('FREQ=MONTHLY;INTERVAL=6');
    // "ngày 03 hằng tháng" appears twice; the footnote says "không họp vào ngày 03 hằng tháng"
    expect(find(d003, /^ngày 03 hằng tháng$/)).toHaveLength(1);
    expect(find(d003, /hằng tháng/).length).toBe(1);
  });
  it('keeps the end-condition "đến khi có quy định, hướng dẫn mới của Trung ương"', () => {
    const [d] = find(d003, /^đến khi có quy định/);
    expect(d.event).toBe('có quy định, hướng dẫn mới của Trung ương');
  });
});

describe('deadline dates', () => {
  it('"trước ngày" gives the last allowed day', () => {
    expect(dayBefore(2025, 8, 30)).toBe('2025-08-29');
    expect(dayBefore(2025, 3, 1)).toBe('2025-02-28');
  });
  it('seed 000 plan: a dated cell meeting and a "trước ngày" report are dates; citation dates are not', () => {
    const dates = findDeadlines(d000plan).value.filter((x) => x.kind === 'date');
    expect(dates.map((d) => [d.text, d.due])).toEqual([
      ['ngày 03 tháng 9 năm 2025', '2025-09-03'],
      ['trước ngày 30/8/2025', '2025-08-29'],
    ]);
  });
});

describe('time cells of task tables (real-dev appendices: "Tháng 12/2025", "Quý II/2026", "Năm 2026")', () => {
  const table = (cells: string[][]) => ['|', ...cells.flatMap((row) => [...row.flatMap((c) => [c, '|']), '|'])].join('\n').replace(/\|\n\|$/, '|');
  const doc = (body: string) => docsFromText(`KẾ HOẠCH\nTRIỂN KHAI NHIỆM VỤ\n\nI. NHIỆM VỤ\n\n${body}\n`, { file: 'p.md', format: 'md' })[0];
  const HEAD = ['STT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành'];

  it('reads a bare month, quarter or year as the deadline of its row', () => {
    const d = doc(table([HEAD, ['1', 'Xây dựng cơ sở dữ liệu', 'Sở Tài chính', 'Các sở, ngành', 'Tháng 12/2025'], ['2', 'Rà soát quy định', 'Sở Tư pháp', 'Các sở', 'Quý II/2026'], ['3', 'Tổng kết', 'Sở Nội vụ', 'Các sở', 'Năm 2027']]));
    expect(d.deadlines.map((x) => [x.text, x.due])).toEqual([
      ['Tháng 12/2025', '2025-12-31'],
      ['Quý II/2026', '2026-06-30'],
      ['Năm 2027', '2027-12-31'],
    ]);
    expect(d.tasks.map((t) => t.deadlines.length)).toEqual([1, 1, 1]);
  });

  it('does not read a bare year in another column, nor a bare month in running text', () => {
    const d = doc(table([HEAD, ['1', 'Tổng kết Nghị quyết năm 2020', 'Sở Nội vụ', 'Năm 2021', 'Thường xuyên']]) + '\n\nBáo cáo tháng 12/2025 của Sở Nội vụ đã nêu rõ.');
    expect(d.deadlines.map((x) => x.text)).toEqual(['Thường xuyên']);
  });
});
