/**
 * Cross-reference index over a corpus: every cited document once, with
 * metadata merged from all its citations, the places that cite it, conflicts,
 * links to documents of the corpus and the relations between them.
 *
 * A symbol alone does not identify a document (Party numbering restarts each
 * term and per issuer), so an entry's key is symbol + date when a citation
 * gives the date, else symbol + khóa, else the symbol alone; undated citations
 * join a dated entry only when the khóa or the issuer singles one out, and the
 * index says so when it cannot tell documents apart.
 */
import type { Citation, CrossIndex, Doc, Diagnostic, Relation, Result } from '../model.js';
import { collapse, matchKey } from '../normalize/vi.js';
import { KIND_ORDER, kindGroup } from '../vocab/kinds.js';
import { findCitations, symbolKey } from '../extract/citations.js';
import { inOpening } from '../segment/path.js';
import { centralTerm, issuerKey, issuerLevel, issuersCompatible } from '../extract/citations/patterns.js';

type Entry = CrossIndex['documents'][number];
interface Mention {
  c: Citation;
  doc: Doc;
}

const RELATION_RANK: Record<Relation, number> = { replaces: 6, amends: 5, continues: 4, implements: 3, basis: 2, mentions: 1, references: 0 };

function mostCommon<T>(xs: T[], keyOf: (x: T) => string = String, tie?: (a: T, b: T) => number): T | null {
  const m = new Map<string, { x: T; n: number }>();
  for (const x of xs) {
    const k = keyOf(x);
    const e = m.get(k);
    if (e) e.n++;
    else m.set(k, { x, n: 1 });
  }
  let best: { x: T; n: number } | null = null;
  for (const e of m.values()) if (!best || e.n > best.n || (e.n === best.n && tie && tie(e.x, best.x) < 0)) best = e;
  return best ? best.x : null;
}

const stripKhoa = (s: string) => collapse(s.replace(/\s*,?\s*kh(?:óa|oá)\s+[IVXLC]+\b/gu, ''));
const issuerCodeOf = (c: Citation) => (c.symbol && c.symbol.includes('/') && /^\d/.test(c.id) && c.id.includes('-') ? c.symbol.split('/').pop()! : null);
const nameKey = (s: string) => matchKey(s).replace(/kh(?:óa|oá)/gu, ' ').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const docLabel = (d: { file: string; index: number }) => `${d.file}#${d.index}`;

/**
 * The title the citations agree on: the longest title that at least one other
 * citation repeats or extends (a title run on past its end still supports its
 * core, a title cut short does not win over the complete one); with no such
 * agreement, the first one given.
 */
function coreTitle(titles: string[]): string | null {
  if (!titles.length) return null;
  const keys = titles.map((t) => matchKey(t).replace(/[\s,.;]+$/u, ''));
  const need = Math.min(2, titles.length);
  let best: string | null = null;
  titles.forEach((t, i) => {
    const n = keys.filter((k) => k === keys[i] || k.startsWith(keys[i] + ' ') || k.startsWith(keys[i] + ',')).length;
    if (n >= need && (!best || t.length > best.length)) best = t;
  });
  return best ?? titles[0];
}

/** The khóa of a mention: as written, or for a central document the term in force on its date. */
function khoaOf(c: Citation): string | null {
  if (c.khoa) return c.khoa;
  // the khóa of the Central Committee, Politburo and Secretariat (not of central departments)
  const code = issuerCodeOf(c);
  if (c.date && code?.toUpperCase() === 'TW' && (!c.issuer || issuerLevel(c.issuer) === 'trung-uong')) return centralTerm(c.date);
  return null;
}

interface Cluster {
  key: string;
  sym: string;
  date: string | null;
  khoa: string | null;
  mentions: Mention[];
  conflicts: string[];
}

/** Build the cross-reference index of a corpus. Uses `doc.citations` when present, else finds them. */
export function buildIndex(docs: Doc[]): Result<CrossIndex> {
  const diagnostics: Diagnostic[] = [];
  const anomalies: string[] = [];
  const mentions: Mention[] = [];
  for (const doc of docs) {
    const r = doc.citations?.length ? { value: doc.citations, diagnostics: doc.diagnostics.filter((d) => d.code === 'citation-anomaly') } : findCitations(doc);
    for (const d of r.diagnostics) if (d.code === 'citation-anomaly') anomalies.push(`${docLabel(doc.source)}: ${d.message}`);
    for (const c of r.value) if (c.form !== 'self') mentions.push({ c, doc });
  }

  // ---- numbered documents: group by symbol, then split by date / khóa / issuer
  const bySym = new Map<string, Mention[]>();
  const named = new Map<string, Mention[]>();
  for (const m of mentions) {
    if (m.c.form === 'named') named.set(nameKey(m.c.id), [...(named.get(nameKey(m.c.id)) ?? []), m]);
    else bySym.set(symbolKey(m.c.id), [...(bySym.get(symbolKey(m.c.id)) ?? []), m]);
  }
  const clusters: Cluster[] = [];
  for (const [sym, ms] of bySym) {
    const dated = new Map<string, Cluster>();
    for (const m of ms.filter((x) => x.c.date)) {
      const d = m.c.date!;
      if (!dated.has(d)) dated.set(d, { key: `${sym}@${d}`, sym, date: d, khoa: null, mentions: [], conflicts: [] });
      dated.get(d)!.mentions.push(m);
    }
    for (const cl of dated.values()) cl.khoa = mostCommon(cl.mentions.map((m) => khoaOf(m.c)).filter((k): k is string => !!k));
    const undated: Cluster[] = [];
    for (const m of ms.filter((x) => !x.c.date)) {
      const k = khoaOf(m.c);
      let cands = [...dated.values()];
      if (k) cands = cands.filter((cl) => !cl.khoa || cl.khoa === k);
      if (m.c.issuer) cands = cands.filter((cl) => cl.mentions.every((x) => !x.c.issuer || issuersCompatible(x.c.issuer, m.c.issuer!)));
      if (cands.length === 1) {
        cands[0].mentions.push(m);
        continue;
      }
      const key = k ? `${sym}@khóa ${k}` : sym;
      let cl = undated.find((u) => u.key === key && u.mentions.every((x) => !x.c.issuer || !m.c.issuer || issuersCompatible(x.c.issuer, m.c.issuer)));
      if (!cl) {
        cl = { key: undated.some((u) => u.key === key) ? `${key}#${undated.length + 1}` : key, sym, date: null, khoa: k, mentions: [], conflicts: [] };
        undated.push(cl);
      }
      cl.mentions.push(m);
      if (cands.length > 1) {
        const msg = `trích dẫn không ghi ngày tại ${docLabel(m.doc.source)} (${m.c.path || 'đầu văn bản'}) không phân biệt được giữa các văn bản ${cands.map((x) => x.key).join(', ')}`;
        if (!cl.conflicts.includes(msg)) cl.conflicts.push(msg);
      }
    }
    const all = [...dated.values(), ...undated];
    if (dated.size > 1) {
      const dates = [...dated.keys()].sort();
      for (const cl of dated.values())
        cl.conflicts.push(`cùng số, ký hiệu ${cl.mentions[0].c.id} còn được trích dẫn với ngày khác (${dates.filter((d) => d !== cl.date).join(', ')}): văn bản khác (số đánh lại theo khóa, theo cơ quan) hoặc ghi sai ngày`);
      anomalies.push(`${ms[0].c.id} được trích dẫn với các ngày khác nhau: ${dates.join(', ')} (${[...new Set(ms.map((m) => docLabel(m.doc.source)))].join(', ')})`);
    }
    // issuers that cannot both be right
    for (const cl of all) {
      const iss = [...new Set(cl.mentions.map((m) => m.c.issuer).filter((x): x is string => !!x))];
      const bad = iss.some((a) => iss.some((b) => !issuersCompatible(a, b)));
      if (bad) {
        const byKey = [...new Set(iss.map((x) => stripKhoa(x)))];
        cl.conflicts.push(`được ghi là của các cơ quan khác nhau: ${byKey.join('; ')}`);
        anomalies.push(`${cl.mentions[0].c.id}${cl.date ? ` (${cl.date})` : ''} được ghi là của các cơ quan khác nhau: ${byKey.join('; ')}`);
      }
    }
    clusters.push(...all);
  }

  const entries: Entry[] = clusters.map((cl) => {
    const cs = cl.mentions.map((m) => m.c);
    const own = cs.filter((c) => c.form !== 'descriptive');
    const id = mostCommon(own.length ? own.map((c) => c.id) : cs.map((c) => c.id), (x) => x) ?? cl.sym;
    const kind = mostCommon((own.length ? own : cs).map((c) => c.kind).filter((k): k is string => !!k), (k) => k.toLocaleLowerCase('vi'), (a, b) => b.length - a.length);
    const issuers = cs.filter((c) => c.form === 'full').map((c) => c.issuer).filter((x): x is string => !!x);
    const issuer = mostCommon(issuers.map(stripKhoa), (x) => issuerKey(x), (a, b) => a.length - b.length);
    const titles = cs.filter((c) => c.form !== 'descriptive').map((c) => c.title).filter((t): t is string => !!t);
    const title = coreTitle(titles.filter((t) => t.startsWith('về')).length ? titles.filter((t) => t.startsWith('về')) : titles);
    const khoa = cl.khoa ?? mostCommon(cs.map(khoaOf).filter((k): k is string => !!k));
    const first = own[0] ?? cs[0];
    return {
      key: cl.key,
      id,
      kind,
      number: first.number,
      symbol: first.symbol,
      date: cl.date,
      issuer,
      title,
      khoa,
      inCorpus: null,
      citedBy: cl.mentions.map((m) => ({ file: m.doc.source.file, index: m.doc.source.index, path: m.c.path, quote: m.c.text, relation: m.c.relation, span: m.c.span })),
      conflicts: cl.conflicts,
    };
  });

  // ---- documents named without a number
  for (const [k, ms] of named) {
    const cs = ms.map((m) => m.c);
    entries.push({
      key: `tên:${k}`,
      id: mostCommon(cs.map((c) => c.id), (x) => x, (a, b) => b.length - a.length)!,
      kind: mostCommon(cs.map((c) => c.kind).filter((x): x is string => !!x)),
      number: null,
      symbol: null,
      date: null,
      issuer: mostCommon(cs.map((c) => c.issuer).filter((x): x is string => !!x)),
      title: mostCommon(cs.map((c) => c.title).filter((x): x is string => !!x)),
      khoa: mostCommon(cs.map((c) => c.khoa ?? null).filter((x): x is string => !!x)),
      inCorpus: null,
      citedBy: ms.map((m) => ({ file: m.doc.source.file, index: m.doc.source.index, path: m.c.path, quote: m.c.text, relation: m.c.relation, span: m.c.span })),
      conflicts: [],
    });
  }

  // ---- link entries to documents of the corpus
  const docKey = new Map<Doc, string>();
  for (const doc of docs) {
    const sym = doc.meta?.symbol;
    if (!sym) continue;
    const cands = entries.filter((e) => e.symbol && symbolKey(e.id) === symbolKey(sym));
    const exact = cands.filter((e) => doc.meta.date && e.date === doc.meta.date);
    const pick = exact.length === 1 ? exact[0] : cands.length === 1 && (!doc.meta.date || !cands[0].date) ? cands[0] : null;
    if (pick) {
      pick.inCorpus = { file: doc.source.file, index: doc.source.index };
      docKey.set(doc, pick.key);
    } else if (cands.length > 1) {
      diagnostics.push({ level: 'info', code: 'index-link', message: `${docLabel(doc.source)} (${sym}) matches several index entries: ${cands.map((e) => e.key).join(', ')}` });
    }
  }

  // ---- relations from each corpus document to what it cites
  const relations: CrossIndex['relations'] = [];
  const seen = new Set<string>();
  for (const doc of docs) {
    const from = docKey.get(doc) ?? docLabel(doc.source);
    for (const e of entries) {
      if (e.key.startsWith('tên:')) continue;
      // a document implements what its opening says it implements (documentImplements); an `implements` mention in
      // its body is a task carrying the cited document out, a reference at the level of documents
      const rels = new Set(
        e.citedBy
          .filter((c) => c.file === doc.source.file && c.index === doc.source.index)
          .map((c) => (c.relation === 'implements' && !inOpening(c.path) ? 'references' : c.relation)),
      );
      if (!rels.size) continue;
      const strong = [...rels].filter((r) => r !== 'references').sort((a, b) => RELATION_RANK[b] - RELATION_RANK[a]);
      const out: Relation[] = strong.length ? strong : e.inCorpus ? ['references'] : [];
      for (const relation of out) {
        const k = `${from}|${e.key}|${relation}`;
        if (seen.has(k) || from === e.key) continue;
        seen.add(k);
        relations.push({ from, to: e.key, relation });
      }
    }
  }

  entries.sort(compareEntries);
  return { value: { documents: entries, relations, anomalies: [...new Set(anomalies)] }, diagnostics };
}

// ------------------------------------------------------------------ order

function kindRank(e: Entry): number {
  const i = KIND_ORDER.indexOf(kindGroup(e));
  return i < 0 ? KIND_ORDER.length : i;
}
function compareEntries(a: Entry, b: Entry): number {
  const na = a.key.startsWith('tên:') ? 1 : 0;
  const nb = b.key.startsWith('tên:') ? 1 : 0;
  if (na !== nb) return na - nb;
  return kindRank(a) - kindRank(b) || kindGroup(a).localeCompare(kindGroup(b), 'vi') || (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.id.localeCompare(b.id, 'vi', { numeric: true });
}
