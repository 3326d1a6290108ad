/**
 * The interactive citation graph: every document of the corpus and what it cites,
 * implements, continues, amends or replaces, laid out and drawn by Cytoscape.js
 * (force-directed "cose" layout from a fixed start: the same picture on every load;
 * inlined: the page works offline and under the site's Content-Security-Policy,
 * nothing is fetched). Replaced documents are dashed, citations of a replaced
 * document red; the replacement chains and those citations are listed under the
 * graph with links to the exact place, with the DOT and GraphML exports.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { flaggedGraph, replacementInfo } from './citegraph.js';
import type { Relation } from '../model.js';
import { type Analysis, RELATION_LABEL, anchorFor, findDoc, pageOf, viDate } from './common.js';
import { esc } from './esc.js';
import { link, page } from './html.js';
import { NAV } from './plan.js';

let LIB: string | null = null;
/** The Cytoscape.js bundle, read once from node_modules. */
function cytoscapeBundle(): string {
  if (LIB === null) {
    const req = createRequire(import.meta.url);
    LIB = readFileSync(req.resolve('cytoscape/dist/cytoscape.min.js'), 'utf8').replace(/<\/(script)/gi, '<\\/$1');
  }
  return LIB;
}

const REL: Relation[] = ['implements', 'continues', 'amends', 'replaces', 'references'];
const REL_COLOR: Record<Relation, string> = { implements: '#b2182b', continues: '#ef8a62', amends: '#2166ac', replaces: '#542788', references: '#8c8c8c', basis: '#4d9221', mentions: '#bababa' };

/** JSON inside a <script type="application/json">: "<" escaped so no text can close the element. */
const jsonForScript = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

const APP = `
(function(){
var data=JSON.parse(document.getElementById('graph-data').textContent);
var COLORS=data.colors;
var els=[];
data.nodes.forEach(function(n){var label=n.label+(n.date?'\\n'+n.dateVi:'');var lines=label.split('\\n');var w=Math.max.apply(null,lines.map(function(l){return l.length;}))*7.8+18;els.push({group:'nodes',data:{id:n.id,label:label,w:Math.min(w,260),h:lines.length*16+12,title:n.title,href:n.href,corpus:n.inCorpus?1:0,replaced:n.replacedBy?1:0}});});
data.edges.forEach(function(e,i){els.push({group:'edges',data:{id:'e'+i,source:e.from,target:e.to,relation:e.relation,label:e.relationVi,color:e.toReplaced?'#d73027':COLORS[e.relation],stale:e.toReplaced?1:0}});});
var cy=cytoscape({container:document.getElementById('cy'),elements:els,minZoom:0.2,maxZoom:3,
style:[
{selector:'node',style:{'shape':'round-rectangle','background-color':'#fff','border-width':1,'border-color':'#999','label':'data(label)','text-wrap':'wrap','text-valign':'center','text-halign':'center','font-size':13,'font-family':'Noto Sans, DejaVu Sans, Arial, sans-serif','width':'data(w)','height':'data(h)','text-max-width':'250px','color':'#1b1f23'}},
{selector:'node[corpus = 1]',style:{'background-color':'#fde0dd','border-color':'#7a1012','border-width':2}},
{selector:'node[replaced = 1]',style:{'border-style':'dashed','border-color':'#d73027','border-width':2,'color':'#8a1010'}},
{selector:'edge',style:{'curve-style':'bezier','target-arrow-shape':'triangle','line-color':'data(color)','target-arrow-color':'data(color)','width':1.5,'font-size':10,'text-rotation':'autorotate','text-background-color':'#fff','text-background-opacity':0.8}},
{selector:'edge[stale = 1]',style:{'width':3.5,'line-style':'solid'}},
{selector:'edge[relation = "replaces"]',style:{'width':3,'line-style':'dashed'}},
{selector:'edge.show-label',style:{'label':'data(label)'}},
{selector:'.faded',style:{'opacity':0.15}},
{selector:'node:selected',style:{'border-color':'#0b4f9c','border-width':3}}
],
layout:{name:'preset'}});
// start from a deterministic circle (corpus documents inside), then let the force-directed layout pull
// what cites what together: the same picture on every load
var inner=cy.nodes('[corpus = 1]'),outer=cy.nodes('[corpus = 0]');
inner.forEach(function(n,i){var t=2*Math.PI*i/inner.length;n.position({x:200*Math.cos(t),y:200*Math.sin(t)});});
outer.forEach(function(n,i){var t=2*Math.PI*i/outer.length;n.position({x:500*Math.cos(t),y:500*Math.sin(t)});});
cy.layout({name:'cose',randomize:false,animate:false,nodeDimensionsIncludeLabels:true,idealEdgeLength:function(){return 90;},nodeRepulsion:function(){return 40000;},nodeOverlap:40,gravity:0.5,numIter:1500,componentSpacing:60,padding:20}).run();
function fitReadable(){cy.fit(undefined,20);if(cy.zoom()<0.7){cy.zoom(0.7);var r=cy.nodes('[corpus = 1]');cy.center(r.length?r:undefined);}}
fitReadable();
var info=document.getElementById('graph-info');
function show(n){
  var d=n.data();
  var lines=n.connectedEdges().map(function(e){var s=e.source(),t=e.target();return (s.id()===n.id()?'→ ':'← ')+(s.id()===n.id()?t.data('label'):s.data('label')).split('\\n')[0]+' ('+e.data('label')+(e.data('stale')?', văn bản đã bị thay thế':'')+')';});
  info.textContent='';
  var h=document.createElement('b');h.textContent=d.title;info.appendChild(h);
  var a=document.createElement('a');a.href=d.href;a.textContent=' Mở văn bản';info.appendChild(a);
  var ul=document.createElement('ul');lines.forEach(function(t){var li=document.createElement('li');li.textContent=t;ul.appendChild(li);});info.appendChild(ul);
  cy.elements().addClass('faded');n.closedNeighborhood().removeClass('faded');n.connectedEdges().addClass('show-label');
}
cy.on('tap','node',function(ev){cy.edges().removeClass('show-label');show(ev.target);});
cy.on('dbltap','node',function(ev){location.href=ev.target.data('href');});
cy.on('tap',function(ev){if(ev.target===cy){cy.elements().removeClass('faded');cy.edges().removeClass('show-label');info.textContent='Bấm vào một văn bản để xem nó trích dẫn gì và được ai trích dẫn; bấm đúp để mở.';}});
document.querySelectorAll('input[data-rel]').forEach(function(cb){cb.addEventListener('change',function(){
  var on={};document.querySelectorAll('input[data-rel]').forEach(function(x){on[x.getAttribute('data-rel')]=x.checked;});
  cy.edges().forEach(function(e){e.style('display',on[e.data('relation')]?'element':'none');});
});});
document.getElementById('graph-fit').addEventListener('click',function(){cy.fit(undefined,20);});
document.getElementById('graph-labels').addEventListener('change',function(ev){if(ev.target.checked)cy.edges().addClass('show-label');else cy.edges().removeClass('show-label');});
window.rasoatGraph=cy;
})();
`;

export function graphPageHtml(a: Analysis): string {
  const g = flaggedGraph(a);
  const info = replacementInfo(a);
  const label = (id: string) => g.nodes.find((n) => n.id === id)?.label ?? id;
  const hrefOf = (id: string) => g.nodes.find((n) => n.id === id)?.href ?? 'xref.html';
  const data = {
    colors: REL_COLOR,
    nodes: g.nodes.map((n) => ({ ...n, dateVi: n.date ? viDate(n.date) : null })),
    edges: g.edges.map((e) => ({ ...e, relationVi: RELATION_LABEL[e.relation] })),
  };
  const chains = info.chains.length
    ? `<ul>${info.chains.map((c) => `<li>${c.map((id) => `<a href="${esc(hrefOf(id))}">${esc(label(id))}</a>`).join(' → ')} <span class="muted small">(văn bản sau thay thế văn bản trước)</span></li>`).join('')}</ul>`
    : '<p class="muted">Không văn bản nào trong kho nói nó thay thế văn bản khác.</p>';
  const stale = info.stale.length
    ? `<div class="scrollx"><table class="sortable"><thead><tr><th>Văn bản trích dẫn</th><th>Vị trí</th><th>Quan hệ</th><th>Văn bản đã bị thay thế</th><th>Thay bằng</th><th>Đánh giá</th><th>Nguyên văn</th></tr></thead><tbody>${info.stale
        .map((s) => {
          const doc = findDoc(a, s.doc);
          return `<tr><td>${link(pageOf(a, s.doc), null, s.docLabel)}</td><td>${link(pageOf(a, s.doc), anchorFor(doc, s.path, s.span), s.path, 'path')}</td><td>${esc(RELATION_LABEL[s.relation])}</td><td><b>${esc(s.citedLabel)}</b></td><td>${esc(s.replacedByLabel)}</td><td>${s.afterReplacement === true ? '<b style="color:#b2182b">ban hành sau khi văn bản đã bị thay thế</b>' : s.afterReplacement === false ? 'ban hành trước khi văn bản bị thay thế' : 'văn bản trích dẫn không ghi ngày: cần kiểm tra'}</td><td><q>${esc(s.quote.length > 160 ? s.quote.slice(0, 157) + '…' : s.quote)}</q></td></tr>`;
        })
        .join('')}</tbody></table></div>`
    : '<p class="muted">Không có trích dẫn nào tới văn bản đã bị thay thế.</p>';
  const edgeRows = g.edges
    .map((e) => `<tr class="fi"><td><a href="${esc(hrefOf(e.from))}">${esc(label(e.from))}</a></td><td style="color:${REL_COLOR[e.relation]}">${esc(RELATION_LABEL[e.relation])}</td><td><a href="${esc(hrefOf(e.to))}">${esc(label(e.to))}</a>${e.toReplaced ? ' <span class="chip st-omitted">đã bị thay thế</span>' : ''}</td></tr>`)
    .join('');
  const body = `<style>#cy{width:100%;height:70vh;min-height:420px;background:#fff;border:1px solid #d0d7de;border-radius:.3rem}#graph-info{background:#fff;border:1px solid #d0d7de;padding:.5rem;border-radius:.3rem;min-height:3rem;margin:.5rem 0}.rel{white-space:nowrap;margin-right:.6rem}.scrollx{overflow-x:auto}@media (max-width:600px){#cy{height:60vh}}</style>
<h1>Sơ đồ trích dẫn</h1>
<p>${g.nodes.length} văn bản, ${g.edges.length} quan hệ trích dẫn. Ô nền hồng là văn bản có trong kho; viền đứt đỏ là văn bản đã bị thay thế; mũi tên đỏ đậm là trích dẫn tới văn bản đã bị thay thế. Kéo để di chuyển, cuộn để phóng to. Tải về: <a href="files/citations.graphml" download>GraphML</a> (Gephi, yEd, networkx), <a href="files/citations.dot" download>DOT</a> (Graphviz).</p>
<div class="tools">${REL.map((r) => `<label class="rel"><input type="checkbox" data-rel="${r}" checked> <span style="color:${REL_COLOR[r]}">■</span> ${esc(RELATION_LABEL[r])}</label>`).join('')}<label class="rel"><input type="checkbox" id="graph-labels"> hiện tên quan hệ</label><button type="button" id="graph-fit">Xem toàn bộ</button></div>
<div id="cy" role="img" aria-label="Sơ đồ trích dẫn tương tác"></div>
<div id="graph-info" aria-live="polite">Bấm vào một văn bản để xem nó trích dẫn gì và được ai trích dẫn; bấm đúp để mở.</div>
<h2 id="thay-the">Chuỗi thay thế</h2>
${chains}
<h2 id="trich-dan-van-ban-bi-thay-the">Trích dẫn văn bản đã bị thay thế (${info.stale.length})</h2>
${stale}
<h2 id="quan-he">Mọi quan hệ trích dẫn</h2>
<div class="tools"><input type="search" placeholder="Lọc theo văn bản, quan hệ…" data-filter="edges" aria-label="Lọc quan hệ"><span class="muted small">Hiển thị <span data-count="edges">${g.edges.length}</span>/${g.edges.length}</span></div>
<div class="scrollx"><table class="sortable" id="edges"><thead><tr><th>Văn bản</th><th>Quan hệ</th><th>Văn bản được trích dẫn</th></tr></thead><tbody>${edgeRows}</tbody></table></div>
<script type="application/json" id="graph-data">${jsonForScript(data)}</script>`;
  // the library and the page's code run as scripts allowed by their hashes in the page's CSP
  return page({ title: 'Sơ đồ trích dẫn', nav: NAV, scripts: [cytoscapeBundle(), APP] }, body);
}
