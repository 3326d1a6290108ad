/** Readable renderings of a DiffResult: Markdown (Vietnamese) and a simple escaped HTML page. */
import type { DiffResult } from '../model.js';
import { REACHES_LABEL } from '../vocab/labels.js';
import { CHANGE_LABEL, STATUS_LABEL, pct } from './common.js';
import { esc, mdText as md } from './esc.js';

const ref = (d: DiffResult['base']) => `${d.file}${d.index ? '#' + d.index : ''}${d.symbol ? ' (' + d.symbol + ')' : ''}${d.title ? ' — ' + d.title : ''}`;
const mdRef = (d: DiffResult['base']) => md(ref(d));
const change = (c: DiffResult['requirements'][number]['changes'][number]) =>
  `${CHANGE_LABEL[c.kind] ?? c.kind}: «${c.from ?? '—'}» → «${c.to ?? '—'}»${c.note ? ' (' + c.note + ')' : ''}`;
const diffText = (d: DiffResult['requirements'][number]['matches'][number]['diff']) =>
  d.map((w) => (w.op === '=' ? md(w.text) : w.op === '+' ? `**[+${md(w.text.trim())}]**` : `~~${md(w.text.trim())}~~`)).join('');

/** The chain section: the plan against its other bases, and the directive's requirements reaching it through the intermediate plan. */
function chainMarkdown(r: DiffResult): string[] {
  if (!r.chain) return [];
  const out: string[] = ['## Chuỗi văn bản căn cứ', ''];
  for (const d of r.chain.diffs) {
    const s = d.summary;
    out.push(
      `- So với ${mdRef(d.base)}: ${STATUS_LABEL.covered} ${s.covered}, ${STATUS_LABEL.adapted} ${s.adapted}, ${STATUS_LABEL.partial} ${s.partial}, ${STATUS_LABEL.omitted} ${s.omitted}, tỷ lệ bao phủ ${pct(s.coverage)}`,
    );
    for (const q of d.requirements.filter((x) => x.status === 'omitted'))
      out.push(`  - ${STATUS_LABEL.omitted}: ${md(q.id)} «${md(q.text)}»${q.nearMisses.length ? ` — gần nhất: ${q.nearMisses.map((n) => `${md(n.path)} (điểm ${n.score}) «${md(n.text)}»`).join('; ')}` : ''}`);
  }
  out.push('');
  for (const t of r.chain.transitive) {
    const s = t.summary;
    out.push(`### Yêu cầu của ${mdRef(t.directive)} đến kế hoạch qua ${mdRef(t.via)}`, '');
    out.push(`Trong ${s.requirements} yêu cầu: kế hoạch cấp trên thể hiện ${s.carried}; đến kế hoạch này qua kế hoạch cấp trên ${s.through}, trực tiếp ${s.direct}, tổng cộng ${s.reaching}.`, '');
    out.push('| yêu cầu | kế hoạch cấp trên | qua yêu cầu | trong kế hoạch này | trực tiếp | đến kế hoạch |', '|---|---|---|---|---|---|');
    for (const x of t.rows)
      out.push(`| ${md(x.id)} | ${STATUS_LABEL[x.intermediate]} | ${md(x.via.join(', ')) || '—'} | ${x.viaStatus ? STATUS_LABEL[x.viaStatus] : '—'} | ${x.direct ? STATUS_LABEL[x.direct] : '—'} | ${REACHES_LABEL[x.reaches]} |`);
    out.push('');
  }
  return out;
}

function chainHtml(r: DiffResult): string {
  if (!r.chain) return '';
  const diffs = r.chain.diffs
    .map((d) => {
      const s = d.summary;
      const om = d.requirements
        .filter((x) => x.status === 'omitted')
        .map((q) => `<li>${esc(q.id)} «${esc(q.text)}»${q.nearMisses.length ? `<div class="nm">gần nhất: ${q.nearMisses.map((n) => `<div>${esc(n.path)} (${n.score}): «${esc(n.text)}»</div>`).join('')}</div>` : ''}</li>`)
        .join('');
      return `<p>So với ${esc(ref(d.base))}: ${STATUS_LABEL.covered} ${s.covered} · ${STATUS_LABEL.adapted} ${s.adapted} · ${STATUS_LABEL.partial} ${s.partial} · ${STATUS_LABEL.omitted} ${s.omitted} · tỷ lệ bao phủ ${pct(s.coverage)}</p><ul>${om}</ul>`;
    })
    .join('');
  const trans = r.chain.transitive
    .map((t) => {
      const s = t.summary;
      const rows = t.rows
        .map((x) => `<tr class="${x.reaches === 'no' ? 'omitted' : ''}"><td>${esc(x.id)}</td><td>${esc(STATUS_LABEL[x.intermediate])}</td><td>${esc(x.via.join(', ')) || '—'}</td><td>${x.viaStatus ? esc(STATUS_LABEL[x.viaStatus]) : '—'}</td><td>${x.direct ? esc(STATUS_LABEL[x.direct]) : '—'}</td><td>${esc(REACHES_LABEL[x.reaches])}</td></tr>`)
        .join('\n');
      return `<h3>Yêu cầu của ${esc(ref(t.directive))} đến kế hoạch qua ${esc(ref(t.via))}</h3>
<p>Trong ${s.requirements} yêu cầu: kế hoạch cấp trên thể hiện ${s.carried}; đến kế hoạch này qua kế hoạch cấp trên ${s.through}, trực tiếp ${s.direct}, tổng cộng ${s.reaching}.</p>
<table class="chain"><tr><th>yêu cầu</th><th>kế hoạch cấp trên</th><th>qua yêu cầu</th><th>trong kế hoạch này</th><th>trực tiếp</th><th>đến kế hoạch</th></tr>
${rows}
</table>`;
    })
    .join('\n');
  return `<h2>Chuỗi văn bản căn cứ</h2>${diffs}${trans}`;
}

export function toMarkdown(r: DiffResult): string {
  const s = r.summary;
  const out: string[] = [];
  out.push(`# Rà soát kế hoạch so với văn bản gốc`, '');
  out.push(`- Văn bản gốc: ${mdRef(r.base)}`, `- Kế hoạch: ${mdRef(r.plan)}`, '');
  out.push(`## Tóm tắt`, '');
  out.push(`| ${STATUS_LABEL.covered} | ${STATUS_LABEL.adapted} | ${STATUS_LABEL.partial} | ${STATUS_LABEL.omitted} | Bổ sung | Tỷ lệ bao phủ |`, `|---|---|---|---|---|---|`);
  out.push(`| ${s.covered} | ${s.adapted} | ${s.partial} | ${s.omitted} | ${s.additions} | ${pct(s.coverage)} |`, '');
  if (s.worstPoints.length) out.push(`Điểm bị bỏ sót nhiều nhất: ${s.worstPoints.map((w) => `điểm ${md(w.path)} (bỏ sót ${w.omitted}, thiếu ${w.partial})`).join('; ')}`, '');
  for (const d of r.diagnostics) out.push(`> ${d.level === 'warning' ? '⚠' : 'ℹ'} ${md(d.message)}`, '');
  const groups: [string, string][] = [
    ['omitted', 'Yêu cầu bị bỏ sót'],
    ['partial', 'Yêu cầu thiếu một phần'],
    ['adapted', 'Yêu cầu được điều chỉnh'],
    ['not-applicable', 'Không áp dụng cho kế hoạch (không tính vào tỷ lệ bao phủ)'],
  ];
  for (const [st, title] of groups) {
    const rs = r.requirements.filter((x) => x.status === st);
    if (!rs.length) continue;
    out.push(`## ${title} (${rs.length})`, '');
    for (const q of rs) {
      out.push(`### ${md(q.id)} — điểm ${md(q.path)}`, '', `> ${md(q.text).replace(/\n/g, '\n> ')}`, '');
      if (q.missing.length) out.push(`Phần thiếu: ${q.missing.map((m) => `«${md(m)}»`).join('; ')}`, '');
      if (q.applicability && q.status === 'not-applicable') out.push(`Lý do: ${md(q.applicability.reason)}`, '');
      if (q.nearMisses?.length) out.push('Đoạn gần nhất trong kế hoạch (để kiểm tra lại):', '', ...q.nearMisses.map((n) => `- ${md(n.path)} (điểm ${n.score}): «${md(n.text)}»`), '');
      for (const c of q.changes) out.push(`- ⚑ ${md(change(c))}`);
      if (q.changes.length) out.push('');
      for (const m of q.matches) out.push(`- tại ${md(m.path)} (điểm ${m.score}): ${diffText(m.diff)}`);
      if (q.matches.length) out.push('');
    }
  }
  const changed = r.requirements.filter((x) => x.status === 'covered' && x.changes.length);
  if (changed.length) {
    out.push(`## Thay đổi tham số ở các yêu cầu giữ nguyên`, '');
    for (const q of changed) for (const c of q.changes) out.push(`- ${md(q.id)}: ${md(change(c))}`);
    out.push('');
  }
  const covered = r.requirements.filter((x) => x.status === 'covered');
  if (covered.length) out.push(`## Yêu cầu giữ nguyên (${covered.length})`, '', covered.map((q) => `${md(q.id)} → ${q.matches.map((m) => md(m.path)).join(', ')}`).join('; '), '');
  if (r.additions.length) {
    out.push(`## Nội dung bổ sung của địa phương (${r.additions.length})`, '');
    for (const a of r.additions) {
      const extra = [a.bodies.length ? `cơ quan: ${md(a.bodies.join(', '))}` : '', a.citations.length ? `văn bản: ${md(a.citations.join(', '))}` : '', a.deadlines.length ? `thời hạn: ${md(a.deadlines.join(', '))}` : '']
        .filter(Boolean)
        .join('; ');
      out.push(`- **${md(a.path)}**: ${md(a.text)}${extra ? ` _(${extra})_` : ''}`);
    }
    out.push('');
  }
  out.push(...chainMarkdown(r));
  return out.join('\n');
}

export function toHtml(r: DiffResult): string {
  const s = r.summary;
  const rows = r.requirements
    .map((q) => {
      const m = q.matches
        .map((x) => `<div class="m">${esc(x.path)} (${x.score}): ${x.diff.map((w) => (w.op === '=' ? esc(w.text) : w.op === '+' ? `<ins>${esc(w.text)}</ins>` : `<del>${esc(w.text)}</del>`)).join('')}</div>`)
        .join('');
      const c = q.changes.map((x) => `<div class="c">${esc(change(x))}</div>`).join('');
      const miss =
        (q.missing.length ? `<div class="miss">thiếu: ${q.missing.map(esc).join('; ')}</div>` : '') +
        (q.status === 'not-applicable' && q.applicability ? `<div class="miss">${esc(q.applicability.reason)}</div>` : '') +
        (q.nearMisses?.length ? `<div class="nm">gần nhất: ${q.nearMisses.map((n) => `<div>${esc(n.path)} (${n.score}): «${esc(n.text)}»</div>`).join('')}</div>` : '');
      return `<tr class="${q.status}"><td>${esc(q.id)}</td><td>${esc(STATUS_LABEL[q.status])}</td><td>${esc(q.text)}${miss}</td><td>${m}${c}</td></tr>`;
    })
    .join('\n');
  const adds = r.additions.map((a) => `<li><b>${esc(a.path)}</b>: ${esc(a.text)}${a.bodies.length ? ` <i>(${esc(a.bodies.join(', '))})</i>` : ''}</li>`).join('\n');
  const diags = r.diagnostics.map((d) => `<p class="diag">${esc(d.message)}</p>`).join('');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<title>Rà soát: ${esc(r.plan.file)}</title>
<style>body{font-family:sans-serif;max-width:1100px;margin:auto}table{border-collapse:collapse}td{border:1px solid #ccc;padding:4px;vertical-align:top}
tr.omitted{background:#fdd}tr.partial{background:#ffe7c2}tr.adapted{background:#ffffd8}ins{background:#cfc}del{background:#fcc}.c{color:#a00}.miss{color:#a50}.diag{color:#a50}</style></head>
<body><h1>Rà soát kế hoạch so với văn bản gốc</h1>
<p>Văn bản gốc: ${esc(ref(r.base))}<br>Kế hoạch: ${esc(ref(r.plan))}</p>${diags}
<p>${STATUS_LABEL.covered} ${s.covered} · ${STATUS_LABEL.adapted} ${s.adapted} · ${STATUS_LABEL.partial} ${s.partial} · ${STATUS_LABEL.omitted} ${s.omitted} · bổ sung ${s.additions} · tỷ lệ bao phủ ${pct(s.coverage)}</p>
<table><tr><th>yêu cầu</th><th>trạng thái</th><th>văn bản gốc</th><th>trong kế hoạch</th></tr>
${rows}
</table>
<h2>Nội dung bổ sung</h2><ul>${adds}</ul>
${chainHtml(r)}
</body></html>
`;
}
