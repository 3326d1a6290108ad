/**
 * The segment-path grammar, parsed and formatted here only. A path joins the labels from the root with "."
 * keeping the document's own numbering:
 *
 *   II.1.1      item 1.1 under section II (the item's own "1.1" replaces the parent's "1")
 *   9           point 9 of a directive without sections
 *   II.4.(1)    "(1)" under II.4
 *   II.1.-2     the 2nd unnumbered bullet under II.1
 *   II.1.¶1     the 1st unnumbered paragraph under II.1;  preamble.¶2 in the preamble;  ¶3 at the top
 *   II.1.r2     the 2nd row of a table under II.1
 *   fn1         footnote 1 (wherever it is attached)
 *   header, preamble, recipients, signature   the parts that have no number
 */
import { romanValue } from '../vocab/numerals.js';

export type PathPartKind = 'roman' | 'number' | 'letter' | 'paren' | 'bullet' | 'paragraph' | 'row' | 'footnote' | 'name';

export interface PathPart {
  kind: PathPartKind;
  /** the part as written in the path */
  text: string;
  /** its number where it has one (roman, number, bullet, paragraph, row, footnote; for a number "1.1": its last part) */
  n: number | null;
}

/** One part of a path ("II", "1", "a", "(1)", "-2", "¶1", "r2", "fn1", "preamble"). */
export function parsePart(p: string): PathPart {
  let m: RegExpExecArray | null;
  if (/^[IVXLC]+$/.test(p)) return { kind: 'roman', text: p, n: romanValue(p) };
  if (/^\d+$/.test(p)) return { kind: 'number', text: p, n: Number(p) };
  if ((m = /^-(\d+)$/.exec(p))) return { kind: 'bullet', text: p, n: Number(m[1]) };
  if ((m = /^¶(\d+)$/u.exec(p))) return { kind: 'paragraph', text: p, n: Number(m[1]) };
  if ((m = /^r(\d+)$/.exec(p))) return { kind: 'row', text: p, n: Number(m[1]) };
  if ((m = /^fn(\w+)$/.exec(p))) return { kind: 'footnote', text: p, n: /^\d+$/.test(m[1]) ? Number(m[1]) : null };
  if ((m = /^\((\d+)\)$/.exec(p))) return { kind: 'paren', text: p, n: Number(m[1]) };
  if (/^\p{Ll}$/u.test(p)) return { kind: 'letter', text: p, n: null };
  return { kind: 'name', text: p, n: null };
}

/** "II.1.¶1" → its parts. ("(1.2)" does not occur: labels with dots are split at them.) */
export function parsePath(path: string): PathPart[] {
  return path ? path.split('.').map(parsePart) : [];
}

export function formatPath(parts: readonly (PathPart | string)[]): string {
  return parts.map((p) => (typeof p === 'string' ? p : p.text)).join('.');
}

/** The path of a child: `parent.part`, or `part` at the top. */
export const childPath = (parent: string, part: string): string => (parent ? `${parent}.${part}` : part);
export const paragraphPath = (parent: string, n: number): string => childPath(parent, `¶${n}`);
export const bulletPath = (parent: string, n: number): string => childPath(parent, `-${n}`);
export const rowPath = (parent: string, n: number): string => childPath(parent, `r${n}`);
export const footnotePath = (label: string): string => `fn${label}`;

/**
 * The path of a numbered child: its label appended, except that a label repeating the parent's
 * ("1.1" under "1") replaces the parent's part: II + 1 + 1.1 → II.1.1.
 */
export function joinPath(parentPath: string, parentLabel: string | null, label: string): string {
  if (parentLabel && label.startsWith(parentLabel + '.')) {
    const base = parentPath.endsWith(parentLabel) ? parentPath.slice(0, parentPath.length - parentLabel.length).replace(/\.$/, '') : parentPath;
    return base ? `${base}.${label}` : label;
  }
  return parentPath ? `${parentPath}.${label}` : label;
}

/** The top part of a path, the point a reviewer counts by: "II.1.-2" → "II", "9.-1" → "9" ("" stays ""). */
export function topOf(path: string): string {
  return parsePath(path)[0]?.text || path;
}

/** The point a path belongs to, without its paragraph suffixes: "2.¶1" → "2"; "¶3" stays "¶3". */
export function pointOf(path: string): string {
  return path.replace(/(?:\.¶\d+)+$/u, '').replace(/^¶\d+$/u, '') || path;
}

/** Whether a path lies in the document's opening (its header and preamble: "Thực hiện …", "Căn cứ …", the title), before any section or item. */
export function inOpening(path: string): boolean {
  const top = parsePath(path)[0]?.text;
  return top === 'header' || top === 'preamble';
}

/** Document order of two paths: numbers and Roman numerals by value, other parts as text. */
export function comparePaths(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    if (pa[i] === undefined) return -1;
    if (pb[i] === undefined) return 1;
    const x = pathValue(pa[i]);
    const y = pathValue(pb[i]);
    if (x !== y) return typeof x === 'number' && typeof y === 'number' ? x - y : String(x) < String(y) ? -1 : 1;
  }
  return 0;
}
function pathValue(p: string): number | string {
  if (/^\d+$/.test(p)) return Number(p);
  if (/^[IVXLC]+$/.test(p)) return romanValue(p);
  return p;
}
