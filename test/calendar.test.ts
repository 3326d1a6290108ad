/**
 * The calendars say what the plans say (issue 13), on the real corpus, read back with ical.js:
 * recurring duties start at the plan's first explicit date (not the directive's 23/7/2025) and
 * end (UNTIL) at the plan's period or the documented horizon; one calendar per plan, the combined
 * one only dated deadlines; "06 tháng và hằng năm" kept as two recurrences; the event text is the
 * plan's wording (no RRULE anywhere in a text); what a calendar cannot express is listed.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { Doc } from '../src/model.js';
import { HORIZON_YEARS, calendarPageHtml, calendarRows, planAnchor, planCalendars, planEnd, recurrences, toIcs } from '../src/report/calendar.js';
import { csvExports } from '../src/report/csv.js';
import { parse } from 'csv-parse/sync';
import { corpusAnalysis } from './helpers/report-fixture.js';

const events = (ics: string) => new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent');
const prop = (e: ICAL.Component, p: string) => String(e.getFirstPropertyValue(p) ?? '');
const planNamed = (docs: Doc[], file: string) => docs.find((d) => d.source.file.startsWith(file))!;

describe('calendars', () => {
  it('every recurring event has an end; its recurrence is finite and starts on or after the plan’s first date', async () => {
    const { analysis: a } = await corpusAnalysis();
    let recurring = 0;
    for (const [file, ics] of planCalendars(a)) {
      for (const e of events(ics)) {
        if (!e.getFirstPropertyValue('rrule')) continue;
        recurring++;
        const rule = e.getFirstPropertyValue('rrule') as ICAL.Recur;
        expect(rule.until, file).toBeTruthy();
        const it = new ICAL.Event(e).iterator();
        let n = 0;
        while (it.next() && n < 5000) n++;
        expect(n, file).toBeLessThan(5000);
        expect(n).toBeGreaterThan(0);
      }
    }
    expect(recurring).toBeGreaterThan(10);
  });

  it('recurring duties start at the plan’s first explicit date, not the directive’s 23/7/2025', async () => {
    const { analysis: a } = await corpusAnalysis();
    const start = (file: string) => {
      const p = planNamed(a.docs, file);
      const ev = events(planCalendars(a).get([...planCalendars(a).keys()].find((k) => k.startsWith(file.slice(0, 12)))!)!);
      return { anchor: planAnchor(a, p), monthly: ev.filter((e) => prop(e, 'rrule').startsWith('FREQ=MONTHLY;BYMONTHDAY=3')).map((e) => e.getFirstPropertyValue('dtstart')!.toString()) };
    };
    const tinh = start('tinh-uy-ke-hoach');
    expect(tinh.anchor).toEqual({ date: '2025-10-01', source: 'first-explicit-date' }); // "trong tháng 10/2025"
    expect(tinh.monthly).toEqual(['2025-10-03']);
    const hp = start('thanh-uy-hai-phong');
    expect(hp.anchor).toEqual({ date: '2025-09-01', source: 'first-explicit-date' }); // "trong tháng 9/2025" ("trong năm 2025" began before the directive)
    expect(hp.monthly).toEqual(['2025-09-03']);
    const td = start('tap-doan-cnnl');
    expect(td.anchor?.date).toBe('2025-08-29'); // "trước ngày 30/8/2025"
    expect(td.monthly).toEqual(['2025-09-03']);
    for (const ics of planCalendars(a).values()) for (const e of events(ics)) expect(e.getFirstPropertyValue('dtstart')!.toString()).not.toBe('2025-07-23');
  });

  it('ends at the plan’s stated period, else at the documented horizon', async () => {
    const { analysis: a } = await corpusAnalysis();
    const p = planNamed(a.docs, 'tinh-uy-ke-hoach');
    expect(planEnd(p, '2025-10-01')).toEqual({ date: `${2025 + HORIZON_YEARS}-12-31`, wording: null });
    const withPeriod: Doc = { ...p, text: p.text.replace('KẾ HOẠCH', 'KẾ HOẠCH\nthực hiện giai đoạn 2025 – 2028') };
    expect(planEnd(withPeriod, '2025-10-01')).toEqual({ date: '2028-12-31', wording: 'giai đoạn 2025 – 2028' });
    const until = (text: string) => planEnd({ ...p, text }, '2025-09-01').date;
    expect(until('Kế hoạch thực hiện đến năm 2030')).toBe('2030-12-31');
    expect(until('nhiệm kỳ 2025-2030')).toBe('2030-12-31');
    expect(until('giai đoạn 2015 - 2020')).toBe(`${2025 + HORIZON_YEARS}-12-31`); // a past period is not this plan's
  });

  it('"06 tháng và hằng năm" is kept as both recurrences; other compounds too', async () => {
    expect(recurrences({ text: '06 tháng và hằng năm', rrule: 'FREQ=MONTHLY;INTERVAL=6' }).map((r) => r.rrule)).toEqual(['FREQ=MONTHLY;INTERVAL=6', 'FREQ=YEARLY']);
    expect(recurrences({ text: 'hằng quý, hằng năm', rrule: 'FREQ=MONTHLY;INTERVAL=3' }).map((r) => r.rrule)).toEqual(['FREQ=MONTHLY;INTERVAL=3', 'FREQ=YEARLY']);
    expect(recurrences({ text: 'ngày 03 hằng tháng', rrule: 'FREQ=MONTHLY;BYMONTHDAY=3' }).map((r) => r.rrule)).toEqual(['FREQ=MONTHLY;BYMONTHDAY=3']);
    const { analysis: a } = await corpusAnalysis();
    const hp = [...planCalendars(a).entries()].find(([k]) => k.startsWith('thanh-uy'))![1];
    const report = events(hp).filter((e) => prop(e, 'description').includes('06 tháng và hằng năm'));
    expect(report.map((e) => prop(e, 'rrule').split(';UNTIL')[0]).sort()).toEqual(['FREQ=MONTHLY;INTERVAL=6', 'FREQ=YEARLY']);
  });

  it('the event text is the plan’s wording: "trước ngày 30/8/2025" on 29/08 with the plan’s words; no RRULE in any text', async () => {
    const { analysis: a } = await corpusAnalysis();
    const all = [toIcs(a), ...planCalendars(a).values()].flatMap(events);
    const due = all.filter((e) => prop(e, 'summary').includes('trước ngày 30/8/2025'));
    expect(due.length).toBeGreaterThanOrEqual(2); // the combined and the plan's calendar
    for (const e of due) {
      expect(e.getFirstPropertyValue('dtstart')!.toString()).toBe('2025-08-29');
      expect(prop(e, 'description')).toContain('Thời hạn (nguyên văn): trước ngày 30/8/2025');
    }
    for (const e of all) for (const p of ['summary', 'description']) expect(prop(e, p)).not.toMatch(/FREQ=|RRULE|BYMONTH|INTERVAL=/);
  });

  it('one calendar per plan; the combined calendar has only dated, non-recurring deadlines', async () => {
    const { analysis: a } = await corpusAnalysis();
    const combined = events(toIcs(a));
    expect(combined.length).toBeGreaterThan(5);
    expect(combined.every((e) => !e.getFirstPropertyValue('rrule'))).toBe(true);
    const dated = calendarRows(a).filter((r) => r.deadline.due && (r.deadline.kind === 'date' || r.deadline.kind === 'period'));
    expect(combined.length).toBe(dated.length);
    expect(planCalendars(a).size).toBe(a.diffs.length);
  });

  it('what the calendar cannot express is listed with a reason, not dropped', async () => {
    const { analysis: a } = await corpusAnalysis();
    const rows = calendarRows(a);
    const total = a.diffs.reduce((n, d) => n + a.docs.find((x) => x.source.file === d.plan.file && x.source.index === d.plan.index)!.deadlines.length, 0);
    expect(rows.length).toBe(total);
    for (const r of rows) expect(r.events.length > 0 !== !!r.unscheduled, `${r.deadline.text}`).toBe(true);
    const off = rows.filter((r) => r.unscheduled);
    expect(off.some((r) => /tuần đầu/.test(r.unscheduled!))).toBe(true);
    expect(off.some((r) => r.deadline.kind === 'conditional')).toBe(true);
    const html = calendarPageHtml(a);
    for (const r of off) expect(html).toContain(r.unscheduled!.replace(/&/g, '&amp;').replace(/"/g, '&quot;').slice(0, 20));
    const csv = parse(csvExports(a).get('deadlines.csv')!, { bom: true, columns: true }) as Record<string, string>[];
    expect(csv.filter((r) => r.in_calendar === 'no').length).toBe(off.length);
    expect(csv.filter((r) => r.in_calendar === 'no').every((r) => r.calendar_note)).toBe(true);
  });
});
