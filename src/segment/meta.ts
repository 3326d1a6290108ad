import type { Diagnostic, DocKind, Meta, Result, Segment } from '../model.js';
import { type Line, NAME_LINE, displayText, kindOfLine } from './lines.js';
import { type Header, SIGNER_NAME, SIGN_FORMULA, stripRank } from './header.js';
import { isoIfValid } from '../normalize/dates.js';

const SYMBOL = /^Số\s*:?\s*([0-9]{1,4}\s*[-–]\s*[\p{L}]+(?:\s*\/\s*[\p{L}]+)+)/u;
const DATE_LINE = /^(?:(\p{Lu}[\p{L} .]*?),\s*)?ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/u;
const ISSUER_IN_PREAMBLE =
  /((?:Ban Thường vụ|Ban Chấp hành|Ban Bí thư|Bộ Chính trị|Ban Tổ chức|Thường trực|Đảng ủy|Đảng uỷ|Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ)[^,;:()]{0,120}?)\s+(?:ban hành|yêu cầu|chỉ thị|hướng dẫn|quyết định|xây dựng)\b/u;

/** "BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH" → "Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh" (Party capitalisation). */
export function titleCaseOrgan(s: string): string {
  const w = s.toLocaleLowerCase('vi').split(/\s+/).filter(Boolean);
  const cap = (x: string) => x[0].toLocaleUpperCase('vi') + x.slice(1);
  return w
    .map((x, i) => {
      const prev = w[i - 1] ?? '';
      const next = w[i + 1] ?? '';
      if (i === 0) return cap(x);
      if (x === 'đảng' || x === 'bí' || (x === 'trung' && next === 'ương')) return cap(x);
      if (/^(tỉnh|thành|thị|huyện|quận)$/.test(x) && /^(ủy|uỷ)$/.test(next)) return cap(x);
      if (x === 'khối' && /^(ủy|uỷ)$/.test(prev)) return cap(x);
      if (/^(thường|chấp|tổ|kiểm|tuyên|văn)$/.test(x) && (prev === 'ban' || prev === 'ủy' || prev === 'uỷ')) return cap(x);
      return x;
    })
    .join(' ');
}

export function readMeta(text: string, segs: Segment[], header: Line[], head?: Header): Result<Meta> {
  const diagnostics: Diagnostic[] = [];
  const meta: Meta = { kind: null, symbol: null, date: null, place: null, issuer: null, title: null, signer: { name: null, role: null }, recipients: [] };
  if (head) {
    meta.kind = head.kind;
    meta.symbol = head.symbol;
    meta.date = head.date;
    meta.place = head.place;
    meta.issuer = head.issuer;
    meta.title = head.title ? displayText(head.title) : null;
  }
  const hl = header.filter((l) => l.text);
  const kindAt = hl.findIndex((l) => kindOfLine(l.text) !== null);
  if (!meta.kind && kindAt >= 0) meta.kind = hl[kindAt].text.replace(/\s+/g, ' ').toUpperCase() as DocKind;
  for (const l of hl) {
    const s = SYMBOL.exec(l.text);
    if (s && !meta.symbol) meta.symbol = s[1].replace(/\s+/g, '').replace('–', '-');
    const d = DATE_LINE.exec(l.text);
    if (d && !meta.date) {
      meta.date = isoIfValid(+d[4], +d[3], +d[2]);
      meta.place = d[1]?.trim() ?? null;
    }
  }
  if (kindAt >= 0) {
    const rest = hl.slice(kindAt + 1).filter((l) => !/^[-_*=]{3,}$/.test(l.text));
    const of = rest.findIndex((l) => /^CỦA\s/u.test(l.text));
    // a Party conclusion "CỦA BỘ CHÍNH TRỊ, BAN BÍ THƯ": the body that concludes, when the header names none
    if (of >= 0 && !meta.issuer) meta.issuer = titleCaseOrgan(rest[of].text.replace(/^CỦA\s+/u, ''));
    if (!meta.title) {
      const title = rest.filter((l, i) => i !== of).map((l) => l.text);
      if (title.length) meta.title = displayText(title.join(' '));
    }
  }
  if (!meta.issuer) {
    const pre = segs.find((s) => s.kind === 'preamble');
    const firstText = pre ? text.slice(pre.span[0], pre.span[1]) : '';
    const m = ISSUER_IN_PREAMBLE.exec(displayText(firstText));
    if (m) meta.issuer = m[1].replace(/\s+/g, ' ').trim();
    else {
      // no header: the authority line before "Căn cứ" ("THỦ TƯỚNG CHÍNH PHỦ", "ỦY BAN THƯỜNG VỤ QUỐC HỘI")
      const first = pre?.children[0] ?? null;
      const t = first ? displayText(text.slice(first.span[0], first.span[1])) : '';
      if (t && t.length < 120 && /^[\p{Lu}\s,]+$/u.test(t) && !/:$/.test(t)) meta.issuer = titleCaseOrgan(t);
    }
  }
  const sig = segs.find((s) => s.kind === 'signature');
  if (sig) {
    const ls = sig.text.split('\n').map((l) => l.trim()).filter(Boolean);
    const nameAt = ls.map((l) => SIGNER_NAME.test(l) && !/^(?:Nơi|Lưu)\b/u.test(l)).lastIndexOf(true);
    if (nameAt >= 0) meta.signer.name = stripRank(ls[nameAt]);
    const role = ls.filter((l, i) => i !== nameAt && (/^[\p{Lu}\s/.,]+$/u.test(l) || SIGN_FORMULA.test(l)) && l.length > 3 && l !== '|');
    if (role.length) meta.signer.role = role.join(' ').replace(/\s+/g, ' ');
  }
  const rec = segs.find((s) => s.kind === 'recipients');
  if (rec) {
    const items: string[] = [];
    for (const l of rec.text.split('\n').slice(1)) {
      const t = l.trim();
      // a recipient line starts with a dash; OCR turns the dash into "°", "»", "=_" and the like ("° _- Ban Bí thư …")
      const bullet = /^[-–+•]\s*/.exec(t) ?? /^(?:[°»«·*©®]\p{Lu}?\s*[=_~-]+|[°»«·*©®][^\p{L}\p{N}]{0,3}|[=_~][^\p{L}\p{N}]{0,3})\s*(?=\p{L})/u.exec(t);
      if (bullet) items.push(t.slice(bullet[0].length));
      else if (items.length && /^\p{Ll}/u.test(t)) items[items.length - 1] += ' ' + t;
    }
    meta.recipients = items.map((s) => s.replace(/[,;.]\s*$/, '').trim()).filter(Boolean);
  }
  return { value: meta, diagnostics };
}


