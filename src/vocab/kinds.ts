/**
 * Document kinds: one row per kind of Party or state document. A new kind is one row (with examples):
 * the header reader, the citation finder, the index order, the report titles and the plan/base pairing
 * all read this table.
 *
 * Row order matters where a kind word is the prefix of another: the citation finder tries the words in
 * row order, so "Chương trình hành động" comes before "Chương trình".
 */
import type { DocKind } from '../model.js';

export interface KindRow {
  id: string;
  /** the kind word as written before a number in running text ("Chỉ thị số 50-CT/TW") */
  word: string;
  /** the kind line of a document header as the model knows it ("CHỈ THỊ"), or null */
  header: DocKind | null;
  /** a symbol with this code alone ("50-CT/TW") is of this kind; null: the code belongs to another row */
  code: string | null;
  /** the symbol codes this kind is written with, most usual first ("Quy định" → QĐi, also QĐ) */
  writtenWith: readonly string[];
  /** plan: diffed against the document it implements; base: what plans implement; other */
  role: 'plan' | 'base' | 'other';
  /** introduces a numbered citation ("Chỉ thị số 50-CT/TW"); false for documents cited by name only */
  cited: boolean;
  /** rank in the cross-reference index (constitutional texts first); null: after the ranked kinds */
  indexRank: number | null;
  /**
   * legal norms addressed to everyone (Nghị định, Thông tư): their articles state rules, not assignments, so a
   * task is read only in the articles on implementation ("Điều khoản thi hành", "Tổ chức thực hiện", "Trách nhiệm …")
   */
  normative?: true;
  /** real wording: the kind word in a citation, or the header line */
  examples: readonly string[];
}

export const KINDS: readonly KindRow[] = [
  { id: 'chuong-trinh-hanh-dong', word: 'Chương trình hành động', header: null, code: null, writtenWith: ['CTR'], role: 'plan', cited: true, indexRank: null, examples: ['Chương trình hành động số 15-CTr/TU'] },
  { id: 'chuong-trinh', word: 'Chương trình', header: 'CHƯƠNG TRÌNH', code: 'CTR', writtenWith: ['CTR'], role: 'plan', cited: true, indexRank: 9, examples: ['Chương trình số 20-CTr/TU', 'CHƯƠNG TRÌNH'] },
  { id: 'chi-thi', word: 'Chỉ thị', header: 'CHỈ THỊ', code: 'CT', writtenWith: ['CT'], role: 'base', cited: true, indexRank: 4, examples: ['Chỉ thị số 50-CT/TW, ngày 23/7/2025 của Ban Bí thư', 'CHỈ THỊ'] },
  { id: 'nghi-quyet', word: 'Nghị quyết', header: 'NGHỊ QUYẾT', code: 'NQ', writtenWith: ['NQ'], role: 'base', cited: true, indexRank: 2, examples: ['Nghị quyết số 21-NQ/TW, ngày 16/6/2022', 'NGHỊ QUYẾT'] },
  { id: 'ket-luan', word: 'Kết luận', header: 'KẾT LUẬN', code: 'KL', writtenWith: ['KL'], role: 'base', cited: true, indexRank: 3, examples: ['Kết luận số 18-KL/TW', 'KẾT LUẬN'] },
  { id: 'quy-dinh', word: 'Quy định', header: 'QUY ĐỊNH', code: 'QĐI', writtenWith: ['QĐI', 'QĐ'], role: 'base', cited: true, indexRank: 5, examples: ['Quy định số 14-QĐi/TU', 'QUY ĐỊNH'] },
  { id: 'quyet-dinh', word: 'Quyết định', header: 'QUYẾT ĐỊNH', code: 'QĐ', writtenWith: ['QĐ'], role: 'base', cited: true, indexRank: 6, examples: ['Quyết định số 99-QĐ/TW', 'QUYẾT ĐỊNH'] },
  { id: 'huong-dan', word: 'Hướng dẫn', header: 'HƯỚNG DẪN', code: 'HD', writtenWith: ['HD'], role: 'base', cited: true, indexRank: 8, examples: ['Hướng dẫn số 12-HD/BTCTW, ngày 06/7/2018', 'HƯỚNG DẪN'] },
  { id: 'ke-hoach', word: 'Kế hoạch', header: 'KẾ HOẠCH', code: 'KH', writtenWith: ['KH'], role: 'plan', cited: true, indexRank: 10, examples: ['Kế hoạch số 35-KH/TU', 'KẾ HOẠCH'] },
  { id: 'thong-bao', word: 'Thông báo', header: 'THÔNG BÁO', code: 'TB', writtenWith: ['TB'], role: 'other', cited: true, indexRank: 12, examples: ['Thông báo số 12-TB/TW', 'THÔNG BÁO'] },
  { id: 'thong-tri', word: 'Thông tri', header: null, code: 'TT', writtenWith: ['TT'], role: 'other', cited: true, indexRank: 13, examples: ['Thông tri số 05-TT/TU'] },
  { id: 'bao-cao', word: 'Báo cáo', header: 'BÁO CÁO', code: 'BC', writtenWith: ['BC'], role: 'other', cited: true, indexRank: 15, examples: ['Báo cáo số 120-BC/TU', 'BÁO CÁO'] },
  { id: 'to-trinh', word: 'Tờ trình', header: 'TỜ TRÌNH', code: 'TTR', writtenWith: ['TTR'], role: 'other', cited: true, indexRank: 16, examples: ['Tờ trình số 08-TTr/BTCTU', 'TỜ TRÌNH'] },
  { id: 'cong-van', word: 'Công văn', header: 'CÔNG VĂN', code: 'CV', writtenWith: ['CV'], role: 'other', cited: true, indexRank: 14, examples: ['Công văn số 1050-CV/TU', 'CÔNG VĂN'] },
  { id: 'quy-che', word: 'Quy chế', header: 'QUY CHẾ', code: 'QC', writtenWith: ['QC'], role: 'other', cited: true, indexRank: 7, examples: ['Quy chế số 01-QC/TU', 'QUY CHẾ'] },
  { id: 'de-an', word: 'Đề án', header: 'ĐỀ ÁN', code: 'ĐA', writtenWith: ['ĐA'], role: 'other', cited: true, indexRank: 11, examples: ['Đề án số 02-ĐA/TU', 'ĐỀ ÁN'] },
  { id: 'nghi-dinh', word: 'Nghị định', header: 'NGHỊ ĐỊNH', code: 'NĐ', writtenWith: ['NĐ'], role: 'other', cited: true, indexRank: 18, normative: true, examples: ['Nghị định số 30/2020/NĐ-CP', 'NGHỊ ĐỊNH'] },
  { id: 'thong-tu', word: 'Thông tư', header: 'THÔNG TƯ', code: null, writtenWith: [], role: 'other', cited: true, indexRank: 19, normative: true, examples: ['Thông tư số 01/2011/TT-BNV', 'THÔNG TƯ'] },
  { id: 'luat', word: 'Luật', header: null, code: null, writtenWith: [], role: 'other', cited: true, indexRank: 17, examples: ['Luật số 80/2015/QH13'] },
  { id: 'phap-lenh', word: 'Pháp lệnh', header: null, code: null, writtenWith: [], role: 'other', cited: true, indexRank: null, examples: ['Pháp lệnh số 02/2022/UBTVQH15'] },
  // a header kind only: not (yet) read as a numbered citation
  { id: 'cong-dien', word: 'Công điện', header: 'CÔNG ĐIỆN', code: null, writtenWith: [], role: 'other', cited: false, indexRank: null, examples: ['CÔNG ĐIỆN'] },
  { id: 'cuong-linh', word: 'Cương lĩnh', header: null, code: null, writtenWith: [], role: 'other', cited: false, indexRank: 0, examples: ['Cương lĩnh xây dựng đất nước trong thời kỳ quá độ lên chủ nghĩa xã hội'] },
  { id: 'dieu-le', word: 'Điều lệ', header: null, code: null, writtenWith: [], role: 'other', cited: false, indexRank: 1, examples: ['Điều lệ Đảng'] },
];

/** Header kinds of legal norms (`normative`). */
export const NORMATIVE_KINDS: ReadonlySet<DocKind> = new Set(KINDS.filter((k) => k.normative && k.header).map((k) => k.header!));

/** Kind words that introduce a numbered citation, in row order (longest first where one is a prefix). */
export const KIND_WORDS: readonly string[] = KINDS.filter((k) => k.cited).map((k) => k.word);
/** Symbol code → kind word (used when the text gives only the symbol). */
export const KIND_CODES: Readonly<Record<string, string>> = Object.fromEntries(KINDS.filter((k) => k.code).map((k) => [k.code!, k.word]));
/** Kind word (lower case, collapsed) → the symbol codes it is written with. */
export const WORD_CODES: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  KINDS.filter((k) => k.writtenWith.length).map((k) => [k.word.toLocaleLowerCase('vi'), k.writtenWith]),
);
/** Header kind → its title-case word ("CHỈ THỊ" → "Chỉ thị"); a DocKind without a row fails to compile. */
export const KIND_TITLE: Readonly<Record<DocKind, string>> = Object.fromEntries(KINDS.filter((k) => k.header).map((k) => [k.header!, k.word])) as Record<DocKind, string>;
/** Kinds of the documents a plan can implement (the "Thực hiện Chỉ thị số …" of its title), as words. */
export const IMPLEMENTABLE_WORDS: readonly string[] = KINDS.filter((k) => k.cited && k.code && k.header && k.role !== 'other').map((k) => k.word);
/** Header kinds of plans. */
export const PLAN_HEADERS: readonly DocKind[] = KINDS.filter((k) => k.role === 'plan' && k.header).map((k) => k.header!);

/** Order of the kind groups in the cross-reference index (a kind not listed sorts after these). */
export const KIND_ORDER: readonly string[] = KINDS.filter((k) => k.indexRank !== null)
  .sort((a, b) => a.indexRank! - b.indexRank!)
  .map((k) => k.word);

/** The group of an index entry: its kind without "hành động" ("Chương trình hành động" → "Chương trình"). */
export function kindGroup(e: { kind: string | null }): string {
  const k = e.kind ? e.kind.replace(/\s+hành động$/u, '') : null;
  return k ?? 'Khác';
}
