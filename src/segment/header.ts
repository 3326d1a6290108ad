/**
 * The official header and signature, whatever the layout they arrive in:
 *
 * - cells of the two-column tables linearized one per line between "|" lines (portal
 *   Markdown, our DOCX reader), or the two columns one after the other (PDF text copied
 *   or read by position), or merged into one line ("Số 212-KL/TW Hà Nội, ngày 18 …");
 * - the issuing body with its parent line ("BỘ TÀI CHÍNH / CỤC HẢI QUAN"), wrapped inside
 *   its cell ("ỦY BAN NHÂN / DÂN / TỈNH ĐỒNG THÁP"), next to the national motto
 *   ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc") or the Party's
 *   ("ĐẢNG CỘNG SẢN VIỆT NAM");
 * - "Số: 153/KH-UBND", "Số 221-KL/TW", "84/2025/QĐ-UBND", "71/NQ -CP", a number on the
 *   line after "Số:"; the place and date split over lines or cells;
 * - the kind line ("KẾ HOẠCH", "THÔNG BÁO KẾT LUẬN", "NGHỊ ĐỊNHVề …" glued) and the title
 *   over several lines, "V/v …", up to the authority line ("THỦ TƯỚNG CHÍNH PHỦ") and the
 *   preamble ("Căn cứ …", "Thực hiện …").
 *
 * Vocabulary (organ heads, kinds, motto words, preamble openings) is data below, with examples.
 */
import { DocKind } from '../model.js';
import { isoIfValid } from '../normalize/dates.js';
import type { Line } from './lines.js';

// ------------------------------------------------------------------ vocabulary

/** Document kinds as printed on the kind line; a longer name first ("THÔNG BÁO KẾT LUẬN" is a THÔNG BÁO). */
export const KINDS: DocKind[] = [...DocKind.options].sort((a, b) => b.length - a.length);

/** Words of the national and Party mottos: a header line made only of these is not the issuer. */
const MOTTO_WORDS = new Set(['CỘNG', 'HÒA', 'HOÀ', 'XÃ', 'HỘI', 'CHỦ', 'NGHĨA', 'VIỆT', 'NAM', 'ĐẢNG', 'SẢN']);
const MOTTO_LINE = /^Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc/iu;

/**
 * Heads of issuing bodies: a header line starting with one of these starts a new body
 * ("BỘ TÀI CHÍNH" then "CỤC HẢI QUAN"); other lines continue the body above
 * ("ỦY BAN NHÂN DÂN" then "TỈNH NGHỆ AN"). Examples from real headers.
 */
export const ORGAN_HEADS: { re: RegExp; generic: boolean; example: string }[] = [
  { re: /^(?:ỦY|UỶ)\s+BAN\s+NHÂN(?:\s+DÂN)?$/u, generic: true, example: 'ỦY BAN NHÂN DÂN / TỈNH NGHỆ AN' },
  { re: /^HỘI\s+ĐỒNG\s+NHÂN(?:\s+DÂN)?$/u, generic: true, example: 'HỘI ĐỒNG NHÂN DÂN / TỈNH VĨNH LONG' },
  { re: /^(?:VĂN\s+PHÒNG|BAN|ĐẢNG\s+(?:ỦY|UỶ)|CHI\s+BỘ|ĐẢNG\s+BỘ)$/u, generic: true, example: 'BAN CHẤP HÀNH TRUNG ƯƠNG / VĂN PHÒNG' },
  { re: /^(?:UBND|HĐND)(?![\p{L}\p{N}])/u, generic: false, example: 'UBND THÀNH PHỐ HÀ NỘI' },
  { re: /^(?:ỦY|UỶ)\s+BAN(?![\p{L}\p{N}])/u, generic: false, example: 'ỦY BAN THƯỜNG VỤ QUỐC HỘI' },
  { re: /^(?:BỘ|CỤC|CHI\s+CỤC|TỔNG\s+CỤC|SỞ|VĂN\s+PHÒNG|BAN|TRUNG\s+TÂM|HỘI\s+ĐỒNG|CHÍNH\s+PHỦ|QUỐC\s+HỘI|THỦ\s+TƯỚNG|TÒA|TOÀ|VIỆN|KHO\s+BẠC|NGÂN\s+HÀNG|BẢO\s+HIỂM|CÔNG\s+AN|BỘ\s+CHỈ\s+HUY|BỘ\s+TƯ\s+LỆNH|HỌC\s+VIỆN|TRƯỜNG|ĐẠI\s+HỌC|TẬP\s+ĐOÀN|TỔNG\s+CÔNG\s+TY|CÔNG\s+TY|HỘI|LIÊN\s+HIỆP|LIÊN\s+ĐOÀN|ĐOÀN|MẶT\s+TRẬN|TỈNH\s+(?:ỦY|UỶ)|THÀNH\s+(?:ỦY|UỶ)|HUYỆN\s+(?:ỦY|UỶ)|QUẬN\s+(?:ỦY|UỶ)|THỊ\s+(?:ỦY|UỶ)|ĐẢNG\s+(?:ỦY|UỶ)|ĐẢNG\s+BỘ|CHI\s+BỘ|BAN\s+CHẤP\s+HÀNH|BAN\s+THƯỜNG\s+VỤ|CƠ\s+QUAN|CHỦ\s+TỊCH|KIỂM\s+TOÁN|THANH\s+TRA)(?![\p{L}\p{N}])/u, generic: false, example: 'BỘ TÀI CHÍNH / CỤC HẢI QUAN' },
];

/** Lines that open the preamble, ending the title. */
const PREAMBLE = /^(?:[-–•]\s*)?(?:Căn\s+cứ|Thực\s+hiện|Triển\s+khai|Theo\s+đề\s+nghị|Theo\s+đề\s+xuất|Xét\s+đề\s+nghị|Xét\s+tờ\s+trình|Kính\s+gửi|Tại\s+phiên|Tại\s+(?:Hội\s+nghị|buổi|cuộc)|Ngày\s+\d|Sau\s+khi|Để\s+|Nhằm\s+|Qua\s+|Trong\s+(?:thời|những|năm)|Thời\s+gian\s+qua|Những\s+năm|Từ\s+ngày|Vừa\s+qua|Thi\s+hành|Quán\s+triệt)/u;
/** A preamble opener in the middle of a line, after capitals. */
const MID_PREAMBLE = /\s(?:Căn\s+cứ|Thực\s+hiện|Triển\s+khai|Theo\s+đề\s+nghị|Xét\s+đề\s+nghị)\s/u;
/** The issuing authority's line before the preamble ("THỦ TƯỚNG CHÍNH PHỦ", "BỘ TRƯỞNG BỘ CÔNG THƯƠNG") or the decision formula. */
const AUTHORITY =
  /^(?:(?:CHỦ\s+TỊCH|PHÓ\s+CHỦ\s+TỊCH|BỘ\s+TRƯỞNG|THỦ\s+TƯỚNG|TRƯỞNG\s+BAN|GIÁM\s+ĐỐC|CỤC\s+TRƯỞNG|TỔNG\s+CỤC\s+TRƯỞNG|CHÁNH\s+VĂN\s+PHÒNG|VIỆN\s+TRƯỞNG|THỐNG\s+ĐỐC|TỔNG\s+KIỂM\s+TOÁN|CHÁNH\s+ÁN|HIỆU\s+TRƯỞNG|CHÍNH\s+PHỦ|QUỐC\s+HỘI|(?:ỦY|UỶ)\s+BAN|HỘI\s+ĐỒNG|BAN\s+THƯỜNG\s+VỤ|BAN\s+CHẤP\s+HÀNH|BỘ\s+CHÍNH\s+TRỊ|BAN\s+BÍ\s+THƯ)(?![\p{L}\p{N}])|(?:QUYẾT\s+ĐỊNH|QUYẾT\s+NGHỊ|NGHỊ\s+QUYẾT|KẾT\s+LUẬN|CHỈ\s+THỊ)\s*:)/u;
const RULE = /^[-_=*.…~]{1,}$|^[-–_=*]{3,}/u;
/** Words that cannot end a title line: the title goes on on the next line ("… NGÀY" / "04/9/2025 CỦA …"). */
const TITLE_OPEN_END = /(?:^|\s)(?:ngày|số|của|và|về|tại|năm|tháng|đến|theo|với|trong|cho)$/iu;
const BAR = /^\|$/;
const MARKER = /^(?:[IVXLC]+\s*[.\-–)]\s|\d{1,2}(?:\.\d{1,2})*[.)]\s|[a-zđ]\)\s|(?:Điều|Chương|Mục|Phần|PHẦN|CHƯƠNG)\s+[\dIVXLC]+(?![\p{L}\p{N}]))/u;

// ------------------------------------------------------------------ symbol and date

/**
 * A document symbol after "Số": number, optional year, kind code, issuer code; stray spaces
 * around the separators allowed ("71/NQ -CP", "27/NQ- TW", "87 /2025/QĐ-UBND").
 */
export const SYMBOL =
  /(\d{1,5}[a-z]?)(?:\s*\/\s*(\d{4}))?\s*([-–/])\s*(\p{Lu}[\p{L}\d&]*(?:\.\p{Lu}+)?)(?:\s*([-–/])\s*(\p{Lu}[\p{L}\d&]*(?:[-/]\p{Lu}[\p{L}\d&]*)*))?/u;
/** "Số" not followed by "hiệu" (portal metadata) nor a lower-case word ("số lượng"). */
const SO = /(?:^|[\s|(])Số\s*:?\s*(?=\d)/gu;

export function symbolIn(text: string): string | null {
  for (const m of text.matchAll(SO)) {
    const s = SYMBOL.exec(text.slice(m.index! + m[0].length, m.index! + m[0].length + 60));
    if (!s || s.index !== 0) continue;
    return normSymbol(s);
  }
  return null;
}
function normSymbol(s: RegExpExecArray): string {
  const [, num, year, sep1, a, sep2, b] = s;
  return `${num}${year ? `/${year}` : ''}${sep1 === '–' ? '-' : sep1}${a}${sep2 && b ? `${sep2 === '–' ? '-' : sep2}${b}` : ''}`;
}

const DATE = /ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})/u;
const DATE_SHORT = /ngày\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/u;

// ------------------------------------------------------------------ helpers

const isUpper = (s: string) => {
  const letters = s.replace(/[^\p{L}]/gu, '');
  if (letters.length < 2) return false;
  return letters.replace(/[^\p{Lu}]/gu, '').length >= letters.length * 0.8;
};
const isMotto = (s: string) => {
  if (MOTTO_LINE.test(s)) return true;
  const w = s.toUpperCase().split(/[^\p{L}]+/u).filter(Boolean);
  return w.length > 0 && w.every((x) => MOTTO_WORDS.has(x)) && w.some((x) => x !== 'XÃ' && x !== 'HỘI');
};
const organHead = (s: string) => ORGAN_HEADS.find((h) => h.re.test(s));

/** The kind of a kind line and what follows it on that line (title text), or null. */
export function kindLine(s: string, inHeader: boolean): { kind: DocKind; rest: string } | null {
  const t = s.replace(/\s+/g, ' ').trim();
  const up = t.toUpperCase();
  for (const k of KINDS) {
    if (up === k) return { kind: k, rest: '' };
    if (!up.startsWith(k)) continue;
    const rest = t.slice(k.length);
    // glued title ("NGHỊ ĐỊNHVề hợp đồng …")
    if (/^\p{Lu}\p{Ll}/u.test(rest)) return { kind: k, rest: rest.trim() };
    // "THÔNG BÁO KẾT LUẬN"
    if (k === 'THÔNG BÁO' && /^\s+KẾT\s+LUẬN(?![\p{L}\p{N}])/u.test(rest)) return { kind: k, rest: rest.trim() };
    // a title on the same line, in a header
    if (inHeader && /^\s+\p{Lu}/u.test(rest) && isUpper(rest) && !/[:?]$/.test(rest)) return { kind: k, rest: rest.trim() };
  }
  return null;
}

/** Case of an organ written in capitals: "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP" → "Ủy ban nhân dân tỉnh Đồng Tháp". */
export function organCase(s: string): string {
  const w = s.toLocaleLowerCase('vi').split(/\s+/).filter(Boolean);
  const cap = (x: string) => x[0].toLocaleUpperCase('vi') + x.slice(1);
  let proper = false; // inside a place or proper name
  return w
    .map((x, i) => {
      const prev = w[i - 1] ?? '';
      const next = w[i + 1] ?? '';
      if (i === 0) return cap(x);
      if (/^(tỉnh|thành|phố|xã|phường|huyện|quận|thị|đặc)$/.test(prev) && !/^(ủy|uỷ|phố|xã|trấn|khu|nhân|hội|đoàn|bộ)$/.test(x)) proper = true;
      // "TỈNH ỦY LÀO CAI", "THÀNH ỦY HẢI PHÒNG", "HUYỆN ỦY BẢO THẮNG": the place follows the committee
      if (/^(ủy|uỷ)$/.test(prev) && /^(tỉnh|thành|huyện|quận|thị)$/.test(w[i - 2] ?? '') && !/^(ban|và|khối|các|về|trực)$/.test(x)) proper = true;
      if (proper) return cap(x);
      if (x === 'đảng' || x === 'bí' || (x === 'trung' && next === 'ương') || (x === 'ương' && prev === 'trung')) return cap(x);
      if (x === 'việt' || (x === 'nam' && prev === 'việt') || x === 'quốc' && next === 'hội') return cap(x);
      if (/^(tỉnh|thành|thị|huyện|quận)$/.test(x) && /^(ủy|uỷ)$/.test(next)) return cap(x);
      if (x === 'khối' && /^(ủy|uỷ)$/.test(prev)) return cap(x);
      if (/^(thường|chấp|tổ|kiểm|tuyên|dân|văn|chính|công|hải|thuế|nội|tài|tư|quốc|xây|y|giáo|khoa|nông|ngoại|kế)$/.test(x) && /^(ban|ủy|uỷ|cục|bộ|sở|vụ|giáo|và)$/.test(prev)) return cap(x);
      return x;
    })
    .join(' ');
}

// ------------------------------------------------------------------ header

export interface Header {
  /** index (in the given lines) of the kind line, -1 when none */
  kindAt: number;
  /** first line index after the header (kind, title and the rule under it) */
  end: number;
  kind: DocKind | null;
  symbol: string | null;
  date: string | null;
  place: string | null;
  issuer: string | null;
  parent: string | null;
  title: string | null;
}

/** Find the kind line: the first line that is a kind, in the first half, or right after a header. */
/** A line of running text: 40 characters or more, opening on a capital, with at least five words in lower case. */
const isProseLine = (t: string) => t.length >= 40 && /^\p{Lu}/u.test(t) && (t.match(/(?:^|\s)\p{Ll}+(?=[\s,.;:?!]|$)/gu) ?? []).length >= 5;

export function findKindLine(lines: Line[]): number {
  const limit = Math.max(8, Math.floor(lines.length * 0.5));
  let sawHeader = false;
  let prose = 0;
  for (let i = 0; i < Math.min(lines.length, limit); i++) {
    const t = lines[i].text;
    if (!t) continue;
    if (isMotto(t) || /^Số\s*:?\s*\d/u.test(t)) sawHeader = true;
    if (kindLine(t, sawHeader)) return i;
    // running sentences before any kind line (an article under a motto): what follows is no document's kind line
    if (isProseLine(t) && !/ngày\s*\d|tháng\s*\d|năm\s*\d{4}/u.test(t) && ++prose >= 3) return -1;
  }
  return -1;
}

export function readHeader(lines: Line[]): Header {
  const h: Header = { kindAt: -1, end: 0, kind: null, symbol: null, date: null, place: null, issuer: null, parent: null, title: null };
  const kindAt = findKindLine(lines);
  h.kindAt = kindAt;
  // ---- the zone before the kind line (header cells), and the title after it
  const zone = (kindAt >= 0 ? lines.slice(0, kindAt) : lines.slice(0, Math.min(lines.length, 30))).filter((l) => l.text);
  const zoneText = zone.map((l) => l.text).filter((t) => !BAR.test(t)).join('\n');
  h.symbol = symbolIn(zoneText.replace(/\n/g, ' '));
  const flat = zoneText.replace(/\s*\n\s*/g, ' ');
  const d = DATE.exec(flat) ?? DATE_SHORT.exec(flat);
  if (d) {
    h.date = isoIfValid(+d[3], +d[2], +d[1]);
    // the place: before "ngày" on the date's line, or the line above when the date starts its line
    const zl = zoneText.split('\n');
    const at = zl.findIndex((l) => /ngày\s*\d/u.test(l) || /ngày\s*$/u.test(l));
    if (at >= 0) {
      let before = zl[at].slice(0, zl[at].search(/ngày/u)).replace(/[,\s]+$/u, '').trim();
      if (!before && at > 0 && !isMotto(zl[at - 1]) && !/\d/.test(zl[at - 1])) before = zl[at - 1].replace(/[,\s]+$/u, '').trim();
      else if (before && at > 0 && /^\p{Ll}/u.test(before) && !isMotto(zl[at - 1])) before = `${zl[at - 1].trim()} ${before}`;
      before = before.replace(/^.*?(?:Hạnh\s+phúc|VIỆT\s+NAM)\s*/u, '').replace(/^Số\s*:?\s*\S+\s*/u, '').trim();
      h.place = before && /^\p{Lu}/u.test(before) && before.length < 40 ? before : null;
    }
  }
  // ---- issuing body: upper-case lines of the zone that are neither motto, symbol, date nor rules
  if (kindAt >= 0 || zone.some((l) => isMotto(l.text))) {
    const organ: string[] = [];
    // a header the portal put on one line ("CHÍNH PHỦ_______ Số: 172/2025/NĐ-CP | CỘNG HÒA …"): its cells, split at
    // the rules and bars between them
    const pieces = zone.flatMap((l) => (/\s\|(?:\s|$)/u.test(l.text) ? l.text.split(/_+\s+|\s\|(?:\s|$)/u).map((x) => ({ text: x.trim() })) : [{ text: l.text }]));
    for (const l of pieces) {
      const t = l.text.replace(/\s*\*+\s*$/, '').trim();
      if (!t || BAR.test(t) || RULE.test(t) || isMotto(t)) continue;
      if (/^Số(?![\p{L}\p{N}])/u.test(t) || /ngày\s*\d/u.test(t) || /^\d/.test(t) || /,\s*$/.test(t)) {
        if (organ.length) break; // the left column ends at the symbol
        continue;
      }
      if (!isUpper(t)) {
        if (organ.length) break;
        continue;
      }
      // a motto merged on the same line as the body ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI …")
      const cut = t.replace(/\s+(?:CỘNG\s+H[OÒ]A(?![\p{L}\p{N}])|ĐẢNG\s+CỘNG\s+SẢN(?![\p{L}\p{N}])).*$/u, '');
      if (cut) organ.push(cut);
      if (cut !== t) break;
    }
    const units = organUnits(organ);
    if (units.length) {
      h.issuer = organCase(units[units.length - 1]);
      if (units.length > 1) h.parent = organCase(units.slice(0, -1).join(' '));
    }
  }
  if (kindAt < 0) return h;
  // ---- kind and title
  const kl = kindLine(lines[kindAt].text, true)!;
  h.kind = kl.kind;
  const title: string[] = kl.rest ? [kl.rest] : [];
  let i = kindAt + 1;
  let end = kindAt + 1;
  const key = (s: string) => s.toLowerCase().replace(/\s+/g, ' ');
  // up to 14 lines of text after the kind line (blank lines between the lines of a title, as PDF text has them, do not count)
  for (let seen = 0; i < lines.length && seen < 14; i++) {
    const t = lines[i].text;
    if (t) seen++;
    if (!t || BAR.test(t)) continue;
    if (RULE.test(t)) {
      if (title.length) {
        end = i + 1;
        break;
      }
      continue;
    }
    if (MARKER.test(t)) break;
    if (PREAMBLE.test(t)) {
      // a sentence-case title may open like a preamble ("Triển khai thực hiện Chỉ thị số 50-CT/TW …"):
      // it is a title when its lines, up to the next blank line, end without punctuation
      if (title.length) break;
      let k = i;
      const para: string[] = [];
      while (k < lines.length && lines[k].text && !BAR.test(lines[k].text)) para.push(lines[k++].text);
      const joined = para.join(' ');
      if (/[.:;,]$/u.test(joined) || joined.length > 400 || (lines[k] === undefined)) break;
    }
    // the next line, with the one after it: a hard wrap may split "Căn" / "cứ Luật …"
    const after = lines.slice(i + 1).filter((l) => l.text && !BAR.test(l.text));
    const nextText = after.slice(0, 2).map((l) => l.text).join(' ');
    if (title.length && isUpper(t) && (AUTHORITY.test(t) || h.issuer && key(t) === key(h.issuer)) && (PREAMBLE.test(nextText) || /:\s*$/.test(t) || !nextText)) break;
    // the title's last line, the authority and the preamble run together on one line (PDF text: "… (SỬA ĐỔI) CHÍNH PHỦ
    // Căn cứ Luật …"): the capitals before the opener end the title, without the issuer's name; the line stays in the preamble
    const mid = title.length ? MID_PREAMBLE.exec(t) : null;
    if (mid && isUpper(t.slice(0, mid.index))) {
      let head = t.slice(0, mid.index).trim();
      const iss = h.issuer ? h.issuer.toLocaleUpperCase('vi') : null;
      if (iss && head.toLocaleUpperCase('vi').endsWith(' ' + iss)) head = head.slice(0, head.length - iss.length).trim();
      if (head && !AUTHORITY.test(head)) title.push(head);
      break;
    }
    if (title.length && AUTHORITY.test(t) && /:\s*$/.test(t)) break;
    const upper = isUpper(t);
    const cont =
      !title.length ||
      upper === isUpper(title[title.length - 1]) ||
      /^\p{Ll}/u.test(t) ||
      (/^(?:V\/v|Về|VỀ)(?![\p{L}\p{N}])/u.test(title[title.length - 1]) && !/[.;:]$/.test(title[title.length - 1]));
    // a title line left open by its last word ("… ngày" / "04/9/2025 của …") runs on, whatever the next line starts with
    const open = title.length > 0 && TITLE_OPEN_END.test(title[title.length - 1]) && !PREAMBLE.test(t);
    if (!cont && !open) break;
    if (!open && !upper && title.length && !/^\p{Ll}/u.test(t) && !/^(?:Về|V\/v)(?![\p{L}\p{N}])/u.test(t)) break;
    // the title printed twice (portal): skip the copy
    if (title.length && key(title.join(' ')) === key(t)) {
      end = i + 1;
      continue;
    }
    title.push(t);
    end = i + 1;
  }
  // "CỦA BAN BÍ THƯ" after a Party kind line names who issues it (more precisely than the header's
  // "BAN CHẤP HÀNH TRUNG ƯƠNG"); it is not part of the subject
  if (title.length && /^CỦA\s+\p{Lu}/u.test(title[0])) {
    const all = title.join(' ').replace(/\s+/g, ' ');
    const v = all.search(/\s(?:VỀ|về)\s/u);
    h.parent = h.issuer;
    h.issuer = organCase((v > 0 ? all.slice(0, v) : all).replace(/^CỦA\s+/u, '').replace(/[,\s]+$/u, ''));
    title.splice(0, title.length, ...(v > 0 ? [all.slice(v + 1)] : []));
  }
  h.title = title.length ? title.join(' ').replace(/\s+/g, ' ').trim() : null;
  // a title in capitals run on into the preamble on one line (PDF text: "… TỈNH BẮC NINH Căn cứ Luật …"): cut there
  if (h.title) {
    const run = /\s(?:Căn\s+cứ|Thực\s+hiện|Triển\s+khai|Theo\s+đề\s+nghị|Xét\s+đề\s+nghị)\s/u.exec(h.title);
    if (run && run.index > 0 && isUpper(h.title.slice(0, run.index))) h.title = h.title.slice(0, run.index);
  }
  // a rule right after the title belongs to the header
  let j = end;
  while (j < lines.length && (!lines[j].text || RULE.test(lines[j].text) || BAR.test(lines[j].text))) j++;
  h.end = j;
  return h;
}

/** Group the issuing-body lines into bodies: a head word starts one, other lines continue it. */
function organUnits(lines: string[]): string[] {
  const units: string[] = [];
  let open = false; // the last unit is a bare head waiting for its name ("ỦY BAN NHÂN DÂN")
  for (const raw of lines) {
    const t = raw.replace(/\s+/g, ' ').trim();
    const h = organHead(t);
    if (units.length && (open || !h)) {
      units[units.length - 1] += ' ' + t;
      open = !!organHead(units[units.length - 1])?.generic && ORGAN_HEADS[0].re.test(units[units.length - 1]);
      continue;
    }
    units.push(t);
    open = !!h?.generic;
  }
  return units.map((u) => u.replace(/\s+/g, ' ').trim());
}

// ------------------------------------------------------------------ signature

/** Signing formulas: "TM.", "T/M", "KT.", "K/T", "TL.", "T/L", "TUQ.", "Q." */
export const SIGN_FORMULA = /^(?:T\/M|TM\.?|K\/T|KT\.?|T\/L|TL\.?|TUQ\.?|Q\.)\s*\p{Lu}/u;
/** Ranks that may precede a signer's name. */
const RANK = /^(?:Đại\s+tướng|Thượng\s+tướng|Trung\s+tướng|Thiếu\s+tướng|Đại\s+tá|Thượng\s+tá|Trung\s+tá|Thiếu\s+tá|GS\.?\s*TS\.?|PGS\.?\s*TS\.?|TS\.|ThS\.|BS\.|Luật\s+sư)\s+/u;
/** A person's name: 2–5 capitalised syllables, optionally after a rank. */
export const SIGNER_NAME = /^(?:(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá)\s+|(?:PGS\.?\s*|GS\.?\s*)?TS\.\s*|ThS\.\s*)?(?:\p{Lu}[\p{Ll}]*\s+){1,4}\p{Lu}[\p{Ll}]*$/u;
export const stripRank = (s: string) => s.replace(RANK, '');
