/**
 * Normalization of decoded text into the document's `text`: NFC, LF line ends,
 * Markdown markup removed (it is structure, not text), with a source map back
 * to offsets in the decoded input.
 */
import { partitionPoint } from '../util.js';

/** Breakpoints [normalizedOffset, sourceOffset], ascending. */
export type SourceMap = [number, number][];

export interface Normalized {
  text: string;
  map: SourceMap;
  /** whether Markdown markup was found and removed */
  markdown: boolean;
  /** source offsets of lines dropped as page numbers */
  pageNumbers: number[];
}

const SUP_DIGITS: Record<string, string> = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };
export const toSuperscript = (d: string) => d.replace(/\d/g, (c) => SUP_DIGITS[c]);
export const SUPERSCRIPT = /[⁰¹²³⁴⁵⁶⁷⁸⁹]+/;
export const fromSuperscript = (s: string) => s.replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]/g, (c) => String('⁰¹²³⁴⁵⁶⁷⁸⁹'.indexOf(c)));

class Builder {
  text = '';
  map: SourceMap = [];
  push(s: string, src: number) {
    if (!s) return;
    const last = this.map[this.map.length - 1];
    if (!last || last[1] - last[0] !== src - this.text.length) this.map.push([this.text.length, src]);
    this.text += s;
  }
}

/** Map a normalized offset back to the source offset. */
export function toSource(map: SourceMap, offset: number): number {
  // the last breakpoint at or before the offset (the first one when none is)
  const best = Math.max(0, partitionPoint(map.length, (i) => map[i][0] <= offset) - 1);
  const [n, s] = map[best] ?? [0, 0];
  return s + (offset - n);
}

// Inline markup handled per line: emphasis runs, <sup>n</sup>, <br>, backslash escapes.
const INLINE = /(<sup>\s*(\d+)\s*<\/sup>)|(\*{1,3}|_{2,3})|(<\/?(?:b|i|u|em|strong|br|span)\b[^>]*>)|(\\)(?=[*_#\-.()[\]])/g;

/** A bold structure label glued to the bold run after it: "**Chương I****QUY ĐỊNH CHUNG**" (group 1: "**Chương I**"). */
const GLUED_LABEL = /^(\s*\*\*(?:Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN)\s+[\dIVXLC]+[.:]?\*\*)(?=\*\*\S)/u;

/**
 * Normalize decoded text. Markdown is recognised when the text uses `**`, `#`
 * headings or `<sup>`; only then are `*`/`#` removed (a lone "*" line under an
 * organ name in a plain text is part of the document).
 */
export function normalizeText(decoded: string): Normalized {
  const src = decoded.replace(/^\uFEFF/, '');
  const offset0 = decoded.length - src.length;
  const markdown = /\*\*[^*\n]+\*\*|^#{1,6}\s|<sup>|^\*\*\S|\S\*\*$/m.test(src);
  const b = new Builder();
  const pageNumbers: number[] = [];
  // iterate lines keeping offsets
  const re = /([^\r\n]*)(\r\n|\r|\n|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src)) && m[0].length > 0) {
    const lineStart = m.index + offset0;
    let line = m[1];
    let start = lineStart;
    // a page number left by PDF extraction: a lone 1–3 digit line after a blank line
    if (/^\s*\d{1,3}\s*$/.test(line) && /\n[ \t]*\n[ \t]*$/.test(src.slice(Math.max(0, m.index - 4), m.index)) && m.index > 0) {
      pageNumbers.push(lineStart);
      line = '';
    }
    if (markdown) {
      // horizontal rule / decorative separators of markup
      if (/^\s*(?:-{3,}|\*{3,}|_{3,})\s*$/.test(line)) line = '';
      const h = /^\s*#{1,6}\s+/.exec(line);
      if (h) {
        line = line.slice(h[0].length);
        start += h[0].length;
      }
      // emit line with inline markup removed
      const emit = (ln: string, at: number) => {
        let last = 0;
        for (const im of ln.matchAll(INLINE)) {
          b.push(ln.slice(last, im.index).normalize('NFC'), at + last);
          if (im[1]) b.push(toSuperscript(im[2]), at + im.index!);
          last = im.index! + im[0].length;
        }
        b.push(ln.slice(last).replace(/\s+$/, '').normalize('NFC'), at + last);
      };
      // a chapter label and its title in two bold runs glued together ("**Chương I****QUY ĐỊNH CHUNG**"): two lines,
      // as in the document
      const glued = GLUED_LABEL.exec(line);
      if (glued) {
        emit(glued[1], start);
        b.push('\n', start + glued[1].length);
        emit(line.slice(glued[1].length), start + glued[1].length);
      } else emit(line, start);
    } else {
      b.push(line.replace(/\s+$/, '').normalize('NFC'), start);
    }
    if (m[2]) b.push('\n', lineStart + m[1].length);
    if (!m[2]) break;
  }
  return { text: b.text, map: b.map, markdown, pageNumbers };
}
