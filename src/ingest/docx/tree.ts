/**
 * mammoth's document tree → the canonical layout: one paragraph per line, a blank line between
 * paragraphs, a footnote reference as superscript digits after the word, the footnote body as its own
 * line "¹ text" after the paragraph that references it.
 */
import type { SourceMap } from '../../normalize/markup.js';
import { toSuperscript } from '../../normalize/markup.js';

// ---------------------------------------------------------------- mammoth tree → canonical text

/* eslint-disable @typescript-eslint/no-explicit-any */
type Node = any;

const cleanLine = (s: string) =>
  s
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[ \t\u00a0\u2007\u202f]+/g, ' ')
    .trim();

export function treeToText(doc: Node): { text: string; map: SourceMap; footnotes: number } {
  /** tight: joined to the line before by one line break (inside a table), not a blank line */
  const lines: { text: string; src: number; tight?: boolean }[] = [];
  const noteNumber = new Map<string, number>();
  let pIndex = 0;

  const resolveNote = (ref: Node): Node | null => (typeof doc.notes?.resolve === 'function' ? doc.notes.resolve(ref) : null);

  const inline = (node: Node, parts: string[], refs: Node[]) => {
    switch (node.type) {
      case 'text':
        parts[parts.length - 1] += node.value;
        return;
      case 'tab':
        parts[parts.length - 1] += ' ';
        return;
      case 'break':
        if (node.breakType === 'line') parts.push('');
        else parts[parts.length - 1] += ' ';
        return;
      case 'checkbox':
        parts[parts.length - 1] += node.checked ? '☒ ' : '☐ ';
        return;
      case 'noteReference': {
        const key = `${node.noteType}:${node.noteId}`;
        let n = noteNumber.get(key);
        if (n === undefined) {
          n = noteNumber.size + 1;
          noteNumber.set(key, n);
          refs.push(node);
        }
        parts[parts.length - 1] = parts[parts.length - 1].replace(/\s+$/, '') + toSuperscript(String(n));
        return;
      }
      default:
        if (Array.isArray(node.children)) for (const c of node.children) inline(c, parts, refs);
    }
  };

  const paragraphText = (p: Node, refs: Node[]): string[] => {
    const parts = [''];
    for (const c of p.children ?? []) inline(c, parts, refs);
    return parts.map(cleanLine).filter(Boolean);
  };

  const block = (node: Node) => {
    if (node.type === 'paragraph') {
      const refs: Node[] = [];
      const src = pIndex++ * 100000;
      for (const t of paragraphText(node, refs)) lines.push({ text: t, src });
      for (const ref of refs) {
        const note = resolveNote(ref);
        const n = noteNumber.get(`${ref.noteType}:${ref.noteId}`)!;
        const body: string[] = [];
        const nested: Node[] = [];
        for (const b of note?.body ?? []) if (b.type === 'paragraph') body.push(...paragraphText(b, nested));
        const text = cleanLine(body.join(' '));
        if (text) lines.push({ text: `${toSuperscript(String(n))} ${text}`, src: pIndex++ * 100000 });
      }
      return;
    }
    if (node.type === 'table') {
      table(node);
      return;
    }
    if (Array.isArray(node.children)) for (const c of node.children) block(c);
  };

  /**
   * A table linearized as the legal portal's Markdown and src/segment/tables.ts have it: a row opens
   * with "|", each cell's lines are followed by "|", rows back to back ("|" "|"), one line break
   * between the lines of a table (a blank line would end it), an empty cell as a blank line between
   * bars. Nested tables are flattened into their cell.
   */
  const table = (node: Node) => {
    const rows = (node.children ?? []).filter((r: Node) => r.type === 'tableRow');
    if (!rows.length) return;
    const src = pIndex * 100000;
    const bar = (tight: boolean) => lines.push({ text: '|', src, tight });
    let first = true;
    for (const r of rows) {
      bar(!first);
      first = false;
      for (const c of r.children ?? []) {
        if (c.type !== 'tableCell') continue;
        const cellLines: { text: string; src: number }[] = [];
        const collect = (n: Node) => {
          if (n.type === 'paragraph') {
            const refs: Node[] = [];
            const s = pIndex++ * 100000;
            for (const t of paragraphText(n, refs)) if (t !== '|') cellLines.push({ text: t, src: s });
            return;
          }
          if (Array.isArray(n.children)) for (const x of n.children) collect(x);
        };
        collect(c);
        if (cellLines.length) for (const l of cellLines) lines.push({ ...l, tight: true });
        else lines.push({ text: '', src, tight: true });
        bar(true);
      }
    }
  };
  for (const c of doc.children ?? []) block(c);

  let text = '';
  const map: SourceMap = [];
  for (const l of lines) {
    if (text) text += l.tight ? '\n' : '\n\n';
    const t = l.text.normalize('NFC');
    map.push([text.length, l.src]);
    text += t;
  }
  return { text: text ? text + '\n' : '', map, footnotes: noteNumber.size };
}
/* eslint-enable @typescript-eslint/no-explicit-any */
