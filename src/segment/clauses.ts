import type { Clause, Span } from '../model.js';
import { displayText } from './lines.js';

/**
 * Split a leaf's text into sentences, and sentences into clauses at ";".
 * A sentence ends at ".", "!" or "?" followed by space and an upper-case letter
 * (not after an abbreviation such as "TP." or inside a number "1.1").
 */
const BOUNDARY = /([.!?…]["”’)]*)\s+(?=["“(]?[\p{Lu}])|;\s+/gu;
const ABBREV = /(?:\b(?:TP|Tp|TS|ThS|PGS|GS|St|tr|v\.v)|\b\p{Lu})\.$/u;

export function splitClauses(text: string, span: Span, label: string | null): Clause[] {
  let [start, end] = span;
  const raw = text.slice(start, end);
  if (label) {
    const m = /^\s*(?:\(?[\p{L}\d.]+[.)]?|[-–—+•*·])\s*/u.exec(raw);
    if (m) start += m[0].length;
  }
  const body = text.slice(start, end);
  const out: Clause[] = [];
  let last = 0;
  for (const m of body.matchAll(BOUNDARY)) {
    if (m[1] && ABBREV.test(body.slice(Math.max(0, m.index! - 6), m.index! + 1))) continue;
    const cut = m.index! + m[0].replace(/\s+$/, '').length;
    push(out, text, start + last, start + cut);
    last = m.index! + m[0].length;
  }
  push(out, text, start + last, end);
  return out;
}

function push(out: Clause[], text: string, a: number, b: number) {
  while (a < b && /\s/.test(text[a])) a++;
  while (b > a && /\s/.test(text[b - 1])) b--;
  if (b <= a) return;
  const t = displayText(text.slice(a, b));
  if (t) out.push({ text: t, span: [a, b] });
}
