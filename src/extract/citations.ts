/**
 * Citations of other documents, found, resolved and annotated in the manner of
 * eyecite (case law), adapted to Vietnamese Party and state documents:
 *
 *   find     — numbered symbols ("50-CT/TW", "21-\nNQ/TW", "30/2020/NĐ-CP"),
 *              number-only short forms ("Chỉ thị số 50"), aliases ("(gọi tắt là …)"),
 *              documents named without a number ("Điều lệ Đảng", "Nghị quyết Trung ương 4
 *              (khóa XI, XII)", "Quy định về …"), descriptive references ("Chỉ thị của Ban
 *              Bí thư" in a plan implementing one Chỉ thị) and self references ("Kế hoạch này");
 *   resolve  — short and descriptive forms to the full citation of the same document,
 *              metadata (date, issuer, title, khóa) shared among the mentions of one document;
 *   annotate — relation from cue words (implements / continues / amends / replaces /
 *              references), segment path, anomalies.
 *
 * findCitations composes the phases: find (this file: findNumbered, findShortForms, findAliases,
 * findNamed, findUnnumbered, each draft's relation), resolve (citations/resolve.ts), annotate
 * (citations/annotate.ts); drafts are citations/draft.ts.
 *
 * Parsing runs on a masked copy of the text of the same length (superscript footnote
 * marks, stray page-number lines and rules blanked), so offsets stay those of `doc.text`.
 */
import { relationGuard } from '../vocab/relations.js';
import { partitionPoint } from '../util.js';
import type { Citation, Doc, Relation, Result, Segment } from '../model.js';
import { collapse, foldTones } from '../normalize/vi.js';
import { sameSymbol, symbolKey } from '../normalize/symbol.js';
import {
  CUES,
  KIND_ALT,
  KIND_CODES,
  KIND_WORDS,
  WORD_CODES,
  issuersCompatible,
  parseViDate,
} from './citations/patterns.js';
import { AfterLookbehind, segmentLocator } from './util.js';
import { inOpening } from '../segment/path.js';
import { type Draft, blank } from './citations/draft.js';
import { resolveMentions } from './citations/resolve.js';
import { annotateAnomalies } from './citations/annotate.js';

type Locator = ReturnType<typeof segmentLocator>;

export { parseViDate, issuerKey, issuersCompatible, centralTerm, issuerLevel, codeLevel } from './citations/patterns.js';

// ------------------------------------------------------------------ text helpers

const L = String.raw`[\p{L}\p{N}]`;
const DATE_SRC = String.raw`\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}`;
const KHOA_LIST = String.raw`(?:các\s+)?kh(?:óa|oá)\s+[IVXLC]+(?:\s*(?:,|và)\s*(?:kh(?:óa|oá)\s+)?[IVXLC]+)*`;

const sentenceCase = (s: string) => {
  const t = collapse(s).toLocaleLowerCase('vi');
  return t ? t[0].toLocaleUpperCase('vi') + t.slice(1) : t;
};
const isUpperInitial = (w: string) => /^\p{Lu}/u.test(w);

/**
 * Same-length copy of the text for parsing: superscript digits, lines that are
 * only a page number and horizontal rules become spaces (footnote bodies printed
 * between two halves of a sentence are stepped over by `skipWs`).
 */
export function maskText(doc: Pick<Doc, 'text'>): string {
  let s = doc.text.replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]/g, ' ');
  s = s.replace(/^[ \t]*(?:\d{1,3}|[-–—_*=]{3,})[ \t]*$/gmu, (m) => ' '.repeat(m.length));
  return s;
}

/** Position of the first non-space after `p`, skipping footnote bodies ("¹ …" lines). */
function skipWs(text: string, scan: string, p: number): number {
  for (;;) {
    while (p < scan.length && /\s/.test(scan[p])) p++;
    // a footnote body line in the original text interrupting the sentence
    if (p < text.length && (p === 0 || text[p - 1] === '\n') && /^[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s/.test(text.slice(p, p + 6))) {
      const nl = text.indexOf('\n', p);
      p = nl < 0 ? text.length : nl;
      continue;
    }
    return p;
  }
}

/** sticky copies of the patterns (module constants, so that each is made once) */
const STICKY = new WeakMap<RegExp, RegExp>();
function sticky(re: RegExp, s: string, at: number): RegExpExecArray | null {
  let r = STICKY.get(re);
  if (!r) {
    r = new RegExp(re.source, re.flags.includes('y') ? re.flags : re.flags + 'y');
    STICKY.set(re, r);
  }
  r.lastIndex = at;
  return r.exec(s);
}
const TITLE_HEAD = /về(?=\s)|“|"/u;
const TITLE_QUOTED = /về\s+([“"])/u;
const NGAY = /ngày(?![\p{L}])/iu;
const CUA = /của(?=\s)/u;
const REMARK = /\s*\(\s*(?:nay\s+là|trước\s+đây\s+là|nay\s+là\s+của)\s[^()]{1,120}\)/u;
const DESCRIPTION = /(?:thực\s+hiện|hướng\s+dẫn\s+một\s+số|một\s+số)(?=\s)/u;
const ALIAS = /\s*\(\s*(?:sau\s+đây\s+)?(?:gọi\s+tắt\s+là|viết\s+tắt\s+là|gọi\s+là)\s+([^)]{2,80}?)\s*\)/u;

const KIND_START = new RegExp(`(?:${KIND_ALT})(?!${L})`, 'uy');
const STOP_LOWER = new Set(['về', 'và', 'của', 'ngày', 'số', 'theo', 'tại', 'trong', 'để', 'đã', 'được', 'là', 'với', 'gắn', 'nhằm', 'đến', 'có', 'nay', 'thực', 'hướng', 'một', 'ban', 'quy', 'triển', 'tổ', 'thì', 'khi', 'từ', 'cho', 'do', 'trên', 'sau', 'trước']);
const LEVEL_LOWER = new Set(['tỉnh', 'huyện', 'xã', 'phường', 'quận', 'các']);
/** lower-case words of an organ name that need their second syllable: "thành phố", "thị xã", "cơ quan" */
const LEVEL_PAIR: Record<string, string> = { thành: 'phố', thị: 'xã', cơ: 'quan', trung: 'ương' };

/** Read an issuer name starting at `p` ("Ban Thường vụ Tỉnh ủy", "Ban Chấp hành Trung ương khóa XIII"). */
function readIssuer(scan: string, p: number): { issuer: string; end: number; khoa: string | null } | null {
  const tok = /([\p{L}\p{N}]+)|([–-])|(\S)/uy;
  const toks: { w: string; s: number; e: number; punct: boolean }[] = [];
  let q = p;
  for (let n = 0; n < 40; n++) {
    while (q < scan.length && /\s/.test(scan[q])) q++;
    tok.lastIndex = q;
    const m = tok.exec(scan);
    if (!m) break;
    toks.push({ w: m[0], s: q, e: q + m[0].length, punct: !m[1] });
    q += m[0].length;
  }
  const out: typeof toks = [];
  let khoa: string | null = null;
  for (let i = 0; i < toks.length && out.length < 16; i++) {
    const t = toks[i];
    const prev = out[out.length - 1];
    if (t.punct) {
      // a dash inside a name: "Tập đoàn Công nghiệp – Năng lượng"
      if (/[–-]/.test(t.w) && prev && toks[i + 1] && !toks[i + 1].punct && isUpperInitial(toks[i + 1].w)) {
        out.push(t);
        continue;
      }
      break;
    }
    if (out.length === 0) {
      if (!isUpperInitial(t.w) || sticky(KIND_START, scan, t.s)) return null;
      out.push(t);
      continue;
    }
    const lw = t.w.toLocaleLowerCase('vi');
    if ((lw === 'khóa' || lw === 'khoá') && toks[i + 1] && /^[IVXLC]+$/.test(toks[i + 1].w)) {
      khoa = toks[i + 1].w;
      out.push(t, toks[i + 1]);
      i++;
      continue;
    }
    if (isUpperInitial(t.w)) {
      if (/^[IVXLC]+$/.test(t.w) && !/^kh(óa|oá)$/i.test(prev.w)) break;
      if (sticky(KIND_START, scan, t.s)) break;
      out.push(t);
      continue;
    }
    if (lw === 'và' && toks[i + 1] && !toks[i + 1].punct && isUpperInitial(toks[i + 1].w) && !sticky(KIND_START, scan, toks[i + 1].s)) {
      out.push(t);
      continue;
    }
    const pair = LEVEL_PAIR[lw];
    if (pair) {
      if (toks[i + 1] && toks[i + 1].w.toLocaleLowerCase('vi') === pair) {
        out.push(t, toks[i + 1]);
        i++;
        continue;
      }
      if (!isUpperInitial(prev.w)) break;
    }
    if (STOP_LOWER.has(lw)) break;
    if (LEVEL_LOWER.has(lw) || (isUpperInitial(prev.w) && !prev.punct)) {
      out.push(t);
      continue;
    }
    break;
  }
  while (out.length && (out[out.length - 1].punct || /^(các|và|cơ)$/u.test(out[out.length - 1].w))) out.pop();
  if (!out.length) return null;
  const end = out[out.length - 1].e;
  return { issuer: collapse(scan.slice(p, end)), end, khoa };
}

const LABEL_LINE = String.raw`\n[ \t]*(?:[IVX]+\.|\d+(?:\.\d+)*\.?(?=\s)|[a-zđ]\)|\(\d+\)|[-+•])\s`;
const ORGAN_HEAD = String.raw`(?:Ban|Bộ|Đảng ủy|Đảng uỷ|Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ|Huyện ủy|Huyện uỷ|Thị ủy|Thị uỷ|Ủy ban|Uỷ ban|Văn phòng|Các|Mỗi|Chính phủ|Thường trực)(?![\p{L}])`;
const TITLE_STOP = new RegExp(
  String.raw`[;()]|\.(?=\s|$)|:(?=\s)|${LABEL_LINE}|,\s+(?=${ORGAN_HEAD})|\s+và\s+(?=(?:${KIND_ALT})\s+(?:số\s+)?\d)|,?\s+(?:bảo\s+đảm|đảm\s+bảo|gắn\s+với|gắn|để|nhằm|đến\s+khi|coi\s+đây|xem\s+đây|kiên\s+quyết|đồng\s+thời|và\s+các)(?=\s)|,\s*trong\s+đó(?=\s)|(?<=[”"])\s*,(?!\s*[“"])`,
  'gu',
);

/** "21- NQ/TW" (a symbol broken at a line end) → "21-NQ/TW" inside a title. */
const joinSymbols = (s: string) => s.replace(/(\d)\s*[-–]\s+(?=[A-ZĐ][A-Za-zĐđ]{0,3}\s*\/)/gu, '$1-');

/** Read a title ("về …" up to the end of the clause) starting at `p`. */
function readTitle(scan: string, p: number, opts: { stopAtIssuer?: boolean } = {}): { title: string; end: number; issuerAt?: number } | null {
  const head = sticky(TITLE_HEAD, scan, p);
  if (!head) return null;
  if (head[0] !== 'về') {
    // a quoted title
    const close = scan.indexOf(head[0] === '“' ? '”' : '"', p + 1);
    if (close < 0 || close - p > 400) return null;
    return { title: collapse(scan.slice(p + 1, close)), end: close + 1 };
  }
  const q = sticky(TITLE_QUOTED, scan, p);
  if (q) {
    const close = scan.indexOf(q[1] === '“' ? '”' : '"', p + q[0].length);
    if (close > 0 && close - p < 400) return { title: `về ${collapse(scan.slice(p + q[0].length, close))}`, end: close + 1 };
  }
  TITLE_STOP.lastIndex = p + 3;
  const m = TITLE_STOP.exec(scan);
  let end = Math.min(m ? m.index : scan.length, p + 500);
  let issuerAt: number | undefined;
  if (opts.stopAtIssuer) {
    // "Quy định về X của Ban Thường vụ Tỉnh ủy": the last "của <organ>" ends the title
    const re = /\s(của)\s+(?=(?:Ban|Bộ|Tỉnh|Thành|Huyện|Thị|Quận|Đảng|Ủy|Uỷ|Văn phòng|Chính phủ|Trung ương|Thủ tướng|Quốc hội)(?![\p{L}]))/gu;
    re.lastIndex = p;
    let k: RegExpExecArray | null;
    while ((k = re.exec(scan)) && k.index < end) {
      issuerAt = k.index + k[0].length;
      end = k.index;
    }
  }
  let title = joinSymbols(collapse(scan.slice(p, end)).replace(/[\s,.…]+$/u, ''));
  title = title.replace(/^về\s+["“](.*)["”]$/u, 'về $1');
  if (title.length < 5) return null;
  return { title, end: p + scan.slice(p, end).replace(/[\s,]+$/u, '').length, issuerAt };
}

interface Tail {
  date: string | null;
  issuer: string | null;
  khoa: string | null;
  title: string | null;
  end: number;
  tailEnd: number;
  alias: string | null;
  aliasEnd: number;
}

/** Read what follows a symbol: ", ngày 23/7/2025 của Ban Bí thư về …", "(gọi tắt là …)". */
const DATE_RE = new RegExp(DATE_SRC, 'u');

function readTail(text: string, fullScan: string, p: number, limit: number): Tail {
  const scan = fullScan.slice(0, limit);
  const t: Tail = { date: null, issuer: null, khoa: null, title: null, end: p, tailEnd: p, alias: null, aliasEnd: p };
  let q = p;
  const comma = (x: number) => {
    const y = skipWs(text, scan, x);
    return scan[y] === ',' ? skipWs(text, scan, y + 1) : y;
  };
  const readDate = (x: number): boolean => {
    let y = comma(x);
    const ng = sticky(NGAY, scan, y);
    if (ng) y = skipWs(text, scan, y + ng[0].length);
    const d = sticky(DATE_RE, scan, y);
    if (!d || (!ng && scan[skipWs(text, scan, x)] !== ',' && x !== y)) {
      if (!d) return false;
    }
    const iso = parseViDate(d[0]);
    if (!iso) return false;
    t.date = iso;
    t.end = y + d[0].length;
    q = t.end;
    return true;
  };
  const readOf = (x: number): boolean => {
    const y = comma(x);
    const c = sticky(CUA, scan, y);
    if (!c) return false;
    const iss = readIssuer(scan, skipWs(text, scan, y + 3));
    if (!iss) return false;
    t.issuer = iss.issuer;
    t.khoa = iss.khoa;
    t.end = iss.end;
    q = t.end;
    return true;
  };
  readDate(q);
  if (readOf(q) && !t.date) readDate(q);
  t.tailEnd = t.end;
  // a remark on the issuer: "(nay là Ban Thường vụ Thị ủy)"
  const remark = sticky(REMARK, scan, q);
  if (remark) q += remark[0].length;
  // title: "về …", or a description "thực hiện …" right after the issuer
  const y = skipWs(text, scan, scan[skipWs(text, scan, q)] === ',' ? skipWs(text, scan, q) + 1 : q);
  const ti = readTitle(scan, y);
  if (ti) {
    t.title = ti.title;
    t.tailEnd = ti.end;
  } else if (t.issuer) {
    const d = sticky(DESCRIPTION, scan, y);
    if (d) {
      TITLE_STOP.lastIndex = y + d[0].length;
      const m = TITLE_STOP.exec(scan);
      const end = Math.min(m ? m.index : scan.length, y + 500);
      t.title = joinSymbols(collapse(scan.slice(y, end)).replace(/[\s,]+$/u, ''));
      t.tailEnd = end;
    }
  }
  // alias: "(gọi tắt là …)", "(viết tắt là …)", "(sau đây gọi là …)"
  const al = sticky(ALIAS, scan, t.tailEnd);
  if (al) {
    t.alias = collapse(al[1]);
    t.aliasEnd = t.tailEnd + al[0].length;
  }
  return t;
}

// ------------------------------------------------------------------ symbols

const PARTY_SYMBOL =
  /(?<![\p{L}\p{N}/.\-])(\d{1,4})\s*[-–‐]\s*([A-ZĐ][A-Za-zĐđ]{0,3})\s*\/\s*([A-ZĐ][A-Za-zĐđ&]{0,9}(?:-[A-ZĐ][A-Za-zĐđ]{0,9})?)(?![\p{L}\p{N}])/gu;
const STATE_SYMBOL =
  /(?<![\p{L}\p{N}/.\-])(\d{1,5})\s*\/\s*(?:(\d{4})\s*\/\s*)?((?:[A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-ZĐ][A-Za-zĐđ0-9]*)+)|(?:UBTV)?QH\d{1,2})(?![\p{L}\p{N}])/gu;
const PARTY_SYMBOL_LB = new AfterLookbehind(PARTY_SYMBOL);
const STATE_SYMBOL_LB = new AfterLookbehind(STATE_SYMBOL);
/**
 * A kind word (and "số") ending the text before a symbol. Written with a lookbehind instead of
 * "(?:^|[^\p{L}])": the same kind word starts are tried in the same order, so the groups are the
 * same (the match no longer includes the character before the kind word; only the groups are used),
 * and it compiles several times faster.
 */
const KIND_BEFORE = new AfterLookbehind(new RegExp(`(?<![\\p{L}])(${KIND_ALT})(\\s+số)?\\s*$`, 'iu'));
const NUMBER_LINE_BEFORE = /(?:^|\n)[ \t]*Số\s*:?\s*$/u;

function kindFromWord(w: string | null): string | null {
  return w ? sentenceCase(w) : null;
}
function codesForWord(w: string): readonly string[] {
  return WORD_CODES[collapse(w).toLocaleLowerCase('vi')] ?? [];
}

function findNumbered(doc: Doc, scan: string, loc: Locator): { drafts: Draft[]; aliases: { alias: string; owner: Draft }[] } {
  const drafts: Draft[] = [];
  const aliases: { alias: string; owner: Draft }[] = [];
  const header = doc.segments.find((s) => s.kind === 'header');
  const add = (m: RegExpExecArray, party: boolean) => {
    const symStart = m.index;
    const symEnd = m.index + m[0].length;
    const before = scan.slice(Math.max(0, symStart - 60), symStart);
    const kb = KIND_BEFORE.exec(before);
    if (!kb && NUMBER_LINE_BEFORE.test(before)) return; // the document's own number ("Số 50-CT/TW")
    let id: string;
    let number: string;
    let symbol: string;
    let issuerCode: string | undefined;
    if (party) {
      number = m[1];
      symbol = `${m[2]}/${m[3]}`;
      issuerCode = m[3];
      id = `${number}-${symbol}`;
    } else {
      number = m[1];
      symbol = m[2] ? `${m[2]}/${m[3]}` : m[3];
      id = `${number}/${symbol}`;
    }
    if (header && !kb && symStart >= header.span[0] && symStart < header.span[1] && doc.meta.symbol && sameSymbol(doc.meta.symbol, id)) return;
    const kindWord = kb ? kb[1] : null;
    const code = party ? m[2].toUpperCase() : (m[3].split('-')[0] ?? '').toUpperCase();
    const tail = readTail(doc.text, scan, symEnd, segmentEnd(doc, symStart, loc));
    const d: Draft = {
      id,
      kind: kindFromWord(kindWord) ?? KIND_CODES[code] ?? null,
      number,
      symbol,
      date: tail.date,
      issuer: tail.issuer,
      title: tail.title,
      khoa: tail.khoa,
      form: tail.date || tail.issuer ? 'full' : 'short',
      relation: 'references',
      start: exactKindStart(scan, symStart, kindWord),
      end: Math.max(symEnd, tail.end),
      tailEnd: Math.max(symEnd, tail.end, tail.tailEnd),
      issuerCode,
    };
    drafts.push(d);
    if (tail.alias && !/\d+\s*[-–]\s*[A-ZĐ]|\d+\/\d{4}\//u.test(tail.alias)) aliases.push({ alias: tail.alias, owner: d });
  };
  for (const m of PARTY_SYMBOL_LB.matchAll(scan)) add(m, true);
  for (const m of STATE_SYMBOL_LB.matchAll(scan)) add(m, false);
  drafts.sort((a, b) => a.start - b.start);
  return { drafts, aliases };
}

/** End of the deepest segment containing `pos` (a title never runs past it). */
function segmentEnd(doc: Doc, pos: number, loc: Locator): number {
  const seg = loc.at(pos);
  return seg ? seg.span[1] : doc.text.length;
}

/** The start offset of the kind word that precedes a symbol. */
const KIND_AT_END = new RegExp(`(${KIND_ALT})(?:\\s+số)?\\s*$`, 'iu');
function exactKindStart(scan: string, symStart: number, kindWord: string | null): number {
  if (!kindWord) return symStart;
  const win = scan.slice(Math.max(0, symStart - 60), symStart);
  const m = KIND_AT_END.exec(win);
  return m ? symStart - win.length + m.index : symStart;
}

export { symbolKey, sameSymbol } from '../normalize/symbol.js';

// ------------------------------------------------------------------ other forms

const NAMED: RegExp[] = [
  /Điều\s+lệ\s+Đảng(?:\s+Cộng\s+sản\s+Việt\s+Nam)?(?![\p{L}])/gu,
  new RegExp(
    String.raw`(?:Nghị\s+quyết|Kết\s+luận)(?:\s*(?:,|và)\s*(?:Nghị\s+quyết|Kết\s+luận))*\s+(?:Hội\s+nghị\s+)?Trung\s+ương\s+\d{1,2}(?![\p{N}])(?:\s*\(\s*${KHOA_LIST}\s*\)|\s+${KHOA_LIST})?`,
    'gu',
  ),
  /Nghị\s+quyết\s+Đại\s+hội\s+(?:đại\s+biểu\s+toàn\s+quốc\s+)?(?:lần\s+thứ\s+)?[IVXLC]+(?:\s+của\s+Đảng)?(?![\p{L}])/gu,
  /Hiến\s+pháp(?:\s+năm\s+\d{4})?(?![\p{L}])/gu,
];

const overlaps = (drafts: Draft[], a: number, b: number) => drafts.some((d) => a < d.end && d.start < b);

const TOKEN_STOP = new Set(['về', 'và', 'của', 'các', 'những', 'trong', 'với', 'cho', 'đối', 'việc', 'là', 'được']);
function tokens(s: string): string[] {
  return (foldTones(s.toLocaleLowerCase('vi')).match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !TOKEN_STOP.has(w));
}
function containment(small: string, big: string): number {
  const a = tokens(small);
  const b = new Set(tokens(big));
  if (!a.length) return 0;
  return a.filter((w) => b.has(w)).length / a.length;
}

/** Offset where body content starts (first section or item), for telling the opening apart. */
function bodyStart(doc: Doc): number {
  const seg = doc.segments.find((s) => s.kind === 'section' || s.kind === 'item' || s.kind === 'bullet');
  if (seg) return seg.span[0];
  const m = /\n[ \t]*(?:I|1)\.\s/u.exec(doc.text);
  return m ? m.index : Math.floor(doc.text.length / 5);
}

function docKindWord(doc: Doc): string | null {
  if (doc.meta?.kind) return doc.meta.kind.toLocaleLowerCase('vi');
  const first = /^\s*([\p{Lu} ]{4,30})$/mu.exec(doc.text.slice(0, 400));
  const w = first ? collapse(first[1]).toLocaleLowerCase('vi') : null;
  return w && WORD_CODES[w] ? w : null;
}

function selfId(doc: Doc): string {
  if (doc.meta?.symbol) return doc.meta.symbol;
  const k = doc.meta?.kind ? sentenceCase(doc.meta.kind) : 'Văn bản';
  return doc.meta?.issuer ? `${k} của ${doc.meta.issuer}` : `${k} (${doc.source?.file ?? 'văn bản này'})`;
}

// ------------------------------------------------------------------ relations

const SENTENCE_END = new RegExp(String.raw`[.!?](?=\s)|${LABEL_LINE}`, 'gu');
const SENTENCE_SCAN = new RegExp(SENTENCE_END);
/** the matches of SENTENCE_END over a whole text (end offsets and the sentence starts they give), for the last text seen */
let sentenceIndex: { scan: string; ends: number[]; starts: number[] } | null = null;

/**
 * Start of the sentence holding `pos`: after the last SENTENCE_END match in `scan.slice(0, pos)`.
 * The matches of the whole text are found once; those that end (with the one character their
 * lookahead reads) well before `pos` are exactly the first matches of the prefix, and the prefix
 * is scanned only from the last of them.
 */
function sentenceStart(scan: string, pos: number): number {
  if (!sentenceIndex || sentenceIndex.scan !== scan) {
    const ends: number[] = [];
    const starts: number[] = [];
    for (const m of scan.matchAll(SENTENCE_END)) {
      ends.push(m.index + m[0].length);
      starts.push(m.index + (m[0].startsWith('\n') ? 1 : m[0].length));
    }
    sentenceIndex = { scan, ends, starts };
  }
  const { ends, starts } = sentenceIndex;
  // last match whose end + margin <= pos
  const k = partitionPoint(ends.length, (i) => ends[i] + 2 <= pos) - 1;
  let b = k >= 0 ? starts[k] : 0;
  const re = SENTENCE_SCAN;
  re.lastIndex = k >= 0 ? ends[k] : 0;
  const prefix = scan.slice(0, pos);
  let m: RegExpExecArray | null;
  while ((m = re.exec(prefix))) b = m.index + (m[0].startsWith('\n') ? 1 : m[0].length);
  return b;
}

/** The words before a cue that make it part of a law's name ("Luật Thực hiện dân chủ ở cơ sở"). */
const IN_LAW_NAME = /(?:^|[^\p{L}])(?:Bộ\s+luật|Luật|Pháp\s+lệnh)\s+$/u;
function nearestCue(scan: string, from: number, to: number, blocked: (i: number) => boolean): { relation: Relation; at: number } | null {
  const win = scan.slice(from, to);
  let best: { relation: Relation; end: number; len: number; at: number } | null = null;
  for (const c of CUES) {
    for (const m of win.matchAll(c.re)) {
      const at = from + m.index;
      if (blocked(at)) continue;
      // a cue word inside the name of a law ("Căn cứ Luật Thực hiện dân chủ ở cơ sở …"): no cue
      if (IN_LAW_NAME.test(scan.slice(Math.max(0, at - 12), at))) continue;
      const end = at + m[0].length;
      if (!best || end > best.end || (end === best.end && m[0].length > best.len)) best = { relation: c.relation, end, len: m[0].length, at };
    }
  }
  return best ? { relation: best.relation, at: best.at } : null;
}

/** Words just before an implementation cue that make it part of another document's description. */
const DESCRIBES = /(?:(?:^|[^\p{L}])về(?:\s+việc)?|(?:[Kk]ế\s+hoạch|[Cc]hương\s+trình|[Đđ]ề\s+án)(?:\s+hành\s+động)?\s+của\s+[^,;.]{2,50}?|(?:Kế\s+hoạch|Chương\s+trình|Đề\s+án|Kế\s+hoạch\s+hành\s+động|Chương\s+trình\s+hành\s+động|kế\s+hoạch|chương\s+trình|đề\s+án|hướng\s+dẫn)(?:\s+(?:tổng\s+thể|chi\s+tiết))?|\d{4}\s+của\s+[^,;]{2,60}?)\s*$/u;
/** A sentence opening on this document issuing a plan ("Ban hành Kế hoạch triển khai …"): the plan it issues is not another document's description. */
const ISSUES_IT = /(?:^|\n)\s*ban\s+hành\s+(?:kèm\s+theo\s+\p{L}+\s+\p{L}+\s+này\s+)?(?:kế\s+hoạch|chương\s+trình|đề\s+án)(?:\s+hành\s+động)?\s*$/iu;
/** Cue words chained before the nearest cue ("… Kế hoạch hành động triển khai | thực hiện …"). */
const CHAINED_CUES = /(?:\s*(?:triển\s+khai|thực\s+hiện|tổ\s+chức|quán\s+triệt))+\s*$/u;
/**
 * What joins two citations of one list: "và" or "cùng", after the first one's date and issuer when its tail was
 * not read (a title set in capitals: "QUYẾT ĐỊNH SỐ 06/QĐ-TTG NGÀY 02 THÁNG 01 NĂM 2025 CỦA THỦ TƯỚNG CHÍNH PHỦ VÀ …").
 */
const JOINED = /^[\s,]*(?:ngày\s+\d{1,2}\s*(?:tháng|\/|-)\s*\d{1,2}\s*(?:năm|\/|-)\s*\d{4}\s*)?(?:,?\s*của\s+[^,;.:]{2,60}?\s*)?(?:và|cùng)\s*$/iu;
function relationOf(scan: string, d: Draft, all: Draft[], openEnd: number, depth = 0): Relation {
  let r = cueRelation(scan, d, all, openEnd);
  // "Triển khai Quyết định số 06/QĐ-TTg … và Quyết định số 3103/QĐ-BTC …": a citation joined by "và" to one
  // the document implements is implemented too
  if (r === 'references' && depth < 8 && d.nestedIn === undefined) {
    const prev = all.filter((o) => o !== d && o.nestedIn === undefined && o.tailEnd <= d.start && o.form !== 'named').sort((a, b) => b.tailEnd - a.tailEnd)[0];
    if (prev && (JOINED.test(scan.slice(prev.tailEnd, d.start)) || JOINED.test(scan.slice(prev.end, d.start))) && relationOf(scan, prev, all, openEnd, depth + 1) === 'implements') r = 'implements';
  }
  // a report or submission the document heard or considered is mentioned, not implemented
  if ((r === 'implements' || r === 'references' || r === 'continues') && d.kind && /^(?:Báo\s+cáo|Tờ\s+trình)$/iu.test(d.kind)) return 'mentions';
  // replacing is what the document does itself, in its effect clause ("Quyết định này có hiệu lực … và thay thế Quyết định số …");
  // "tham mưu … thay thế Quyết định X" is the object of a task
  if (r === 'replaces') {
    const s = sentenceStart(scan, d.start);
    const e = scan.indexOf('.', d.start);
    const sent = scan.slice(s, e < 0 ? scan.length : e);
    if (!/(?:này|nay)\s+(?:có\s+hiệu\s+lực|thay\s+thế)|hết\s+hiệu\s+lực|bãi\s+bỏ/iu.test(sent)) return 'references';
  }
  return r;
}
/** openEnd: where the document's opening (header, title, preamble) ends */
function cueRelation(scan: string, d: Draft, all: Draft[], openEnd: number): Relation {
  if (d.nestedIn !== undefined) return 'references';
  const blocked = (i: number) => all.some((o) => o !== d && o.start <= i && i < o.tailEnd && !(o.start <= d.start && d.start < o.tailEnd));
  const s = sentenceStart(scan, d.start);
  const cue = nearestCue(scan, s, d.start, blocked);
  if (cue && cue.relation === 'implements') {
    // uses of the cue that are not this document implementing the cited one (src/vocab/relations.ts)
    let between0 = scan.slice(cue.at, d.start).replace(/^\S+(?:\s+\S+)?/u, '');
    for (const o of all) if (o !== d && o.start >= cue.at && o.end <= d.start) between0 = between0.replace(scan.slice(o.start, o.tailEnd), ' ');
    if (relationGuard({ before: scan.slice(s, cue.at), near: scan.slice(Math.max(s, cue.at - 60), cue.at), between: between0 })) return 'references';
    // an item of a list after ";" that opens with the citation ("Triển khai Kế hoạch số 328-KH/TU …; Kế hoạch số 348/KH-UBND …")
    // is governed by the cue that opens the sentence
    const semi = scan.lastIndexOf(';', d.start);
    if (d.start < openEnd && semi > cue.at && /^[\s\-–+•]*(?:và\s+|các\s+)?$/u.test(scan.slice(semi + 1, d.start))) {
      const ps = Math.max(s, scan.lastIndexOf('\n\n', semi) + 2);
      const head = nearestCue(scan, ps, Math.min(d.start, ps + 30), blocked);
      if (head && head.relation === 'implements') return 'implements';
    }
    // the cue must govern the citation: between them only other citations, separators and at most two words
    // ("Thực hiện Quyết định số …", "gắn với thực hiện Kết luận số …"; not "Triển khai nghiêm túc, chất lượng và hiệu quả Nghị quyết …")
    // in a list ("triển khai Kết luận số 21-KL/TW …; Kết luận số 01-KL/TW …"), the cue governs the first item
    const firstItem = all.filter((o) => o.start >= cue.at && o.start <= d.start).sort((a, b) => a.start - b.start)[0] ?? d;
    const listed = firstItem !== d && /;/.test(scan.slice(firstItem.start, d.start)) && !/[\p{L}]{2,}/u.test(scan.slice(scan.lastIndexOf(';', d.start) + 1, d.start).replace(/\s+/g, ' ').replace(/^\s*(?:và|các)\s*/u, ''));
    const target = listed ? firstItem : d;
    let between = scan.slice(cue.at, target.start).replace(/^\S+(?:\s+\S+)?/u, '');
    for (const o of all) if (o !== target && o.start >= cue.at && o.end <= target.start) between = between.replace(scan.slice(o.start, o.tailEnd), ' ');
    for (const c of CUES) between = between.replace(c.re, ' ');
    const words = between.replace(/\([^)]*\)/gu, ' ').split(/[\s,;:–-]+/u).filter((w) => /\p{L}/u.test(w) && !/^(?:và|các|số|có|hiệu|quả|nghiêm|tốt|theo|tinh|thần|nội|dung|của|gắn|với|việc)$/iu.test(w));
    // "… theo Quy định …": acting by the document cited
    if (words.length > 2 && !(words.length <= 6 && /(?:^|\s)theo\s*$/u.test(between))) return 'references';
    // in a list after a description ("Kế hoạch … về việc thực hiện Nghị quyết số 57-NQ/TW …; Kế hoạch số 348/KH-UBND …"),
    // an item after ";" is governed by the cue that opens the sentence
    if (DESCRIBES.test(scan.slice(Math.max(s, cue.at - 40), cue.at)) && /;/.test(scan.slice(cue.at, d.start))) {
      const head = nearestCue(scan, s, Math.min(d.start, s + 40), blocked);
      if (head && head.relation === 'implements') return 'implements';
    }
  }
  if (cue) {
    // a cue that describes another document ("Kế hoạch … về việc thực hiện Nghị quyết số 57", "Nghị quyết số 50/NQ-CP
    // ban hành Kế hoạch triển khai thực hiện Nghị quyết 163") is not what this document implements
    // — unless this document issues it ("Ban hành Kế hoạch triển khai Quyết định số 06/QĐ-TTg …", a Quyết định's title)
    if (cue.relation === 'implements' && DESCRIBES.test(scan.slice(Math.max(s, cue.at - 80), cue.at).replace(CHAINED_CUES, '').slice(-40)) && !ISSUES_IT.test(scan.slice(s, cue.at).replace(CHAINED_CUES, ''))) return 'references';
    return cue.relation;
  }
  // an enumerated item governed by a lead-in line ending with ":" ("… sửa đổi, bổ sung:\n(1) …")
  if (/^\s*(?:\(\d+\)|[a-zđ]\)|[-+•])\s/u.test(scan.slice(s, d.start)) || /^\s*$/.test(scan.slice(s, d.start))) {
    const back = scan.slice(Math.max(0, s - 3000), s);
    const colon = back.search(/:[ \t]*\n(?![\s\S]*:[ \t]*\n)/u);
    if (colon >= 0) {
      const cAbs = Math.max(0, s - 3000) + colon;
      const between = scan.slice(cAbs, s);
      if (/\n\s*(?:\(1\)|a\)|[-+•])\s/u.test(between) || /^:\s*$/u.test(between.trim() ? between : ':')) {
        const ls = sentenceStart(scan, cAbs);
        const c2 = nearestCue(scan, ls, cAbs, blocked);
        if (c2 && c2.relation === 'implements' && relationGuard({ before: '', near: '', between: scan.slice(s, d.start) })) return 'references';
        if (c2) return c2.relation;
      }
    }
  }
  return 'references';
}

// ------------------------------------------------------------------ main

/** number-only short forms: "Chỉ thị số 50", "Quy định 12" */
const SHORT_RE = new RegExp(`(?<![\\p{L}])(${KIND_ALT})\\s+(?:số\\s+)?0*(\\d{1,4})(?![\\p{N}\\p{L}/]|\\s*[-–]\\s*[A-ZĐ])`, 'giu');
const KIND_PREFIX = new RegExp(`^(${KIND_ALT})`, 'u');
/** capitalised kind words without a number */
const CAP_RE = new RegExp(`(?<![\\p{L}])(${KIND_WORDS.map((w) => w.replace(/ /g, '\\s+')).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
const SHORT_RE_LB = new AfterLookbehind(SHORT_RE);
const CAP_RE_LB = new AfterLookbehind(CAP_RE);
const SELF_AFTER = new RegExp(`^(?:\\s*/\\s*(?:${KIND_ALT}))*\\s+này(?![\\p{L}])`, 'u');
/** a described citation ("Quy định về X") resolves to a numbered one whose title holds at least this share of X's words */
const DESCRIBED_MIN = 0.8;
const CO_CLASS = new RegExp(`\\s+và\\s+(các\\s+(?:${KIND_ALT})\\s+)(?=về\\s)`, 'iu');

/**
 * The documents a document says it implements — its bases: the `implements` mentions of its opening (title,
 * "Thực hiện …", "Triển khai …" before the first section or item), one per document. An `implements` mention in
 * the body is a task that carries a document out ("gắn với thực hiện Kết luận số 01-KL/TW", "thực hiện đơn giản hóa
 * TTHC theo Nghị quyết số 66/NQ-CP"): the mention keeps its relation, but the document is not what this one
 * implements. The cross-reference index draws its `implements` edges from this, and a plan is paired with a base
 * from it (src/corpus/bases.ts).
 */
export function documentImplements(doc: Pick<Doc, 'citations'>): Citation[] {
  const seen = new Set<string>();
  const out: Citation[] = [];
  for (const c of doc.citations) {
    if (c.relation !== 'implements' || c.form === 'named' || c.form === 'self' || !inOpening(c.path)) continue;
    const k = symbolKey(c.id);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(c);
  }
  return out;
}

/** Find, resolve and annotate the citations of one document. */
export function findCitations(doc: Doc): Result<Citation[]> {
  const scan = maskText(doc);
  const loc = segmentLocator(doc.segments as Segment[]);
  const drafts = find(doc, scan, loc);
  const diagnostics = [...resolveMentions(drafts), ...annotateAnomalies(drafts)];
  drafts.sort((a, b) => a.start - b.start || a.end - b.end);
  const value: Citation[] = drafts.map((d) => ({
    id: d.id,
    kind: d.kind,
    number: d.number,
    symbol: d.symbol,
    date: d.date,
    issuer: d.issuer,
    title: d.title,
    khoa: d.khoa,
    relation: d.relation,
    form: d.form,
    text: collapse(scan.slice(d.start, d.end)),
    span: [d.start, d.end],
    path: loc.pathAt(d.start),
  }));
  return { value, diagnostics };
}

/**
 * Find: numbered symbols first, then the forms that refer back to them (number-only short forms, aliases),
 * documents named without a number, and capitalised kind words without a number; each with its relation.
 */
function find(doc: Doc, scan: string, loc: Locator): Draft[] {
  const { drafts, aliases } = findNumbered(doc, scan, loc);
  nest(drafts);
  const numbered = [...drafts];
  drafts.push(...findShortForms(scan, drafts, numbered));
  drafts.push(...findAliases(scan, drafts, aliases));
  drafts.push(...findNamed(scan, drafts));
  nest(drafts);
  // relations of what is found so far (needed to know which document the text implements)
  const openEnd = bodyStart(doc);
  for (const d of drafts) d.relation = relationOf(scan, d, drafts, openEnd);
  drafts.push(...findUnnumbered(doc, scan, loc, drafts, numbered));
  nest(drafts);
  for (const d of drafts) if (!d.fixedRelation) d.relation = relationOf(scan, d, drafts, openEnd);
  // the document's own symbol ("Kèm theo Kế hoạch số 980/KH-UBND …" in its appendix) is itself, not a base
  const own = doc.meta?.symbol ? doc.meta.symbol.replace(/\s+/g, '').toUpperCase() : null;
  if (own) for (const d of drafts) if (d.id.replace(/\s+/g, '').toUpperCase() === own && d.relation !== 'references') d.relation = 'references';
  return drafts;
}

/** Nesting: a citation inside another's title ("… về tiếp tục thực hiện Chỉ thị số 05-CT/TW …"); sorts the drafts by start. */
function nest(drafts: Draft[]): void {
  drafts.sort((a, b) => a.start - b.start);
  drafts.forEach((d, i) => {
    d.nestedIn = undefined;
    for (let j = 0; j < drafts.length; j++) {
      const o = drafts[j];
      if (j !== i && o.form !== 'self' && o.end <= d.start && d.start < o.tailEnd) d.nestedIn = j;
    }
  });
}

/** Number-only short forms ("Chỉ thị số 50", "Quy định 12") of exactly one numbered citation; pushed as found (they block later overlaps). */
function findShortForms(scan: string, drafts: Draft[], numbered: Draft[]): Draft[] {
  const out: Draft[] = [];
  for (const m of SHORT_RE_LB.matchAll(scan)) {
    const a = m.index;
    const b = a + m[0].length;
    if (overlaps(drafts, a, b) || overlaps(out, a, b)) continue;
    const codes = codesForWord(m[1]);
    const cands = new Set(numbered.filter((d) => d.issuerCode && codes.includes((d.symbol ?? '').split('/')[0].toUpperCase()) && String(+d.number!) === m[2]).map((d) => d.id));
    if (cands.size !== 1) continue;
    const id = [...cands][0];
    out.push({ ...blank(), id, kind: kindFromWord(m[1]), number: m[2], form: 'short', start: a, end: b, tailEnd: b });
  }
  return out;
}

/** Aliases without a symbol ("(sau đây gọi tắt là Chỉ thị 50)"): every later use of the alias. */
function findAliases(scan: string, drafts: Draft[], aliases: { alias: string; owner: Draft }[]): Draft[] {
  const out: Draft[] = [];
  for (const { alias, owner: target } of aliases) {
    const re = new RegExp(`(?<![\\p{L}])${alias.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}])`, 'gu');
    for (const m of scan.matchAll(re)) {
      const a = m.index;
      const b = a + m[0].length;
      if (overlaps(drafts, a, b) || overlaps(out, a, b)) continue;
      out.push({ ...blank(), id: target.id, kind: target.kind, number: target.number, symbol: target.symbol, form: 'short', start: a, end: b, tailEnd: b });
    }
  }
  return out;
}

/** Documents named without a number (NAMED: "Điều lệ Đảng", "Nghị quyết Trung ương 4 (khóa XI, XII)", "Hiến pháp"). */
function findNamed(scan: string, drafts: Draft[]): Draft[] {
  const out: Draft[] = [];
  for (const re of NAMED) {
    for (const m of scan.matchAll(re)) {
      const a = m.index;
      const b = a + m[0].length;
      if (overlaps(drafts, a, b) || overlaps(out, a, b)) continue;
      const name = collapse(m[0]);
      const kh = /kh(?:óa|oá)\s+([IVXLC]+(?:\s*(?:,|và)\s*(?:kh(?:óa|oá)\s+)?[IVXLC]+)*)/u.exec(name);
      const khoa = kh ? kh[1].replace(/kh(?:óa|oá)\s+/gu, '').replace(/\s*(?:,|và)\s*/gu, ', ') : null;
      const kindM = KIND_PREFIX.exec(name);
      out.push({ ...blank(), id: name, kind: kindM ? sentenceCase(kindM[1]) : name.startsWith('Điều lệ') ? 'Điều lệ' : null, khoa, form: 'named', start: a, end: b, tailEnd: b });
    }
  }
  return out;
}

/** The documents the opening says this one implements, by kind word (a kind word implemented twice is ambiguous: left out). */
function primaryByKind(doc: Doc, drafts: Draft[]): Map<string, Draft> {
  const openEnd = bodyStart(doc);
  const primary = new Map<string, Draft>();
  const ambiguous = new Set<string>();
  for (const d of drafts) {
    if (d.form === 'named' || d.start >= openEnd || d.relation !== 'implements' || !d.kind) continue;
    const k = d.kind.toLocaleLowerCase('vi');
    const p = primary.get(k);
    if (p && p.id !== d.id) ambiguous.add(k);
    else primary.set(k, d);
  }
  for (const k of ambiguous) primary.delete(k);
  return primary;
}

/** Capitalised kind words without a number: a self reference, a description of a cited document, or a named one ("Quy định về …"). */
function findUnnumbered(doc: Doc, scan: string, loc: Locator, drafts: Draft[], numbered: Draft[]): Draft[] {
  const primary = primaryByKind(doc, drafts);
  const ownKind = docKindWord(doc);
  const found: Draft[] = [];
  for (const m of CAP_RE_LB.matchAll(scan)) {
    const a = m.index;
    let b = a + m[0].length;
    if (overlaps(drafts, a, b) || overlaps(found, a, b)) continue;
    const kindWord = collapse(m[1]).toLocaleLowerCase('vi');
    const after = scan.slice(b, b + 200);
    const selfM = SELF_AFTER.exec(after);
    if (selfM) {
      found.push({ ...blank(), id: selfId(doc), kind: sentenceCase(m[1]), form: 'self', start: a, end: b + selfM[0].length, tailEnd: b + selfM[0].length, fixedRelation: true });
      continue;
    }
    if (/^\s+(?:số\s*)?\d/u.test(after) || /^\s*\//u.test(after)) continue;
    const prevWord = /([\p{L}]+)\s*$/u.exec(scan.slice(Math.max(0, a - 20), a))?.[1]?.toLocaleLowerCase('vi');
    if (prevWord && /^(các|những|mọi|một|mỗi|từng|cả|ban|đã|được|sẽ)$/u.test(prevWord)) continue;
    const lineBefore = scan.slice(scan.lastIndexOf('\n', a - 1) + 1, a);
    if (/^[\s\-+•*]*(?:\(?\d+(?:\.\d+)*[.)]?|[a-zđ]\)|[IVX]+\.)?\s*$/u.test(lineBefore) || /[.!?:]\s*$/u.test(scan.slice(Math.max(0, a - 3), a))) continue;
    const bws = skipWs(doc.text, scan, b);
    // "Quy định về X [của Y]": a cited document described by its subject, or a named one
    const ti = readTitle(scan.slice(0, segmentEnd(doc, a, loc)), bws, { stopAtIssuer: true });
    if (ti && scan.slice(bws, bws + 2) === 'về') {
      found.push(...describedOrNamed(scan, m[1], kindWord, a, ti, numbered, ownKind));
      continue;
    }
    // bare "Chỉ thị", "Chỉ thị của Ban Bí thư"
    const of = sticky(CUA, scan, bws);
    const iss = of ? readIssuer(scan, skipWs(doc.text, scan, bws + 3)) : null;
    if (of && !iss) continue;
    if (iss) b = iss.end;
    const p = primary.get(kindWord);
    const selfFits = ownKind === kindWord && (!iss || !doc.meta?.issuer || issuersCompatible(iss.issuer, doc.meta.issuer));
    const pIssuer = p ? (drafts.find((d) => d.id === p.id && d.issuer)?.issuer ?? null) : null;
    if (p && (!iss ? !selfFits : pIssuer ? issuersCompatible(iss.issuer, pIssuer) : false)) {
      found.push({ ...blank(), id: p.id, kind: p.kind, number: p.number, symbol: p.symbol, issuer: iss?.issuer ?? null, form: 'descriptive', start: a, end: b, tailEnd: b });
    } else if (selfFits) {
      found.push({ ...blank(), id: selfId(doc), kind: sentenceCase(m[1]), issuer: iss?.issuer ?? null, form: 'self', start: a, end: b, tailEnd: b, fixedRelation: true });
    }
  }
  return found;
}

/**
 * "Quy định về X [của Y]" at `a`: the numbered citation whose title contains X (one best, ≥ 0.8 of X's words,
 * issuers compatible) as a descriptive form; else, unless it is the document's own kind, a named document —
 * with a class of unnumbered documents coordinated with it ("… và các quy định về …").
 */
function describedOrNamed(
  scan: string,
  kindText: string,
  kindWord: string,
  a: number,
  ti: { title: string; end: number; issuerAt?: number },
  numbered: Draft[],
  ownKind: string | null,
): Draft[] {
  const iss = ti.issuerAt !== undefined ? readIssuer(scan, ti.issuerAt) : null;
  const codes = codesForWord(kindWord);
  const cands = numbered.filter((d) => d.title && d.kind && codes.some((c) => (d.symbol ?? '').toUpperCase().startsWith(c + '/')));
  let best: Draft | null = null;
  let bestScore = 0;
  let tie = false;
  const seen = new Set<string>();
  for (const c of cands) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    if (iss && c.issuer && !issuersCompatible(iss.issuer, c.issuer)) continue;
    const sc = containment(ti.title, c.title!);
    if (sc > bestScore + 1e-9) {
      best = c;
      bestScore = sc;
      tie = false;
    } else if (Math.abs(sc - bestScore) < 1e-9) tie = true;
  }
  const end = iss ? iss.end : ti.end;
  if (best && bestScore >= DESCRIBED_MIN && !tie)
    return [{ ...blank(), id: best.id, kind: best.kind, number: best.number, symbol: best.symbol, issuer: iss?.issuer ?? null, title: ti.title, form: 'descriptive', start: a, end, tailEnd: end }];
  if (ownKind && kindWord === ownKind) return [];
  const out: Draft[] = [];
  const name = `${sentenceCase(kindText)} ${ti.title}`;
  out.push({ ...blank(), id: name, kind: sentenceCase(kindText), title: ti.title, issuer: iss?.issuer ?? null, form: 'named', start: a, end: ti.end, tailEnd: ti.end });
  const co = sticky(CO_CLASS, scan, ti.end);
  if (co) {
    const ti2 = readTitle(scan, ti.end + co[0].length);
    if (ti2) {
      const cs = ti.end + co[0].length - co[1].length;
      out.push({ ...blank(), id: collapse(scan.slice(cs, ti2.end)), kind: sentenceCase(co[1].replace(/^các\s+/u, '')), title: ti2.title, form: 'named', start: cs, end: ti2.end, tailEnd: ti2.end });
    }
  }
  return out;
}

/** Attach citations to a document (the extract stage calls this). */
export function withCitations(doc: Doc): Result<Doc> {
  const r = findCitations(doc);
  return { value: { ...doc, citations: r.value }, diagnostics: r.diagnostics };
}
