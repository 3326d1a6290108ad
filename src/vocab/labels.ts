/**
 * Vietnamese labels of the model's enums, one table each, typed by the enum: a new status, change kind,
 * relation or deadline kind that has no label fails to compile. Every report (HTML, Markdown, DOCX, CSV,
 * the workbench) reads its labels here.
 */
import type { ChangeKind, DeadlineKind, Relation, Status, TransitiveRow } from '../model.js';

/** Status of a base requirement in a plan. */
export const STATUS_LABEL: Readonly<Record<Status, string>> = {
  covered: 'Đầy đủ',
  adapted: 'Điều chỉnh',
  partial: 'Một phần',
  omitted: 'Bỏ sót',
  'not-applicable': 'Không áp dụng',
};

/** Whether a requirement of the directive reaches a plan along a chain of bases (src/align/chain.ts). */
export const REACHES_LABEL: Readonly<Record<TransitiveRow['reaches'], string>> = {
  both: 'trực tiếp và qua kế hoạch cấp trên',
  direct: 'trực tiếp',
  through: 'qua kế hoạch cấp trên',
  no: 'không đến',
  'not-applicable': 'không áp dụng',
};

/** Kind of a changed parameter. */
export const CHANGE_LABEL: Readonly<Record<ChangeKind, string>> = {
  number: 'Con số',
  day: 'Ngày',
  frequency: 'Tần suất',
  qualifier: 'Mức độ / ngoại lệ',
  list: 'Danh sách',
  body: 'Cơ quan thực hiện',
  deadline: 'Thời hạn',
};

/** Relation of a citing document to the document it cites, as official Vietnamese writes it. */
export const RELATION_LABEL: Readonly<Record<Relation, string>> = {
  implements: 'thực hiện',
  continues: 'tiếp tục thực hiện',
  amends: 'sửa đổi, bổ sung',
  replaces: 'thay thế',
  references: 'dẫn chiếu',
  basis: 'căn cứ',
  mentions: 'nêu (báo cáo, tờ trình)',
};

/** Kind of a deadline. */
export const DEADLINE_KIND_LABEL: Readonly<Record<DeadlineKind, string>> = {
  date: 'Ngày cụ thể',
  period: 'Trong khoảng',
  relative: 'Tính từ sự kiện',
  conditional: 'Khi có điều kiện',
  recurring: 'Định kỳ',
  continuous: 'Thường xuyên',
};

