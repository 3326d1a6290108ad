/**
 * Segmentation: normalized text → document tree (header, preamble, sections,
 * items, bullets, paragraphs, footnotes, recipients, signature) with spans,
 * plus document metadata. Pure functions; diagnostics instead of printing.
 */
import { romanValue } from '../vocab/numerals.js';
import { bulletPath, footnotePath, joinPath, paragraphPath, rowPath } from './path.js';
import type { Diagnostic, Meta, Result, Segment, SegmentKind, Span } from '../model.js';
import { splitClauses } from './clauses.js';
import { isBody, pathTo, visit, walk } from './tree.js';
import { toSuperscript } from '../normalize/markup.js';
import { type Block, type Line, type Marker, type MarkerType, NAME_LINE, displayText, endsSentence, kindOfLine, splitLines, toBlocks, wrapWidth } from './lines.js';
import { readMeta } from './meta.js';
import { SIGNER_NAME, SIGN_FORMULA, kindLine, readHeader } from './header.js';

export { splitBundle } from './bundle.js';

export { kindOfLine } from './lines.js';

export interface Segmented {
  segments: Segment[];
  meta: Meta;
}

const RECIPIENTS = /^Nơi nhận\s*:?/iu;
const SIGN_ROLE = /^(?:T\/M|TM\.?|K\/T|KT\.?|T\/L|TL\.?|Q\.)\s*\p{Lu}/u;
const ROLE_LINE = /^(?:PHÓ\s+)?(?:BÍ THƯ|CHỦ TỊCH|TRƯỞNG BAN|CHỦ NHIỆM|CHÁNH VĂN PHÒNG)(?:\s+THƯỜNG TRỰC)?$/u;

interface Node {
  seg: Segment;
  level: number;
  marker: Marker | null;
  count: { bullet: number; para: number; fn: number };
}

function mk(kind: SegmentKind, path: string, span: Span, text: string, label: string | null = null, heading: string | null = null): Segment {
  return { id: '', path, kind, label, heading, text, span, children: [], clauses: [] };
}

/** Join a parent's path and a child's label, keeping the document's own numbering ("II" + "1.1" → "II.1.1"). */
export { joinPath } from './path.js';

/** Segment one document's text (already split from any bundle). */
export function segmentDocument(text: string, from = 0, to = text.length): Result<Segmented> {
  const diagnostics: Diagnostic[] = [];
  const lines = splitLines(text, from, to);
  const nonBlank = lines.filter((l) => l.text);
  if (nonBlank.length === 0) {
    return { value: { segments: [], meta: readMeta(text, [], []).value }, diagnostics: [{ level: 'error', code: 'empty', message: 'no text' }] };
  }

  // ---- zones: header | body | closing zone (recipients, signature) | after the signature (appendices)
  const head = readHeader(lines);
  const bodyStart = head.kindAt >= 0 ? head.end : 0;
  const headerEnd = bodyStart;
  if (head.kindAt < 0)
    diagnostics.push({ level: 'warning', code: 'not-a-directive', message: 'no document kind line (CHỈ THỊ, KẾ HOẠCH, HƯỚNG DẪN …) found: this may not be a Party directive or plan' });
  const { endZone, closeEnd } = closingZone(lines, bodyStart);
  const root: Segment[] = [];
  if (headerEnd > 0) {
    const hl = lines.slice(0, headerEnd).filter((l) => l.text);
    if (hl.length) root.push(mk('header', 'header', [hl[0].start, hl[hl.length - 1].end], hl.map((l) => l.text).join('\n')));
  }

  // ---- body
  const bodyLines = lines.slice(bodyStart, endZone);
  const width = wrapWidth(lines.filter((l) => l.text));
  const filter = markerFilter();
  const blocks = toBlocks(bodyLines, width, filter);
  buildTree(text, blocks, root, diagnostics);

  // ---- recipients and signature
  const { recipients, signature } = endBlocks(lines.slice(endZone, closeEnd));
  if (recipients) root.push(mk('recipients', 'recipients', recipients.span, recipients.text));
  if (signature) root.push(mk('signature', 'signature', signature.span, signature.text));

  // ---- after the signature: appendices (Phụ lục, task tables) and notes
  const after = lines.slice(closeEnd).filter((l) => l.text);
  if (after.length) {
    const tail: Segment[] = [];
    buildTree(text, toBlocks(lines.slice(closeEnd), width, markerFilter()), tail, diagnostics);
    for (const s of tail) {
      // what is not an appendix or a numbered part after the signature is a note, not body
      if (s.kind !== 'section') s.kind = 'closing';
      root.push(s);
    }
  }

  finish(root, text);
  const meta = readMeta(text, root, lines.slice(0, headerEnd), head);
  diagnostics.push(...meta.diagnostics);
  return { value: { segments: root, meta: meta.value }, diagnostics };
}

function parseMarker0(t: string): boolean {
  return /^(?:[IVX]+\.|\d+\.|[-+•])\s/.test(t);
}

/**
 * Decide whether a marker-looking line really starts an item. Decimal markers must
 * follow the numbering in force ("3." after "2.", "1.1." under "1."), so a wrapped
 * line that happens to begin "2025. " or "3. " out of sequence is text.
 */
function markerFilter() {
  const lastAt = new Map<number, number>(); // decimal depth -> last number
  let lastRoman = 0;
  const lastStruct = new Map<MarkerType, number>();
  return (l: Line, m: Marker | null): boolean => {
    if (!m) return false;
    if (m.type === 'appendix') {
      lastStruct.clear();
      return true;
    }
    if (m.type === 'part' || m.type === 'chapter' || m.type === 'division' || m.type === 'article') {
      const raw = m.label.split(' ').pop()!;
      const v = /^\d/.test(raw) ? parseInt(raw, 10) : /^[IVXLC]+$/.test(raw) ? romanValue(raw) : 1;
      const prev = lastStruct.get(m.type) ?? 0;
      // an article cited at a line start ("Điều 3 Nghị định …") is not the next article
      const ok = v === prev + 1 || v === 1 || (prev === 0 && v <= 3) || (m.type === 'article' && v > prev && v <= prev + 2);
      if (!ok) return false;
      lastStruct.set(m.type, v);
      if (m.type !== 'article') {
        // a new chapter restarts the numbering of what is below it (except articles, numbered through)
        for (const t of ['division'] as MarkerType[]) if (m.level < (t === 'division' ? -3 : 0)) lastStruct.delete(t);
      }
      lastRoman = 0;
      lastAt.clear();
      return true;
    }
    if (m.type === 'roman') {
      const v = romanValue(m.label);
      // the same numeral twice (a drafting slip: "IV. PHÂN CÔNG …", "IV. TỔ CHỨC THỰC HIỆN") is still a section
      const ok = v === lastRoman + 1 || (lastRoman === 0 && v <= 2) || (v === lastRoman && v > 0 && isUpperHeading(l.text.slice(m.length)));
      if (ok) {
        lastRoman = v;
        lastAt.clear();
      }
      return ok && /^\p{Lu}/u.test(l.text.slice(m.length));
    }
    if (m.type === 'decimal') {
      const parts = m.label.split('.').map(Number);
      const depth = parts.length;
      const n = parts[depth - 1];
      const prev = lastAt.get(depth) ?? 0;
      const ok = n === prev + 1 || n === 1 || (prev === 0 && n <= 3);
      if (!ok) return false;
      if (!/^[\p{Lu}\d"“(]/u.test(l.text.slice(m.length))) return false;
      lastAt.set(depth, n);
      for (const d of [...lastAt.keys()]) if (d > depth) lastAt.delete(d);
      return true;
    }
    return true;
  };
}

export { romanValue } from '../vocab/numerals.js';

const isUpperHeading = (s: string) => {
  const letters = s.replace(/[^\p{L}]/gu, '');
  return letters.length >= 4 && letters.replace(/[^\p{Lu}]/gu, '').length >= letters.length * 0.8;
};

function buildTree(text: string, blocks: Block[], root: Segment[], diagnostics: Diagnostic[]) {
  const stack: Node[] = [];
  const top = () => stack[stack.length - 1];
  const rootCount = { bullet: 0, para: 0, fn: 0 };
  let preamble: Segment | null = null;
  const footnotes: { seg: Segment; label: string }[] = [];
  const own = new Map<Segment, Span>();

  const attach = (seg: Segment) => {
    const t = top();
    if (t) t.seg.children.push(seg);
    else root.push(seg);
  };
  const parentPath = () => top()?.seg.path ?? '';

  for (let bi = 0; bi < blocks.length; bi++) {
    const b = blocks[bi];
    const m = b.marker;
    const span: Span = [b.start, b.end];
    const raw = text.slice(b.start, b.end);
    if (m?.type === 'footnote') {
      const seg = mk('footnote', footnotePath(m.label), span, displayText(raw.slice(m.length)), m.label);
      seg.footnote = m.label;
      footnotes.push({ seg, label: m.label });
      continue;
    }
    if (m?.type === 'row') {
      // a table row: a leaf under the current item (not under a bullet)
      while (top() && top().level >= m.level) stack.pop();
      const t = top();
      const counter = t ? t.count : rootCount;
      counter.para++;
      const base = t ? t.seg.path : '';
      const rowText = displayText(raw).replace(/^\|\s*|\s*\|$/g, '').replace(/\s*\|\s*\|\s*/g, ' | ');
      const seg = mk('row', rowPath(base, counter.para), span, rowText, m.label || null);
      if (t) t.seg.children.push(seg);
      else root.push(seg);
      continue;
    }
    if (!m) {
      // paragraph: under the current node; after a bullet, under the bullet's parent
      while (top() && top().marker?.type === 'bullet') stack.pop();
      const t = top();
      if (!t && !preamble && root.every((s) => s.kind === 'header')) {
        preamble = mk('preamble', 'preamble', span, '');
        root.push(preamble);
      }
      const counter = t ? t.count : rootCount;
      counter.para++;
      const base = t ? t.seg.path : preamble && !stack.length && !root.some((s) => s.kind === 'section' || s.kind === 'item') ? 'preamble' : '';
      const seg = mk('paragraph', paragraphPath(base, counter.para), span, displayText(raw));
      if (t) t.seg.children.push(seg);
      else if (preamble && base === 'preamble') preamble.children.push(seg);
      else root.push(seg);
      continue;
    }
    // a marked block: pop to its parent level
    while (top() && top().level >= m.level) stack.pop();
    const t = top();
    const counter = t ? t.count : rootCount;
    let label = m.label;
    let path: string;
    if (m.type === 'bullet') {
      counter.bullet++;
      path = bulletPath(parentPath(), counter.bullet);
    } else path = joinPath(parentPath(), t?.seg.label ?? null, label);
    const kind: SegmentKind = m.type === 'roman' || m.type === 'appendix' || m.type === 'part' || m.type === 'chapter' || m.type === 'division' ? 'section' : m.type === 'bullet' ? 'bullet' : 'item';
    const body = raw.slice(m.length);
    const seg = mk(kind, path, span, displayText(body), label);
    // heading: a section line, or an item line with no sentence end followed by text or sub-items
    const next = blocks[bi + 1];
    const firstLine = displayText(body);
    const isHeading =
      kind === 'section' ||
      (kind === 'item' && !endsSentence(firstLine.replace(/\s*[⁰¹²³⁴⁵⁶⁷⁸⁹]+$/, '')) && firstLine.length <= 250 && !!next && (next.marker === null || next.marker.level > m.level));
    if (isHeading) {
      seg.heading = firstLine.replace(/[:.]\s*$/, '');
      const h = mk('heading', path, span, seg.heading);
      seg.children.push(h);
      seg.text = '';
    }
    else own.set(seg, span);
    attach(seg);
    stack.push({ seg, level: m.level, marker: m, count: { bullet: 0, para: 0, fn: 0 } });
  }

  // an item or bullet whose own text is followed by children keeps that text in a leaf of its own
  for (const [seg, sp] of own) {
    if (seg.children.length) seg.children.unshift(mk('paragraph', seg.path, sp, seg.text));
  }

  // footnotes go under the segment that references them
  for (const f of footnotes) {
    const sup = toSuperscript(f.label);
    const owner = findRef(root, sup, f.seg.span[0], text);
    if (owner) {
      f.seg.path = `${owner.path}.fn${f.label}`;
      owner.footnote = f.label;
      // attach as a sibling right after the referencing leaf (a leaf cannot gain children)
      const list = findParentOf(root, owner)?.children ?? root;
      list.splice(list.indexOf(owner) + 1, 0, f.seg);
    } else {
      diagnostics.push({ level: 'warning', code: 'footnote-unreferenced', message: `footnote ${f.label} is not referenced in the text`, span: f.seg.span });
      root.push(f.seg);
    }
  }
}

function findRef(segs: Segment[], sup: string, before: number, text: string): Segment | null {
  let found: Segment | null = null;
  visit(segs, (s) => {
    if (s.kind !== 'footnote' && s.children.length === 0 && text.slice(s.span[0], s.span[1]).includes(sup)) found = s;
  });
  return found;
}

function findParentOf(segs: Segment[], target: Segment): Segment | null {
  const chain = pathTo(segs, target);
  return chain.length > 1 ? chain[chain.length - 2] : null;
}

/**
 * Where the closing (recipients and signature) starts and ends. It starts at the first
 * "Nơi nhận" after the body, or at a signing formula ("TM.", "KT.") printed just before it
 * (two columns read one after the other), or at the last signing formula near the end. It
 * ends after the signer's name; what follows (appendices, notes) is returned separately.
 */
function closingZone(lines: Line[], bodyStart: number): { endZone: number; closeEnd: number } {
  let endZone = -1;
  for (let i = bodyStart; i < lines.length; i++) {
    if (RECIPIENTS.test(lines[i].text)) {
      endZone = i;
      break;
    }
  }
  if (endZone >= 0) {
    // a signing block right before "Nơi nhận" (the right column read first)
    for (let i = endZone - 1; i >= Math.max(bodyStart, endZone - 8); i--) {
      const t = lines[i].text;
      if (!t || t === '|') continue;
      if (SIGN_FORMULA.test(t) || ROLE_LINE.test(t) || (/^[\p{Lu}\s,.]+$/u.test(t) && t.length < 40 && !/^[IVX]+\./.test(t))) {
        if (SIGN_FORMULA.test(t) || ROLE_LINE.test(t)) endZone = i;
        continue;
      }
      break;
    }
  } else {
    for (let i = lines.length - 1; i >= Math.max(bodyStart, lines.length - 40); i--) {
      if (SIGN_ROLE.test(lines[i].text)) {
        endZone = i;
        break;
      }
    }
  }
  if (endZone < 0) return { endZone: lines.length, closeEnd: lines.length };
  // the end: the signer's name after the signing formula / role lines (or after the recipients)
  let sawRole = false;
  let closeEnd = -1;
  let lastClosing = endZone;
  for (let i = endZone; i < lines.length && i < endZone + 80; i++) {
    const t = lines[i].text;
    if (!t || t === '|') continue;
    if (SIGN_FORMULA.test(t) || ROLE_LINE.test(t)) sawRole = true;
    if (SIGNER_NAME.test(t) && (sawRole || i > endZone)) {
      // a recipient's continuation is lower case; a name is capitalised syllables
      closeEnd = i + 1;
      if (sawRole) break;
    }
    if (/^(?:PHỤ\s+LỤC|Phụ\s+lục)\b/u.test(t) || kindLine(t, true)) break;
    lastClosing = i;
  }
  if (closeEnd < 0) closeEnd = lastClosing + 1;
  else {
    // recipients printed after the name (the left column read after the right one)
    for (let i = closeEnd; i < lines.length; i++) {
      const t = lines[i].text;
      if (!t || t === '|') continue;
      if (/^[-–+•]\s*\S.{0,120}[;.,]$/u.test(t) || /^[-–+•]?\s*Lưu\s*:?\s/u.test(t)) closeEnd = i + 1;
      else break;
    }
  }
  // bars and blank lines closing the signature cell belong to it
  while (closeEnd < lines.length && (!lines[closeEnd].text || lines[closeEnd].text === '|' || /^\(?(?:đã\s+ký|Đã\s+ký)\)?$/u.test(lines[closeEnd].text))) closeEnd++;
  return { endZone, closeEnd };
}

function endBlocks(lines: Line[]): { recipients: { span: Span; text: string } | null; signature: { span: Span; text: string } | null } {
  const nb = lines.filter((l) => l.text);
  if (!nb.length) return { recipients: null, signature: null };
  // signature: from the first T/M-style or role line, else the final name line
  let sig = nb.findIndex((l) => SIGN_ROLE.test(l.text) || ROLE_LINE.test(l.text));
  // the signature table as cells ("|" Nơi nhận … "|" GIÁM ĐỐC / name "|"): the cell after the recipients' cell
  // is the signature, whatever its role line says
  const r0 = nb.findIndex((l) => RECIPIENTS.test(l.text));
  if (r0 >= 0 && sig < 0) {
    const bar = nb.findIndex((l, k) => k > r0 && l.text === '|');
    const cell = bar < 0 ? -1 : nb.findIndex((l, k) => k > bar && l.text !== '|');
    if (cell >= 0 && nb.slice(cell).some((l) => NAME_LINE.test(l.text))) sig = cell;
  }
  if (sig < 0) {
    const last = nb.length - 1;
    sig = NAME_LINE.test(nb[last].text) ? last : -1;
  }
  const rec = RECIPIENTS.test(nb[0].text) ? nb.slice(0, sig < 0 ? nb.length : sig) : [];
  const sg = sig < 0 ? [] : nb.slice(sig);
  const pack = (ls: Line[]) => (ls.length ? { span: [ls[0].start, ls[ls.length - 1].end] as Span, text: ls.map((l) => l.text).join('\n') } : null);
  // lines before the recipients block that are not recipients (no "Nơi nhận" and no signature) are ignored: none by construction
  if (!rec.length && sig > 0) return { recipients: null, signature: pack(nb) };
  return { recipients: pack(rec), signature: pack(sg) };
}

/** Assign ids and split leaves into clauses. */
function finish(root: Segment[], text: string) {
  let n = 0;
  // inner spans cover their children (bottom-up: in reverse document order every segment comes after its descendants)
  for (const s of walk(root).reverse())
    for (const c of s.children) {
      if (c.span[0] < s.span[0]) s.span = [c.span[0], s.span[1]];
      if (c.span[1] > s.span[1]) s.span = [s.span[0], c.span[1]];
    }
  visit(root, (s) => {
    s.id = `s${++n}`;
    if (s.children.length === 0 && isBody(s)) s.clauses = splitClauses(text, s.span, s.kind === 'item' || s.kind === 'bullet' ? s.label : null);
  });
}

export { leaves, walk } from './tree.js';
