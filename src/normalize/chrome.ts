/**
 * Web-portal chrome around an official text pasted or saved from a legal portal:
 * the copyright banner and the portal's own metadata table before the document
 * ("Bản dịch này thuộc quyền sở hữu của THƯ VIỆN PHÁP LUẬT…", "Số hiệu: | … | Tình trạng:"),
 * and after it the portal's summary line, related documents, comparison help, address,
 * notices to members, Q&A footers ("Quý khách cần hỏi thêm thông tin…", "Link bài viết gốc").
 *
 * `findChrome` returns the line ranges to drop with a description of each; the caller
 * removes them from the text and reports them (nothing is dropped silently).
 * The patterns are rules as data: each has an id and a real example.
 */

export interface ChromeRange {
  /** [start, end) offsets in the scanned text */
  start: number;
  end: number;
  id: string;
  /** the first words of what was dropped, for the diagnostic */
  sample: string;
}

/** A line that opens the portal's part before the document (banner, metadata table). */
export const CHROME_LEAD: { id: string; re: RegExp; example: string }[] = [
  { id: 'copyright-banner', re: /^Bản dịch này thuộc quyền sở hữu của/u, example: 'Bản dịch này thuộc quyền sở hữu của THƯ VIỆN PHÁP LUẬT. Mọi hành vi sao chép…' },
  { id: 'loading', re: /^Đang tải văn bản/u, example: 'Đang tải văn bản...' },
  { id: 'metadata-table', re: /^Số hiệu\s*:/u, example: 'Số hiệu: | 221-KL/TW | Loại văn bản: | Văn bản khác' },
];
/** The last label of the portal's metadata table; its value is the cell after it. */
const META_LAST = /^(?:Tình trạng|Số công báo|Ngày công báo|Ngày hiệu lực)\s*:\s*$/u;
const META_LABEL = /^(?:Số hiệu|Loại văn bản|Nơi ban hành|Người ký|Ngày ban hành|Ngày hiệu lực|Ngày công báo|Số công báo|Tình trạng|Lĩnh vực|Cơ quan ban hành)\s*:/u;

/** A line that opens the portal's part after the document: everything from it to the end is chrome. */
export const CHROME_TAIL: { id: string; re: RegExp; example: string }[] = [
  { id: 'no-english', re: /^Văn bản này chưa cập nhật nội dung Tiếng Anh/u, example: 'Văn bản này chưa cập nhật nội dung Tiếng Anh' },
  { id: 'related', re: /^#*\s*Văn bản liên quan\s*$/u, example: '## Văn bản liên quan' },
  { id: 'compare-help', re: /^NỘI DUNG SỬA ĐỔI, HƯỚNG DẪN\s*$/u, example: 'NỘI DUNG SỬA ĐỔI, HƯỚNG DẪN' },
  { id: 'attached-files', re: /^FILE ĐƯỢC ĐÍNH KÈM THEO VĂN BẢN/u, example: 'FILE ĐƯỢC ĐÍNH KÈM THEO VĂN BẢN' },
  { id: 'thanks', re: /^Cảm ơn đã dùng ThuVienPhapLuat/u, example: 'Cảm ơn đã dùng ThuVienPhapLuat.vn' },
  { id: 'qa-footer', re: /^Quý khách cần hỏi thêm thông tin/u, example: 'Quý khách cần hỏi thêm thông tin về có thể đặt câu hỏi tại đây.' },
  { id: 'source-link', re: /^Link bài viết gốc/u, example: 'Link bài viết gốc: https://…' },
  { id: 'member-notice', re: /^(?:TP\. HCM, ngày \d{1,2}\/\d{1,2}\/\d{4}\s+)?Thưa Quý (?:khách|Thành viên),/u, example: 'Thưa Quý khách,' },
  { id: 'customer-data-notice', re: /^(?:THÔNG BÁO\s+)?về Lưu trữ, Sử dụng Thông tin Khách hàng/u, example: 'về Lưu trữ, Sử dụng Thông tin Khách hàng' },
];
/** The portal's one-line summary right before its tail: "Kết luận 221-KL/TW năm 2025 về … do Ban Chấp hành Trung ương ban hành". */
const SUMMARY = /^(?:Quyết định|Nghị quyết|Nghị định|Kế hoạch|Kết luận|Thông báo|Thông tư|Chỉ thị|Hướng dẫn|Quy định|Quy chế|Chương trình|Công văn|Văn bản hợp nhất|Luật)\s+\d[^\n]{0,40}?(?:năm \d{4}|ngày \d{1,2}\/\d{1,2}\/\d{4})\s.*\S$/u;

interface Ln {
  start: number;
  end: number;
  text: string;
}

function lines(text: string): Ln[] {
  const out: Ln[] = [];
  let i = 0;
  for (;;) {
    const j = text.indexOf('\n', i);
    const e = j < 0 ? text.length : j;
    out.push({ start: i, end: e, text: text.slice(i, e).replace(/\*\*|__/g, '').replace(/^#+\s*/, '').trim() });
    if (j < 0) break;
    i = j + 1;
  }
  return out;
}

const sample = (ls: Ln[]) =>
  ls
    .map((l) => l.text)
    .filter((t) => t && t !== '|' && t !== 'X')
    .join(' ')
    .slice(0, 80);

export function findChrome(text: string): ChromeRange[] {
  const ls = lines(text);
  const out: ChromeRange[] = [];
  // ---- before the document: from a banner/metadata line near the top to the end of the metadata table
  const head = Math.min(ls.length, 120);
  const leadAt = ls.slice(0, head).findIndex((l) => CHROME_LEAD.some((c) => c.re.test(l.text)));
  if (leadAt >= 0 && ls.slice(0, leadAt).every((l) => !l.text || l.text === '|' || l.text.length < 3)) {
    let end = -1;
    let id = CHROME_LEAD.find((c) => c.re.test(ls[leadAt].text))!.id;
    for (let i = leadAt; i < head; i++) {
      const t = ls[i].text;
      if (/^Đang tải văn bản/u.test(t) || /^Click vào phần bôi vàng/u.test(t) || /Intellectual Property\.?$/u.test(t)) end = i;
      if (META_LABEL.test(t)) {
        id = 'metadata-table';
        end = i;
        // the label's value: the next non-bar line
        let j = i + 1;
        while (j < head && (!ls[j].text || ls[j].text === '|')) j++;
        if (j < head && !META_LABEL.test(ls[j].text)) end = j;
        if (META_LAST.test(t)) break;
      }
    }
    if (end >= leadAt) {
      // up to the bars closing the last cell
      let e = end + 1;
      while (e < ls.length && (ls[e].text === '|' || !ls[e].text) && e - end < 4) e++;
      const drop = ls.slice(0, e);
      out.push({ start: 0, end: ls[e - 1].end, id, sample: sample(drop) });
    }
  }
  // ---- after the document: from the first tail line in the last 90 % of the text to the end
  const from = Math.floor(ls.length * 0.1);
  for (let i = Math.max(from, 1); i < ls.length; i++) {
    const c = CHROME_TAIL.find((x) => x.re.test(ls[i].text));
    if (!c) continue;
    let s = i;
    // the portal's summary line(s) just before
    while (s > 0 && (SUMMARY.test(ls[s - 1].text) || !ls[s - 1].text)) s--;
    while (s < i && !ls[s].text) s++;
    const prevEnd = out.length ? out[out.length - 1].end : -1;
    if (ls[s].start <= prevEnd) break;
    out.push({ start: ls[s].start, end: text.length, id: c.id, sample: sample(ls.slice(s, s + 6)) });
    break;
  }
  return out;
}
