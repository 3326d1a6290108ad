/**
 * The per-plan review page: metadata, coverage summary, omissions first, changed
 * parameters, every requirement side by side with the plan's wording, local
 * additions, tasks and citations, then the plan's full text with anchors.
 */
import { type DiffResult, type Doc, type Ref, type Requirement, refKey } from '../model.js';
import {
  type Analysis,
  CHANGE_LABEL,
  DEADLINE_KIND_LABEL,
  RELATION_LABEL,
  STATUS_LABEL,
  STATUS_ORDER,
  anchorFor,
  docName,
  docPage,
  entryOfCitation,
  findDoc,
  kindTitle,
  pageOf,
  pct,
  REACHES_LABEL,
  planPage,
  statusCounts,
  viDate,
} from './common.js';
import { docTextHtml } from './doctext.js';
import { esc } from './esc.js';
import { chip, legend, link, page, statusBar, wordDiff } from './html.js';

export const NAV: [string, string][] = [
  ['index.html', 'Tổng quan'],
  ['matrix.html', 'Ma trận bao phủ'],
  ['calendar.html', 'Lịch thời hạn'],
  ['xref.html', 'Văn bản dẫn chiếu'],
  ['charts.html', 'Biểu đồ so sánh'],
  ['graph.html', 'Sơ đồ trích dẫn'],
];

export const reqAnchor = (r: Pick<Requirement, 'id'>): string => `req-${r.id}`;

export function metaTable(doc: Doc, extra: [string, string][] = []): string {
  const m = doc.meta;
  const rows: [string, string][] = [
    ['Loại văn bản', esc(kindTitle(doc))],
    ['Số, ký hiệu', esc(m.symbol ?? '—')],
    ['Ngày ban hành', esc(viDate(m.date) || '—')],
    ['Nơi ban hành', esc(m.place ?? '—')],
    ['Cơ quan ban hành', esc(m.issuer ?? '—')],
    ['Trích yếu', esc(m.title ?? '—')],
    ['Người ký', esc([m.signer.role, m.signer.name].filter(Boolean).join(' — ') || '—')],
    ['Nơi nhận', m.recipients.length ? `<details><summary>${m.recipients.length} nơi nhận</summary><ul>${m.recipients.map((r) => `<li>${esc(r)}</li>`).join('')}</ul></details>` : '—'],
    ['Tệp nguồn', esc(`${doc.source.file}${doc.source.index ? ` (văn bản thứ ${doc.source.index + 1} trong tệp)` : ''} · ${doc.source.format}`)],
    ...extra,
  ];
  return `<table class="meta">${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${v}</td></tr>`).join('')}</table>`;
}

function bodyName(doc: Doc, id: string): string {
  return doc.bodies.find((b) => b.id === id)?.name ?? id;
}

export function tasksTable(doc: Doc, pageName: string): string {
  if (!doc.tasks.length) return '<p class="muted">Không nhận diện được nhiệm vụ nào.</p>';
  const rows = doc.tasks.map((t, i) => {
    const dl = t.deadlines.map((k) => doc.deadlines[k]).filter(Boolean);
    return `<tr class="fi"><td data-sort="${i}">${link(pageName, anchorFor(doc, t.path, t.span), t.path, 'path')}</td><td>${esc(t.lead.map((b) => bodyName(doc, b)).join('; ') || '—')}</td><td>${esc(t.support.map((b) => bodyName(doc, b)).join('; '))}</td><td>${esc(t.text)}</td><td>${dl.map((d) => `${esc(d.text)} <span class="muted small">(${esc(DEADLINE_KIND_LABEL[d.kind] ?? d.kind)}${d.due ? ', ' + esc(viDate(d.due)) : ''})</span>`).join('<br>') || '—'}</td></tr>`;
  });
  return `<table class="sortable"><thead><tr><th>Vị trí</th><th>Cơ quan chủ trì</th><th>Phối hợp</th><th>Nhiệm vụ</th><th>Thời hạn</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/**
 * The link of each citation of `doc` to the document it cites: the only part of a plan's page that depends on the
 * rest of the corpus (the cross-reference index, and which documents are reviewed plans). Made in the main thread
 * and handed to the plan worker that makes the page (src/batch/plan-worker.ts).
 */
export function citationTargets(a: Analysis, doc: Doc): string[] {
  return doc.citations.map((c) => {
    const entry = entryOfCitation(a, doc, c);
    return entry?.inCorpus ? link(pageOf(a, entry.inCorpus), null, c.id) : link('xref.html', entry ? `doc-${entry.key}` : null, c.id);
  });
}

/**
 * The page of each base of a plan's chain (its base and its other bases), by refKey: whether a base is a reviewed
 * plan (its review page) or not (its text page) depends on the rest of the corpus. Made in the main thread and
 * handed, with citationTargets, to the plan worker that makes the page of a chained plan.
 */
export function chainPages(a: Analysis, bases: Ref[]): Record<string, string> {
  return Object.fromEntries(bases.map((r) => [refKey(r), pageOf(a, r)]));
}

export function citationsTable(a: Analysis, doc: Doc, pageName: string, targets: string[] = citationTargets(a, doc)): string {
  if (!doc.citations.length) return '<p class="muted">Không có trích dẫn.</p>';
  const rows = doc.citations.map((c, i) => {
    const target = targets[i];
    return `<tr><td data-sort="${i}">${link(pageName, anchorFor(doc, c.path, c.span), c.path, 'path')}</td><td>${target}</td><td>${esc([c.kind, c.date ? viDate(c.date) : null, c.issuer].filter(Boolean).join(' · '))}</td><td>${esc(RELATION_LABEL[c.relation] ?? c.relation)}</td><td>${esc(c.text)}</td></tr>`;
  });
  return `<table class="sortable"><thead><tr><th>Vị trí</th><th>Văn bản</th><th>Loại · ngày · cơ quan</th><th>Quan hệ</th><th>Trích đoạn</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function requirementBlock(a: Analysis, d: DiffResult, plan: Doc | undefined, base: Doc | undefined, r: Requirement): string {
  const me = planPage(d.plan);
  const basePage = docPage(d.base);
  const matches = r.matches.length
    ? r.matches
        .map(
          (m) =>
            `<p>${link(me, anchorFor(plan, m.path, m.span), '§ ' + m.path, 'path')} <span class="muted small">điểm khớp ${esc(m.score.toFixed(2))}</span></p><blockquote class="match">${m.diff.length ? wordDiff(m.diff) : esc(m.text)}</blockquote>`,
        )
        .join('')
    : '<p class="muted">Không tìm thấy nội dung tương ứng trong kế hoạch.</p>';
  const missing = r.missing.length ? `<p><b>Phần còn thiếu:</b></p><ul>${r.missing.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>` : '';
  const changes = r.changes.length
    ? `<p><b>Thông số thay đổi:</b></p><ul>${r.changes.map((c) => `<li>${esc(CHANGE_LABEL[c.kind] ?? c.kind)}: <del>${esc(c.from ?? '—')}</del> → <ins>${esc(c.to ?? '—')}</ins>${c.note ? ` <span class="muted">(${esc(c.note)})</span>` : ''}</li>`).join('')}</ul>`
    : '';
  const short = r.text.length > 170 ? r.text.slice(0, 165).replace(/\s+\S*$/, '') + ' …' : r.text;
  return `<details class="req fi st-b-${r.status}" id="${esc(reqAnchor(r))}" data-statuses="${esc(r.status)}"><summary><span class="path">${esc(r.path)}</span> ${chip(r.status)}${r.changes.length ? ' <span class="chip st-none">thay đổi thông số</span>' : ''} ${esc(short)}</summary><div class="side"><div><h4>Văn bản gốc ${link(basePage, anchorFor(base, r.path, r.span), '§ ' + r.path, 'path')}</h4><p class="basetext">${esc(r.text)}</p></div><div class="plantext"><h4>Kế hoạch</h4>${matches}${missing}${changes}</div></div></details>`;
}

const clip = (t: string, n: number) => (t.length > n ? t.slice(0, n - 3).replace(/\s+\S*$/, '') + ' …' : t);

/**
 * A plan naming several bases (issue 11, item 7): its diff against each other base (counts, omissions with
 * their nearest passages) and, for each intermediate plan, which requirements of the directive reach this
 * plan through it (transitive coverage, src/align/chain.ts).
 */
export function chainSection(a: Analysis, d: DiffResult, plan: Doc | undefined, pageOfBase: (r: Ref) => string = (r) => pageOf(a, r)): string {
  if (!d.chain) return '';
  const me = planPage(d.plan);
  const name = (r: DiffResult['base']) => {
    const doc = findDoc(a, r);
    return doc ? docName(doc) : r.symbol ?? r.file;
  };
  const diffs = d.chain.diffs
    .map((c) => {
      const s = c.summary;
      const om = c.requirements.filter((r) => r.status === 'omitted' || r.status === 'partial');
      const rows = om
        .map(
          (r) =>
            `<tr class="fi omission" data-statuses="${r.status}"><td class="path">${esc(r.path)}</td><td>${chip(r.status)}</td><td>${esc(r.text)}${r.missing.length ? `<div class="small"><b>Thiếu:</b> ${r.missing.map(esc).join('; ')}</div>` : ''}</td><td>${(r.matches.length ? r.matches.slice(0, 1) : r.nearMisses ?? []).map((n) => `<div class="small">${link(me, anchorFor(plan, n.path, n.span), '§ ' + n.path, 'path')} <span class="muted">(${esc(n.score.toFixed(2))})</span> «${esc(clip(n.text, 160))}»</div>`).join('') || '—'}</td></tr>`,
        )
        .join('');
      return `<h3>So với ${link(pageOfBase(c.base), null, name(c.base))} <span class="muted small">${esc(c.base.title ?? '')}</span></h3>
<p><b>Tỷ lệ bao phủ: ${esc(pct(s.coverage))}</b> — ${c.requirements.length} yêu cầu: ${STATUS_ORDER.map((k) => `${chip(k)} ${statusCounts(c)[k]}`).join(' · ')} · <b>${s.additions}</b> nội dung bổ sung</p>
${om.length ? `<table class="sortable"><thead><tr><th>Mục</th><th>Tình trạng</th><th>Nội dung yêu cầu</th><th>Gần nhất trong kế hoạch</th></tr></thead><tbody>${rows}</tbody></table>` : '<p>Kế hoạch không bỏ sót yêu cầu nào của văn bản này.</p>'}`;
    })
    .join('\n');
  const trans = d.chain.transitive
    .map((t) => {
      const s = t.summary;
      const rows = t.rows
        .map(
          (x) =>
            `<tr class="fi${x.reaches === 'no' ? ' omission' : ''}" data-statuses="${esc(x.reaches)}"><td class="path">${esc(x.path)}</td><td>${esc(clip(x.text, 160))}</td><td>${chip(x.intermediate)}</td><td>${esc(x.via.join(', ')) || '—'}</td><td>${x.viaStatus ? chip(x.viaStatus) : '—'}</td><td>${x.direct ? chip(x.direct) : '—'}</td><td>${esc(REACHES_LABEL[x.reaches])}</td></tr>`,
        )
        .join('');
      return `<h3>Yêu cầu của ${link(pageOfBase(t.directive), null, name(t.directive))} đến kế hoạch này qua ${link(pageOfBase(t.via), null, name(t.via))}</h3>
<p>Trong ${s.requirements} yêu cầu (không kể yêu cầu không áp dụng cho địa phương): kế hoạch cấp trên thể hiện <b>${s.carried}</b>; đến kế hoạch này qua kế hoạch cấp trên <b>${s.through}</b>, trực tiếp <b>${s.direct}</b>, tổng cộng <b>${s.reaching}</b>; không đến <b>${s.requirements - s.reaching}</b>.</p>
<table class="sortable chain"><thead><tr><th>Mục</th><th>Yêu cầu</th><th>Kế hoạch cấp trên</th><th>Qua yêu cầu</th><th>Trong kế hoạch này</th><th>Trực tiếp</th><th>Đến kế hoạch</th></tr></thead><tbody>${rows}</tbody></table>`;
    })
    .join('\n');
  return `<h2 id="chuoi">Chuỗi văn bản căn cứ</h2>
<p class="small muted">Kế hoạch thực hiện nhiều văn bản căn cứ; dưới đây là kết quả đối chiếu với từng văn bản còn lại và các yêu cầu của văn bản cấp trên đến kế hoạch này qua kế hoạch cấp trung gian.</p>
${diffs}
${trans}`;
}

/**
 * The review page of a plan. `targets`: the links of the plan's citations (citationTargets) and `pages`: the page of
 * each base of its chain (chainPages), when the page is made where the corpus is not at hand (a plan worker: `a`
 * then holds the plan, its bases and its diff only).
 */
export function planPageHtml(a: Analysis, d: DiffResult, targets?: string[], pages?: Record<string, string>): string {
  const pageOfBase = (r: Ref) => pages?.[refKey(r)] ?? pageOf(a, r);
  const plan = findDoc(a, d.plan);
  const base = findDoc(a, d.base);
  const me = planPage(d.plan);
  const title = plan ? docName(plan) : d.plan.title ?? d.plan.file;
  const s = d.summary;
  const req = [...d.requirements];
  const omitted = req.filter((r) => r.status === 'omitted' || r.status === 'partial');
  const changed = req.filter((r) => r.changes.length);

  const omissions = omitted.length
    ? `<table class="sortable" id="omissions"><thead><tr><th>Mục (văn bản gốc)</th><th>Tình trạng</th><th>Nội dung yêu cầu</th><th>Gần nhất trong kế hoạch</th></tr></thead><tbody>${omitted
        .map((r) => {
          const best = r.matches[0];
          return `<tr class="fi omission" data-statuses="${r.status}"><td>${link(me, reqAnchor(r), r.path, 'path')}</td><td data-sort="${STATUS_ORDER.indexOf(r.status)}">${chip(r.status)}</td><td>${esc(r.text)}${r.missing.length ? `<div class="small"><b>Thiếu:</b> ${r.missing.map(esc).join('; ')}</div>` : ''}</td><td>${best ? `${link(me, anchorFor(plan, best.path, best.span), '§ ' + best.path, 'path')} <span class="muted small">(${esc(best.score.toFixed(2))})</span>` : r.nearMisses?.length ? r.nearMisses.map((n) => `<div class="small">${link(me, anchorFor(plan, n.path, n.span), '§ ' + n.path, 'path')} <span class="muted">(${esc(n.score.toFixed(2))})</span> «${esc(n.text.length > 160 ? n.text.slice(0, 157) + '…' : n.text)}»</div>`).join('') : '—'}</td></tr>`;
        })
        .join('')}</tbody></table>`
    : '<p>Kế hoạch không bỏ sót yêu cầu nào của văn bản gốc.</p>';

  const changesTable = changed.length
    ? `<table class="sortable"><thead><tr><th>Mục</th><th>Loại thay đổi</th><th>Văn bản gốc</th><th>Kế hoạch</th><th>Ghi chú</th><th>Vị trí trong kế hoạch</th></tr></thead><tbody>${changed
        .flatMap((r) =>
          r.changes.map(
            (c) =>
              `<tr><td>${link(me, reqAnchor(r), r.path, 'path')}</td><td>${esc(CHANGE_LABEL[c.kind] ?? c.kind)}</td><td><del>${esc(c.from ?? '—')}</del></td><td><ins>${esc(c.to ?? '—')}</ins></td><td>${esc(c.note ?? '')}</td><td>${r.matches[0] ? link(me, anchorFor(plan, r.matches[0].path, r.matches[0].span), '§ ' + r.matches[0].path, 'path') : '—'}</td></tr>`,
          ),
        )
        .join('')}</tbody></table>`
    : '<p class="muted">Không phát hiện thông số nào bị thay đổi.</p>';

  const ADDITION_KIND = { clause: 'đoạn mới', insertion: 'chèn vào câu giữ nguyên', citation: 'văn bản mới được viện dẫn' } as const;
  const additions = d.additions.length
    ? `<table class="sortable"><thead><tr><th>Vị trí</th><th>Nội dung bổ sung</th><th>Trích dẫn</th><th>Thời hạn</th><th>Cơ quan</th></tr></thead><tbody>${d.additions
        .map(
          (x, i) =>
            `<tr class="addition"><td data-sort="${i}">${link(me, anchorFor(plan, x.path, x.span), x.path, 'path')}</td><td>${x.kind === 'clause' ? '' : `<span class="muted small">${ADDITION_KIND[x.kind]}: </span>`}${esc(x.text)}</td><td>${esc(x.citations.join('; '))}</td><td>${esc(x.deadlines.join('; '))}</td><td>${esc(x.bodies.join('; '))}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p class="muted">Không có nội dung bổ sung.</p>';

  const worst = s.worstPoints.length
    ? `<p>Các điểm bỏ sót nhiều nhất: ${s.worstPoints.map((w) => `<span class="path">${esc(w.path)}</span> (${w.omitted} bỏ sót, ${w.partial} một phần)`).join('; ')}</p>`
    : '';

  const warn = d.diagnostics.filter((x) => x.level !== 'info');
  const body = `
<h1>Rà soát: ${esc(title)}</h1>
<p class="muted">${esc(plan?.meta.title ?? d.plan.title ?? '')}</p>
<h2 id="thong-tin">Thông tin văn bản</h2>
${plan ? metaTable(plan, [['Văn bản căn cứ', `${link(docPage(d.base), null, base ? docName(base) : d.base.symbol ?? d.base.file)} <span class="muted">${esc(base?.meta.title ?? d.base.title ?? '')}</span>${(d.chain?.diffs ?? []).map((c) => { const o = findDoc(a, c.base); return `<br>${link(pageOfBase(c.base), null, o ? docName(o) : c.base.symbol ?? c.base.file)} <span class="muted">${esc(o?.meta.title ?? c.base.title ?? '')}</span> <a href="#chuoi" class="small">(chuỗi căn cứ)</a>`; }).join('')}`]]) : ''}
${warn.length ? `<ul class="small">${warn.map((x) => `<li>${esc(x.level === 'error' ? 'Lỗi' : 'Cảnh báo')}: ${esc(x.message)}</li>`).join('')}</ul>` : ''}
<h2 id="tom-tat">Tóm tắt mức độ bao phủ</h2>
<p><b>Tỷ lệ bao phủ: ${esc(pct(s.coverage))}</b> — ${d.requirements.length} yêu cầu của văn bản gốc: ${STATUS_ORDER.map((k) => `${chip(k)} ${statusCounts(d)[k]}`).join(' · ')} · <b>${s.additions}</b> nội dung bổ sung</p>
${statusBar(statusCounts(d))}
${worst}
<h2 id="bo-sot">Yêu cầu bị bỏ sót hoặc chỉ thực hiện một phần (${omitted.length})</h2>
${omissions}
<h2 id="thay-doi">Thông số bị thay đổi (${changed.reduce((n, r) => n + r.changes.length, 0)})</h2>
${changesTable}
<h2 id="doi-chieu">Đối chiếu từng yêu cầu</h2>
${legend()}
<p class="small muted">Bấm vào một yêu cầu để xem nội dung tương ứng của kế hoạch. <del>Chữ gạch đỏ</del>: có trong văn bản gốc, không có trong kế hoạch; <ins>chữ nền xanh</ins>: kế hoạch viết thêm hoặc viết khác.</p>
<div class="tools"><input type="search" placeholder="Lọc theo nội dung…" data-filter="reqs" aria-label="Lọc yêu cầu"><select data-status="reqs" aria-label="Lọc theo tình trạng"><option value="">Mọi tình trạng</option>${STATUS_ORDER.map((k) => `<option value="${k}">${esc(STATUS_LABEL[k])}</option>`).join('')}</select><button type="button" data-toggle-all="#reqs details">Mở/đóng tất cả</button> <span class="muted small">Hiển thị <span data-count="reqs">${req.length}</span>/${req.length}</span></div>
<div id="reqs">${req.map((r) => requirementBlock(a, d, plan, base, r)).join('\n')}</div>
<h2 id="bo-sung">Nội dung bổ sung của kế hoạch (${d.additions.length})</h2>
${additions}${d.chain ? '\n' + chainSection(a, d, plan, pageOfBase) : ''}
<h2 id="nhiem-vu">Nhiệm vụ và thời hạn (${plan?.tasks.length ?? 0})</h2>
${plan ? tasksTable(plan, me) : ''}
<h2 id="trich-dan">Văn bản được trích dẫn (${plan?.citations.length ?? 0})</h2>
${plan ? citationsTable(a, plan, me, targets) : ''}
<h2 id="toan-van">Toàn văn kế hoạch</h2>
${plan ? docTextHtml(plan) : '<p class="muted">Không có văn bản.</p>'}
`;
  return page({ title: `Rà soát — ${title}`, nav: NAV }, body);
}

/** A page for a document that is not a reviewed plan (the base, other directives). */
export function docPageHtml(a: Analysis, doc: Doc): string {
  const me = docPage(doc.source);
  const asBase = a.diffs.filter((d) => d.base.file === doc.source.file && d.base.index === doc.source.index);
  const plans = asBase.length
    ? `<h2>Các kế hoạch thực hiện văn bản này</h2><ul>${asBase
        .map((d) => {
          const p = findDoc(a, d.plan);
          return `<li>${link(planPage(d.plan), null, p ? docName(p) : d.plan.file)} — bao phủ ${esc(pct(d.summary.coverage))}, bỏ sót ${d.summary.omitted}</li>`;
        })
        .join('')}</ul>`
    : '';
  const body = `
<h1>${esc(docName(doc))}</h1>
<p class="muted">${esc(doc.meta.title ?? '')}</p>
<h2>Thông tin văn bản</h2>
${metaTable(doc)}
${plans}
<h2>Nhiệm vụ và thời hạn (${doc.tasks.length})</h2>
${tasksTable(doc, me)}
<h2>Văn bản được trích dẫn (${doc.citations.length})</h2>
${citationsTable(a, doc, me)}
<h2>Toàn văn</h2>
${docTextHtml(doc)}
`;
  return page({ title: docName(doc), nav: NAV }, body);
}
