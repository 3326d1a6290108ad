/**
 * DOCX reader.
 *
 * 1. The zip's central directory is parsed here (not by jszip) so that the
 *    declared uncompressed sizes can be checked BEFORE anything is inflated;
 *    each part we need is then inflated with a hard output cap (a part that
 *    inflates beyond its declared size is refused too). Media are never inflated.
 * 2. Word auto-numbering is not text: its numbers live in numbering.xml and
 *    w:numPr. We compute them (format, start values, levels, overrides) in
 *    document order and insert them as a text run at the start of each
 *    numbered paragraph, so a DOCX gives the same "1. ", "a) " as its TXT.
 *    Bullets become "- " (even levels) and "+ " (odd levels), the Vietnamese
 *    administrative convention.
 * 3. mammoth reads the rewritten document into its document tree; we walk that
 *    tree into the canonical layout: one paragraph per line, a blank line
 *    between paragraphs, a footnote reference as superscript digits after the
 *    word, the footnote body as its own line "¹ text" after the paragraph that
 *    references it.
 *
 * Source map (coarse): for each output line, a breakpoint
 * [lineStart, paragraphIndex * 100000] — paragraphIndex counts the document's
 * paragraphs (and table cells' paragraphs, footnote bodies) in reading order.
 */
import { inflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import type { Diagnostic } from '../model.js';
import type { SourceMap } from '../normalize/markup.js';
import { toSuperscript } from '../normalize/markup.js';
import { IngestError, type IngestOptions, type ReaderResult } from './types.js';

// ---------------------------------------------------------------- zip

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

/** Parse the central directory. Never inflates anything. */
export function zipDirectory(buf: Buffer): ZipEntry[] {
  const corrupt = (why: string) => new IngestError('corrupt-docx', `the file starts like a ZIP/DOCX but is damaged: ${why}`);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt('no end-of-central-directory record (truncated?)');
  let count = buf.readUInt16LE(eocd + 10);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  if ((count === 0xffff || cdOffset === 0xffffffff) && eocd >= 20 && buf.readUInt32LE(eocd - 20) === 0x07064b50) {
    const z64 = Number(buf.readBigUInt64LE(eocd - 20 + 8));
    if (z64 + 56 > buf.length || buf.readUInt32LE(z64) !== 0x06064b50) throw corrupt('bad ZIP64 directory');
    count = Number(buf.readBigUInt64LE(z64 + 32));
    cdOffset = Number(buf.readBigUInt64LE(z64 + 48));
  }
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw corrupt('bad central directory entry');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    let compressedSize = buf.readUInt32LE(p + 20);
    let uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    // ZIP64 extended information: the 64-bit values of the fields that are 0xFFFFFFFF, in this order
    let e = p + 46 + nameLen;
    const eEnd = e + extraLen;
    while (e + 4 <= eEnd) {
      const id = buf.readUInt16LE(e);
      const size = buf.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        const next = () => {
          const v = q + 8 <= e + 4 + size ? Number(buf.readBigUInt64LE(q)) : NaN;
          q += 8;
          return v;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localOffset === 0xffffffff) localOffset = next();
      }
      e += 4 + size;
    }
    if (![uncompressedSize, compressedSize, localOffset].every(Number.isFinite)) throw corrupt('bad ZIP64 sizes');
    entries.push({ name, method, flags, compressedSize, uncompressedSize, localOffset });
    p = eEnd + commentLen;
  }
  return entries;
}

/** Inflate one entry, refusing output beyond its declared size (and the remaining budget). */
export function inflateEntry(buf: Buffer, e: ZipEntry, budget: number): Buffer {
  if (e.flags & 1) throw new IngestError('encrypted', `the DOCX part ${e.name} is encrypted; remove the password and save again`);
  const lh = e.localOffset;
  if (lh + 30 > buf.length || buf.readUInt32LE(lh) !== 0x04034b50) throw new IngestError('corrupt-docx', `the DOCX is damaged: bad local header for ${e.name}`);
  const start = lh + 30 + buf.readUInt16LE(lh + 26) + buf.readUInt16LE(lh + 28);
  if (start + e.compressedSize > buf.length) throw new IngestError('corrupt-docx', `the DOCX is truncated: part ${e.name} runs past the end of the file`);
  const data = buf.subarray(start, start + e.compressedSize);
  const cap = Math.min(e.uncompressedSize, budget);
  if (e.method === 0) {
    if (data.length > cap) throw new IngestError('too-large', `the DOCX part ${e.name} is larger than the remaining limit`);
    return Buffer.from(data);
  }
  if (e.method !== 8) throw new IngestError('corrupt-docx', `the DOCX part ${e.name} uses unsupported ZIP compression method ${e.method}`);
  try {
    // +1 so that "exactly the declared size" passes and one byte more fails
    const out = inflateRawSync(data, { maxOutputLength: Math.max(1, cap + 1) });
    if (out.length > cap) throw new IngestError('too-large', `the DOCX part ${e.name} inflates beyond its declared size or the limit (zip bomb?)`);
    return out;
  } catch (err) {
    if (err instanceof IngestError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || /larger than|maxOutputLength/i.test(String(err)))
      throw new IngestError('too-large', `the DOCX part ${e.name} inflates beyond its declared size or the limit (zip bomb?)`);
    throw new IngestError('corrupt-docx', `the DOCX is damaged: part ${e.name} does not inflate (${(err as Error).message})`);
  }
}

function whatZipIsThis(names: Set<string>, mimetype: string | null): string {
  if (names.has('xl/workbook.xml')) return 'an Excel workbook (XLSX), not a Word document';
  if (names.has('ppt/presentation.xml')) return 'a PowerPoint presentation (PPTX), not a Word document';
  if (mimetype?.includes('opendocument.text')) return 'an OpenDocument text (ODT); save it as DOCX';
  if (mimetype) return `a ZIP container of type ${mimetype}, not a Word document`;
  return 'a ZIP archive without word/document.xml, not a Word document';
}

// ---------------------------------------------------------------- numbering

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
    e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'amp' ? '&' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );
const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function parseLevels(xml: string): Map<number, Level> {
  const levels = new Map<number, Level>();
  for (const m of xml.matchAll(/<w:lvl\b([^>]*)>([\s\S]*?)<\/w:lvl>/g)) {
    const ilvl = Number(/w:ilvl="(\d+)"/.exec(m[1])?.[1] ?? 0);
    const b = m[2];
    const start = attr(b, 'w:start');
    levels.set(ilvl, {
      start: start === undefined ? null : Number(start),
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
      if (s !== undefined) startOverride.set(Number(o[1]), Number(s));
      const lv = parseLevels(o[2]).get(Number(o[1]));
      if (lv) levelOverride.set(Number(o[1]), lv);
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
    styles.set(m[1], { basedOn: attr(m[2], 'w:basedOn'), numId: attr(ppr, 'w:numId'), ilvl: ilvl === undefined ? undefined : Number(ilvl) });
  }
  return styles;
}

const ROMAN: [number, string][] = [
  [1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i'],
];
function roman(n: number): string {
  let s = '';
  for (const [v, r] of ROMAN) while (n >= v) (s += r), (n -= v);
  return s;
}
function letters(n: number): string {
  // Word: a..z, aa..zz, aaa.. (the letter repeated)
  if (n <= 0) return '';
  const ch = String.fromCharCode(97 + ((n - 1) % 26));
  return ch.repeat(Math.floor((n - 1) / 26) + 1);
}
export function formatNumber(n: number, fmt: string): string {
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

  let out = '';
  let last = 0;
  const P_OPEN = /<w:p(?=[\s>/])[^>]*?(\/?)>/g;
  for (let m = P_OPEN.exec(docXml); m; m = P_OPEN.exec(docXml)) {
    if (m[1] === '/') continue;
    const after = m.index + m[0].length;
    let insertAt = after;
    let ppr = '';
    if (/^<w:pPr[\s>]/.test(docXml.slice(after, after + 8))) {
      const end = docXml.indexOf('</w:pPr>', after);
      if (end < 0) continue;
      ppr = docXml.slice(after, end).replace(/<w:pPrChange\b[\s\S]*?<\/w:pPrChange>/g, '').replace(/<w:rPr\b[\s\S]*?<\/w:rPr>/g, '');
      insertAt = end + '</w:pPr>'.length;
    }
    const pStyle = attr(ppr, 'w:pStyle');
    let numId = attr(ppr, 'w:numId');
    let ilvlS = attr(ppr, 'w:ilvl');
    let ilvl = ilvlS === undefined ? undefined : Number(ilvlS);
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

// ---------------------------------------------------------------- mammoth tree → canonical text

/* eslint-disable @typescript-eslint/no-explicit-any */
type Node = any;

const cleanLine = (s: string) =>
  s
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[ \t\u00a0\u2007\u202f]+/g, ' ')
    .trim();

export function treeToText(doc: Node): { text: string; map: SourceMap; footnotes: number } {
  const lines: { text: string; src: number }[] = [];
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
    if (Array.isArray(node.children)) for (const c of node.children) block(c);
  };
  for (const c of doc.children ?? []) block(c);

  let text = '';
  const map: SourceMap = [];
  for (const l of lines) {
    if (text) text += '\n\n';
    const t = l.text.normalize('NFC');
    map.push([text.length, l.src]);
    text += t;
  }
  return { text: text ? text + '\n' : '', map, footnotes: noteNumber.size };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

// ---------------------------------------------------------------- reader

export async function readDocx(buf: Buffer, opts: Required<Pick<IngestOptions, 'maxInflatedBytes'>>): Promise<ReaderResult> {
  const diagnostics: Diagnostic[] = [];
  const entries = zipDirectory(buf);
  const declared = entries.reduce((s, e) => s + e.uncompressedSize, 0);
  if (declared > opts.maxInflatedBytes)
    throw new IngestError('too-large', `the DOCX declares ${declared} bytes uncompressed, above the limit of ${opts.maxInflatedBytes} bytes (zip bomb?); not inflated`);
  const byName = new Map(entries.map((e) => [e.name, e]));
  let budget = opts.maxInflatedBytes;
  const parts = new Map<string, Buffer>();
  const get = (name: string): Buffer | null => {
    if (parts.has(name)) return parts.get(name)!;
    const e = byName.get(name);
    if (!e) return null;
    const b = inflateEntry(buf, e, budget);
    budget -= b.length;
    parts.set(name, b);
    return b;
  };

  // the main document part, from the package relationships
  const rels = get('_rels/.rels')?.toString('utf8') ?? '';
  const target = /<Relationship\b[^>]*Type="[^"]*\/officeDocument"[^>]*Target="\/?([^"]+)"/.exec(rels)?.[1] ?? /<Relationship\b[^>]*Target="\/?([^"]+)"[^>]*Type="[^"]*\/officeDocument"/.exec(rels)?.[1];
  const mainName = target && byName.has(target) && /^word\//.test(target) ? target : byName.has('word/document.xml') ? 'word/document.xml' : null;
  if (!mainName) {
    const mimetype = byName.has('mimetype') ? get('mimetype')!.toString('utf8').trim() : null;
    throw new IngestError('not-a-document', `the file is ${whatZipIsThis(new Set(byName.keys()), mimetype)}`);
  }

  // inflate the XML parts only (media are not needed for text), each capped
  const zip = new JSZip();
  for (const e of entries) {
    if (e.name.endsWith('/') || !/\.(xml|rels)$/i.test(e.name)) continue;
    zip.file(e.name, get(e.name)!);
  }
  const docXml = get(mainName)!.toString('utf8');
  const dir = mainName.replace(/[^/]+$/, '');
  const numberingXml = get(`${dir}numbering.xml`)?.toString('utf8') ?? null;
  const stylesXml = get(`${dir}styles.xml`)?.toString('utf8') ?? null;
  const numbered = materializeNumbering(docXml, numberingXml, stylesXml);
  zip.file(mainName, numbered.xml);
  if (mainName !== 'word/document.xml') diagnostics.push({ level: 'info', code: 'docx-main-part', message: `main document part is ${mainName}` });

  const sanitized = await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
  let tree: unknown = null;
  let messages: { type: string; message: string }[] = [];
  try {
    const r = await mammoth.convertToHtml(
      { buffer: sanitized },
      {
        transformDocument: (d: { children: unknown[] }) => {
          tree = d;
          return { ...d, children: [] }; // the HTML is not used
        },
      },
    );
    messages = r.messages;
  } catch (err) {
    throw new IngestError('corrupt-docx', `the DOCX could not be read: ${(err as Error).message}`);
  }
  if (!tree) throw new IngestError('corrupt-docx', 'the DOCX could not be read (no document body)');
  const { text, map, footnotes } = treeToText(tree);
  if (numbered.count) diagnostics.push({ level: 'info', code: 'docx-numbering', message: `${numbered.count} auto-numbered paragraphs: numbers materialized as text` });
  if (footnotes) diagnostics.push({ level: 'info', code: 'docx-footnotes', message: `${footnotes} footnotes placed after the paragraphs that reference them` });
  const seen = new Set<string>();
  for (const m of messages) {
    if (/Unrecognised (paragraph|run|table|numbering) style/i.test(m.message) || seen.has(m.message)) continue;
    seen.add(m.message);
    if (seen.size <= 5) diagnostics.push({ level: m.type === 'error' ? 'warning' : 'info', code: 'docx-reader', message: m.message });
  }
  return { value: { format: 'docx', text, map }, diagnostics };
}
