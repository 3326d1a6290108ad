/**
 * The citation graph as data: every document of the corpus and every document it
 * cites, with the strongest relation per pair (implements, continues, amends,
 * replaces, references); replacement chains ("10-CT/TW → 50-CT/TW") and the
 * citations that still point at a replaced document. Written as Graphviz DOT and
 * GraphML, and drawn by the interactive page (src/report/graphpage.ts).
 */
import type { Relation } from '../model.js';
import { type Analysis, RELATION_LABEL, type Ref, docName, findDoc, refKey, shortName, viDate } from './common.js';
import { type GraphEdge, type GraphNode, citationGraph } from './xrefpage.js';

export interface ReplacementInfo {
  /** node id of a replaced document → node id of the document that replaces it */
  replacedBy: Map<string, string>;
  /** chains oldest first: ["10-CT/TW@2007-03-30", "50-CT/TW@2025-07-23"] */
  chains: string[][];
  /** citations of a replaced document by another document than the one replacing it */
  stale: StaleCitation[];
}

export interface StaleCitation {
  doc: Ref;
  docLabel: string;
  path: string;
  span: [number, number];
  quote: string;
  relation: Relation;
  cited: string;
  citedLabel: string;
  replacedBy: string;
  replacedByLabel: string;
  /** the citing document is dated on or after the replacing one (true), before it (false), or undated (null) */
  afterReplacement: boolean | null;
}

/** The graph node id of a relation end: an index key, or a corpus document ("file#n"). */
function nodeIdOf(a: Analysis, end: string): string {
  if (a.index.documents.some((e) => e.key === end)) return end;
  const e = a.index.documents.find((x) => x.inCorpus && refKey(x.inCorpus) === end);
  return e ? e.key : `file:${end}`;
}

const REPL = new WeakMap<Analysis, ReplacementInfo>();
export function replacementInfo(a: Analysis): ReplacementInfo {
  const hit = REPL.get(a);
  if (hit) return hit;
  const replacedBy = new Map<string, string>();
  for (const r of a.index.relations) if (r.relation === 'replaces') replacedBy.set(nodeIdOf(a, r.to), nodeIdOf(a, r.from));
  const replacing = new Set(replacedBy.values());
  const chains: string[][] = [];
  for (const start of replacedBy.keys()) {
    // start at a document that replaces nothing that is itself replaced: walk back to the oldest
    if ([...replacedBy.entries()].some(([, by]) => by === start)) continue;
    const chain = [start];
    for (let n = replacedBy.get(start); n && !chain.includes(n); n = replacedBy.get(n)) chain.push(n);
    chains.push(chain);
  }
  chains.sort((x, y) => (x[0] < y[0] ? -1 : 1));
  const label = (id: string) => a.index.documents.find((e) => e.key === id)?.id ?? id.replace(/^file:/, '');
  const dateOf = (id: string) => a.index.documents.find((e) => e.key === id)?.date ?? null;
  const stale: StaleCitation[] = [];
  for (const e of a.index.documents) {
    const by = replacedBy.get(e.key);
    if (!by) continue;
    for (const c of e.citedBy) {
      if (c.relation === 'replaces') continue;
      const from = nodeIdOf(a, refKey(c));
      if (from === by || replacing.has(from)) continue;
      const doc = findDoc(a, c);
      const dDate = doc?.meta.date ?? null;
      const rDate = dateOf(by);
      stale.push({
        doc: { file: c.file, index: c.index },
        docLabel: doc ? shortName(doc) : refKey(c),
        path: c.path,
        span: [c.span[0], c.span[1]],
        quote: c.quote,
        relation: c.relation,
        cited: e.key,
        citedLabel: e.id,
        replacedBy: by,
        replacedByLabel: label(by),
        afterReplacement: dDate && rDate ? dDate >= rDate : null,
      });
    }
  }
  const info = { replacedBy, chains, stale };
  REPL.set(a, info);
  return info;
}

export interface FlaggedGraph {
  nodes: (GraphNode & { kind: string | null; replacedBy: string | null; replaces: string[] })[];
  edges: (GraphEdge & { toReplaced: boolean })[];
}

/** The citation graph with replacement flags. */
export function flaggedGraph(a: Analysis): FlaggedGraph {
  const g = citationGraph(a);
  const info = replacementInfo(a);
  const kindOf = (id: string) => {
    const e = a.index.documents.find((x) => x.key === id);
    if (e) return e.kind;
    const doc = id.startsWith('file:') ? a.docs.find((d) => `file:${refKey(d.source)}` === id) : undefined;
    return doc ? docName(doc).split(' ')[0] : null;
  };
  return {
    nodes: g.nodes.map((n) => ({
      ...n,
      kind: kindOf(n.id),
      replacedBy: info.replacedBy.get(n.id) ?? null,
      replaces: [...info.replacedBy.entries()].filter(([, by]) => by === n.id).map(([old]) => old),
    })),
    edges: g.edges.map((e) => ({ ...e, toReplaced: e.relation !== 'replaces' && info.replacedBy.has(e.to) && info.replacedBy.get(e.to) !== e.from })),
  };
}

const dotStr = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
const REL_COLOR: Record<Relation, string> = { implements: '#b2182b', continues: '#ef8a62', amends: '#2166ac', replaces: '#542788', references: '#8c8c8c', basis: '#4d9221', mentions: '#bababa' };

/** Graphviz DOT: corpus documents filled, replaced documents dashed, citations of replaced documents red and bold. */
export function toDot(a: Analysis): string {
  const g = flaggedGraph(a);
  const lines = ['digraph citations {', '  graph [rankdir=LR, fontname="DejaVu Sans", label="Sơ đồ trích dẫn (rasoat)"];', '  node [shape=box, style="rounded", fontname="DejaVu Sans", fontsize=10];', '  edge [fontname="DejaVu Sans", fontsize=9];'];
  for (const n of g.nodes) {
    const style = ['rounded', ...(n.inCorpus ? ['filled'] : []), ...(n.replacedBy ? ['dashed'] : [])].join(',');
    const label = `${n.label}${n.date ? `\n${viDate(n.date)}` : ''}${n.replacedBy ? `\n(đã bị thay thế)` : ''}`;
    lines.push(`  ${dotStr(n.id)} [label=${dotStr(label)}, tooltip=${dotStr(n.title)}, style=${dotStr(style)}${n.inCorpus ? ', fillcolor="#fde0dd"' : ''}];`);
  }
  for (const e of g.edges)
    lines.push(
      `  ${dotStr(e.from)} -> ${dotStr(e.to)} [label=${dotStr(RELATION_LABEL[e.relation])}, color=${dotStr(e.toReplaced ? '#d73027' : REL_COLOR[e.relation])}${e.toReplaced ? ', penwidth=2.5, fontcolor="#d73027"' : ''}${e.relation === 'replaces' ? ', style=bold' : ''}];`,
    );
  lines.push('}');
  return lines.join('\n') + '\n';
}

const xml = (s: unknown) => String(s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** GraphML (yEd, Gephi, networkx, igraph): node and edge attributes declared as keys. */
export function toGraphML(a: Analysis): string {
  const g = flaggedGraph(a);
  const keys: [string, 'node' | 'edge', string, string][] = [
    ['label', 'node', 'label', 'string'],
    ['title', 'node', 'title', 'string'],
    ['kind', 'node', 'kind', 'string'],
    ['date', 'node', 'date', 'string'],
    ['in_corpus', 'node', 'in_corpus', 'boolean'],
    ['replaced_by', 'node', 'replaced_by', 'string'],
    ['relation', 'edge', 'relation', 'string'],
    ['relation_vi', 'edge', 'relation_vi', 'string'],
    ['to_replaced', 'edge', 'to_replaced', 'boolean'],
  ];
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...keys.map(([id, f, name, t]) => `  <key id="${id}" for="${f}" attr.name="${name}" attr.type="${t}"/>`),
    '  <graph id="citations" edgedefault="directed">',
  ];
  for (const n of g.nodes) {
    out.push(`    <node id="${xml(n.id)}">`);
    out.push(`      <data key="label">${xml(n.label)}</data>`, `      <data key="title">${xml(n.title)}</data>`);
    if (n.kind) out.push(`      <data key="kind">${xml(n.kind)}</data>`);
    if (n.date) out.push(`      <data key="date">${xml(n.date)}</data>`);
    out.push(`      <data key="in_corpus">${n.inCorpus}</data>`);
    if (n.replacedBy) out.push(`      <data key="replaced_by">${xml(n.replacedBy)}</data>`);
    out.push('    </node>');
  }
  g.edges.forEach((e, i) => {
    out.push(`    <edge id="e${i}" source="${xml(e.from)}" target="${xml(e.to)}">`);
    out.push(`      <data key="relation">${e.relation}</data>`, `      <data key="relation_vi">${xml(RELATION_LABEL[e.relation])}</data>`, `      <data key="to_replaced">${e.toReplaced}</data>`);
    out.push('    </edge>');
  });
  out.push('  </graph>', '</graphml>');
  return out.join('\n') + '\n';
}
