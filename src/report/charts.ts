/**
 * "Comparisons people look at": charts rendered to SVG at build time (d3-scale for the
 * scales and ticks; no script, nothing fetched): coverage per plan, the requirements most
 * often omitted or weakened, changed parameters and frequencies across plans, the local
 * additions that recur across plans, dated deadlines per month. Every bar is a link to the
 * rows behind it, and each chart has its data table right under it.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import type { Status } from '../model.js';
import { calendarRows, rruleVi } from './calendar.js';
import { clusterAdditions } from './cluster.js';
import { type Analysis, CHANGE_LABEL as CHANGE_LABELS, STATUS_COLOR, STATUS_LABEL, STATUS_ORDER, anchorFor, findDoc, pct, planPage, refKey, shortName, statusCounts, viDate } from './common.js';

const CHANGE_LABEL = CHANGE_LABELS as Readonly<Record<string, string>>;
import { esc, href } from './esc.js';
import { joinParts, legend, link, pageParts } from './html.js';
import { additionItems, baseGroups, reqIn } from './matrix.js';
import { NAV, reqAnchor } from './plan.js';

interface Seg {
  value: number;
  color: string;
  label: string;
}
interface BarRow {
  label: string;
  href: string;
  title: string;
  segs: Seg[];
}

const FONT = 13;
const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1).replace(/\s+\S*$/, '') + '…' : s);

/** Horizontal (stacked) bars, one row per item; each row is a link. */
export function hbarSvg(rows: BarRow[], opts: { labelWidth?: number; width?: number; max?: number; unit?: string; aria: string }): string {
  const labelWidth = opts.labelWidth ?? 260;
  const width = opts.width ?? 760;
  const rowH = 26;
  const top = 24;
  const height = top + rows.length * rowH + 10;
  const max = opts.max ?? Math.max(1, ...rows.map((r) => r.segs.reduce((n, s) => n + s.value, 0)));
  const x = scaleLinear().domain([0, max]).range([labelWidth, width - 50]).nice();
  const y = scaleBand<number>().domain(rows.map((_, i) => i)).range([top, top + rows.length * rowH]).paddingInner(0.25);
  const ticks = x.ticks(Math.min(6, Math.ceil(max))).filter((t) => Number.isInteger(t) || max <= 1);
  const axis = ticks
    .map((t) => `<g><line x1="${x(t)}" x2="${x(t)}" y1="${top - 4}" y2="${height - 8}" stroke="#e3e3e3"/><text x="${x(t)}" y="${top - 8}" text-anchor="middle" fill="#555">${esc(max <= 1 ? pct(t) : String(t))}</text></g>`)
    .join('');
  const bars = rows
    .map((r, i) => {
      let acc = 0;
      const yy = y(i)!;
      const segs = r.segs
        .filter((s) => s.value > 0)
        .map((s) => {
          const x0 = x(acc);
          acc += s.value;
          return `<rect x="${x0.toFixed(1)}" y="${yy.toFixed(1)}" width="${Math.max(0.5, x(acc) - x0).toFixed(1)}" height="${y.bandwidth().toFixed(1)}" fill="${s.color}"><title>${esc(`${r.title} — ${s.label}: ${max <= 1 ? pct(s.value) : s.value}`)}</title></rect>`;
        })
        .join('');
      const total = r.segs.reduce((n, s) => n + s.value, 0);
      return `<a href="${esc(r.href)}"><text x="${labelWidth - 8}" y="${(yy + y.bandwidth() / 2 + 4).toFixed(1)}" text-anchor="end">${esc(clip(r.label, Math.floor(labelWidth / 7.2)))}</text>${segs}<text x="${(x(acc) + 5).toFixed(1)}" y="${(yy + y.bandwidth() / 2 + 4).toFixed(1)}" fill="#333">${esc(max <= 1 ? pct(total) : String(total) + (opts.unit ?? ''))}</text><title>${esc(r.title)}</title></a>`;
    })
    .join('');
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(opts.aria)}">${axis}${bars}</svg>`;
}

/** Vertical bars (one per month). */
function vbarSvg(cols: { label: string; value: number; href: string; title: string }[], aria: string): string {
  const width = Math.max(360, 70 + cols.length * 64);
  const height = 240;
  const max = Math.max(1, ...cols.map((c) => c.value));
  const x = scaleBand<number>().domain(cols.map((_, i) => i)).range([50, width - 10]).paddingInner(0.3).paddingOuter(0.15);
  const y = scaleLinear().domain([0, max]).range([height - 40, 20]).nice();
  const ticks = y.ticks(Math.min(5, max)).filter((t) => Number.isInteger(t));
  const axis = ticks.map((t) => `<g><line x1="45" x2="${width - 10}" y1="${y(t)}" y2="${y(t)}" stroke="#e3e3e3"/><text x="40" y="${y(t) + 4}" text-anchor="end" fill="#555">${t}</text></g>`).join('');
  const bars = cols
    .map((c, i) => {
      const xx = x(i)!;
      return `<a href="${esc(c.href)}"><rect x="${xx.toFixed(1)}" y="${y(c.value).toFixed(1)}" width="${x.bandwidth().toFixed(1)}" height="${(y(0) - y(c.value)).toFixed(1)}" fill="#7a1012"/><text x="${(xx + x.bandwidth() / 2).toFixed(1)}" y="${(y(c.value) - 5).toFixed(1)}" text-anchor="middle">${c.value}</text><text x="${(xx + x.bandwidth() / 2).toFixed(1)}" y="${height - 22}" text-anchor="middle">${esc(c.label)}</text><title>${esc(c.title)}</title></a>`;
    })
    .join('');
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(aria)}">${axis}${bars}</svg>`;
}

/** A grid of counts (rows × columns), darker for more; each non-empty cell links. */
function gridSvg(rows: string[], cols: { label: string; href: string }[], cell: (r: number, c: number) => { n: number; href: string; title: string }, aria: string): string {
  const labelW = 200;
  const cw = 120;
  const ch = 30;
  const width = labelW + cols.length * cw + 10;
  const height = 50 + rows.length * ch;
  let max = 1;
  rows.forEach((_, r) => cols.forEach((_, c) => (max = Math.max(max, cell(r, c).n))));
  const shade = scaleLinear<string>().domain([0, max]).range(['#f7f7f7', '#b2182b']);
  const head = cols.map((c, i) => `<a href="${esc(c.href)}"><text x="${labelW + i * cw + cw / 2}" y="30" text-anchor="middle">${esc(clip(c.label, 16))}</text><title>${esc(c.label)}</title></a>`).join('');
  const body = rows
    .map((rl, r) => {
      const yy = 42 + r * ch;
      const cells = cols
        .map((_, c) => {
          const v = cell(r, c);
          const rect = `<rect x="${labelW + c * cw + 2}" y="${yy}" width="${cw - 4}" height="${ch - 4}" rx="3" fill="${shade(v.n)}" stroke="#ddd"/><text x="${labelW + c * cw + cw / 2}" y="${yy + ch / 2 + 3}" text-anchor="middle" fill="${v.n > max / 2 ? '#fff' : '#222'}">${v.n}</text><title>${esc(v.title)}</title>`;
          return v.n ? `<a href="${esc(v.href)}">${rect}</a>` : rect;
        })
        .join('');
      return `<text x="${labelW - 8}" y="${yy + ch / 2 + 3}" text-anchor="end">${esc(clip(rl, 28))}</text>${cells}`;
    })
    .join('');
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(aria)}">${head}${body}</svg>`;
}

/** A chart's section: its chart, then its data table a row at a time (the tables hold every plan's rows). */
function* figure(id: string, title: string, intro: string, svg: string, head: string, rows: Iterable<string>): Generator<string> {
  yield `<section class="chartbox" id="${esc(id)}"><h2>${esc(title)}</h2><p class="small muted">${intro}</p><div class="chartwrap">${svg || '<p class="muted">Không có dữ liệu.</p>'}</div><details><summary>Các dòng dữ liệu của biểu đồ</summary><table><thead>${head}</thead><tbody>`;
  for (const r of rows) yield r;
  yield '</tbody></table></details></section>';
}

function* mapped<T>(xs: Iterable<T>, f: (x: T, i: number) => string): Generator<string> {
  let i = 0;
  for (const x of xs) yield f(x, i++);
}

const SECTIONS: [string, string][] = [
  ['bao-phu', 'Mức độ bao phủ của từng kế hoạch'],
  ['bo-sot', 'Yêu cầu bị bỏ sót hoặc làm nhẹ nhiều nhất'],
  ['thong-so', 'Thông số thay đổi giữa các kế hoạch'],
  ['tan-suat', 'Tần suất các việc định kỳ'],
  ['bo-sung', 'Nội dung bổ sung lặp lại ở nhiều kế hoạch'],
  ['theo-thang', 'Thời hạn theo tháng'],
];

const CSS = `<style>.chartwrap{overflow-x:auto;background:#fff;border:1px solid #d0d7de;border-radius:.3rem;padding:.4rem}.chart{display:block}.chart text{font:${FONT}px "Noto Sans","DejaVu Sans",Arial,sans-serif}.chart a:hover rect{opacity:.8}.chart a text{fill:#0b4f9c}.chartbox{margin-bottom:2rem}.toc{columns:2 16rem}</style>`;

export function chartsPageHtml(a: Analysis): string {
  return joinParts(chartsPageParts(a));
}

/** The charts page as parts: each section made when it is written, its table a row at a time. */
export function chartsPageParts(a: Analysis): Generator<string> {
  return pageParts({ title: 'Biểu đồ so sánh', nav: NAV }, chartsBody(a));
}

function* chartsBody(a: Analysis): Generator<string> {
  const plans = a.diffs.map((d) => ({ d, doc: findDoc(a, d.plan) }));
  const name = (p: (typeof plans)[number]) => (p.doc ? shortName(p.doc) : refKey(p.d.plan));
  yield `${CSS}<h1>Biểu đồ so sánh các kế hoạch</h1>
<p>${a.diffs.length} kế hoạch. Mỗi biểu đồ dẫn tới các dòng dữ liệu phía sau nó (bảng ngay dưới biểu đồ, và các trang rà soát). Dữ liệu đầy đủ: <a href="files/rasoat.xlsx">rasoat.xlsx</a>.</p>
${legend()}
<ul class="toc">${SECTIONS.map(([id, t]) => `<li><a href="${href('', id)}">${esc(t)}</a></li>`).join('')}</ul>
`;

  // 1. coverage per plan
  const cov = [...plans].sort((x, y) => y.d.summary.coverage - x.d.summary.coverage);
  const covRows: BarRow[] = cov.map((p) => {
    const total = p.d.requirements.length || 1;
    return {
      label: name(p),
      href: planPage(p.d.plan) + '#tom-tat',
      title: `${name(p)}: bao phủ ${pct(p.d.summary.coverage)}`,
      segs: (['covered', 'adapted', 'partial', 'omitted'] as Status[]).map((s) => ({ value: statusCounts(p.d)[s] / total, color: STATUS_COLOR[s][0], label: `${STATUS_LABEL[s]} ${statusCounts(p.d)[s]}` })),
    };
  });
  yield* figure(
    'bao-phu',
    SECTIONS[0][1],
    `Tỷ lệ yêu cầu của văn bản gốc theo tình trạng. Bấm vào một thanh để mở trang rà soát kế hoạch.`,
    hbarSvg(covRows, { aria: 'Mức độ bao phủ', max: 1 }),
    `<tr><th>Kế hoạch</th><th>Tỷ lệ bao phủ</th>${STATUS_ORDER.map((s) => `<th>${esc(STATUS_LABEL[s])}</th>`).join('')}<th>Bổ sung</th></tr>`,
    mapped(cov, (p) => `<tr><td>${link(planPage(p.d.plan), null, name(p))}</td><td>${esc(pct(p.d.summary.coverage))}</td>${STATUS_ORDER.map((s) => `<td>${statusCounts(p.d)[s]}</td>`).join('')}<td>${link(planPage(p.d.plan), 'bo-sung', String(p.d.summary.additions))}</td></tr>`),
  );
  yield '\n';

  // 2. most omitted / weakened requirements
  const groups = baseGroups(a);
  type W = { gi: number; id: string; path: string; text: string; omitted: string[]; partial: string[]; weakened: string[] };
  const weak: W[] = [];
  groups.forEach((g, gi) =>
    g.requirements.forEach((r) => {
      const w: W = { gi, id: r.id, path: r.path, text: r.text, omitted: [], partial: [], weakened: [] };
      for (const d of g.diffs) {
        const q = reqIn(d, r.id);
        const doc = findDoc(a, d.plan);
        const n = doc ? shortName(doc) : refKey(d.plan);
        if (q?.status === 'omitted') w.omitted.push(n);
        else if (q?.status === 'partial') w.partial.push(n);
        else if (q?.changes.some((c) => c.kind === 'qualifier' || c.kind === 'list' || c.kind === 'frequency' || c.kind === 'number' || c.kind === 'day')) w.weakened.push(n);
      }
      if (w.omitted.length + w.partial.length + w.weakened.length) weak.push(w);
    }),
  );
  weak.sort((x, y) => y.omitted.length + y.partial.length - (x.omitted.length + x.partial.length) || y.weakened.length - x.weakened.length || (x.path < y.path ? -1 : 1));
  const topWeak = weak.slice(0, 15);
  const weakRows: BarRow[] = topWeak.map((w) => ({
    label: `${w.path} ${w.text}`,
    href: `matrix.html#${encodeURIComponent(`w-${w.gi}-${w.id}`)}`,
    title: w.text,
    segs: [
      { value: w.omitted.length, color: STATUS_COLOR.omitted[0], label: STATUS_LABEL.omitted },
      { value: w.partial.length, color: STATUS_COLOR.partial[0], label: STATUS_LABEL.partial },
      { value: w.weakened.length, color: '#fee08b', label: 'Đổi thông số' },
    ],
  }));
  yield* figure(
    'bo-sot',
    SECTIONS[1][1],
    `Số kế hoạch bỏ sót (đỏ), chỉ thực hiện một phần (cam) hoặc đổi thông số (vàng) của mỗi yêu cầu; ${weak.length} yêu cầu, hiện ${topWeak.length} yêu cầu đầu. Bấm để xem cách từng kế hoạch diễn đạt.`,
    hbarSvg(weakRows, { aria: 'Yêu cầu bị bỏ sót nhiều nhất', labelWidth: 340, unit: ' KH' }),
    `<tr><th>Mục</th><th>Yêu cầu</th><th>Bỏ sót</th><th>Một phần</th><th>Đổi thông số</th></tr>`,
    mapped(weak, (w) => `<tr><td class="path">${esc(w.path)}</td><td>${link('matrix.html', `w-${w.gi}-${w.id}`, clip(w.text, 160))}</td><td>${esc(w.omitted.join(', '))}</td><td>${esc(w.partial.join(', '))}</td><td>${esc(w.weakened.join(', '))}</td></tr>`),
  );
  yield '\n';

  // 3. changed parameters × plan, and frequencies of recurring duties × plan
  const kinds = Object.keys(CHANGE_LABEL).filter((k) => a.diffs.some((d) => d.requirements.some((r) => r.changes.some((c) => c.kind === k))));
  const planCols = plans.map((p) => ({ label: name(p), href: planPage(p.d.plan) + '#thay-doi' }));
  const changed = (k: string, p: (typeof plans)[number]) => p.d.requirements.filter((r) => r.changes.some((c) => c.kind === k));
  const changeGrid = kinds.length
    ? gridSvg(
        kinds.map((k) => CHANGE_LABEL[k]),
        planCols,
        (r, c) => {
          const reqs = changed(kinds[r], plans[c]);
          return { n: reqs.reduce((n, q) => n + q.changes.filter((x) => x.kind === kinds[r]).length, 0), href: reqs[0] ? `${planPage(plans[c].d.plan)}#${encodeURIComponent(reqAnchor(reqs[0]))}` : planCols[c].href, title: `${planCols[c].label} — ${CHANGE_LABEL[kinds[r]]}` };
        },
        'Thông số thay đổi theo kế hoạch',
      )
    : '';
  yield* figure(
    'thong-so',
    SECTIONS[2][1],
    `Số thông số (ngày, tần suất, con số, mức độ, danh sách, cơ quan) mỗi kế hoạch đổi so với văn bản gốc. Bấm ô để mở yêu cầu.`,
    changeGrid,
    `<tr><th>Kế hoạch</th><th>Loại</th><th>Mục</th><th>Văn bản gốc ghi</th><th>Kế hoạch ghi</th></tr>`,
    mapped(plans, (p) => p.d.requirements.flatMap((r) => r.changes.map((c) => `<tr><td>${link(planPage(p.d.plan), reqAnchor(r), name(p))}</td><td>${esc(CHANGE_LABEL[c.kind] ?? c.kind)}</td><td class="path">${esc(r.path)}</td><td>${esc(c.from ?? '')}</td><td>${esc(c.to ?? '')}${c.note ? ` <span class="muted small">(${esc(c.note)})</span>` : ''}</td></tr>`)).join('')),
  );
  yield '\n';
  const cal = calendarRows(a);
  const freqOf = (r: (typeof cal)[number]) => r.events.filter((e) => e.rrule).map((e) => rruleVi(e.rrule));
  const freqs = [...new Set(cal.flatMap(freqOf))].sort();
  // each plan's rows, and each row's frequencies, found once (not per cell of the grid)
  const calOf = new Map<unknown, { row: (typeof cal)[number]; freqs: string[] }[]>();
  for (const x of cal) {
    if (!calOf.has(x.plan)) calOf.set(x.plan, []);
    calOf.get(x.plan)!.push({ row: x, freqs: freqOf(x) });
  }
  const freqGrid = freqs.length
    ? gridSvg(
        freqs,
        plans.map((p) => ({ label: name(p), href: 'calendar.html' })),
        (r, c) => {
          const rows = (calOf.get(plans[c].doc) ?? []).filter((x) => x.freqs.includes(freqs[r])).map((x) => x.row);
          return { n: rows.length, href: rows[0] ? `${planPage(plans[c].d.plan)}#${encodeURIComponent(anchorFor(rows[0].plan, rows[0].deadline.path, rows[0].deadline.span) ?? '')}` : 'calendar.html', title: `${name(plans[c])} — ${freqs[r]}: ${rows.map((x) => x.deadline.text).join('; ')}` };
        },
        'Tần suất các việc định kỳ theo kế hoạch',
      )
    : '';
  yield* figure(
    'tan-suat',
    SECTIONS[3][1],
    `Số việc định kỳ của mỗi kế hoạch theo tần suất (ngày họp hằng tháng, hằng quý, hằng năm…), từ câu chữ của kế hoạch.`,
    freqGrid,
    `<tr><th>Kế hoạch</th><th>Vị trí</th><th>Nguyên văn</th><th>Tần suất</th></tr>`,
    mapped(
      cal.filter((r) => freqOf(r).length),
      (r) => `<tr><td>${esc(shortName(r.plan))}</td><td>${link(planPage(r.plan.source), anchorFor(r.plan, r.deadline.path, r.deadline.span), r.deadline.path, 'path')}</td><td>${esc(r.deadline.text)}</td><td>${esc(freqOf(r).join(' + '))}</td></tr>`,
    ),
  );
  yield '\n';

  // 4. local additions that recur across plans
  const items = additionItems(a.diffs);
  const clusters = clusterAdditions(items)
    .map((g) => ({ g, plans: new Set(g.map((i) => items[i].plan)).size }))
    .sort((x, y) => y.plans - x.plans || y.g.length - x.g.length);
  const shared = clusters.filter((c) => c.plans > 1);
  const addRows: BarRow[] = shared.slice(0, 15).map((c, k) => ({
    label: items[c.g[0]].text,
    href: 'matrix.html#bo-sung-0',
    title: `Nhóm ${k + 1}: ${c.plans} kế hoạch, ${c.g.length} đoạn — ${items[c.g[0]].text}`,
    segs: [{ value: c.plans, color: '#2166ac', label: 'Số kế hoạch' }],
  }));
  yield* figure(
    'bo-sung',
    SECTIONS[4][1],
    `${shared.length} nhóm nội dung do hai kế hoạch trở lên cùng bổ sung (nhóm theo độ tương đồng); độ dài thanh là số kế hoạch. Ví dụ trong bảng dưới.`,
    hbarSvg(addRows, { aria: 'Nội dung bổ sung lặp lại', labelWidth: 380, unit: ' KH' }),
    `<tr><th>Nhóm</th><th>Số kế hoạch</th><th>Số đoạn</th><th>Ví dụ</th></tr>`,
    mapped(
      shared,
      (c, k) =>
        `<tr><td>${k + 1}</td><td>${c.plans}</td><td>${c.g.length}</td><td><ul>${c.g
          .slice(0, 4)
          .map((i) => {
            const it = items[i];
            const x = it.diff.additions[it.index];
            const doc = findDoc(a, it.diff.plan);
            return `<li><b>${esc(doc ? shortName(doc) : it.plan)}</b> ${link(planPage(it.diff.plan), anchorFor(doc, x.path, x.span), '§ ' + x.path, 'path')}: ${esc(clip(x.text, 220))}</li>`;
          })
          .join('')}</ul></td></tr>`,
    ),
  );
  yield '\n';

  // 5. dated deadlines per month
  const dated = cal.filter((r) => r.events.length && !r.events.some((e) => e.rrule));
  const months = [...new Set(dated.map((r) => r.start!.slice(0, 7)))].sort();
  const monthCols = months.map((m) => {
    const rows = dated.filter((r) => r.start!.startsWith(m));
    return { label: `${m.slice(5)}/${m.slice(0, 4)}`, value: rows.length, href: 'calendar.html', title: rows.map((r) => `${shortName(r.plan)}: ${r.deadline.text}`).join('\n') };
  });
  yield* figure(
    'theo-thang',
    SECTIONS[5][1],
    `Thời hạn có ngày cụ thể (không tính việc định kỳ), theo tháng của ngày cuối cùng được phép. Bấm cột để mở lịch.`,
    vbarSvg(monthCols, 'Thời hạn theo tháng'),
    `<tr><th>Tháng</th><th>Ngày</th><th>Kế hoạch</th><th>Thời hạn (nguyên văn)</th><th>Câu trong kế hoạch</th></tr>`,
    mapped(dated, (r) => `<tr><td>${esc(r.start!.slice(5, 7) + '/' + r.start!.slice(0, 4))}</td><td>${esc(viDate(r.start))}</td><td>${link(planPage(r.plan.source), anchorFor(r.plan, r.deadline.path, r.deadline.span), shortName(r.plan))}</td><td>${esc(r.deadline.text)}</td><td>${esc(clip(r.sentence, 200))}</td></tr>`),
  );
}
