import { DocKind } from '../model.js';
import { fromSuperscript } from '../normalize/markup.js';
import { readTable } from './tables.js';

/**
 * Line-level layout: split text into lines with offsets, recognise list markers,
 * and join hard-wrapped lines into logical blocks (paragraph units).
 */

export interface Line {
  start: number; // offset of first char (after leading whitespace)
  end: number; // offset after last non-space char
  text: string; // trimmed
}

/** The document-kind line of a header ("KẾ HOẠCH", "CHỈ THỊ" …): one of the model's kinds, else null. */
const KIND_LINE = new RegExp(`^(${DocKind.options.join('|')})$`, 'u');
export function kindOfLine(s: string): DocKind | null {
  const m = KIND_LINE.exec(s.replace(/\s+/g, ' ').trim().toUpperCase());
  return m ? (m[1] as DocKind) : null;
}

export function splitLines(text: string, from = 0, to = text.length): Line[] {
  const out: Line[] = [];
  let i = from;
  while (i <= to) {
    let j = text.indexOf('\n', i);
    if (j < 0 || j > to) j = to;
    const raw = text.slice(i, j);
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim();
    out.push({ start: i + lead, end: i + lead + t.length, text: t });
    if (j >= to) break;
    i = j + 1;
  }
  return out;
}

export type MarkerType = 'row' | 'appendix' | 'part' | 'chapter' | 'division' | 'article' | 'roman' | 'decimal' | 'paren' | 'letter' | 'bullet' | 'footnote';

export interface Marker {
  type: MarkerType;
  /** label without punctuation: "II", "1.1", "3", "a", "-", "1" (footnote) */
  label: string;
  /** characters the marker occupies at the start of the line (incl. following spaces) */
  length: number;
  /** nesting level: smaller = outer */
  level: number;
}

// "I.MỤC ĐÍCH" (space lost in OCR or typing) is a section marker too when an upper-case heading follows;
// "I- MỤC ĐÍCH", "II – NHIỆM VỤ" are section markers as well
const ROMAN = /^((?:X{0,3})(?:IX|IV|V?I{0,3}))(?:\.(?:\s+|(?=\p{Lu}{2}))|\s?[-–]\s*(?=\p{Lu}))(?=\S)/u;
/**
 * Legal structure above the numbered points (rules as data): Phụ lục (appendix), Phần (part),
 * Chương (chapter), Mục (division), Điều (article). Khoản and Điểm are the decimal and letter
 * points inside an article: path "Chương II.Điều 5.2.a".
 */
export const STRUCTURE: { type: MarkerType; word: string; re: RegExp; level: number; example: string }[] = [
  { type: 'appendix', word: 'Phụ lục', re: /^(?:PHỤ\s+LỤC|Phụ\s+lục)(?:\s+(?:số\s+)?([IVXLC]+|\d{1,2}[a-z]?))?(?=$|\s*[.:\-–]?\s*(?:$|\p{Lu}|\())/u, level: -6, example: 'PHỤ LỤC II / DANH MỤC NHIỆM VỤ …' },
  { type: 'part', word: 'Phần', re: /^(?:PHẦN|Phần)\s+(THỨ\s+\p{Lu}+|[IVXLC]+|\d{1,2})(?=$|\s*[.:\-–]|\s+\p{Lu})/u, level: -5, example: 'Phần I. TÌNH HÌNH …' },
  { type: 'chapter', word: 'Chương', re: /^(?:CHƯƠNG|Chương)\s+([IVXLC]+|\d{1,2})(?=$|\s*[.:\-–]|\s+\p{Lu})/u, level: -4, example: 'Chương II / NHIỆM VỤ, QUYỀN HẠN' },
  { type: 'division', word: 'Mục', re: /^(?:MỤC|Mục)\s+(\d{1,2}|[IVXLC]+)(?=$|\s*[.:\-–]|\s+\p{Lu})/u, level: -3, example: 'Mục 1. VIỆC CƯỚI' },
  { type: 'article', word: 'Điều', re: /^(?:Điều|ĐIỀU)\s+(\d{1,3}[a-z]?)(?=$|\s*[.:]|\s+\p{Lu})/u, level: -2, example: 'Điều 5. Tổ chức thực hiện' },
];
/** A structure word alone on its line ("Chương" / "I"), split by a hard wrap. */
export const STRUCTURE_WORD = /^(?:PHỤ\s+LỤC|Phụ\s+lục|PHẦN|Phần|CHƯƠNG|Chương|MỤC|Mục|Điều|ĐIỀU)$/u;
const OCR_ROMAN = /^([IVXHl1|]{1,4})\.\s+(?=\p{Lu}{2,}[\s,]*\p{Lu})/u;
// OCR reads the gap after an item number as "_", "=" or "~" ("5. _ Xây dựng …"): part of the marker
const DECIMAL = /^(\d{1,2}(?:\.\d{1,2}){0,3})(\.|\))?\s+(?:[_=~]{1,3}\s+)?(?=\S)/;
// OCR reads "5." as "S." ("S. _ Văn phòng Tỉnh ủy"): accepted before an upper-case word only
const OCR_FIVE = /^S\.\s+(?:[_=~]{1,3}\s+)?(?=\p{Lu})/u;
const PAREN = /^\((\d{1,2}|[a-zđ])\)\s+(?=\S)/;
const LETTER = /^([a-zđ])\)\s+(?=\S)/;
const BULLET = /^([-–—+•*·])\s*(?=\S)/;
const FOOTNOTE = /^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*(?=\S)/;

export function bulletLevel(ch: string): number {
  if (ch === '+') return 31;
  if (ch === '•' || ch === '*' || ch === '·') return 32;
  return 30;
}

export function parseMarker(line: string): Marker | null {
  let m = FOOTNOTE.exec(line);
  if (m) return { type: 'footnote', label: fromSuperscript(m[1]), length: m[0].length, level: 99 };
  for (const st of STRUCTURE) {
    m = st.re.exec(line);
    if (!m) continue;
    const num = m[1] ? m[1].replace(/\s+/g, ' ') : '';
    const rest = /^\s*[.:\-–]?\s*/.exec(line.slice(m[0].length))![0];
    return { type: st.type, label: num ? `${st.word} ${num}` : st.word, length: m[0].length + rest.length, level: st.level };
  }
  m = ROMAN.exec(line);
  if (m && m[1]) return { type: 'roman', label: m[1], length: m[0].length, level: 0 };
  // an OCR'd section number in front of an upper-case heading: "HI." is "III.", "Il." is "II."
  m = OCR_ROMAN.exec(line);
  if (m && /[Hl1|]/.test(m[1])) {
    const fixed = m[1].replace(/H/g, 'II').replace(/[l1|]/g, 'I');
    if (/^(?:X{0,3})(?:IX|IV|V?I{0,3})$/.test(fixed) && fixed) return { type: 'roman', label: fixed, length: m[0].length, level: 0 };
  }
  m = OCR_FIVE.exec(line);
  if (m) return { type: 'decimal', label: '5', length: m[0].length, level: 1 };
  m = DECIMAL.exec(line);
  if (m) {
    const label = m[1];
    // "1 " alone is not a marker; "1." "1.1" "1.1." "1)" are
    if (!m[2] && !label.includes('.')) return null;
    // a date or number at a line start ("2025. ", "30.000") is not a marker
    if (label.split('.').some((p) => Number(p) === 0 || p.length > 2)) return null;
    if (m[2] === ')') return { type: 'paren', label: `${label})`, length: m[0].length, level: 20 };
    return { type: 'decimal', label, length: m[0].length, level: label.split('.').length };
  }
  m = PAREN.exec(line);
  if (m) return { type: /\d/.test(m[1]) ? 'paren' : 'letter', label: `(${m[1]})`, length: m[0].length, level: /\d/.test(m[1]) ? 20 : 21 };
  m = LETTER.exec(line);
  if (m) return { type: 'letter', label: m[1], length: m[0].length, level: 21 };
  m = BULLET.exec(line);
  if (m) {
    // "-----" rules and "- -" are not bullets
    if (/^[-–—_*]{3,}\s*$/.test(line)) return null;
    return { type: 'bullet', label: m[1] === '–' || m[1] === '—' ? '-' : m[1], length: m[0].length, level: bulletLevel(m[1]) };
  }
  return null;
}


const TERMINAL = /(?:[.:!?…]|\.\/\.)["”’)\]]*$/;
const LOWER_START = /^[\p{Ll}]/u;

export function endsSentence(s: string): boolean {
  return TERMINAL.test(s);
}

/**
 * A line with no sentence end followed by a line in upper case: text runs on
 * across a hard wrap when the break falls inside a name ("Ban \nThường vụ",
 * "Chủ tịch Hồ \nChí Minh") or before a word that is capitalised as a proper noun
 * ("các \nTỉnh ủy"); otherwise the first line was a heading.
 */
const PROPER_START = /^(?:Đảng|Nhà nước|Trung ương|Tỉnh|Thành|Thị|Huyện|Ban|Bộ|Ủy|Uỷ|Văn phòng|Trường|Hội|Mặt trận|Chính phủ|Quốc hội|Tổng Bí thư|Hồ Chí Minh|Chỉ thị|Chương trình|Nghị quyết|Kết luận|Hướng dẫn|Quy định|Kế hoạch|Điều lệ|Thường trực|Thường vụ|Chấp hành|Chính trị|Tổ chức|Kiểm tra|Dân vận|Tuyên giáo|Việt Nam|Khối|Tập đoàn|Công an|Quân|HD|CT|NQ|KL|QĐ|QĐi|TW|TU)\b/u;
function runsOn(prev: string, next: string): boolean {
  const lastWord = prev.split(/\s+/).pop() ?? '';
  if (/^\p{Lu}/u.test(lastWord) && !/[,;]$/.test(lastWord)) return true;
  if (/[,;]$/.test(prev)) return true;
  return PROPER_START.test(next);
}

export interface Block {
  lines: Line[];
  start: number;
  end: number;
  marker: Marker | null;
}

/** Typical line width of a hard-wrapped text, or 0 when lines are not hard-wrapped. */
export function wrapWidth(lines: Line[]): number {
  const lens = lines.map((l) => l.text.length).filter((n) => n > 0);
  if (lens.length < 8) return 0;
  const sorted = [...lens].sort((a, b) => a - b);
  const p90 = sorted[Math.floor(sorted.length * 0.9)];
  // hard-wrapped texts have most lines of nearly equal length and no very long lines
  const near = lens.filter((n) => n >= p90 * 0.75 && n <= p90 * 1.15).length / lens.length;
  const max = sorted[sorted.length - 1];
  return p90 <= 120 && max <= 160 && near >= 0.45 ? p90 : 0;
}

/**
 * Join lines into blocks. A line continues the previous block when the text
 * runs on across the break: the next line starts in lower case (and is not a
 * letter marker), or the previous line is a full-width hard-wrapped line with
 * no sentence end. Blank lines do not end a block by themselves (PDF-extracted
 * text puts blank lines inside paragraphs).
 */
export function toBlocks(lines0: Line[], width: number, isMarker: (l: Line, m: Marker | null, prev: Block | null) => boolean = () => true): Block[] {
  const blocks: Block[] = [];
  let cur: Block | null = null;
  let blankBefore = false;
  const lines = joinStructureWords(lines0);
  for (let li = 0; li < lines.length; li++) {
    const l = lines[li];
    if (l.text === '|') {
      // a table: one block per row
      const t = readTable(lines, li);
      for (const r of t.rows) {
        const first = r.cells.find((c) => c.lines.length)?.lines[0].text ?? '';
        const label = /^(?:[IVXLC]+|\d{1,3}(?:\.\d{1,2})*)\.?$/u.test(first) ? first.replace(/\.$/, '') : null;
        cur = { lines: lines.slice(r.from, r.to + 1).filter((x) => x.text), start: lines[r.from].start, end: lines[r.to].end, marker: { type: 'row', label: label ?? '', length: 0, level: 29 } };
        blocks.push(cur);
      }
      cur = null;
      blankBefore = true;
      li = Math.max(li, t.next - 1);
      continue;
    }
    if (!l.text) {
      blankBefore = true;
      continue;
    }
    const m0 = parseMarker(l.text);
    const m: Marker | null = m0 && isMarker(l, m0, cur) ? m0 : null;
    let cont = false;
    if (cur) {
      const prev = cur.lines[cur.lines.length - 1].text;
      const prevEnds = endsSentence(prev);
      if (m && m.type === 'bullet' && !prevEnds && LOWER_START.test(l.text.slice(m.length)) && !/[:;,]$/.test(prev)) cont = true;
      else if (m) cont = false;
      else if (/^\d{1,2}[-/.]\d/.test(l.text) && /(?:ngày|số|năm|tháng)$/i.test(prev)) cont = true;
      else if (LOWER_START.test(l.text)) cont = !prevEnds || !blankBefore || width > 0;
      else if (/^[(“"]/u.test(l.text) && !prevEnds && !/[:;]$/.test(prev)) cont = true;
      else if (/^[IVX]+[,)]/.test(l.text) && /khóa|khoá/iu.test(prev.slice(-8))) cont = true;
      else if (width > 0 && !prevEnds && prev.length >= width * 0.6 && runsOn(prev, l.text)) cont = true;
      // a hard-wrapped paragraph whose sentence happens to end at a full-width line goes on
      else if (width > 0 && !blankBefore && prevEnds && !/(?::|\)\.)$/.test(prev) && prev.length >= width * 0.88 && cur.lines.length > 1 && /^\p{Lu}/u.test(l.text)) cont = true;
      else if (/[-–]$/.test(prev) && /^[\p{Lu}\d]/u.test(l.text) && /\d[-–]$/.test(prev)) cont = true; // "06-" / "HD/BTCTU"
      else if (width === 0 && !blankBefore && !prevEnds && /[,]$/.test(prev)) cont = true;
      // a line that ends on a word needing what follows ("Cơ quan chủ trì: Sở Nội vụ, Sở" / "Giáo dục và Đào tạo …",
      // "… của" / "Ban Bí thư") goes on, even where the wrap width is unknown
      else if (width === 0 && !blankBefore && !prevEnds && !m && DANGLING.test(prev)) cont = true;
      // reflow by what the previous line left open, whatever the next line starts with
      // ("Thực hiện Quyết định số" / "7619/QĐ-BCA …", "Căn cứ Nghị quyết số" / "57-NQ/TW …"),
      // unless the previous line is a heading (a short numbered title, an upper-case title)
      else if (width > 0 && !blankBefore && !prevEnds && !m && !headingLike(cur, prev, l.text, width)) cont = true;
    }
    if (cont && cur) {
      cur.lines.push(l);
      cur.end = l.end;
    } else {
      cur = { lines: [l], start: l.start, end: l.end, marker: m };
      blocks.push(cur);
    }
    blankBefore = false;
  }
  return blocks;
}

const isUpperLine = (s: string) => {
  const letters = s.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters.replace(/[^\p{Lu}]/gu, '').length >= letters.length * 0.8;
};

/** Whether the block so far is a heading that the next line does not continue. */
/** A line ending in a word that needs what follows ("2. Sở" / "Tài chính", "của" / "Ban Bí thư") is not a finished heading. */
const DANGLING = /(?:^|\s)(?:Sở|Ban|Bộ|Ủy|Uỷ|Cục|Chi|Trung|Văn|Hội|Công|Phòng|Đài|Báo|Viện|Tòa|Toà|Kho|Liên|Mặt|Đảng|UBND|và|của|các|về|số|ngày|tại|với|cho|trong|theo|đối|là|có|được|những|tháng|năm)$/u;

/** A State organ named, then a verb of what it does on the same line: a sentence, not a title. */
const ORGAN_SENTENCE = /^\s*(?:Bộ|Sở|Cục|Công\s+an|Ủy\s+ban\s+nhân\s+dân|UBND|Ngân\s+hàng|Bảo\s+hiểm)\s+\p{Lu}[^,.;:]*?\s(?:tiếp\s+tục|chủ\s+trì|chủ\s+động|chỉ\s+đạo|phối\s+hợp|khẩn\s+trương|nghiên\s+cứu|hướng\s+dẫn|tổ\s+chức|rà\s+soát|có\s+trách\s+nhiệm|theo\s+chức\s+năng)\s/u;

function headingLike(cur: Block, prev: string, next: string, width: number): boolean {
  if (DANGLING.test(prev)) return false;
  const upPrev = isUpperLine(prev);
  const upNext = isUpperLine(next);
  if (upPrev && !upNext) return true; // "I. MỤC ĐÍCH, YÊU CẦU" then a sentence
  if (upPrev && upNext) return false; // a title over two lines
  // a short numbered title ("1. Sở Y tế", "Điều 1. Phạm vi điều chỉnh") then a capitalised sentence
  // (a full-width line was wrapped: it goes on)
  // (a line ending inside a capitalised name — "của Thủ tướng" / "Chính phủ …" — goes on)
  // (a numbered sentence — an organ, then what it does — whose line was wrapped short goes on: "(3) Bộ Công an tiếp
  // tục chủ động phối hợp, hướng dẫn" / "Bộ Y tế, Ban Quản lý dự án …")
  if (cur.marker && cur.marker.type !== 'bullet' && ORGAN_SENTENCE.test(prev.slice(cur.marker.length))) return false;
  if (cur.marker && cur.marker.type !== 'bullet' && /^\p{Lu}/u.test(next) && !/(?:Thủ\s+tướng|Chủ\s+tịch|Bộ\s+trưởng|Giám\s+đốc|Cục\s+trưởng|Tổng\s+Bí\s+thư|Ủy\s+ban|Hội\s+đồng)$/u.test(prev)) return true;
  return false;
}

/** "Chương" / "I" (a structure word and its number split by a hard wrap) read as one line. */
function joinStructureWords(lines: Line[]): Line[] {
  const out: Line[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const n = lines[i + 1];
    if (n && STRUCTURE_WORD.test(l.text) && /^(?:[IVXLC]+|\d{1,3}[a-z]?)(?:$|[\s.:\-–])/u.test(n.text)) {
      out.push({ start: l.start, end: n.end, text: `${l.text} ${n.text}` });
      i++;
      continue;
    }
    out.push(l);
  }
  return out;
}

/** Display text of a range: whitespace collapsed, split symbols rejoined ("06- HD/BTCTU" → "06-HD/BTCTU"). */
export function displayText(s: string): string {
  return s
    .replace(/(\d)([-–])\s*\n\s*(?=[\p{Lu}])/gu, '$1$2')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** A person's name: 2–5 capitalised syllables, nothing else. */
export const NAME_LINE = /^(?:\p{Lu}[\p{Ll}]*\s+){1,4}\p{Lu}[\p{Ll}]*$/u;
