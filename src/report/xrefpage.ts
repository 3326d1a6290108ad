/**
 * The cross-reference page: every cited document with its metadata and who cites
 * it (linked to the place), and the citation graph of the corpus as inline SVG
 * (layered: citing documents left, cited documents right; no library).
 */
import type { CrossIndex, Relation } from '../model.js';
import { type Analysis, RELATION_LABEL, type Ref, anchorFor, docName, findDoc, pageOf, refKey, shortName, viDate } from './common.js';
import { esc } from './esc.js';
import { link, page } from './html.js';
import { NAV } from './plan.js';

type Entry = CrossIndex['documents'][number];

export const entryAnchor = (e: Pick<Entry, 'key'>): string => `doc-${e.key}`;

const REL_RANK: Relation[] = ['implements', 'continues', 'amends', 'replaces', 'basis', 'mentions', 'references'];
const REL_COLOR: Record<Relation, string> = { implements: '#b2182b', continues: '#ef8a62', amends: '#2166ac', replaces: '#542788', basis: '#4d9221', mentions: '#bababa', references: '#8c8c8c' };

export interface GraphNode {
  id: string;
  label: string;
  title: string;
  href: string;
  inCorpus: boolean;
  date: string | null;
}
export interface GraphEdge {
  from: string;
  to: string;
  relation: Relation;
}

/** Nodes: index entries and corpus documents; edges: who cites whom (strongest relation per pair). */
export function citationGraph(a: Analysis): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes = new Map<string, GraphNode>();
  const byDoc = new Map<string, string>(); // refKey -> node id
  for (const e of a.index.documents) {
    const doc = e.inCorpus ? findDoc(a, e.inCorpus) : undefined;
    nodes.set(e.key, {
      id: e.key,
      label: e.id,
      title: [e.kind, e.id, e.date ? viDate(e.date) : null, e.issuer, e.title].filter(Boolean).join(' · '),
      href: e.inCorpus ? pageOf(a, e.inCorpus) : `xref.html#${encodeURIComponent(entryAnchor(e))}`,
      inCorpus: !!doc,
      date: e.date,
    });
    if (e.inCorpus) byDoc.set(refKey(e.inCorpus), e.key);
  }
  const nodeOfDoc = (r: Ref): string => {
    const k = refKey(r);
    if (byDoc.has(k)) return byDoc.get(k)!;
    const doc = findDoc(a, r);
    const id = `file:${k}`;
    if (!nodes.has(id))
      nodes.set(id, { id, label: doc ? shortName(doc) : k, title: doc ? `${docName(doc)} · ${doc.meta.title ?? ''}` : k, href: pageOf(a, r), inCorpus: true, date: doc?.meta.date ?? null });
    byDoc.set(k, id);
    return id;
  };
  for (const d of a.docs) nodeOfDoc(d.source);
  const edges = new Map<string, GraphEdge>();
  for (const e of a.index.documents)
    for (const c of e.citedBy) {
      const from = nodeOfDoc(c);
      if (from === e.key) continue;
      const k = `${from}\u0000${e.key}`;
      const old = edges.get(k);
      if (!old || REL_RANK.indexOf(c.relation) < REL_RANK.indexOf(old.relation)) edges.set(k, { from, to: e.key, relation: c.relation });
    }
  const sortedEdges = [...edges.values()].sort((x, y) => (x.from + x.to < y.from + y.to ? -1 : 1));
  return { nodes: [...nodes.values()].sort((x, y) => (x.id < y.id ? -1 : 1)), edges: sortedEdges };
}

/**
 * Layered layout: documents of the corpus in columns by how deep they stand in the
 * citation chain (a document no corpus document cites in column 0, what those cite
 * next …); documents outside the corpus in the last column.
 */
export function graphSvg(g: { nodes: GraphNode[]; edges: GraphEdge[] }): string {
  if (!g.nodes.length) return '';
  const inCorpus = new Set(g.nodes.filter((n) => n.inCorpus).map((n) => n.id));
  const citers = new Map<string, string[]>();
  for (const e of g.edges) if (inCorpus.has(e.from) && inCorpus.has(e.to)) citers.set(e.to, [...(citers.get(e.to) ?? []), e.from]);
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const dp = (n: string): number => {
    if (depth.has(n)) return depth.get(n)!;
    if (visiting.has(n)) return 0;
    visiting.add(n);
    const r = Math.max(-1, ...(citers.get(n) ?? []).map(dp)) + 1;
    visiting.delete(n);
    depth.set(n, r);
    return r;
  };
  g.nodes.filter((n) => n.inCorpus).forEach((n) => dp(n.id));
  const last = Math.max(-1, ...depth.values()) + 1;
  const hasOutside = g.nodes.some((n) => !n.inCorpus);
  const cols: GraphNode[][] = Array.from({ length: last + (hasOutside ? 1 : 0) }, () => []);
  for (const n of g.nodes) cols[n.inCorpus ? depth.get(n.id)! : last].push(n);
  const W = 250, GAP = 110, H = 26, VG = 8, PAD = 20;
  const pos = new Map<string, { x: number; y: number }>();
  const maxRows = Math.max(...cols.map((c) => c.length));
  cols.forEach((c, ci) => {
    const offset = ((maxRows - c.length) * (H + VG)) / 2;
    c.forEach((n, ri) => pos.set(n.id, { x: PAD + ci * (W + GAP), y: PAD + 30 + offset + ri * (H + VG) }));
  });
  const width = PAD * 2 + cols.length * W + (cols.length - 1) * GAP;
  const height = PAD * 2 + 30 + maxRows * (H + VG) + 40;
  const clip = (s: string, n = 34) => (s.length > n ? s.slice(0, n - 1) + '…' : s);
  const edges = g.edges.map((e) => {
    const a = pos.get(e.from)!;
    const b = pos.get(e.to)!;
    const x1 = a.x + W, y1 = a.y + H / 2, x2 = b.x, y2 = b.y + H / 2;
    const d = x2 > x1 ? `M${x1},${y1} C${x1 + GAP / 2},${y1} ${x2 - GAP / 2},${y2} ${x2},${y2}` : `M${a.x + W / 2},${a.y + H} C${a.x + W / 2},${a.y + H + 40} ${b.x + W / 2},${b.y + H + 40} ${b.x + W / 2},${b.y + H}`;
    return `<path d="${d}" fill="none" stroke="${REL_COLOR[e.relation]}" stroke-width="${e.relation === 'references' ? 1 : 2}" marker-end="url(#arr-${e.relation})"><title>${esc(RELATION_LABEL[e.relation])}</title></path>`;
  });
  const nodes = g.nodes.map((n) => {
    const p = pos.get(n.id)!;
    return `<a href="${esc(n.href)}"><rect x="${p.x}" y="${p.y}" width="${W}" height="${H}" rx="5" fill="${n.inCorpus ? '#fde0dd' : '#fff'}" stroke="${n.inCorpus ? '#7a1012' : '#999'}"/><text x="${p.x + 8}" y="${p.y + 17}">${esc(clip(n.label))}</text><title>${esc(n.title)}</title></a>`;
  });
  const markers = REL_RANK.map((r) => `<marker id="arr-${r}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${REL_COLOR[r]}"/></marker>`);
  const legend = REL_RANK.map((r, i) => `<g transform="translate(${PAD + i * 150},${PAD})"><line x1="0" y1="6" x2="28" y2="6" stroke="${REL_COLOR[r]}" stroke-width="2"/><text x="34" y="10">${esc(RELATION_LABEL[r])}</text></g>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Sơ đồ trích dẫn"><defs>${markers.join('')}</defs>${legend.join('')}${edges.join('')}${nodes.join('')}</svg>`;
}

export function xrefPageHtml(a: Analysis): string {
  const docs = [...a.index.documents].sort((x, y) => y.citedBy.length - x.citedBy.length || (x.key < y.key ? -1 : 1));
  const rows = docs.map((e) => {
    const cites = [...new Map(e.citedBy.map((c) => [refKey(c) + c.path, c])).values()];
    const citing = cites
      .map((c) => {
        const doc = findDoc(a, c);
        return `<li>${link(pageOf(a, c), anchorFor(doc, c.path, c.span), `${doc ? shortName(doc) : c.file} § ${c.path}`)} <span class="muted small">(${esc(RELATION_LABEL[c.relation] ?? c.relation)})</span> — <q>${esc(c.quote.length > 160 ? c.quote.slice(0, 157) + '…' : c.quote)}</q></li>`;
      })
      .join('');
    const nDocs = new Set(e.citedBy.map(refKey)).size;
    return `<tr class="fi" id="${esc(entryAnchor(e))}"><td><b>${e.inCorpus ? link(pageOf(a, e.inCorpus), null, e.id) : esc(e.id)}</b>${e.inCorpus ? ' <span class="chip st-covered">trong kho</span>' : ''}</td><td>${esc(e.kind ?? '')}</td><td data-sort="${esc(e.date ?? '')}">${esc(viDate(e.date))}</td><td>${esc(e.issuer ?? '')}</td><td>${esc(e.title ?? '')}${e.khoa ? ` <span class="muted">(khóa ${esc(e.khoa)})</span>` : ''}${e.conflicts.length ? `<div class="small" style="color:#b2182b">${e.conflicts.map(esc).join('<br>')}</div>` : ''}</td><td data-sort="${nDocs}">${nDocs} văn bản, ${e.citedBy.length} lần<details><summary class="small">chi tiết</summary><ul class="small">${citing}</ul></details></td></tr>`;
  });
  const body = `<h1>Văn bản được dẫn chiếu</h1>
<p>${a.index.documents.length} văn bản được các văn bản trong kho trích dẫn; ${a.index.documents.filter((e) => e.inCorpus).length} có trong kho. Bấm vào tên văn bản trong sơ đồ để mở.</p>
<h2>Sơ đồ trích dẫn</h2>
<p class="small muted">Mũi tên đi từ văn bản trích dẫn đến văn bản được trích dẫn; ô viền đỏ là văn bản có trong kho.</p>
<div style="overflow:auto;background:#fff;border:1px solid #d0d7de">${graphSvg(citationGraph(a))}</div>
<h2>Danh mục</h2>
<div class="tools"><input type="search" placeholder="Lọc theo số hiệu, cơ quan, trích yếu…" data-filter="xref" aria-label="Lọc văn bản"><span class="muted small">Hiển thị <span data-count="xref">${docs.length}</span>/${docs.length}</span></div>
<table class="sortable" id="xref"><thead><tr><th>Văn bản</th><th>Loại</th><th>Ngày</th><th>Cơ quan ban hành</th><th>Trích yếu</th><th>Được trích dẫn bởi</th></tr></thead><tbody>${rows.join('')}</tbody></table>
${a.index.anomalies.length ? `<h2>Điểm bất thường</h2><ul>${a.index.anomalies.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>` : ''}`;
  return page({ title: 'Văn bản được dẫn chiếu', nav: NAV }, body);
}
