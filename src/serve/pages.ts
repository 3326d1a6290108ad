/**
 * Server-rendered pages of the workbench (Vietnamese). Every document text goes
 * through html`` (escaped); scripts come only from /static (strict CSP).
 */
import type { LetterDraft } from '../report/letter.js';
import type { BaseRow, RoundRow, UserRow } from './db.js';
import { html, raw, type Raw } from './html.js';
import { KIND_LABEL, groupByPoint, humanPath, needsReview, type Finding } from './review.js';
import { LEVEL_LABEL, STATUS_VI, planLabel, planMeta, viDate, type Overview, type PlanView } from './service.js';
import type { PlanSummary } from './store.js';
import { DECISION_LABEL } from './xlsx.js';

export interface PageCtx {
  user: UserRow | null;
  accounts: boolean;
  csrf: string;
}

export function layout(ctx: PageCtx, title: string, page: string, body: Raw, data: Record<string, string> = {}): string {
  const attrs = Object.entries(data).map(([k, v]) => html` data-${raw(k)}="${v}"`);
  return html`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf" content="${ctx.csrf}">
<title>${title} — Rà soát kế hoạch</title>
<link rel="stylesheet" href="/static/app.css"><script src="/static/app.js" defer></script></head>
<body data-page="${page}"${attrs}>
<header class="top"><a href="/" class="brand">Rà soát kế hoạch</a>
<span class="who">${ctx.user ? html`${ctx.user.name}${ctx.accounts ? html` · <button type="button" id="logout" class="link">Đăng xuất</button>` : ''}` : ''}</span></header>
<main>${body}</main>
</body></html>`.s;
}

export function loginPage(ctx: PageCtx): string {
  return layout(
    ctx,
    'Đăng nhập',
    'login',
    html`<h1>Đăng nhập</h1>
<form id="login-form" class="card narrow">
<label>Tên người dùng <input name="name" autocomplete="username" required></label>
<label>Mật khẩu <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Đăng nhập</button><p class="msg" id="login-msg" role="alert"></p></form>`,
  );
}

export function roundsPage(ctx: PageCtx, rounds: (RoundRow & { plans: number })[]): string {
  return layout(
    ctx,
    'Các đợt rà soát',
    'rounds',
    html`<h1>Các đợt rà soát</h1>
<table class="list"><thead><tr><th>Đợt rà soát</th><th>Hạn</th><th>Số kế hoạch</th><th>Tạo lúc</th></tr></thead><tbody>
${rounds.map((r) => html`<tr><td><a href="/rounds/${r.id}">${r.title}</a></td><td>${viDate(r.due_date) ?? ''}</td><td>${r.plans}</td><td>${viDate(r.created_at)}</td></tr>`)}
${rounds.length ? '' : html`<tr><td colspan="4" class="muted">Chưa có đợt rà soát nào.</td></tr>`}
</tbody></table>
<h2>Tạo đợt rà soát mới</h2>
<form id="new-round" class="card narrow">
<label>Tên đợt <input name="title" required maxlength="200" placeholder="Rà soát kế hoạch thực hiện Chỉ thị 50-CT/TW"></label>
<label>Hạn gửi lại <input name="due" type="date"></label>
<label>Văn bản gốc (chỉ thị, nghị quyết…: DOCX, PDF hoặc TXT) <input name="base" type="file" required accept=".docx,.pdf,.txt,.md"></label>
<button type="submit">Tạo đợt</button><p class="msg" id="round-msg" role="alert"></p></form>`,
  );
}

const STATUS_CLASS: Record<string, string> = { queued: 'st-wait', analysing: 'st-run', done: 'st-ok', failed: 'st-fail' };

/** The issuer, number and date of a plan, editable: for a text that does not carry them (a copy without its header). */
function metaForm(p: PlanSummary): Raw {
  const m = planMeta(p);
  return html`<details class="meta small"${m.symbol && m.date ? '' : ' data-missing="1"'}><summary>${m.symbol && m.date ? 'Sửa đơn vị, số, ngày' : 'Nhập số, ngày của văn bản'}</summary>
<form class="meta-form" data-plan="${p.id}"><label>Đơn vị ban hành <input name="issuer" maxlength="200" value="${m.issuer ?? ''}"></label>
<label>Số, ký hiệu <input name="symbol" maxlength="60" placeholder="125-KH/TU" value="${m.symbol ?? ''}"></label>
<label>Ngày <input name="date" type="date" value="${m.date ?? ''}"></label> <button type="submit">Lưu</button></form></details>`;
}

export function planRow(p: PlanSummary, dupLabel: string | null): Raw {
  return html`<tr data-plan="${p.id}" data-status="${p.status}">
<td>${p.status === 'done' ? html`<a href="/plans/${p.id}">${planLabel(p)}</a>` : planLabel(p)}<div class="muted small">${p.name}</div>${p.status === 'done' ? metaForm(p) : ''}</td>
<td>${p.level ? LEVEL_LABEL[p.level] ?? p.level : ''}</td>
<td><span class="status ${STATUS_CLASS[p.status] ?? ''}">${STATUS_VI[p.status] ?? p.status}</span>${p.fail_reason ? html`<div class="fail">${p.fail_reason}</div>` : ''}${dupLabel ? html`<div class="warn">Trùng với: ${dupLabel}</div>` : ''}</td>
<td>${p.status === 'failed' ? html`<button type="button" class="reanalyse" data-plan="${p.id}">Phân tích lại</button>` : ''}</td></tr>`;
}

export function roundPage(ctx: PageCtx, r: RoundRow, base: BaseRow | undefined, plans: PlanSummary[]): string {
  const byId = new Map(plans.map((p) => [p.id, p]));
  const cur = new Map<string, PlanSummary>();
  for (const p of plans) if (!cur.has(p.series_id) || cur.get(p.series_id)!.version < p.version) cur.set(p.series_id, p);
  return layout(
    ctx,
    r.title,
    'round',
    html`<nav class="crumbs"><a href="/">Các đợt rà soát</a> › ${r.title}</nav>
<h1>${r.title}</h1>
<p>Văn bản gốc: <b>${base ? [base.symbol ? `Số ${base.symbol}` : base.name, base.title ?? ''].join(' ') : 'chưa có'}</b> (phiên bản ${r.base_version})${r.due_date ? html` · Hạn gửi lại: ${viDate(r.due_date)}` : ''}
· <a href="/rounds/${r.id}/overview">Tổng hợp</a> · <a href="/rounds/${r.id}/print">Bản in A4</a> · <a href="/api/rounds/${r.id}/checklist.xlsx">Bảng rà soát (XLSX)</a></p>
<section class="card">
<h2>Tải kế hoạch lên</h2>
<div id="drop" class="drop" tabindex="0">Kéo và thả các tệp kế hoạch (DOCX, PDF, TXT) vào đây, hoặc <label class="link">chọn tệp<input id="files" type="file" multiple accept=".docx,.pdf,.txt,.md" hidden></label>.</div>
<label class="small">Là bản sửa đổi của: <select id="revision-of"><option value="">(tự nhận biết theo đơn vị và số, ký hiệu)</option>
${[...cur.values()].filter((p) => p.status === 'done').map((p) => html`<option value="${p.id}">${planLabel(p)}</option>`)}</select></label>
<ul id="uploads" class="uploads"></ul>
</section>
<section class="card"><h2>Kế hoạch trong đợt (${plans.length})</h2>
<table class="list" id="plans"><thead><tr><th>Kế hoạch</th><th>Cấp</th><th>Trạng thái</th><th></th></tr></thead><tbody>
${plans.map((p) => planRow(p, p.duplicate_of && byId.get(p.duplicate_of) ? planLabel(byId.get(p.duplicate_of)!) : null))}
</tbody></table></section>
<details class="card"><summary>Thay văn bản gốc</summary><p class="small">Các kế hoạch sẽ được phân tích lại; ý kiến đã ghi trên nội dung văn bản gốc bị thay đổi sẽ được đánh dấu cần xem lại.</p>
<form id="new-base"><input name="base" type="file" required accept=".docx,.pdf,.txt,.md"> <button type="submit">Thay văn bản gốc</button><p class="msg" id="base-msg" role="alert"></p></form></details>`,
    { round: r.id },
  );
}

function decisionBadge(fv: PlanView['findings'][number]): Raw {
  const s = fv.state;
  if (!s) return html`<span class="badge none">Chưa xem</span>`;
  const v = s.verdict;
  const label = v.decision ? DECISION_LABEL[v.decision] ?? v.decision : 'Ghi chú';
  return html`<span class="badge d-${v.decision ?? 'note'}">${label}</span>${s.suspect ? html` <span class="badge suspect" title="${s.baseChanged ? 'Nội dung văn bản gốc đã thay đổi' : 'Đoạn văn của kế hoạch đã thay đổi'}">Cần xem lại</span>` : ''}${s.kept ? html` <span class="badge kept">Giữ từ bản trước</span>` : ''}
<span class="muted small">${v.user_name}, ${v.created_at.slice(0, 16).replace('T', ' ')}</span>${v.reason ? html`<div class="small">Lý do: ${v.reason}</div>` : ''}${v.note ? html`<div class="small">Ghi chú: ${v.note}</div>` : ''}${v.decision === 'link' ? html`<div class="small">Liên kết: ${v.link_path} — ${v.link_text}</div>` : ''}`;
}

function passageDiff(f: Finding): Raw {
  if (!f.passages.length) return html`<p class="muted">Không tìm thấy đoạn tương ứng trong kế hoạch.</p>`;
  return html`${f.kind === 'omitted' ? html`<p class="muted small">Không có đoạn tương ứng; các đoạn gần nhất:</p>` : ''}${f.passages.map(
    (p) => html`<blockquote><span class="path">${p.path}</span> ${p.text}</blockquote>`,
  )}`;
}

/** The actions on a finding and their keys (the labels are the vocabulary's decisions). */
const ACTIONS: [string, string][] = [['agree', 'a'], ['disagree', 'r'], ['not-applicable', 'n'], ['link', 'l'], ['note', 'c']];

function findingCard(fv: PlanView['findings'][number], i: number): Raw {
  const f = fv.f;
  return html`<article class="finding k-${f.kind}" tabindex="-1" data-i="${i}" data-key="${f.key}" data-base-fp="${f.baseFp}" data-plan-fp="${f.planFp}" data-kind="${f.kind}">
<header><span class="kind">${KIND_LABEL[f.kind]}</span> <span class="muted">${f.point === '+' ? f.path : humanPath(f.path)}</span> <span class="verdict">${decisionBadge(fv)}</span></header>
${f.kind === 'not-applicable' && f.applicability ? html`<p class="na-reason"><b>Lý do không áp dụng:</b> ${f.applicability.reason}</p>` : ''}
<div class="sides"><div class="side"><h4>Văn bản gốc</h4>${f.baseText ? html`<p>${f.baseText}</p>` : html`<p class="muted">(không có trong văn bản gốc)</p>`}
${f.missing.length ? html`<p class="small">Còn thiếu: ${f.missing.map((m) => html`<mark>${m}</mark> `)}</p>` : ''}
${f.changes.length ? html`<ul class="small">${f.changes.map((c) => html`<li>${c.from ?? '∅'} → ${c.to ?? '∅'}${c.note ? html` (${c.note})` : ''}</li>`)}</ul>` : ''}</div>
<div class="side"><h4>Kế hoạch</h4>${passageDiff(f)}</div></div>
<footer class="actions">${ACTIONS.map(([act, key], i) => html`${i ? ' ' : ''}<button type="button" data-act="${act}" data-label="${DECISION_LABEL[act] ?? 'Ghi chú'}">${DECISION_LABEL[act] ?? 'Ghi chú'} <kbd>${key}</kbd></button>`)}</footer>
</article>`;
}

export function reviewPage(ctx: PageCtx, r: RoundRow, v: PlanView): string {
  const review = v.findings.filter((x) => needsReview(x.f));
  const covered = v.findings.length - review.length;
  const groups = groupByPoint(review.map((x) => x.f));
  const byKey = new Map(review.map((x) => [x.f.key, x]));
  let i = 0;
  const ch = v.changes;
  return layout(
    ctx,
    v.label,
    'review',
    html`<nav class="crumbs"><a href="/">Các đợt rà soát</a> › <a href="/rounds/${r.id}">${r.title}</a> › ${v.label}</nav>
<h1>${v.label}</h1>
<p class="muted">${v.plan.title ?? ''} · tệp ${v.plan.name}${v.versions.length > 1 ? html` · các bản: ${v.versions.map((x) => (x.id === v.plan.id ? html`<b>bản ${x.version}</b> ` : html`<a href="/plans/${x.id}">bản ${x.version}</a> `))}` : ''}</p>
${v.baseOutdated ? html`<p class="warn">Văn bản gốc đã được thay; kế hoạch đang chờ phân tích lại.</p>` : ''}
<p id="progress">Cần xem: <b id="n-review">${v.counts.review}</b> · đã có ý kiến: <b id="n-decided">${v.counts.decided}</b> · cần xem lại: <b id="n-suspect">${v.counts.suspect}</b> · giữ từ bản trước: <b id="n-kept">${v.counts.kept}</b> · đã đáp ứng: ${covered}
· <a href="/plans/${v.plan.id}/letter">Soạn công văn góp ý</a></p>
${ch && v.since
  ? html`<section class="card" id="changes"><h2>Thay đổi so với ${v.since.reason === 'letter' ? 'lần góp ý trước' : 'bản trước'} (bản ${v.since.plan.version})</h2>
<p>Đã khắc phục: <b>${ch.fixed.length}</b> · mới phát sinh: <b>${ch.introduced.length}</b> · đoạn văn thay đổi: <b>${ch.modified.length}</b> · không đổi: ${ch.unchanged}</p>
${ch.fixed.length ? html`<details><summary>Các nội dung đã khắc phục</summary><ul>${ch.fixed.map((f) => html`<li>${humanPath(f.path)}: ${f.baseText || f.passages[0]?.text}</li>`)}</ul></details>` : ''}</section>`
  : ''}
<p class="small muted">Phím tắt: <kbd>j</kbd>/<kbd>k</kbd> chuyển mục · <kbd>a</kbd> đồng ý · <kbd>r</kbd> không đồng ý · <kbd>n</kbd> không áp dụng · <kbd>l</kbd> liên kết · <kbd>c</kbd> ghi chú</p>
<div id="findings">${groups.map(
      (g) => html`<section class="point"><h2 class="sticky">${g.point === '+' ? 'Nội dung bổ sung của kế hoạch' : `Điểm ${g.point}`} <span class="muted small">(${g.findings.length})</span></h2>
${g.findings.map((f) => findingCard(byKey.get(f.key)!, i++))}</section>`,
    )}</div>
${review.length ? '' : html`<p>Không có nội dung nào cần xem.</p>`}
<dialog id="dlg"><form method="dialog" id="dlg-form"><h3 id="dlg-title"></h3>
<input id="dlg-filter" placeholder="Lọc đoạn văn…" hidden>
<select id="dlg-select" size="8" hidden>${v.segments.map((s) => html`<option value="${s.path}">${s.path} — ${s.text.slice(0, 160)}</option>`)}</select>
<input id="dlg-text" maxlength="2000"><div class="row"><button value="ok" type="submit">Lưu</button> <button value="cancel" type="button" id="dlg-cancel">Hủy</button></div></form></dialog>`,
    { plan: v.plan.id },
  );
}

export function letterPage(ctx: PageCtx, r: RoundRow, v: PlanView, d: LetterDraft, saved: boolean): string {
  const lines = (a: string[]) => a.join('\n');
  return layout(
    ctx,
    'Công văn góp ý',
    'letter',
    html`<nav class="crumbs"><a href="/">Các đợt rà soát</a> › <a href="/rounds/${r.id}">${r.title}</a> › <a href="/plans/${v.plan.id}">${v.label}</a> › Công văn</nav>
<h1>Công văn góp ý</h1><p class="muted small">${saved ? 'Bản nháp đã lưu.' : 'Bản nháp lập từ các nội dung đã “đồng ý”; sửa rồi bấm Lưu.'}</p>
<form id="letter" class="letter">
<div class="grid2"><label>Cơ quan ban hành (mỗi dòng một cấp)<textarea name="organ" rows="2">${lines(d.organ)}</textarea></label>
<label>Số, ký hiệu<input name="number" value="${d.number}"></label>
<label>Địa danh<input name="place" value="${d.place}"></label><label>Ngày<input name="date" type="date" value="${d.date}"></label></div>
<label>Trích yếu<input name="subject" value="${d.subject}"></label>
<label>Kính gửi<input name="recipient" value="${d.recipient}"></label>
<label>Mở đầu<textarea name="intro" rows="3">${d.intro}</textarea></label>
<div id="points">${d.points.map(
      (p, i) => html`<fieldset class="pt"><legend>Mục ${i + 1}</legend><input name="heading" value="${p.heading}"><textarea name="items" rows="${Math.min(12, 2 + p.items.length * 2)}">${p.items.join('\n\n')}</textarea></fieldset>`,
    )}</div>
<label>Kết thúc<textarea name="closing" rows="2">${d.closing}</textarea></label>
<div class="grid2"><label>Ký (mỗi dòng: T/M…, K/T…, T/L…, chức vụ)<textarea name="signature" rows="3">${lines(d.signature)}</textarea></label>
<label>Người ký<input name="signer" value="${d.signer}"></label></div>
<label>Nơi nhận (mỗi dòng một nơi)<textarea name="recipients" rows="3">${lines(d.recipients)}</textarea></label>
<div class="row"><button type="submit">Lưu</button> <button type="button" id="export">Xuất công văn (DOCX)</button> <button type="button" id="regenerate">Lập lại từ các ý kiến</button> <span id="letter-msg" class="msg" role="status"></span></div>
</form>`,
    { plan: v.plan.id },
  );
}

const CELL_CHAR: Record<string, string> = { omitted: '✕', partial: '◐', changed: '≠', adapted: '~', covered: '', 'not-applicable': '–' };

export function overviewPage(ctx: PageCtx, r: RoundRow, o: Overview): string {
  const levels = [...new Set(o.rows.map((x) => x.plan.level ?? 'unknown'))];
  return layout(
    ctx,
    `Tổng hợp — ${r.title}`,
    'overview',
    html`<nav class="crumbs"><a href="/">Các đợt rà soát</a> › <a href="/rounds/${r.id}">${r.title}</a> › Tổng hợp</nav>
<h1>Tổng hợp: ${o.rows.length} kế hoạch × ${o.requirements.length} yêu cầu</h1>
${o.pending.length ? html`<p class="warn">${o.pending.length} kế hoạch đang chờ hoặc đang phân tích.</p>` : ''}${o.failed.length ? html`<p class="fail">${o.failed.length} tệp không phân tích được (xem trang đợt rà soát).</p>` : ''}
<form id="filters" class="filters">
<label>Cấp <select name="level"><option value="">Tất cả</option>${levels.map((l) => html`<option value="${l}">${LEVEL_LABEL[l] ?? l}</option>`)}</select></label>
<label>Kết quả <select name="status"><option value="">Tất cả</option>${(['omitted', 'partial', 'changed', 'adapted'] as const).map((k) => html`<option value="${k}">${KIND_LABEL[k]}</option>`)}</select></label>
<label>Tình trạng rà soát <select name="review"><option value="">Tất cả</option><option value="unreviewed">Còn nội dung chưa xem</option><option value="suspect">Có ý kiến cần xem lại</option><option value="done">Đã xem hết</option><option value="duplicate">Tệp trùng</option></select></label>
<span class="legend small">✕ bỏ sót · ◐ một phần · ≠ thay đổi thông số · ~ cụ thể hóa · ô viền: đã có ý kiến · ô vàng: cần xem lại</span></form>
<div class="matrix-wrap"><table class="matrix" id="matrix"><thead>
<tr><th class="corner" rowspan="3">Kế hoạch (đơn vị — số, ngày)</th>${o.points.map((p) => html`<th class="pt" colspan="${p.count}" data-point="${p.point}">Điểm ${p.point}</th>`)}<th rowspan="3">Chưa xem</th></tr>
<tr>${o.requirements.map((q, i) => html`<th class="rq" data-col="${i}" title="${q.path}: ${q.text}">${q.key.split('#')[1] ?? ''}</th>`)}</tr>
<tr class="counts">${o.requirements.map((q, i) => {
      const c = o.counts.get(q.key);
      const n = c ? c.omitted + c.partial + c.changed : 0;
      return html`<th data-col="${i}" title="Bỏ sót ${c?.omitted ?? 0} · một phần ${c?.partial ?? 0} · thay đổi ${c?.changed ?? 0}">${n || ''}</th>`;
    })}</tr>
</thead><tbody>
${o.rows.map(
      (row) => html`<tr data-level="${row.plan.level ?? 'unknown'}" data-unreviewed="${row.unreviewed}" data-suspect="${row.suspect}" data-duplicate="${row.duplicateOf ? 1 : 0}">
<th class="label"><a href="/plans/${row.plan.id}">${row.label}</a> <span class="muted small">${row.plan.name}</span>${row.duplicateOf ? html`<div class="warn small">Trùng với: ${row.duplicateOf}</div>` : ''}</th>
${o.requirements.map((q, i) => {
        const c = row.cells.get(q.key);
        const k = c?.kind ?? 'none';
        return html`<td data-col="${i}" data-s="${k}" class="c-${k}${c?.decision ? ' decided' : ''}${c?.suspect ? ' suspect' : ''}" title="${q.path}: ${KIND_LABEL[k as keyof typeof KIND_LABEL] ?? ''}">${CELL_CHAR[k] ?? ''}</td>`;
      })}<td class="num">${row.unreviewed}</td></tr>`,
    )}
</tbody></table></div>`,
    { round: r.id },
  );
}

export function printPage(ctx: PageCtx, r: RoundRow, views: PlanView[]): string {
  return layout(
    ctx,
    `Bản in — ${r.title}`,
    'print',
    html`<h1>${r.title}</h1><p class="muted">Bản in khổ A4, mỗi kế hoạch một phần, nội dung đối chiếu đầy đủ.</p>
${views.map(
      (v) => html`<section class="print-plan"><h2>${v.label}</h2><p class="small">${v.plan.title ?? ''}</p>
${groupByPoint(v.findings.filter((x) => needsReview(x.f)).map((x) => x.f)).map(
        (g) => html`<h3>${g.point === '+' ? 'Nội dung bổ sung' : `Điểm ${g.point}`}</h3>${g.findings.map((f) => {
          const st = v.findings.find((x) => x.f.key === f.key)?.state;
          return html`<div class="pf"><p><b>${KIND_LABEL[f.kind]}</b> — ${f.point === '+' ? f.path : humanPath(f.path)}${st?.verdict.decision ? html` · <i>${DECISION_LABEL[st.verdict.decision] ?? ''}</i>` : ''}${st?.suspect ? ' · cần xem lại' : ''}</p>
<table class="ev"><tr><td>${f.baseText}</td><td>${f.passages.map((p) => html`<p>${p.text}</p>`)}</td></tr></table>${st?.verdict.note ? html`<p class="small">Ghi chú: ${st.verdict.note}</p>` : ''}</div>`;
        })}`,
      )}</section>`,
    )}`,
  );
}

export function errorPage(ctx: PageCtx, status: number, message: string): string {
  return layout(ctx, 'Lỗi', 'error', html`<h1>${status === 404 ? 'Không tìm thấy' : status === 403 ? 'Không có quyền' : 'Có lỗi'}</h1><p>${message}</p><p><a href="/">Về trang đầu</a></p>`);
}
