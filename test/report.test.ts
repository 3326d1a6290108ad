/**
 * Reports on the real corpus: CSV exports load with csv-parse (one row per plan ×
 * requirement), the iCalendar file parses with ical.js and holds the monthly meeting
 * day as an RRULE, the Word report opens with mammoth and lists the omissions, every
 * link of a plan page lands on an anchor, document text is escaped everywhere.
 */
import { parse } from 'csv-parse/sync';
import ICAL from 'ical.js';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { analyzeCorpus } from '../src/commands/analyze.js';
import { clusterAdditions, clusterStats, jaccard, shingles } from '../src/report/cluster.js';

const countJaccard = (f: () => unknown) => {
  const before = clusterStats.comparisons;
  f();
  return clusterStats.comparisons - before;
};
import { planPage, refKey, type Analysis } from '../src/report/common.js';
import { csvCell, csvExports } from '../src/report/csv.js';
import { planDocx } from '../src/report/docx.js';
import { esc } from '../src/report/esc.js';
import { additionItems } from '../src/report/matrix.js';
import { buildOutputs, buildSite } from '../src/report/outputs.js';
import { foldLine, planCalendars, toIcs } from '../src/report/calendar.js';
import { IMG, SCRIPT, corpusAnalysis, injectionCorpus } from './helpers/report-fixture.js';

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
const csvRows = (s: string) => parse(s, { bom: true, columns: true, skip_empty_lines: true, relax_quotes: false }) as Record<string, string>[];

describe('CSV exports', () => {
  it('coverage.csv: one row per plan × requirement with the diff status, UTF-8 BOM, Vietnamese intact', async () => {
    const { analysis: a } = await corpusAnalysis();
    expect(a.diffs.length).toBe(3);
    const csv = csvExports(a);
    const text = csv.get('coverage.csv')!;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = csvRows(text);
    const expected = a.diffs.reduce((n, d) => n + d.requirements.length, 0);
    expect(rows.length).toBe(expected);
    const keys = new Set(rows.map((r) => `${r.plan_file}#${r.plan_index}|${r.requirement_id}`));
    expect(keys.size).toBe(expected);
    for (const d of a.diffs)
      for (const r of d.requirements) {
        const row = rows.find((x) => `${x.plan_file}#${x.plan_index}` === refKey(d.plan) && x.requirement_id === r.id)!;
        expect(row.status).toBe(r.status);
        expect(row.requirement_text).toBe(r.text);
      }
    expect(rows.some((r) => r.requirement_text.includes('sinh hoạt chi bộ'))).toBe(true);
  });

  it('matrix.csv: one row per requirement, one status column per plan; every export parses', async () => {
    const { analysis: a } = await corpusAnalysis();
    const csv = csvExports(a);
    const rows = csvRows(csv.get('matrix.csv')!);
    expect(rows.length).toBe(a.diffs[0].requirements.length);
    expect(Object.keys(rows[0]).length).toBe(4 + a.diffs.length);
    for (const [name, text] of csv) {
      const r = csvRows(text);
      expect(r.length, name).toBeGreaterThan(0);
    }
    const tasks = csvRows(csv.get('tasks.csv')!);
    expect(tasks.length).toBe(a.diffs.reduce((n, d) => n + a.docs.find((x) => refKey(x.source) === refKey(d.plan))!.tasks.length, 0));
  });

  it('quotes commas, quotes and line breaks; defuses formulas', () => {
    const tricky = 'a "b", c\nd';
    const back = parse(csvCell(tricky) + ',x\r\n') as string[][];
    expect(back[0][0]).toBe(tricky);
    expect(csvCell('=HYPERLINK("x")')).toMatch(/^"?'=/);
    expect(csvCell('-1')).toBe('-1');
    expect(csvCell('- gạch đầu dòng')).toBe('- gạch đầu dòng');
  });
});

describe('calendar.ics', () => {
  it('parses with ical.js; each plan\'s calendar holds the monthly meeting day as RRULE FREQ=MONTHLY;BYMONTHDAY=3 with an end', async () => {
    const { analysis: a } = await corpusAnalysis();
    const cals = planCalendars(a);
    expect(cals.size).toBe(3);
    for (const ics of [toIcs(a), ...cals.values()]) {
      for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
      const comp = new ICAL.Component(ICAL.parse(ics));
      const uids = comp.getAllSubcomponents('vevent').map((e) => e.getFirstPropertyValue('uid'));
      expect(new Set(uids).size).toBe(uids.length);
    }
    let plans = 0;
    for (const ics of cals.values()) {
      const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent');
      const monthly = events.filter((e) => String(e.getFirstPropertyValue('rrule') ?? '').startsWith('FREQ=MONTHLY;BYMONTHDAY=3;UNTIL='));
      if (monthly.length) plans++;
      const ev = new ICAL.Event(monthly[0]);
      const it = ev.iterator();
      for (let i = 0; i < 3; i++) expect(it.next()!.day).toBe(3);
      expect(String(monthly[0].getFirstPropertyValue('summary'))).toMatch(/sinh hoạt chi bộ/i);
    }
    expect(plans).toBe(3);
  });

  it('folds long lines without splitting a UTF-8 character', () => {
    const s = 'SUMMARY:' + 'Sinh hoạt chi bộ định kỳ vào ngày 03 hằng tháng '.repeat(5);
    const folded = foldLine(s);
    expect(folded.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(s);
  });
});

describe('DOCX review report', () => {
  it('opens with mammoth and contains every omitted requirement, the additions and the tasks', async () => {
    const { analysis: a } = await corpusAnalysis();
    const d = [...a.diffs].sort((x, y) => y.summary.omitted - x.summary.omitted)[0];
    const omitted = d.requirements.filter((r) => r.status === 'omitted');
    expect(omitted.length).toBeGreaterThan(0);
    const buf = await planDocx(a, d);
    const { value } = await mammoth.extractRawText({ buffer: buf });
    const text = collapse(value);
    expect(text).toContain('KẾT QUẢ RÀ SOÁT');
    expect(text).toContain('CÁC YÊU CẦU BỊ BỎ SÓT');
    for (const r of omitted) expect(text).toContain(collapse(r.text));
    for (const x of d.additions.slice(0, 5)) expect(text).toContain(collapse(x.text));
    // deterministic bytes
    expect((await planDocx(a, d)).equals(buf)).toBe(true);
  });
});

describe('additions grouped by similarity', () => {
  it('groups near-identical additions of different plans, keeps unrelated ones apart', async () => {
    expect(jaccard(shingles('Tổ chức hội nghị quán triệt Chỉ thị'), shingles('tổ chức hội nghị quán triệt chỉ thị'))).toBe(1);
    const { analysis: a } = await corpusAnalysis();
    const items = additionItems(a.diffs);
    const groups = clusterAdditions(items);
    expect(groups.flat().sort((x, y) => x - y)).toEqual(items.map((_, i) => i));
    const shared = groups.filter((g) => new Set(g.map((i) => items[i].plan)).size > 1);
    expect(shared.length).toBeGreaterThan(0);
    // inside a group every member is close to some other member
    for (const g of shared)
      for (const i of g) expect(g.some((j) => j !== i && jaccard(shingles(items[i].text), shingles(items[j].text)) >= 0.3)).toBe(true);
    // made-up additions: the same duty in two plans, worded slightly differently, and one unrelated
    const toy = clusterAdditions([
      { plan: 'A', text: 'Định kỳ hằng quý, Ban Tổ chức tổng hợp kết quả sinh hoạt chi bộ báo cáo Ban Thường vụ.' },
      { plan: 'B', text: 'Hằng quý Ban Tổ chức tổng hợp kết quả sinh hoạt chi bộ, báo cáo Ban Thường vụ Tỉnh ủy.' },
      { plan: 'B', text: 'Văn phòng bảo đảm kinh phí in ấn sổ tay bí thư chi bộ.' },
    ]);
    expect(toy).toEqual([[0, 1], [2]]);
  });

  it('the prefix-filtered grouping equals comparing every pair (real additions and mutated copies)', async () => {
    const { analysis: a } = await corpusAnalysis();
    const real = additionItems(a.diffs).map(({ plan, text }) => ({ plan, text }));
    // copies with words dropped or swapped, so that groups form across "plans" at many similarity levels
    const items = [...real];
    real.forEach((x, i) => {
      const w = x.text.split(' ');
      items.push({ plan: `m${i % 7}`, text: w.filter((_, k) => (k + i) % 4 !== 0).join(' ') });
      items.push({ plan: `n${i % 5}`, text: [...w.slice(i % 5), ...w.slice(0, i % 5)].join(' ') });
    });
    const brute = (xs: typeof items, t = 0.3) => {
      const sh = xs.map((x) => shingles(x.text));
      const parent = xs.map((_, i) => i);
      const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
      for (let i = 0; i < xs.length; i++)
        for (let j = i + 1; j < xs.length; j++) if (find(i) !== find(j) && jaccard(sh[i], sh[j]) >= t) parent[Math.max(find(i), find(j))] = Math.min(find(i), find(j));
      const groups = new Map<number, number[]>();
      xs.forEach((_, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), i]));
      const plans = (g: number[]) => new Set(g.map((i) => xs[i].plan)).size;
      return [...groups.values()].sort((x, y) => plans(y) - plans(x) || y.length - x.length || x[0] - y[0]);
    };
    expect(items.length).toBeGreaterThan(300);
    for (const t of [0.3, 0.5, 0.8]) expect(clusterAdditions(items, t)).toEqual(brute(items, t));
    // the same additions copied into many plans (what 1 000 plans written from three sources look like),
    // plus empty texts, which group with nothing
    const many = [...items.slice(0, 120), { plan: 'e1', text: '' }, { plan: 'e2', text: '…' }];
    for (let c = 0; c < 12; c++) many.push(...items.slice(0, 120).map((x, i) => ({ plan: `copy${c}-${i % 9}`, text: x.text })));
    for (const t of [0.3, 0.8]) expect(clusterAdditions(many, t)).toEqual(brute(many, t));
  });

  it('grouping is near-linear when plans share their additions (issue 14: 475 s of jaccard at 1 000 plans)', async () => {
    const { analysis: a } = await corpusAnalysis();
    const real = additionItems(a.diffs).map(({ plan, text }) => ({ plan, text }));
    // 400 plans each carrying every addition of the three real plans, slightly reworded in one of four ways
    const items: { plan: string; text: string }[] = [];
    for (let p = 0; p < 400; p++)
      for (const [i, x] of real.entries()) {
        const w = x.text.split(' ');
        items.push({ plan: `p${p}`, text: (p + i) % 4 === 0 ? w.filter((_, k) => k % 5 !== 0).join(' ') : (p + i) % 4 === 1 ? [...w.slice(1), w[0]].join(' ') : x.text });
      }
    // counted, not timed: how many pairs the grouping compares must not grow with the square of the copies
    const comparisons = countJaccard(() => clusterAdditions(items, 0.31));
    expect(items.length).toBeGreaterThan(10_000);
    expect(comparisons).toBeLessThan(items.length);
  });
});

describe('pages', () => {
  it('every in-site link of every page lands on an existing page and anchor', async () => {
    const { analysis: a } = await corpusAnalysis();
    const site = await buildSite(a);
    const ids = new Map<string, Set<string>>();
    for (const [p, c] of site) if (p.endsWith('.html')) ids.set(p, new Set([...String(c).matchAll(/ id="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'"))));
    let links = 0;
    for (const [p, c] of site) {
      if (!p.endsWith('.html')) continue;
      for (const m of String(c).matchAll(/href="([^"]*)"/g)) {
        const h = m[1].replace(/&amp;/g, '&');
        expect(h, `${p}: external link`).not.toMatch(/^[a-z]+:/i);
        const [file, frag] = h.split('#');
        const target = file || p;
        expect(site.has(target), `${p} → ${h}`).toBe(true);
        if (frag && target.endsWith('.html')) expect(ids.get(target)!.has(decodeURIComponent(frag)), `${p} → ${h}`).toBe(true);
        links++;
      }
    }
    expect(links).toBeGreaterThan(500);
    // plan page: omissions first, then the side-by-side list; every match links into the plan text
    const d = a.diffs[0];
    const html = String(site.get(planPage(d.plan)));
    expect(html.indexOf('id="bo-sot"')).toBeLessThan(html.indexOf('id="doi-chieu"'));
    const seg = [...html.matchAll(/href="(?:plan-[^"#]*)?#(seg-[^"]+)"/g)].length;
    expect(seg).toBeGreaterThanOrEqual(d.requirements.filter((r) => r.matches.length).length);
    expect(html).not.toMatch(/<(link|img|iframe)\b|src="http|https?:\/\/(?!www\.w3\.org)/);
  });

  it('escapes document text everywhere: an injection fixture renders as text', async () => {
    const { analysis: a, files, indexMarkdown } = await analyzeCorpus(injectionCorpus());
    expect(a.diffs.length).toBe(2);
    const out = await buildOutputs(a as Analysis, { indexMarkdown, files: files.length });
    let seen = 0;
    for (const [p, c] of out) {
      if (!p.endsWith('.html')) continue;
      const html = String(c);
      // only the page's own script (the graph page adds its data, the inlined Cytoscape.js and its code)
      expect(html.match(/<script\b/g)?.length ?? 0, p).toBe(p.endsWith('graph.html') ? 4 : 1);
      expect(html, p).not.toContain('<img');
      expect(html, p).not.toContain('onerror=alert(1)>');
      if (html.includes(esc(SCRIPT))) seen++;
      if (html.includes(esc(IMG))) seen++;
    }
    expect(seen).toBeGreaterThanOrEqual(4);
    expect(esc(SCRIPT)).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
