/** The cross-reference index as readable Vietnamese Markdown (`rasoat index --md`, extracted/index.md). */
import type { CrossIndex } from '../model.js';
import { RELATION_LABEL } from '../vocab/labels.js';
import { kindGroup } from '../vocab/kinds.js';
import { mdText } from './esc.js';
import { viDate as formatViDate } from '../normalize/dates.js';

type Entry = CrossIndex['documents'][number];

const viDate = (iso: string | null) => (iso ? (formatViDate(iso) ?? iso) : null);
const where = (x: { file: string; index: number }) => (x.index > 0 ? `${x.file} (văn bản thứ ${x.index + 1})` : x.file);
const esc = mdText;

/** A readable Vietnamese Markdown rendering of the index, sorted by kind then date. */
export function renderIndexMarkdown(index: CrossIndex): string {
  const out: string[] = ['# Chỉ mục văn bản được trích dẫn', ''];
  const numbered = index.documents.filter((e) => !e.key.startsWith('tên:'));
  const named = index.documents.filter((e) => e.key.startsWith('tên:'));
  out.push(`${numbered.length} văn bản có số, ký hiệu; ${named.length} văn bản được nhắc tên không có số; ${index.relations.length} quan hệ; ${index.anomalies.length} bất thường.`, '');
  const label = (e: Entry) => {
    if (!e.symbol) return e.id;
    const parts = [`${e.kind ?? 'Văn bản'} số ${e.id}`];
    if (e.date) parts.push(`ngày ${viDate(e.date)}`);
    if (e.issuer) parts.push(`của ${e.issuer}${e.khoa ? ` khóa ${e.khoa}` : ''}`);
    else if (e.khoa) parts.push(`khóa ${e.khoa}`);
    return parts.join(', ');
  };
  const entryBlock = (e: Entry, head: string) => {
    out.push(`### ${esc(head)}`, '');
    if (e.title) out.push(`- Trích yếu: ${esc(e.title)}`);
    if (e.inCorpus) out.push(`- Có trong bộ văn bản: ${esc(where(e.inCorpus))}`);
    out.push(`- Được trích dẫn ${e.citedBy.length} lần, trong ${new Set(e.citedBy.map((c) => `${c.file}#${c.index}`)).size} văn bản:`);
    const byDoc = new Map<string, Entry['citedBy']>();
    for (const c of e.citedBy) byDoc.set(`${c.file}#${c.index}`, [...(byDoc.get(`${c.file}#${c.index}`) ?? []), c]);
    for (const cs of byDoc.values()) {
      const rels = [...new Set(cs.map((c) => RELATION_LABEL[c.relation]))].join(', ');
      out.push(`  - ${esc(where(cs[0]))} — ${rels}: ${cs.map((c) => `mục ${c.path || '(đầu văn bản)'} “${esc(c.quote)}”`).join('; ')}`);
    }
    for (const c of e.conflicts) out.push(`- ⚠ ${esc(c)}`);
    out.push('');
  };
  let group = '';
  for (const e of numbered) {
    const g = kindGroup(e);
    if (g !== group) {
      out.push(`## ${g}`, '');
      group = g;
    }
    entryBlock(e, label(e));
  }
  if (named.length) {
    out.push('## Văn bản được nhắc tên, không ghi số', '');
    for (const e of named) entryBlock(e, e.id);
  }
  if (index.relations.length) {
    const name = new Map(index.documents.map((e) => [e.key, label(e)]));
    out.push('## Quan hệ giữa các văn bản', '', '| Văn bản | Quan hệ | Văn bản được trích dẫn |', '|---|---|---|');
    const fromName = (k: string) => {
      const m = /^(.*)#(\d+)$/.exec(k);
      return name.get(k) ?? (m ? where({ file: m[1], index: +m[2] }) : k);
    };
    for (const r of index.relations) out.push(`| ${esc(fromName(r.from))} | ${RELATION_LABEL[r.relation]} | ${esc(name.get(r.to) ?? r.to)} |`);
    out.push('');
  }
  if (index.anomalies.length) {
    out.push('## Bất thường', '');
    for (const a of index.anomalies) out.push(`- ${esc(a)}`);
    out.push('');
  }
  return out.join('\n');
}
