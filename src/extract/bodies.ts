import { leaves, walk } from '../segment/index.js';
import { NON_BODY_KINDS, isBody, ownSpans, visit } from '../segment/tree.js';
/**
 * Responsible bodies: named organs ("Ban Tổ chức Tỉnh ủy", "UBKT ĐU", "VPĐU"),
 * bodies named by a section heading ("3.1. Ban Tổ chức Thành uỷ",
 * "1.2. Đối với các đảng ủy trực thuộc Thành ủy") and collective subjects of
 * sentences ("Các cấp ủy, tổ chức đảng …", "Cấp ủy cấp trên …").
 *
 * Each body gets a normalized name, a level and a role, so that the same kind
 * of organ at different levels are counterparts: role 'to-chuc' for
 * "Ban Tổ chức Trung ương" and for "Ban Tổ chức Tỉnh ủy". For bodies "trực thuộc"
 * another committee (role 'cap-uy-truc-thuoc') the level is that of the parent.
 */
import { partitionPoint } from '../util.js';
import type { Body, Doc, MentionSource, Result, Segment, SegmentKind, Span } from '../model.js';
import { collapse, foldTones, matchKey } from '../normalize/vi.js';
import { AfterLookbehind, segmentLocator } from './util.js';
import { ABBREVIATIONS, LEVEL_RULES, ROLE_RULES } from '../vocab/organs.js';
import { framePattern } from '../vocab/frames.js';
import { taskRows } from './tables.js';

type Level = Body['level'];
type Role = Body['role'];

// ------------------------------------------------------------------ text helpers
export { foldTones } from '../normalize/vi.js';

/** Display name: abbreviations expanded, new-style tones, leading quantifier dropped, whitespace collapsed. */
export function normalizeBodyName(s: string): string {
  let t = foldTones(collapse(s.normalize('NFC'))).replace(/[\s,;:.]+$/u, '');
  // "TG&DV" contains "&"; \b does not work around "Đ" in JS, so pad with spaces for the abbreviations
  t = ` ${t} `;
  for (const a of ABBREVIATIONS) t = t.replace(a.pattern, () => a.expansion);
  t = t.trim();
  t = t.replace(/^(?:các|mỗi|những|toàn\s+thể)\s+/iu, '');
  return t.charAt(0).toUpperCase() + t.slice(1);
}

// ------------------------------------------------------------------ classification

const HAS = (re: RegExp, s: string) => re.test(s);

/** The role of an organ: the first row of ROLE_RULES (src/vocab/organs.ts) that matches. */
export function roleOf(name: string): Role {
  const s = foldTones(name).toLowerCase();
  // the first conjunct that names an organisation decides
  for (const r of ROLE_RULES) if ((!r.any.length || r.any.some((re) => re.test(s))) && (r.all ?? []).every((re) => re.test(s))) return r.role;
  return 'other';
}

/** Level of the body itself (for 'cap-uy-truc-thuoc': the level of the committee it is under): LEVEL_RULES. */
export function levelOf(name: string, docLevel: Level = 'unknown'): Level {
  const s = foldTones(name).toLowerCase();
  const tail = s.replace(/^.*?trực\s+thuộc\s+/u, '');
  const probe = HAS(/trực\s+thuộc/u, s) ? tail : s;
  for (const r of LEVEL_RULES) {
    if (r.level === 'document') {
      // an organ of "the" Party committee of the issuing document, or named without its committee
      if (r.pattern.test(s)) return docLevel;
    } else if (r.pattern.test(probe)) return r.level;
  }
  return 'unknown';
}

/** Level of the issuing committee, read from the document's issuer or header. */
export function docLevel(doc: Doc): Level {
  const src = foldTones(`${doc.meta?.issuer ?? ''} ${doc.text.slice(0, 600)}`).toLowerCase();
  if (/ban\s+bí\s+thư|bộ\s+chính\s+trị|ban\s+chấp\s+hành\s+trung\s+ương|đảng\s+cộng\s+sản\s+việt\s+nam\s*\n?\s*\*?\s*(?:số|$)/u.test(`${doc.meta?.issuer ?? ''}`.toLowerCase()))
    return 'trung-uong';
  if (/tập\s+đoàn|đảng\s+ủy\s+khối/u.test(src)) return 'khoi';
  if (/tỉnh\s+ủy|thành\s+ủy/u.test(src)) return 'tinh';
  if (/huyện\s+ủy|thị\s+ủy|quận\s+ủy/u.test(src)) return 'huyen';
  if (/ban\s+bí\s+thư|trung\s+ương/u.test(src)) return 'trung-uong';
  return 'unknown';
}

export function classify(text: string, dl: Level = 'unknown'): { name: string; level: Level; role: Role } {
  const name = normalizeBodyName(text);
  return { name, level: levelOf(name, dl), role: roleOf(name) };
}

// ------------------------------------------------------------------ recognisers

const W = String.raw`\s+`;
const OWNER = String.raw`(?:Trung${W}ương(?:${W}Đảng)?|Tỉnh${W}ủy|Thành${W}ủy|Huyện${W}ủy|Thị${W}ủy|Quận${W}ủy|Đảng${W}ủy(?:${W}(?:Khối|Tập${W}đoàn))?|ĐU|TU|tỉnh|thành${W}phố|huyện|thị${W}xã|cấp${W}ủy(?:${W}cấp${W}(?:trên|dưới|cơ${W}sở))?)`;
const ORGAN = String.raw`(?:Ban${W}Tổ${W}chức|Ban${W}Tuyên${W}giáo${W}và${W}Dân${W}vận|Ban${W}Tuyên${W}giáo|Ban${W}Dân${W}vận|Ủy${W}ban${W}[Kk]iểm${W}tra|Văn${W}phòng|Trường${W}Chính${W}trị|Ban${W}[Tt]hường${W}vụ|Thường${W}trực|Ban${W}Chấp${W}hành(?:${W}Đảng${W}bộ)?)`;
const NAMED = [
  String.raw`${ORGAN}(?:${W}${OWNER})?`,
  String.raw`Ban${W}Bí${W}thư(?:${W}Trung${W}ương)?`,
  String.raw`Bộ${W}Chính${W}trị`,
  String.raw`(?:Ủy${W}ban${W})?Mặt${W}trận${W}Tổ${W}quốc(?:${W}Việt${W}Nam)?(?:${W}(?:tỉnh|thành${W}phố|huyện|xã))?`,
  String.raw`(?:Tỉnh|Thành|Huyện|Thị|Quận)${W}ủy`,
  String.raw`Đảng${W}ủy${W}(?:Khối|Tập${W}đoàn)`,
  String.raw`UBKT${W}?ĐU|UBKTĐU|TCĐU|BTCĐU|VPĐU|VPTU|BTCTU|(?:Ban${W})?TG${W}?&${W}?DV(?:${W}ĐU)?`,
];
const NAMED_START = new RegExp(String.raw`^(?:${NAMED.join('|')})(?![\p{L}])`, 'u');
const NAMED_RE = new RegExp(String.raw`(?<![\p{L}])(?:${NAMED.join('|')})(?![\p{L}])`, 'gu');
const NAMED_RE_LB = new AfterLookbehind(NAMED_RE);

export interface Mention {
  text: string;
  span: Span;
  /** how it was found */
  source: MentionSource;
}

/** Named organs anywhere in the text. */
export function namedMentions(text: string): Mention[] {
  const t = foldTones(text);
  const out: Mention[] = [];
  for (const m of NAMED_RE_LB.matchAll(t)) {
    let s = m.index!;
    let e = s + m[0].length;
    // a trailing "Đảng ủy Tập đoàn X Y" may swallow the next capitalised sentence start; stop at line end
    const nl = text.slice(s, e).search(/\n\s*\n/);
    if (nl > 0) e = s + nl;
    out.push({ text: text.slice(s, e), span: [s, e], source: 'named' });
  }
  return out;
}

// --- collective subjects at the start of a clause

/**
 * Heads of State bodies (rules as data; lower case, tones in the new style), as real plans name them:
 * "Sở Y tế", "Công an tỉnh", "Ủy ban nhân dân các xã, phường", "UBND cấp xã", "Bộ Chỉ huy Quân sự tỉnh",
 * "Chi cục Hải quan khu vực XIX", "Báo và Phát thanh, Truyền hình Cần Thơ", "Viện kiểm sát nhân dân thành phố",
 * "Bảo hiểm xã hội tỉnh", "Liên hiệp các Hội Khoa học và Kỹ thuật", "Ban Quản lý khu kinh tế".
 */
export const STATE_HEADS = String.raw`bộ\s*,\s*(?:ngành|cơ\s+quan)|tỉnh\s*,\s*thành\s+phố|sở(?!\p{L})|công\s+an|ủy\s+ban\s+nhân\s+dân|ubnd|hđnd|hội\s+đồng\s+nhân\s+dân|bộ(?!\s+(?:máy|phận|chính\s+trị|đội|tiêu\s+chí|hồ\s+sơ|công\s+cụ|tài\s+liệu|mặt))(?=\s+\S)|chi\s+cục|tổng\s+cục|cục(?=\s)|bộ\s+chỉ\s+huy|ban\s+chỉ\s+huy|bộ\s+chqs|báo(?!\s+cáo)(?=\s)|đài(?=\s)|viện\s+kiểm\s+sát|tòa\s+án|kho\s+bạc|bảo\s+hiểm\s+xã\s+hội|ngân\s+hàng|trung\s+tâm|liên\s+hiệp|liên\s+đoàn|liên\s+minh|hiệp\s+hội|đoàn\s+tncs|hội(?!\s+(?:nghị|thảo|thi|diễn|chợ|đồng\s+thi))(?=\s)|đoàn\s+thanh\s+niên|thanh\s+tra|kiểm\s+toán|học\s+viện|đại\s+học|viện(?=\s)|tập\s+đoàn|tổng\s+công\s+ty|chính\s+phủ(?!\s+(?:số|điện\s+tử))|thủ\s+tướng|quốc\s+hội`;
const STATE_HEAD_RE = new RegExp(String.raw`^(?:(?:các|mỗi)\s+)?(?:${STATE_HEADS})`, 'u');

/** Heads of nouns that name an organisation (not a person). */
const ORG_CONJ = new RegExp(
  String.raw`^(?:(?:các|mỗi|những|toàn\s+thể)\s+)?(?:cấp\s+ủy(?!\s+viên)|tổ\s+chức\s+đảng|chi\s+bộ|chi\s+ủy(?!\s+viên)|đảng\s+ủy(?!\s+viên)|đảng\s+bộ|ban\s+thường\s+vụ|ban\s+|ủy\s+ban|văn\s+phòng|trường\s+chính\s+trị|cơ\s+quan|đơn\s+vị|địa\s+phương|tỉnh\s+ủy|thành\s+ủy|huyện\s+ủy|thị\s+ủy|mặt\s+trận|${STATE_HEADS})`,
  'u',
);
const PERSON_START = /^(?:(?:các|mỗi|những)\s+)?(?:người\s+đứng\s+đầu|cán\s+bộ|đảng\s+viên|lãnh\s+đạo)/u;

/**
 * Words that begin the predicate after a subject. "tổ chức" only when not the
 * noun "tổ chức đảng"/"tổ chức chính trị".
 */
const PREDICATE = framePattern('subject-predicate');

const PREDICATE_LB = new AfterLookbehind(PREDICATE);

/** Clause openers that may precede the subject: "Đồng thời, ", "Hằng năm, ", "Căn cứ Kế hoạch này, ". */
const OPENER = framePattern('clause-opener');
const GIAO = framePattern('giao');
const HEADING_ADDRESSEE = framePattern('heading-addressee');

/** A collective named after "và" in a heading that names bodies ("… và các tổ chức chính trị - xã hội", "… và các đoàn thể"). */
const COLLECTIVE_PARTNER = /^(?:các\s+)?(?:tổ\s+chức\s+chính\s+trị(?:\s*-\s*xã\s+hội)?|đoàn\s+thể(?:\s+chính\s+trị\s*-\s*xã\s+hội)?|hội\s+quần\s+chúng)(?:\s+(?:tỉnh|thành\s+phố|huyện|xã|phường|cùng\s+cấp|các\s+cấp))?$/u;

/** Where a scope phrase starts after a subject: not part of the body's name. */
const SUBJECT_SCOPE = /[\s,]+(?:trong\s+phạm\s+vi|theo\s+(?:chức\s+năng|thẩm\s+quyền|phạm\s+vi)|căn\s+cứ\s+(?:chức\s+năng|tình\s+hình)|trong\s+việc|trong\s+quá\s+trình|bám\s+sát)(?![\p{L}])/u;

/** The number of an item at the start of its text: "II. ", "1.2. ", "a) ", "(3) ". */
export const ITEM_NUMBER = /^\s*(?:(?:[IVX]+|\d+(?:\.\d+)*|[a-zđ])[.)]|\(\d+\)[.)]?)\s+/u;

/**
 * Where the subject of a clause starting at `at` would start: past blanks and bullets, the item's number,
 * an opener ("Đồng thời, "), "Giao" and label bullets ("Thời gian: …", "Báo cáo viên: …").
 */
export function subjectStart(text: string, at: number, limit: number): number {
  const folded = foldTones(text);
  let i = at;
  for (;;) {
    while (i < limit && /[\s\-+•*]/u.test(text[i])) i++;
    const label = ITEM_NUMBER.exec(folded.slice(i, i + 12));
    if (label) i += label[0].length;
    const op = OPENER.exec(folded.slice(i, Math.min(limit, i + 60)));
    if (op) i += op[0].length;
    const giao = GIAO.exec(folded.slice(i, i + 10));
    if (giao) i += giao[0].length;
    const lab = /^[\p{L} ]{2,20}:\s+/u.exec(folded.slice(i, Math.min(limit, i + 220)));
    if (!lab) return i;
    i += lab[0].length;
  }
}

/**
 * A collective subject starting at `at` (a clause start) in `text`, or null.
 * Returns the subject's span (as written).
 */
export function subjectAt(text: string, at: number, limit: number): Span | null {
  const folded = foldTones(text);
  const i = subjectStart(text, at, limit);
  // "Đối tượng áp dụng: Cơ quan, tổ chức, hộ gia đình …", "Phạm vi điều chỉnh: …" say to whom a rule applies
  if (/(?:^|[^\p{L}])(?:đối\s+tượng|phạm\s+vi)[\p{L} ]*:\s*$/iu.test(folded.slice(at, i))) return null;
  const rest = folded.slice(i, Math.min(limit, i + 220));
  const p = PREDICATE_LB.exec(rest);
  if (!p || p.index === 0) return null;
  let subj = rest.slice(0, p.index);
  // the scope of the subject's action is not part of its name ("Các sở … trong phạm vi chức năng, nhiệm vụ của
  // mình có trách nhiệm …", "UBND các xã … trong việc …", "… theo chức năng, nhiệm vụ được giao chủ trì …")
  const scope = SUBJECT_SCOPE.exec(subj);
  if (scope && scope.index > 0) subj = subj.slice(0, scope.index);
  // "đảng ủy xã, phường không có trung tâm chính trị thì chủ động": keep the qualifier
  const low = subj.toLowerCase().replace(/\s+/g, ' ').trim();
  if (!low || low.split(' ').length > 40) return null;
  if (/[.:()]/u.test(subj)) return null;
  if (PERSON_START.test(low)) return null;
  // "các cơ quan được phân công …", "các cơ quan, đơn vị có liên quan": a reference back, not a body; "X yêu cầu …",
  // "X giao Y …": the issuer speaking
  if (/^(?:các\s+)?(?:cơ\s+quan|đơn\s+vị)(?:\s*,\s*(?:cơ\s+quan|đơn\s+vị|địa\s+phương))*\s+(?:được|có\s+liên\s+quan|liên\s+quan)/u.test(low) || /\s(?:yêu\s+cầu|đề\s+nghị|giao)\s/u.test(low)) return null;
  // a bare generic noun ("Cơ quan …", "cơ quan có thẩm quyền") names nobody; a clause that goes on
  // after "hoặc" / "và" is not a subject
  // ("Các đơn vị phải bảo đảm …" in a group's plan is its member units: a collective, kept)
  if (/^(?:cơ\s+quan|đơn\s+vị)$|^(?:các\s+)?cơ\s+quan\s+có\s+thẩm\s+quyền$/u.test(low) || /^(?:hoặc|và|nhưng)\s/u.test(low)) return null;
  const conj = low.split(/\s*(?:,|;|\bvà\b|\bhoặc\b)\s*/u).filter(Boolean);
  // a list that takes in households and persons ("các cơ quan, tổ chức, đơn vị, hộ gia đình và cá nhân …") is the
  // scope a rule applies to, not a body given a task
  if (conj.some((c) => /^(?:các\s+)?(?:hộ\s+gia\s+đình|cá\s+nhân|công\s+dân|người\s+dân)(?![\p{L}])/u.test(c))) return null;
  if (!conj.some((c) => ORG_CONJ.test(c))) return null;
  // the first conjunct must be an organisation or a person-with-organisation list ("Bí thư chi bộ, cấp ủy")
  if (!ORG_CONJ.test(conj[0]) && !/^bí\s+thư/u.test(conj[0])) return null;
  // a "Ban ..." that is not followed by a known organ name is a topic ("Ban hành ...") – excluded by PREDICATE 'ban hành'
  subj = subj.replace(/[\s,]+$/u, '');
  return [i, i + subj.length];
}

/** Clause starts of a text range: its start, after ". ", "; " and line breaks that start a new sentence. */
export function clauseStarts(text: string, from: number, to: number): number[] {
  const out = [from];
  // also after a topic and a colon when an assignment follows ("5. Về đề nghị …: Giao Bộ Nội vụ nghiên cứu …")
  const re = /(?:[.;!?]|:\s*\n)\s+|:\s+(?=(?:[Gg]iao|[Đđ]ề\s+nghị)\s)|\n\s*(?=[-+•]\s)/gu;
  const slice = text.slice(from, to);
  for (const m of slice.matchAll(re)) out.push(from + m.index! + m[0].length);
  // "Đồng thời, chi ủy …" is covered by OPENER; ", đồng thời" inside a sentence too
  return out;
}

const NAMED_EXACT = new RegExp(`^(?:${NAMED.join('|')})$`, 'iu');

/** The body a heading names: "Ban Tổ chức Thành uỷ", "Các đảng ủy trực thuộc tỉnh", "Đối với các đảng ủy trực thuộc Thành ủy". */
export function headingBody(heading: string): string | null {
  const h = collapse(heading).replace(/^\**|\**$/gu, '').replace(/[.:;]+$/u, '');
  const m = HEADING_ADDRESSEE.exec(h)!;
  const cand = m[1];
  const f = foldTones(cand).toLowerCase();
  // a body and a collective after "và" ("Ủy ban Mặt trận Tổ quốc Việt Nam thành phố và các tổ chức chính trị - xã hội"):
  // the length and predicate checks are on the body
  const parts = f.split(/\s+và\s+/u);
  let core = parts.length > 1 && COLLECTIVE_PARTNER.test(parts[parts.length - 1]) ? parts.slice(0, -1).join(' và ') : f;
  // a list of bodies ("Liên minh Hợp tác xã tỉnh, Đoàn TNCS Hồ Chí Minh tỉnh, Hội nông dân tỉnh, Hiệp hội doanh nghiệp tỉnh"):
  // the checks are on its first
  const listed = core.split(/\s*,\s*/u);
  if (listed.length > 2 && listed.every((x) => STATE_HEAD_RE.test(x) && x.split(' ').length <= 8)) core = listed[0];
  if (core.split(' ').length > 14) return null;
  if (!ORG_CONJ.test(f) && !NAMED_EXACT.test(foldTones(cand))) return null;
  // "Ban hành …", "Nhiệm vụ …": not bodies
  if (/^ban\s+hành/u.test(f)) return null;
  if (roleOf(cand) === 'other' && !/cơ\s+quan|đơn\s+vị/u.test(f) && !STATE_HEAD_RE.test(f)) return null;
  // a heading that goes on into a sentence is a topic, not a body ("Sở Y tế chủ trì …" is a subject)
  if (core.split(' ').length > 8 && PREDICATE.test(core) && !NAMED_EXACT.test(foldTones(cand))) return null;
  return cand;
}

// ------------------------------------------------------------------ main



/** Span of a segment's heading text inside doc.text. */
export function headingSpan(doc: Doc, seg: Segment): Span | null {
  if (!seg.heading) return null;
  const h = seg.children.find((c) => c.kind === 'heading');
  if (h) return h.span;
  const i = doc.text.indexOf(seg.heading.slice(0, Math.min(15, seg.heading.length)), seg.span[0]);
  return i >= 0 ? [i, i + seg.heading.length] : null;
}

/** Segments whose text names no task's body: the non-body parts, and headings, footnotes and the preamble. */
const SKIP_KINDS = new Set<SegmentKind>([...NON_BODY_KINDS, 'heading', 'footnote', 'preamble']);

/**
 * The text a segment holds itself (its span minus its children's spans), for every
 * segment of the body (header, preamble, headings, footnotes, recipients, signature excluded).
 */
export function ownRanges(doc: Doc): { seg: Segment | null; parent: Segment | null; span: Span }[] {
  if (doc.segments.length === 0) return [{ seg: null, parent: null, span: [0, doc.text.length] }];
  const out: { seg: Segment | null; parent: Segment | null; span: Span }[] = [];
  visit(doc.segments, (s, anc) => {
    if (SKIP_KINDS.has(s.kind)) return false;
    for (let [a, b] of ownSpans(s)) {
      while (a < b && /\s/u.test(doc.text[a])) a++;
      while (b > a && /\s/u.test(doc.text[b - 1])) b--;
      if (b > a) out.push({ seg: s, parent: anc.length ? anc[anc.length - 1] : null, span: [a, b] });
    }
  });
  return out.sort((a, b) => a.span[0] - b.span[0]);
}

/** Ranges of body text: leaves of the tree (or the whole text when there are no segments), without header/recipients/signature. */
export function bodyRanges(doc: Doc): { seg: Segment | null; span: Span }[] {
  if (doc.segments.length === 0) return [{ seg: null, span: [0, doc.text.length] }];
  return leaves(doc.segments)
    .filter((s) => isBody(s) && s.kind !== 'heading' && s.kind !== 'footnote')
    .map((s) => ({ seg: s, span: s.span }));
}

/** The mention of the body a segment's heading names, or null. */
export function headingMention(doc: Doc, s: Segment): Mention | null {
  if (s.kind === 'header') return null;
  if (!s.heading) return introMention(doc, s);
  const b = headingBody(s.heading);
  const hs = headingSpan(doc, s);
  if (!b || !hs) return null;
  // the name as printed, possibly wrapped over lines
  const re = new RegExp(b.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'), 'u');
  const m = re.exec(doc.text.slice(hs[0], Math.max(hs[1], hs[0] + b.length + 40)));
  const start = m ? hs[0] + m.index : hs[0];
  const end = m ? start + m[0].length : start + b.length;
  return { text: doc.text.slice(start, end), span: [start, end], source: 'heading' };
}

/**
 * An item without a heading whose own first line names a body and ends with ":" before its points ("5. Các tỉnh,
 * thành phố:" + a), b); "1. Giao Ủy ban nhân dân Thành phố:" + a)–g)): the body leads the points, as a heading's would.
 */
function introMention(doc: Doc, s: Segment): Mention | null {
  if (s.kind !== 'item' && s.kind !== 'section') return null;
  const first = s.children[0];
  if (!first || first.kind !== 'paragraph' || !s.children.slice(1).some((c) => c.kind === 'item' || c.kind === 'bullet')) return null;
  const own = doc.text.slice(first.span[0], first.span[1]);
  if (own.length > 160 || !/:\s*$/u.test(own)) return null;
  const lab = ITEM_NUMBER.exec(own);
  const from = lab ? lab[0].length : 0;
  const b = headingBody(own.slice(from).replace(/:\s*$/u, ''));
  if (!b) return null;
  const re = new RegExp(b.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'), 'u');
  const m = re.exec(own.slice(from));
  if (!m) return null;
  const start = first.span[0] + from + m.index;
  return { text: m[0], span: [start, start + m[0].length], source: 'heading' };
}

const SUPPORT_CUE = framePattern('phoi-hop-voi');
const SUPPORT_CUE_LB = new AfterLookbehind(SUPPORT_CUE);

/**
 * Matches of SUPPORT_CUE in a (folded) text as [index, length], for the last texts seen.
 * Two matches never overlap (a match starts with a "p" not preceded by a letter, and the only
 * other "p" in one is preceded by "ợ"), so the matches found from any offset are the ones of
 * the whole text from that offset on.
 */
function supportCues(folded: string): [number, number][] {
  let cues = cueCache.get(folded);
  if (!cues) {
    cues = [];
    for (const m of SUPPORT_CUE_LB.matchAll(folded)) cues.push([m.index, m[0].length]);
    if (cueCache.size >= 8) cueCache.delete(cueCache.keys().next().value!);
    cueCache.set(folded, cues);
  }
  return cues;
}
const cueCache = new Map<string, [number, number][]>();

/** Supporting bodies after "phối hợp (với)": "Văn phòng Thành ủy, Ban Tổ chức Thành ủy", "các cơ quan liên quan". */
export function supportMentions(text: string, from = 0, to = text.length): Mention[] {
  const out: Mention[] = [];
  const folded = foldTones(text);
  const cues = supportCues(folded);
  // first cue at or after `from`
  const lo = partitionPoint(cues.length, (i) => cues[i][0] < from);
  for (let ci = lo; ci < cues.length && cues[ci][0] < to; ci++) {
    const s0 = cues[ci][0] + cues[ci][1];
    const rest = folded.slice(s0, Math.min(to, s0 + 200));
    const stop = /[.;:()\n]|\s+-\s/u.exec(rest);
    let seg = stop ? rest.slice(0, stop.index) : rest;
    const p = PREDICATE_LB.exec(seg);
    if (p) seg = seg.slice(0, p.index);
    seg = seg.replace(/[\s,]+$/u, '');
    if (!seg) continue;
    // split into conjuncts; a piece that does not start an organisation name stays with the previous one ("các xã, phường")
    const parts: [number, number][] = [];
    const re = /\s*(?:,|\bvà\b)\s*/gu;
    let last = 0;
    for (const sep of seg.matchAll(re)) {
      const next = seg.slice(sep.index! + sep[0].length).toLowerCase();
      if (ORG_CONJ.test(next) || NAMED_START.test(seg.slice(sep.index! + sep[0].length))) {
        parts.push([last, sep.index!]);
        last = sep.index! + sep[0].length;
      }
    }
    parts.push([last, seg.length]);
    for (const [a, b] of parts) {
      let piece = seg.slice(a, b).trim();
      if (!piece) continue;
      // a named organ followed by a word in lower case ends there: "Văn phòng Thành ủy | tuyên truyền …"
      const named = NAMED_START.exec(piece);
      if (named && /^\s+\p{Ll}/u.test(piece.slice(named[0].length))) piece = named[0];
      const low = piece.toLowerCase();
      if (!ORG_CONJ.test(low) && !NAMED_START.test(piece) && !/^(?:các\s+)?(?:xã|phường|sở|ban|ngành)/u.test(low)) continue;
      const st = s0 + a + (seg.slice(a, b).length - seg.slice(a, b).trimStart().length);
      out.push({ text: text.slice(st, st + piece.length), span: [st, st + piece.length], source: 'support' });
    }
  }
  return out;
}

export function findBodies(doc: Doc): Result<Body[]> {
  const dl = docLevel(doc);
  const text = doc.text;
  const mentions: Mention[] = [];
  // named organs in the body text (header/signature excluded: the issuer is in meta)
  const skip = walk(doc.segments).filter((s) => s.kind === 'header' || s.kind === 'signature').map((s) => s.span);
  for (const m of namedMentions(text)) if (!skip.some(([a, b]) => a <= m.span[0] && m.span[1] <= b)) mentions.push(m);
  // headings naming a body
  for (const s of walk(doc.segments)) {
    const hm = headingMention(doc, s);
    if (hm) mentions.push(hm);
  }
  // the lead and supporting cells of task tables: each ";"-separated part is a body
  for (const r of taskRows(doc))
    for (const c of [...r.lead, ...r.support]) mentions.push({ text: c.text, span: c.span, source: 'table' });
  // "Cơ quan chủ trì: Sở Nội vụ, Sở Tài chính." / "Đơn vị phối hợp: …"
  mentions.push(...labelMentions(doc));
  // collective subjects at clause starts, supporting bodies after "phối hợp với"
  for (const r of ownRanges(doc)) {
    if (r.seg?.kind === 'row') continue;
    let covered = -1;
    for (const at of clauseStarts(text, r.span[0], r.span[1])) {
      if (at < covered) continue;
      const sp = subjectAt(text, at, r.span[1]);
      if (sp) {
        for (const p of subjectParts(text, sp)) mentions.push({ text: text.slice(p[0], p[1]), span: p, source: 'subject' });
        covered = sp[1];
      }
    }
    mentions.push(...supportMentions(text, r.span[0], r.span[1]));
  }
  return { value: bodiesFromMentions(doc, mentions, dl), diagnostics: [] };
}

const ORGAN_ROLES = new Set<Role>(['to-chuc', 'tuyen-giao-dan-van', 'kiem-tra', 'van-phong', 'truong-chinh-tri']);

/** Group mentions into bodies; id = role@level, disambiguated by name when two different bodies share it. */
export function bodiesFromMentions(doc: Doc, mentions: Mention[], dl: Level = docLevel(doc)): Body[] {
  const byName = new Map<string, Body>();
  const idsTaken = new Map<string, string>(); // id -> name key
  const seen = new Map<string, MentionSource[]>();
  mentions.sort((a, b) => a.span[0] - b.span[0] || b.span[1] - a.span[1]);
  const loc = segmentLocator(doc.segments);
  // the same wording recurs: classify and key each distinct text once
  const classified = new Map<string, ReturnType<typeof classify> & { key: string }>();
  for (const m of mentions) {
    const sk = `${m.span[0]}:${m.span[1]}`;
    const found = seen.get(sk);
    if (found) {
      // the same span found another way: the first way decides the body, every way is kept
      if (!found.includes(m.source)) found.push(m.source);
      continue;
    }
    const sources: MentionSource[] = [m.source];
    seen.set(sk, sources);
    let c = classified.get(m.text);
    if (!c) {
      const cl = classify(m.text, dl);
      c = { ...cl, key: matchKey(cl.name) };
      classified.set(m.text, c);
    }
    // one specialised organ per level: "Ban Tổ chức Đảng ủy" and "Ban Tổ chức Đảng ủy Tập đoàn" are the same body
    const organ = ORGAN_ROLES.has(c.role) && c.level !== 'unknown' && m.source !== 'subject';
    const key = organ ? `${c.role}@${c.level}` : c.key;
    let body = byName.get(key);
    if (body && organ && c.name.length > body.name.length) body.name = c.name;
    if (!body) {
      let id = `${c.role}@${c.level}`;
      if (idsTaken.has(id) && idsTaken.get(id) !== key) id = `${id}:${asciiSlug(c.name)}`;
      idsTaken.set(id, key);
      body = { id, name: c.name, level: c.level, role: c.role, mentions: [] };
      byName.set(key, body);
    }
    body.mentions.push({ text: m.text, span: m.span, path: loc.pathAt(m.span[0]), sources });
  }
  return [...byName.values()];
}

function asciiSlug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Find the body whose mention has exactly this span (or, failing that, starts there). */
export function bodyAtSpan(bodies: Body[], span: Span): Body | null {
  let best: Body | null = null;
  let bestLen = -1;
  for (const b of bodies)
    for (const m of b.mentions) {
      if (m.span[0] === span[0] && m.span[1] === span[1]) return b;
      if (m.span[0] === span[0] && m.span[1] - m.span[0] > bestLen) {
        best = b;
        bestLen = m.span[1] - m.span[0];
      }
    }
  return best;
}

/** "Cơ quan chủ trì: …", "Đơn vị chủ trì thực hiện: …", "Cơ quan phối hợp: …", "Cơ quan thực hiện: …" at a line start. */
export const LEAD_LABEL = framePattern('lead-label');
export const SUPPORT_LABEL = framePattern('support-label');

/** The bodies of a list ("Sở Tư pháp; Sở Văn hóa, Thể thao và Du lịch và các sở, ngành có liên quan"), each with its span (`at`: the list's offset). */
function listedBodies(value: string, at: number): Mention[] {
  const parts: Mention[] = [];
  let pos = 0;
  const folded = foldTones(value);
  const seps = [...folded.matchAll(/\s*(?:;|,|\s+và\s+)\s*/gu)];
  const cuts: [number, number][] = [];
  for (const sep of seps) {
    const next = folded.slice(sep.index! + sep[0].length).toLowerCase();
    // a comma inside a collective name ("các sở, ban, ngành") does not start a new body
    if (ORG_CONJ.test(next) || NAMED_START.test(folded.slice(sep.index! + sep[0].length)) || sep[0].includes(';')) cuts.push([pos, sep.index!]), (pos = sep.index! + sep[0].length);
  }
  cuts.push([pos, value.length]);
  for (const [a, b] of cuts) {
    let s = a;
    let e = b;
    while (s < e && /\s/u.test(value[s])) s++;
    while (e > s && /[\s.,;]/u.test(value[e - 1])) e--;
    if (e - s >= 2) parts.push({ text: value.slice(s, e), span: [at + s, at + e], source: 'label' });
  }
  return parts;
}

/** A State organ named by its own name, not a collective: "Bộ Y tế", "Sở Tài chính", "Ủy ban nhân dân tỉnh Điện Biên". */
const PROPER_ORGAN = /^(?:Bộ|Sở|Cục|Tổng\s+cục|Chi\s+cục|Ngân\s+hàng|Kho\s+bạc|Bảo\s+hiểm|Công\s+an|Đài|Báo|Viện|Tòa\s+án|Toà\s+án|Ủy\s+ban|Uỷ\s+ban|UBND|Ban|Văn\s+phòng|Thanh\s+tra|Hội|Liên\s+hiệp|Liên\s+minh|Tập\s+đoàn|Tổng\s+công\s+ty)\s+\p{Lu}/u;

/**
 * The bodies of a subject: the subject itself, or, when it lists named organs ("Bộ Giáo dục và Đào tạo, Bộ Y tế
 * nghiên cứu …"), each of them (a collective such as "các sở, ban, ngành" stays one).
 */
export function subjectParts(text: string, sp: Span): Span[] {
  const parts = listedBodies(text.slice(sp[0], sp[1]), sp[0]);
  if (parts.length < 2 || !parts.every((p) => NAMED_START.test(p.text) || PROPER_ORGAN.test(p.text))) return [sp];
  return parts.map((p) => p.span);
}

/** Bodies listed after a lead or support label, up to the end of the sentence. */
export function labelValue(text: string, at: number, to: number): { lead: boolean; parts: Mention[] } | null {
  const head = text.slice(at, Math.min(to, at + 80));
  const m = LEAD_LABEL.exec(head) ?? SUPPORT_LABEL.exec(head);
  if (!m) return null;
  const lead = LEAD_LABEL.test(head);
  const s0 = at + m[0].length;
  const rest = text.slice(s0, Math.min(to, s0 + 400));
  const stop = /[.:]\s|[.:]$|\n\s*\n|\s+(?:chủ\s+trì|có\s+trách\s+nhiệm|tiến\s+hành|theo\s+chức\s+năng|trong\s+phạm\s+vi)(?![\p{L}])/u.exec(rest);
  const value = stop ? rest.slice(0, stop.index) : rest;
  const parts: Mention[] = listedBodies(value, s0);
  // "Cơ quan thực hiện: Sở Khoa học và Công nghệ tiến hành rà soát …; các sở, ngành liên quan và Ủy ban nhân dân các
  // xã, phường rà soát …": each later clause of the sentence with a subject of its own names one more executor
  if (lead && stop && !/^[.:]|^\n\s*\n/u.test(stop[0])) {
    const end = /[.:]\s|[.:]$|\n\s*\n/u.exec(rest.slice(stop.index));
    const sentence = rest.slice(0, end ? stop.index + end.index : rest.length);
    for (const semi of sentence.matchAll(/;/gu)) {
      if (semi.index! < stop.index) continue;
      const next = sentence.indexOf(';', semi.index! + 1);
      const subj = subjectAt(text, s0 + semi.index! + 1, s0 + (next < 0 ? sentence.length : next));
      if (subj) parts.push(...listedBodies(text.slice(subj[0], subj[1]), subj[0]));
    }
  }
  return { lead, parts };
}

function labelMentions(doc: Doc): Mention[] {
  const out: Mention[] = [];
  for (const r of ownRanges(doc)) {
    if (r.seg?.kind === 'row') continue;
    const v = labelValue(doc.text, r.span[0], r.span[1]);
    if (v) out.push(...v.parts);
  }
  return out;
}
