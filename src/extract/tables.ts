/**
 * Task tables: "STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm",
 * in any order and wording of the columns. The header row is recognised by its column names
 * (rules as data below, with real examples); each later row of the same table with a lead
 * cell is a task: the task cell its text, the lead and supporting cells its bodies (split at
 * ";" and line breaks), the time cell its deadline, the product cell its product.
 */
import type { Diagnostic, Doc, Segment, Span } from '../model.js';
import { foldTones } from '../normalize/vi.js';
import { parents as parentsOf, walk } from '../segment/tree.js';

export type Column = 'stt' | 'task' | 'lead' | 'support' | 'deadline' | 'product';

/** Column names (folded tones, lower case). */
export const COLUMNS: { col: Column; re: RegExp; example: string }[] = [
  { col: 'stt', re: /^(?:s?tt|số\s+tt|số\s+thứ\s+tự)\.?$/u, example: 'TT' },
  { col: 'support', re: /phối\s+hợp/u, example: 'Cơ quan phối hợp' },
  { col: 'lead', re: /chủ\s+trì|(?:cơ\s+quan|đơn\s+vị)\s+(?:thực\s+hiện|chịu\s+trách\s+nhiệm|tham\s+mưu)|^thực\s+hiện$|^phân\s+công$/u, example: 'Cơ quan chủ trì' },
  { col: 'deadline', re: /thời\s+gian|thời\s+hạn|tiến\s+độ|hoàn\s+thành|năm\s+thực\s+hiện/u, example: 'Thời gian hoàn thành' },
  { col: 'product', re: /sản\s+phẩm|kết\s+quả|hình\s+thức\s+văn\s+bản/u, example: 'Sản phẩm dự kiến' },
  { col: 'task', re: /nội\s+dung|nhiệm\s+vụ|công\s+việc|hoạt\s+động|giải\s+pháp|đề\s+án|tên\s+văn\s+bản|chương\s+trình/u, example: 'Nội dung thực hiện' },
];

export interface CellRef {
  text: string;
  span: Span;
}
export interface TaskRow {
  row: Segment;
  task: CellRef | null;
  lead: CellRef[];
  support: CellRef[];
  deadline: CellRef | null;
  product: CellRef | null;
}

/** The cells of a row segment, with their spans in doc.text (an empty cell is an empty text). */
export function rowCells(text: string, row: Segment): CellRef[] {
  const cells: CellRef[] = [];
  let cur: [number, number] | null = null;
  let opened = false;
  let i = row.span[0];
  const end = row.span[1];
  const close = () => {
    if (!opened) return;
    if (cur) cells.push({ text: text.slice(cur[0], cur[1]).replace(/\s+/g, ' ').trim(), span: cur });
    else cells.push({ text: '', span: [i, i] });
    cur = null;
  };
  while (i < end) {
    let j = text.indexOf('\n', i);
    if (j < 0 || j > end) j = end;
    const line = text.slice(i, j);
    const t = line.trim();
    if (t === '|') {
      close();
      opened = true;
    } else if (t) {
      const s = i + line.indexOf(t);
      cur = cur ? [cur[0], s + t.length] : [s, s + t.length];
      if (!opened) opened = true; // a row that does not open with a bar
    }
    i = j + 1;
  }
  if (cur) close();
  return cells;
}

/** Split a lead or support cell into bodies: at ";" and line breaks (a comma stays inside a name like "Sở, ban, ngành"). */
function splitBodies(text: string, cell: CellRef): CellRef[] {
  const out: CellRef[] = [];
  const raw = text.slice(cell.span[0], cell.span[1]);
  let pos = 0;
  // a line break separates two bodies only when the next line starts a name (a hard wrap does not: "UBND" / "cấp xã")
  const seps = [...raw.matchAll(/\s*(?:;|\n(?=\s*[-–+•]?\s*\p{Lu}))\s*/gu)].filter(
    (m) => m[0].includes(';') || !/(?:^|\s)(?:và|của|các|về|với|cho|trong|thuộc|tỉnh|thành|phố|Sở|Ban|Bộ|Ủy|Cục|Chi)$/u.test(raw.slice(0, m.index!)),
  );
  for (const m of [...seps, { index: raw.length, 0: '' } as unknown as RegExpMatchArray]) {
    const a = pos;
    const b = m.index!;
    pos = b + m[0].length;
    let s = a;
    let e = b;
    while (s < e && /[\s\-–+•]/u.test(raw[s])) s++;
    while (e > s && /[\s.,;:]/u.test(raw[e - 1])) e--;
    if (e - s >= 2) out.push({ text: raw.slice(s, e).replace(/\s+/g, ' '), span: [cell.span[0] + s, cell.span[0] + e] });
  }
  return out;
}

/** Every task row of every task table of the document. */
export function taskRows(doc: Doc): TaskRow[] {
  const out: TaskRow[] = [];
  let map: (Column | null)[] | null = null;
  let lastParent: Segment | null = null;
  let prevRow: Segment | null = null;
  const parents = parentsOf(doc.segments);
  for (const s of walk(doc.segments)) {
    if (s.kind !== 'row') continue;
    const parent = parents.get(s) ?? null;
    // a table is a run of rows; a row after other content starts a new one
    // a table is a run of rows under one parent (text the source printed between two rows does not end it)
    if (parent !== lastParent || !prevRow) map = null;
    lastParent = parent;
    prevRow = s;
    const cells = rowCells(doc.text, s);
    const cols = cells.map((c) => columnOf(c.text));
    if (cols.includes('lead') && (cols.includes('task') || cols.filter(Boolean).length >= 3)) {
      map = cols;
      continue;
    }
    if (!map) continue;
    // rows the source printed with an empty cell in front, or without their last cells
    while ((cells.length > map.length || (map[0] === 'stt' && cells.length > 1 && /^\d/.test(cells[1].text))) && cells[0].text === '') cells.shift();
    if (cells.length < map.length && cells.length >= 3 && map[0] === 'stt' && /^(?:\d{1,3}(?:\.\d{1,2})*|[a-zđ])\.?$/u.test(cells[0].text))
      while (cells.length < map.length) cells.push({ text: '', span: [s.span[1], s.span[1]] });
    if (cells.length !== map.length) continue;
    const at = (c: Column) => {
      const i = map!.indexOf(c);
      return i >= 0 && cells[i].text ? cells[i] : null;
    };
    const lead = at('lead');
    if (!lead) continue;
    const sup = at('support');
    out.push({ row: s, task: at('task'), lead: splitBodies(doc.text, lead), support: sup ? splitBodies(doc.text, sup) : [], deadline: at('deadline'), product: at('product') });
  }
  return out;
}

function columnOf(cell: string): Column | null {
  const f = foldTones(cell).toLowerCase().replace(/\s+/g, ' ').trim();
  if (!f || f.length > 60) return null;
  for (const c of COLUMNS) if (c.re.test(f)) return c.col;
  return null;
}

/**
 * A task table whose rows and columns were lost on the way (text copied out of a PDF, "STT", "NHIỆM VỤ",
 * "CHỦ TRÌ", "PHỐI HỢP", "THỜI GIAN" each on a line of its own, the cells of the rows interleaved after
 * them): its tasks cannot be read back, and saying nothing would pass the table off as prose. Found by its
 * header: within a few short lines outside any table, at least three different column names, one of them the
 * lead's. One warning per document, with the span of the first such header; the user is asked for the PDF or
 * Word file itself.
 */
export function linearizedTables(doc: Pick<Doc, 'text'>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const spans: Span[] = [];
  const lines: { text: string; start: number; end: number }[] = [];
  let at = 0;
  for (const raw of doc.text.split('\n')) {
    lines.push({ text: raw.trim(), start: at, end: at + raw.length });
    at += raw.length + 1;
  }
  /** header lines looked at after the first, and the longest line a narrow header cell leaves */
  const WINDOW = 10;
  const CELL_LINE = 28;
  for (let i = 0; i < lines.length; i++) {
    const first = lines[i].text.length <= CELL_LINE ? columnOf(lines[i].text) : null;
    if (!first || lines[i].text.includes('|')) continue;
    const cols = new Set<Column>([first]);
    let last = i;
    for (let j = i + 1, seen = 0; j < lines.length && seen < WINDOW; j++) {
      const t = lines[j].text;
      if (!t) continue;
      seen++;
      if (t.includes('|') || t.length > CELL_LINE) break;
      const c = columnOf(t);
      // the header ends with the last new column name (a row's "GIẢI PHÁP VỀ …" cell repeats one)
      if (c && !cols.has(c)) {
        cols.add(c);
        last = j;
      }
    }
    if (cols.size >= 3 && cols.has('lead')) {
      spans.push([lines[i].start, lines[last].end]);
      i = last;
    }
  }
  // one warning for the document (a table repeats its header on every page), at its first header
  if (spans.length)
    out.push({
      level: 'warning',
      code: 'table-linearized',
      message: `Bảng nhiệm vụ đã mất hàng và cột (tiêu đề bảng mỗi ô một dòng, như khi sao chép chữ từ tệp PDF${spans.length > 1 ? `; ${spans.length} tiêu đề bảng như vậy` : ''}): không đọc được các nhiệm vụ trong bảng; hãy dùng chính tệp PDF hoặc Word.`,
      span: spans[0],
    });
  return out;
}
