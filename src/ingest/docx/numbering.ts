import { toRoman } from '../../vocab/numerals.js';

/**
 * Word auto-numbering is not text: its numbers live in numbering.xml and w:numPr. We compute them
 * (format, start values, levels, overrides) in document order and insert them as a text run at the start
 * of each numbered paragraph, so a DOCX gives the same "1. ", "a) " as its TXT. Bullets become "- "
 * (even levels) and "+ " (odd levels), the Vietnamese administrative convention.
 */

// ---------------------------------------------------------------- numbering

/**
 * Numbers read from numbering.xml / document.xml are validated before they become an index, a size
 * or a repeat count (issue 14: w:ilvl="999999999" made V8 abort the process with "invalid table size").
 * Word's levels are 0–8; its start values 0–32767.
 */
const MAX_LEVEL = 8;
const MAX_START = 32767;
function level08(v: string | undefined): number | undefined {
  if (v === undefined || !/^\d{1,2}$/.test(v)) return undefined;
  const n = Number(v);
  return n <= MAX_LEVEL ? n : undefined;
}
function startValue(v: string): number | null {
  if (!/^-?\d{1,9}$/.test(v)) return null;
  const n = Number(v);
  return n >= 0 && n <= MAX_START ? n : null;
}
const codePoint = (n: number) => (Number.isInteger(n) && n >= 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : '\uFFFD');


interface Level {
  start: number | null;
  fmt: string;
  text: string;
  isLgl: boolean;
  suff: string;
  pStyle?: string;
}
interface Num {
  abstractId: string;
  startOverride: Map<number, number>;
  levelOverride: Map<number, Level>;
}

const attr = (s: string, tag: string, a = 'w:val'): string | undefined => {
  const m = new RegExp(`<${tag}\\b[^>]*?\\b${a}="([^"]*)"`).exec(s);
  return m ? m[1] : undefined;
};
const xmlUnescape = (s: string) =>
  s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-f]+|#\d+);/gi, (_, e: string) =>
    e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'amp' ? '&' : e === 'quot' ? '"' : e === 'apos' ? "'" : codePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );
const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function parseLevels(xml: string): Map<number, Level> {
  const levels = new Map<number, Level>();
  for (const m of xml.matchAll(/<w:lvl\b([^>]*)>([\s\S]*?)<\/w:lvl>/g)) {
    const ilvl = level08(/w:ilvl="(\d+)"/.exec(m[1])?.[1] ?? '0');
    if (ilvl === undefined) continue;
    const b = m[2];
    const start = attr(b, 'w:start');
    levels.set(ilvl, {
      start: start === undefined ? null : startValue(start),
      fmt: attr(b, 'w:numFmt') ?? 'decimal',
      text: xmlUnescape(attr(b, 'w:lvlText') ?? ''),
      isLgl: /<w:isLgl\b(?![^>]*w:val="(?:0|false)")/.test(b),
      suff: attr(b, 'w:suff') ?? 'tab',
      pStyle: attr(b, 'w:pStyle'),
    });
  }
  return levels;
}

interface Numbering {
  abstracts: Map<string, { levels: Map<number, Level>; styleLink?: string }>;
  nums: Map<string, Num>;
}

function parseNumbering(xml: string): Numbering {
  const abstracts = new Map<string, { levels: Map<number, Level>; styleLink?: string }>();
  for (const m of xml.matchAll(/<w:abstractNum\b[^>]*w:abstractNumId="([^"]+)"[^>]*>([\s\S]*?)<\/w:abstractNum>/g))
    abstracts.set(m[1], { levels: parseLevels(m[2]), styleLink: attr(m[2], 'w:numStyleLink') });
  const nums = new Map<string, Num>();
  for (const m of xml.matchAll(/<w:num\b[^>]*w:numId="([^"]+)"[^>]*>([\s\S]*?)<\/w:num>/g)) {
    const startOverride = new Map<number, number>();
    const levelOverride = new Map<number, Level>();
    for (const o of m[2].matchAll(/<w:lvlOverride\b[^>]*w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvlOverride>/g)) {
      const s = attr(o[2], 'w:startOverride');
      const k = level08(o[1]);
      if (k === undefined) continue;
      const sv = s === undefined ? null : startValue(s);
      if (sv !== null) startOverride.set(k, sv);
      const lv = parseLevels(o[2]).get(k);
      if (lv) levelOverride.set(k, lv);
    }
    nums.set(m[1], { abstractId: attr(m[2], 'w:abstractNumId') ?? '', startOverride, levelOverride });
  }
  return { abstracts, nums };
}

interface StyleInfo {
  basedOn?: string;
  numId?: string;
  ilvl?: number;
}
function parseStyles(xml: string): Map<string, StyleInfo> {
  const styles = new Map<string, StyleInfo>();
  for (const m of xml.matchAll(/<w:style\b[^>]*w:styleId="([^"]+)"[^>]*>([\s\S]*?)<\/w:style>/g)) {
    const ppr = /<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(m[2])?.[1] ?? '';
    const ilvl = attr(ppr, 'w:ilvl');
    styles.set(m[1], { basedOn: attr(m[2], 'w:basedOn'), numId: attr(ppr, 'w:numId'), ilvl: ilvl === undefined ? undefined : level08(ilvl) });
  }
  return styles;
}

const roman = toRoman;
function letters(n: number): string {
  // Word: a..z, aa..zz, aaa.. (the letter repeated)
  if (n <= 0) return '';
  const ch = String.fromCharCode(97 + ((n - 1) % 26));
  return ch.repeat(Math.floor((n - 1) / 26) + 1);
}
export function formatNumber(n: number, fmt: string): string {
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_START) return String(n);
  switch (fmt) {
    case 'lowerLetter': return letters(n);
    case 'upperLetter': return letters(n).toUpperCase();
    case 'lowerRoman': return roman(n);
    case 'upperRoman': return roman(n).toUpperCase();
    case 'decimalZero': return n < 10 ? `0${n}` : String(n);
    case 'none': return '';
    default: return String(n);
  }
}

/**
 * Insert each auto-numbered paragraph's number as a text run at its start.
 * Returns the rewritten document XML and how many labels were inserted.
 */
export function materializeNumbering(docXml: string, numberingXml: string | null, stylesXml: string | null): { xml: string; count: number } {
  if (!numberingXml) return { xml: docXml, count: 0 };
  const { abstracts, nums } = parseNumbering(numberingXml);
  const styles = stylesXml ? parseStyles(stylesXml) : new Map<string, StyleInfo>();
  // level pStyle links: a paragraph style numbered by an abstractNum level
  const styleLevels = new Map<string, { abstractId: string; ilvl: number }>();
  for (const [id, a] of abstracts) for (const [ilvl, l] of a.levels) if (l.pStyle) styleLevels.set(l.pStyle, { abstractId: id, ilvl });
  const numForAbstract = new Map<string, string>();
  for (const [numId, n] of nums) if (!numForAbstract.has(n.abstractId)) numForAbstract.set(n.abstractId, numId);

  const resolveAbstract = (abstractId: string): string => {
    const a = abstracts.get(abstractId);
    if (a?.styleLink) {
      const st = styles.get(a.styleLink);
      const n = st?.numId ? nums.get(st.numId) : undefined;
      if (n && n.abstractId !== abstractId) return n.abstractId;
    }
    return abstractId;
  };
  const counters = new Map<string, (number | undefined)[]>();
  let count = 0;

  const labelFor = (numId: string, ilvl: number): string | null => {
    const num = nums.get(numId);
    if (!num) return null;
    const absId = resolveAbstract(num.abstractId);
    const abs = abstracts.get(absId);
    if (!abs) return null;
    const level = (k: number) => num.levelOverride.get(k) ?? abs.levels.get(k);
    const lvl = level(ilvl);
    if (!lvl) return null;
    const suffix = lvl.suff === 'nothing' ? '' : ' ';
    if (lvl.fmt === 'bullet') {
      const t = lvl.text.trim();
      return (t === '+' ? '+' : t === '-' ? '-' : ilvl % 2 === 0 ? '-' : '+') + ' ';
    }
    // a list instance with start overrides counts on its own; others share their abstract's counters
    const key = num.startOverride.size > 0 || num.levelOverride.size > 0 ? `n${numId}` : `a${absId}`;
    const c = counters.get(key) ?? [];
    counters.set(key, c);
    const startOf = (k: number) => num.startOverride.get(k) ?? level(k)?.start ?? 0;
    c[ilvl] = c[ilvl] === undefined ? startOf(ilvl) : c[ilvl]! + 1;
    for (let k = ilvl + 1; k < c.length; k++) c[k] = undefined;
    const text = lvl.text.replace(/%(\d)/g, (_, d: string) => {
      const k = Number(d) - 1;
      const v = c[k] ?? startOf(k);
      const f = lvl.isLgl && k !== ilvl ? 'decimal' : (level(k)?.fmt ?? 'decimal');
      return formatNumber(v, lvl.isLgl ? 'decimal' : f);
    });
    return text.trim() ? text + suffix : null;
  };

  const styleNum = (styleId: string | undefined): { numId?: string; ilvl?: number } => {
    for (let s = styleId, depth = 0; s && depth < 20; depth++) {
      const st = styles.get(s);
      if (!st) break;
      if (st.numId !== undefined) return { numId: st.numId, ilvl: st.ilvl };
      s = st.basedOn;
    }
    return {};
  };

  // indexOf from increasing positions, remembered: linear over the document whatever it holds
  const found = new Map<string, number>();
  const nextOf = (needle: string, from: number): number => {
    const prev = found.get(needle);
    if (prev !== undefined && (prev < 0 || prev >= from)) return prev;
    const at = docXml.indexOf(needle, from);
    found.set(needle, at);
    return at;
  };
  let out = '';
  let last = 0;
  const P_OPEN = /<w:p(?=[\s>/])[^>]*?(\/?)>/g;
  for (let m = P_OPEN.exec(docXml); m; m = P_OPEN.exec(docXml)) {
    if (m[1] === '/') continue;
    const after = m.index + m[0].length;
    let insertAt = after;
    let ppr = '';
    if (/^<w:pPr[\s>]/.test(docXml.slice(after, after + 8))) {
      // the paragraph's properties end before the paragraph does (a hostile file with 300 000 unclosed
      // <w:pPr> made every paragraph search to the end of the document: quadratic)
      const end = nextOf('</w:pPr>', after);
      const bound = [nextOf('</w:p>', after), nextOf('<w:p>', after), nextOf('<w:p ', after)].filter((x) => x >= 0);
      if (end < 0 || (bound.length && end > Math.min(...bound))) continue;
      ppr = docXml.slice(after, end).replace(/<w:pPrChange\b[\s\S]*?<\/w:pPrChange>/g, '').replace(/<w:rPr\b[\s\S]*?<\/w:rPr>/g, '');
      insertAt = end + '</w:pPr>'.length;
    }
    const pStyle = attr(ppr, 'w:pStyle');
    let numId = attr(ppr, 'w:numId');
    let ilvlS = attr(ppr, 'w:ilvl');
    let ilvl = ilvlS === undefined ? undefined : level08(ilvlS);
    if (ilvlS !== undefined && ilvl === undefined) continue; // a level outside 0–8: not a list paragraph Word would number
    if (numId === undefined) {
      const s = styleNum(pStyle);
      numId = s.numId;
      if (ilvl === undefined) ilvl = s.ilvl;
      if (numId === undefined && pStyle && styleLevels.has(pStyle)) {
        const sl = styleLevels.get(pStyle)!;
        numId = numForAbstract.get(sl.abstractId);
        if (ilvl === undefined) ilvl = sl.ilvl;
      }
    }
    if (numId === undefined || numId === '0') continue;
    const label = labelFor(numId, ilvl ?? 0);
    if (!label) continue;
    out += docXml.slice(last, insertAt) + `<w:r><w:t xml:space="preserve">${xmlEscape(label)}</w:t></w:r>`;
    last = insertAt;
    count++;
  }
  return { xml: out + docXml.slice(last), count };
}
