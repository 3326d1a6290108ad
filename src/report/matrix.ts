/**
 * The cross-plan page: plans × requirements of each base as a heat map (sortable,
 * filterable), how each plan worded each requirement, and the local additions of
 * all plans grouped by similarity.
 */
import type { DiffResult, Requirement, Status } from '../model.js';
import { clusterAdditions, type ClusterItem } from './cluster.js';
import { type Analysis, STATUS_LABEL, STATUS_ORDER, anchorFor, docName, docPage, findDoc, pct, planPage, refKey, shortName } from './common.js';
import { esc } from './esc.js';
import { chip, joinParts, legend, link, pageParts, wordDiff } from './html.js';
import { NAV, reqAnchor } from './plan.js';

export interface BaseGroup {
  base: DiffResult['base'];
  diffs: DiffResult[];
  /** requirements of the base, in the base's order (union over the diffs by id) */
  requirements: Pick<Requirement, 'id' | 'path' | 'text' | 'span'>[];
}

/** A plan's requirement by id (the matrix asks for every requirement × plan). */
const BY_ID = new WeakMap<DiffResult, Map<string, Requirement>>();
export function reqIn(d: DiffResult, id: string): Requirement | undefined {
  let m = BY_ID.get(d);
  if (!m) BY_ID.set(d, (m = new Map(d.requirements.map((r) => [r.id, r]))));
  return m.get(id);
}

/** Diffs grouped by their base, in a stable order. */
export function baseGroups(a: Analysis): BaseGroup[] {
  const m = new Map<string, BaseGroup & { seen: Set<string> }>();
  for (const d of a.diffs) {
    const k = refKey(d.base);
    if (!m.has(k)) m.set(k, { base: d.base, diffs: [], requirements: [], seen: new Set() });
    const g = m.get(k)!;
    g.diffs.push(d);
    for (const r of d.requirements)
      if (!g.seen.has(r.id)) {
        g.seen.add(r.id);
        g.requirements.push({ id: r.id, path: r.path, text: r.text, span: r.span });
      }
  }
  for (const g of m.values()) g.requirements.sort((x, y) => x.span[0] - y.span[0] || (x.id < y.id ? -1 : 1));
  return [...m.entries()].sort(([x], [y]) => (x < y ? -1 : 1)).map(([, { seen: _, ...g }]) => g);
}

const short = (s: string, n = 150) => (s.length > n ? s.slice(0, n - 4).replace(/\s+\S*$/, '') + ' …' : s);

export interface AdditionItem extends ClusterItem {
  diff: DiffResult;
  index: number;
}

export function additionItems(diffs: DiffResult[]): AdditionItem[] {
  return diffs.flatMap((d) => d.additions.map((x, index) => ({ plan: refKey(d.plan), text: x.text, diff: d, index })));
}

function* matrixTable(a: Analysis, g: BaseGroup, gi: number): Generator<string> {
  const id = `matrix-${gi}`;
  const plans = g.diffs.map((d) => ({ d, doc: findDoc(a, d.plan) }));
  const head = `<tr><th>Mục</th><th>Yêu cầu của văn bản gốc</th>${plans.map(({ d, doc }) => `<th title="${esc(doc ? docName(doc) + ' — ' + (doc.meta.title ?? '') : d.plan.file)}">${link(planPage(d.plan), null, doc ? shortName(doc) : d.plan.file)}</th>`).join('')}<th title="Số kế hoạch bỏ sót hoặc chỉ thực hiện một phần">Số KH thiếu</th></tr>`;
  yield `<div class="tools"><input type="search" placeholder="Lọc theo nội dung yêu cầu…" data-filter="${id}" aria-label="Lọc yêu cầu"><select data-status="${id}" aria-label="Chỉ hiện dòng có tình trạng"><option value="">Mọi dòng</option>${STATUS_ORDER.map((k) => `<option value="${k}">Có kế hoạch «${esc(STATUS_LABEL[k])}»</option>`).join('')}</select><span class="muted small">Hiển thị <span data-count="${id}">${g.requirements.length}</span>/${g.requirements.length} yêu cầu · bấm tiêu đề cột để sắp xếp</span></div>
<table class="sortable matrix" id="${id}"><thead>${head}</thead><tbody>`;
  // one row at a time (the whole table is plans × requirements)
  for (const [ri, r] of g.requirements.entries()) {
    const reqs = plans.map(({ d }) => reqIn(d, r.id));
    const sts = reqs.map((q) => q?.status ?? null);
    const weak = sts.filter((s) => s === 'omitted' || s === 'partial').length;
    let cells = '';
    for (const [i, { d }] of plans.entries()) {
      const s = sts[i];
      const req = reqs[i];
      if (!s || !req) {
        cells += `<td class="cell st-none" data-sort="9">—</td>`;
        continue;
      }
      const score = req.matches[0]?.score;
      cells += `<td class="cell st-${s}" data-sort="${STATUS_ORDER.indexOf(s)}" title="${esc(`${STATUS_LABEL[s]}${score !== undefined ? ` · điểm ${score.toFixed(2)}` : ''}${req.changes.length ? ` · ${req.changes.length} thay đổi` : ''}`)}">${link(planPage(d.plan), reqAnchor(req), STATUS_LABEL[s] + (req.changes.length ? ' Δ' : ''))}</td>`;
    }
    yield `<tr class="fi" data-statuses="${esc([...new Set(sts.filter(Boolean))].join(' '))}"><td class="path" data-sort="${ri}">${esc(r.path)}</td><td class="req">${link('matrix.html', `w-${gi}-${r.id}`, short(r.text))}</td>${cells}<td data-sort="${weak}">${weak}</td></tr>`;
  }
  const foot = `<tr><th></th><th>Tỷ lệ bao phủ</th>${plans.map(({ d }) => `<th>${esc(pct(d.summary.coverage))}</th>`).join('')}<th></th></tr>`;
  yield `</tbody><tfoot>${foot}</tfoot></table>`;
}

function* wordingSection(a: Analysis, g: BaseGroup, gi: number): Generator<string> {
  const docs = g.diffs.map((d) => findDoc(a, d.plan));
  for (const [ri, r] of g.requirements.entries()) {
    let per = '';
    for (const [di, d] of g.diffs.entries()) {
      const doc = docs[di];
      const req = reqIn(d, r.id);
      const m = req?.matches[0];
      per += `<tr><td>${link(planPage(d.plan), req ? reqAnchor(req) : null, doc ? shortName(doc) : d.plan.file)}</td><td>${chip(req?.status ?? null)}</td><td>${m ? `${link(planPage(d.plan), anchorFor(doc, m.path, m.span), '§ ' + m.path, 'path')} ${m.diff.length ? wordDiff(m.diff) : esc(m.text)}` : '<span class="muted">Không có nội dung tương ứng.</span>'}</td></tr>`;
    }
    const sts = g.diffs.map((d) => reqIn(d, r.id)?.status).filter((s): s is Status => !!s);
    yield `${ri ? '\n' : ''}<details class="req fi" id="${esc(`w-${gi}-${r.id}`)}" data-statuses="${esc([...new Set(sts)].join(' '))}"><summary><span class="path">${esc(r.path)}</span> ${sts.map((s) => chip(s)).join(' ')} ${esc(short(r.text, 170))}</summary><div><p><b>Văn bản gốc:</b> ${esc(r.text)}</p><table><thead><tr><th>Kế hoạch</th><th>Tình trạng</th><th>Cách diễn đạt trong kế hoạch</th></tr></thead><tbody>${per}</tbody></table></div></details>`;
  }
}

function* additionsSection(a: Analysis, diffs: DiffResult[]): Generator<string> {
  const items = additionItems(diffs);
  if (!items.length) {
    yield '<p class="muted">Không có nội dung bổ sung.</p>';
    return;
  }
  const groups = clusterAdditions(items);
  const shared = groups.filter((g) => new Set(g.map((i) => items[i].plan)).size > 1);
  const single = groups.filter((g) => new Set(g.map((i) => items[i].plan)).size <= 1);
  const member = (i: number) => {
    const it = items[i];
    const doc = findDoc(a, it.diff.plan);
    const x = it.diff.additions[it.index];
    return `<li><b>${esc(doc ? shortName(doc) : it.diff.plan.file)}</b> ${link(planPage(it.diff.plan), anchorFor(doc, x.path, x.span), '§ ' + x.path, 'path')}: ${esc(x.text)}</li>`;
  };
  const singles = single.reduce((n, g) => n + g.length, 0);
  yield `<p>${shared.length} nhóm nội dung được từ hai kế hoạch trở lên cùng bổ sung (độ tương đồng Jaccard trên cặp âm tiết ≥ 0,3); ${singles} đoạn bổ sung riêng của từng kế hoạch.</p>
<div class="cards">`;
  for (const [k, g] of shared.entries()) yield `<div class="card additions-group"><h3>Nhóm ${k + 1}: ${new Set(g.map((i) => items[i].plan)).size} kế hoạch, ${g.length} đoạn</h3><ul>${g.map(member).join('')}</ul></div>`;
  if (!shared.length) yield '<p class="muted">Không có nội dung bổ sung chung.</p>';
  yield `</div>
<details class="req"><summary>Bổ sung riêng của từng kế hoạch (${singles})</summary><div><ul>`;
  for (const g of single) yield g.map(member).join('');
  yield '</ul></div></details>';
}

/** The matrix page as parts, a table row or a requirement at a time (≈ 125 MB at 2 000 plans: never one string). */
export function matrixPageParts(a: Analysis): Generator<string> {
  return pageParts({ title: 'Ma trận bao phủ', nav: NAV }, matrixBody(a));
}

function* matrixBody(a: Analysis): Generator<string> {
  const groups = baseGroups(a);
  if (!groups.length) {
    yield '<h1>Ma trận bao phủ</h1><p class="muted">Không có kế hoạch nào thực hiện một văn bản có trong kho.</p>';
    return;
  }
  for (const [gi, g] of groups.entries()) {
    const base = findDoc(a, g.base);
    const bname = base ? docName(base) : g.base.symbol ?? g.base.file;
    yield `${gi ? '\n<hr>\n' : ''}<h1>Ma trận bao phủ: ${g.diffs.length} kế hoạch thực hiện ${esc(bname)}</h1>
<p class="muted">${link(docPage(g.base), null, bname)} ${esc(base?.meta.title ?? g.base.title ?? '')} — ${g.requirements.length} yêu cầu. Mỗi ô là tình trạng của yêu cầu trong kế hoạch; bấm vào ô để xem đối chiếu chi tiết, bấm vào yêu cầu để xem cách từng kế hoạch diễn đạt. «Δ»: kế hoạch đổi thông số (ngày, tần suất, con số…).</p>
${legend()}
`;
    yield* matrixTable(a, g, gi);
    yield `
<h2 id="cach-dien-dat-${gi}">Cách từng kế hoạch diễn đạt mỗi yêu cầu</h2>
<div id="wording-${gi}">`;
    yield* wordingSection(a, g, gi);
    yield `</div>
<h2 id="bo-sung-${gi}">Nội dung bổ sung của các kế hoạch, nhóm theo độ tương đồng</h2>
`;
    yield* additionsSection(a, g.diffs);
  }
}

export function matrixPageHtml(a: Analysis): string {
  return joinParts(matrixPageParts(a));
}
