/**
 * The page shell of the report site: one HTML file per page, CSS and JS inline,
 * no external resource of any kind (works from file:// and offline).
 */
import { createHash } from 'node:crypto';
import type { Status } from '../model.js';
import { esc, href } from './esc.js';
import { STATUS_COLOR, STATUS_LABEL } from './common.js';

const CSS = `
*{box-sizing:border-box}
body{font:15px/1.5 "Noto Sans","Segoe UI",Roboto,Arial,sans-serif;margin:0;color:#1b1f23;background:#fafafa}
header.top{background:#7a1012;color:#fff;padding:.5rem 1rem;display:flex;gap:1.2rem;align-items:baseline;flex-wrap:wrap}
header.top a{color:#fff;text-decoration:none}header.top a:hover{text-decoration:underline}
header.top .brand{font-weight:700;font-size:1.1rem}
main{max-width:1400px;margin:0 auto;padding:1rem 1.5rem 3rem}
h1{font-size:1.45rem;margin:.6rem 0}h2{font-size:1.2rem;margin:1.6rem 0 .5rem;border-bottom:2px solid #7a1012;padding-bottom:.2rem}
h3{font-size:1.05rem;margin:1rem 0 .4rem}
table{border-collapse:collapse;width:100%;background:#fff;margin:.4rem 0}
th,td{border:1px solid #d0d7de;padding:.3rem .5rem;vertical-align:top;text-align:left}
th{background:#f0f0f0}
table.sortable th{cursor:pointer;user-select:none}table.sortable th:after{content:" ⇅";color:#999;font-size:.8em}
table.meta th{width:14rem}table.meta td ul{margin:.2rem 0}table.meta summary{cursor:pointer}
.nowrap{white-space:nowrap}
.chip{display:inline-block;padding:0 .45rem;border-radius:.6rem;font-size:.85em;white-space:nowrap}
${(Object.keys(STATUS_COLOR) as Status[]).map((s) => `.st-${s}{background:${STATUS_COLOR[s][0]};color:${STATUS_COLOR[s][1]}}`).join('\n')}
.st-none{background:#eee;color:#555}
.bar{display:flex;height:1.1rem;border-radius:.3rem;overflow:hidden;min-width:12rem;background:#eee}
.bar span{display:block;height:100%}
.muted{color:#666}.small{font-size:.85em}.path{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85em;white-space:nowrap}
ins{background:#c8f7c5;text-decoration:none}del{background:#ffd0d0;color:#8a1010}
.side{display:grid;grid-template-columns:1fr 1fr;gap:.8rem}
.side>div{background:#fff;border:1px solid #d0d7de;padding:.5rem;border-radius:.3rem}
.side h4{margin:0 0 .3rem;font-size:.85rem;color:#555}
details.req{background:#fff;border:1px solid #d0d7de;border-left:6px solid #999;margin:.35rem 0;border-radius:.25rem}
${(Object.keys(STATUS_COLOR) as Status[]).map((s) => `details.req.st-b-${s}{border-left-color:${STATUS_COLOR[s][0]}}`).join('\n')}
details.req>summary{cursor:pointer;padding:.35rem .5rem;list-style-position:inside}
details.req>div{padding:.5rem}
.doctext{background:#fff;border:1px solid #d0d7de;padding:1rem 1.3rem;border-radius:.3rem}
.seg{margin:.15rem 0 .15rem 0;padding:.05rem .3rem;border-radius:.2rem;white-space:pre-wrap}
.seg .seg{margin-left:1.2rem}
.seg .lbl{font-weight:700;margin-right:.3rem}
.seg .hd{font-weight:700}
.seg:target,.hl{background:#fff3b0;outline:2px solid #f0c000}
.k-header,.k-recipients,.k-signature{color:#444;font-size:.92em}
.k-footnote{font-size:.88em;color:#444}
.matrix td.cell{text-align:center;white-space:nowrap;min-width:5.5rem}
.matrix td.cell a{color:inherit;text-decoration:none;display:block}
.matrix td.req{max-width:46rem}
.tools{display:flex;gap:.8rem;align-items:center;flex-wrap:wrap;margin:.5rem 0}
.tools input[type=search]{padding:.3rem .5rem;min-width:22rem;font-size:1rem}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(20rem,1fr));gap:.8rem}
.card{background:#fff;border:1px solid #d0d7de;border-radius:.3rem;padding:.7rem}
.card h3{margin-top:0}
.legend .chip{margin-right:.3rem}
blockquote{margin:.3rem 0;padding:.2rem .6rem;border-left:3px solid #bbb;background:#fff}
svg text{font:12px sans-serif}
.hidden{display:none}
@media print{header.top,.tools{display:none}details.req{break-inside:avoid}}
`;

const JS = `
(function(){
function fold(s){return (s||'').normalize('NFD').replace(/[\\u0300-\\u036f]/g,'').replace(/đ/g,'d').replace(/Đ/g,'D').toLowerCase();}
function key(td){var v=td.getAttribute('data-sort');if(v===null)v=td.textContent.trim();var n=Number(v);return v!==''&&!isNaN(n)?n:fold(v);}
document.querySelectorAll('table.sortable').forEach(function(t){
  t.querySelectorAll('thead th').forEach(function(th,i){th.addEventListener('click',function(){
    var tb=t.tBodies[0],rows=Array.prototype.slice.call(tb.rows),dir=th.getAttribute('data-dir')==='asc'?'desc':'asc';
    t.querySelectorAll('thead th').forEach(function(o){o.removeAttribute('data-dir');});th.setAttribute('data-dir',dir);
    rows.sort(function(a,b){var x=key(a.cells[i]),y=key(b.cells[i]);var c=(typeof x===typeof y)?(x<y?-1:x>y?1:0):(typeof x==='number'?-1:1);return dir==='asc'?c:-c;});
    rows.forEach(function(r){tb.appendChild(r);});
  });});
});
function applyFilter(id){
  var t=document.getElementById(id);if(!t)return;
  var q=document.querySelector('[data-filter="'+id+'"]'),s=document.querySelector('[data-status="'+id+'"]');
  var qv=q?fold(q.value.trim()):'',sv=s?s.value:'',n=0;
  t.querySelectorAll('.fi').forEach(function(r){
    var ok=(!qv||fold(r.textContent).indexOf(qv)>=0)&&(!sv||(' '+(r.getAttribute('data-statuses')||'')+' ').indexOf(' '+sv+' ')>=0);
    r.classList.toggle('hidden',!ok);if(ok)n++;
  });
  var c=document.querySelector('[data-count="'+id+'"]');if(c)c.textContent=String(n);
}
document.querySelectorAll('[data-filter],[data-status]').forEach(function(el){
  var id=el.getAttribute('data-filter')||el.getAttribute('data-status');
  el.addEventListener('input',function(){applyFilter(id);});el.addEventListener('change',function(){applyFilter(id);});
});
document.querySelectorAll('[data-toggle-all]').forEach(function(b){b.addEventListener('click',function(){
  var open=b.getAttribute('data-open')!=='1';b.setAttribute('data-open',open?'1':'0');
  document.querySelectorAll(b.getAttribute('data-toggle-all')).forEach(function(d){d.open=open;});
});});
function reveal(){
  var h=location.hash.slice(1);try{h=decodeURIComponent(h);}catch(e){}if(!h)return;var el=document.getElementById(h);if(!el)return;
  for(var p=el;p;p=p.parentElement)if(p.tagName==='DETAILS')p.open=true;
  if(el)el.scrollIntoView({block:'center'});
}
window.addEventListener('hashchange',reveal);reveal();
})();
`;

/** The one script of the pages, allowed by its hash: no other inline script (injected or not) can run. */
const SCRIPT_HASH = `'sha256-${createHash('sha256').update(JS).digest('base64')}'`;

export interface PageOptions {
  title: string;
  /** links shown in the top bar: [href, label] */
  nav: [string, string][];
  /** further scripts of the page, from the code (never from document text), each allowed by its own hash */
  scripts?: string[];
}

const hashOf = (js: string) => `'sha256-${createHash('sha256').update(js).digest('base64')}'`;

export function page(opts: PageOptions, body: string): string {
  const [head, tail] = pageShell(opts);
  return head + body + tail;
}

/** The page around its body: what comes before it and what comes after (page() is head + body + tail). */
export function pageShell(opts: PageOptions): [string, string] {
  const extra = opts.scripts ?? [];
  const hashes = [SCRIPT_HASH, ...extra.map(hashOf)].join(' ');
  return [
    `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src ${hashes}; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<title>${esc(opts.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header class="top"><span class="brand">rasoat</span>${opts.nav.map(([h, l]) => `<a href="${esc(h)}">${esc(l)}</a>`).join('')}</header>
<main>
`,
    `
</main>
<script>${JS}</script>${extra.map((js) => `\n<script>${js}</script>`).join('')}
</body>
</html>
`,
  ];
}

/** A page whose body comes in parts (a large page is never one string: see pageFile). */
export function* pageParts(opts: PageOptions, body: Iterable<string>): Generator<string> {
  const [head, tail] = pageShell(opts);
  yield head;
  yield* body;
  yield tail;
}

/** All parts as one string (for callers that want the page as a string, e.g. tests). */
export const joinParts = (parts: Iterable<string>): string => {
  let s = '';
  for (const p of parts) s += p;
  return s;
};

export function chip(s: Status | null, text?: string): string {
  if (!s) return `<span class="chip st-none">${esc(text ?? 'Không có')}</span>`;
  return `<span class="chip st-${s}">${esc(text ?? STATUS_LABEL[s])}</span>`;
}

export function statusBar(counts: Record<Status, number>): string {
  const total = Object.values(counts).reduce((a, b) => a + b, 0) || 1;
  const parts = (['covered', 'adapted', 'partial', 'omitted'] as Status[])
    .filter((s) => counts[s] > 0)
    .map((s) => `<span class="st-${s}" style="width:${((counts[s] / total) * 100).toFixed(2)}%" title="${esc(STATUS_LABEL[s])}: ${counts[s]}"></span>`);
  return `<div class="bar" role="img" aria-label="${esc((['covered', 'adapted', 'partial', 'omitted'] as Status[]).map((s) => `${STATUS_LABEL[s]} ${counts[s]}`).join(', '))}">${parts.join('')}</div>`;
}

export function legend(): string {
  return `<p class="legend small">${(['covered', 'adapted', 'partial', 'omitted'] as Status[]).map((s) => chip(s)).join(' ')} <span class="chip st-none">Không áp dụng</span></p>`;
}

/** Word-level changes of a match: base words removed in <del>, plan words added in <ins>. */
export function wordDiff(diff: { op: '=' | '+' | '-'; text: string }[]): string {
  return diff.map((c) => (c.op === '=' ? esc(c.text) : c.op === '+' ? `<ins>${esc(c.text)}</ins>` : `<del>${esc(c.text)}</del>`)).join('');
}

export function link(page: string, anchor: string | null | undefined, label: string, cls = ''): string {
  return `<a${cls ? ` class="${esc(cls)}"` : ''} href="${href(page, anchor)}">${esc(label)}</a>`;
}
