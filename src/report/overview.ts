/** The site's front page: the corpus, every plan with its coverage, downloads, failures. */
import { type Analysis, diffOf, docName, refKey, findDoc, kindTitle, pageOf, pct, planPage, shortName, slug, statusCounts, viDate } from './common.js';
import { esc } from './esc.js';
import { chip, link, page, statusBar } from './html.js';
import { NAV } from './plan.js';
import { csvFilesOf } from './csv.js';
import { DOC_ROLE_LABEL } from '../vocab/columns.js';

export function overviewPageHtml(a: Analysis): string {
  const plans = a.diffs.map((d) => {
    const p = findDoc(a, d.plan);
    const b = findDoc(a, d.base);
    const s = d.summary;
    return `<tr><td>${link(planPage(d.plan), null, p ? docName(p) : d.plan.file)}<div class="muted small">${esc(p?.meta.title ?? '')}</div></td><td>${link(pageOf(a, d.base), null, b ? shortName(b) : d.base.symbol ?? d.base.file)}</td><td data-sort="${s.coverage}"><b>${esc(pct(s.coverage))}</b>${statusBar(statusCounts(d))}</td><td data-sort="${s.covered}">${s.covered}</td><td data-sort="${s.adapted}">${s.adapted}</td><td data-sort="${s.partial}">${s.partial}</td><td data-sort="${s.omitted}">${s.omitted}</td><td data-sort="${s.additions}">${s.additions}</td><td>${link(`files/${slug(d.plan)}.docx`, null, 'DOCX')}</td></tr>`;
  });
  const bases = new Set(a.diffs.map((x) => refKey(x.base)));
  const docs = a.docs.map((d) => {
    const isPlan = !!diffOf(a, d.source);
    const isBase = bases.has(refKey(d.source));
    return `<tr><td>${link(pageOf(a, d.source), null, docName(d))}</td><td>${esc(kindTitle(d))}</td><td>${esc(d.meta.symbol ?? '')}</td><td data-sort="${esc(d.meta.date ?? '')}">${esc(viDate(d.meta.date))}</td><td>${esc(d.meta.issuer ?? '')}</td><td>${esc(d.meta.title ?? '')}</td><td>${isPlan ? DOC_ROLE_LABEL.plan : isBase ? DOC_ROLE_LABEL.base : ''}</td><td class="small">${esc(d.source.file)}${d.source.index ? ` #${d.source.index}` : ''}</td></tr>`;
  });
  const body = `<h1>Rà soát việc thực hiện văn bản của Đảng</h1>
<p>${a.docs.length} văn bản trong kho${a.failures.length ? `, <b>${a.failures.length} tệp không đọc được</b>` : ''}; ${a.diffs.length} kế hoạch được đối chiếu với văn bản mà chúng thực hiện.</p>
<ul>
<li>${link('matrix.html', null, 'Ma trận bao phủ')}: các kế hoạch × các yêu cầu của văn bản gốc, cách diễn đạt của từng kế hoạch, nội dung bổ sung nhóm theo độ tương đồng.</li>
<li>${link('calendar.html', null, 'Lịch thời hạn')}: mọi thời hạn của các kế hoạch; tệp ${link('calendar.ics', null, 'calendar.ics')} cho phần mềm lịch.</li>
<li>${link('xref.html', null, 'Văn bản được dẫn chiếu')}: danh mục và sơ đồ trích dẫn.</li>
<li>Bảng tính (CSV, UTF-8, mở được bằng Excel): ${csvFilesOf(a).map(([f, label]) => link(`files/${f}`, null, label)).join(' · ')}</li>
</ul>
<h2>Kế hoạch được rà soát</h2>
<p class="small">${chip('covered')} ${chip('adapted')} ${chip('partial')} ${chip('omitted')}</p>
<table class="sortable"><thead><tr><th>Kế hoạch</th><th>Thực hiện</th><th>Bao phủ</th><th>Đầy đủ</th><th>Điều chỉnh</th><th>Một phần</th><th>Bỏ sót</th><th>Bổ sung</th><th>Báo cáo Word</th></tr></thead><tbody>${plans.join('')}</tbody></table>
<h2>Văn bản trong kho</h2>
<table class="sortable"><thead><tr><th>Văn bản</th><th>Loại</th><th>Số hiệu</th><th>Ngày</th><th>Cơ quan ban hành</th><th>Trích yếu</th><th>Vai trò</th><th>Tệp</th></tr></thead><tbody>${docs.join('')}</tbody></table>
${a.failures.length ? `<h2>Tệp không xử lý được</h2><table><thead><tr><th>Tệp</th><th>Mã lỗi</th><th>Lý do</th></tr></thead><tbody>${a.failures.map((f) => `<tr><td>${esc(f.file)}</td><td>${esc(f.code)}</td><td>${esc(f.reason)}</td></tr>`).join('')}</tbody></table>` : ''}`;
  return page({ title: 'rasoat — tổng quan', nav: NAV }, body);
}
