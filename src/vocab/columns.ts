/**
 * Vietnamese words of the exports and the workbench: sheet titles and column headers of the research
 * tables (XLSX, the Excel-locale CSV), the labels of the codes that are not model enums of
 * src/vocab/labels.ts (addition kinds, citation forms, document roles, yes/no), and the workbench's
 * finding kinds, decisions, issuer levels and analysis states. Tables typed by their enum where the model
 * has one: a new value without a label fails to compile. Export and workbench code read them here and
 * never spell a label of their own (test/vocab.test.ts checks every table).
 */
import type { BodyLevel, Citation } from '../model.js';

type CitationForm = Citation['form'];

/** Vietnamese sheet / file titles of the export tables (≤ 31 characters: Excel's sheet-name limit). */
export const TABLE_TITLE: Readonly<Record<string, string>> = {
  'coverage.csv': 'Tình trạng yêu cầu',
  'matrix.csv': 'Ma trận',
  'changes.csv': 'Thông số thay đổi',
  'additions.csv': 'Nội dung bổ sung',
  'tasks.csv': 'Nhiệm vụ',
  'deadlines.csv': 'Thời hạn',
  'citations.csv': 'Trích dẫn',
  'documents.csv': 'Văn bản',
  'chain.csv': 'Chuỗi văn bản căn cứ',
};

/** Vietnamese header of every column of every export table (the same key in every table means the same thing). */
export const COLUMN_LABEL: Readonly<Record<string, string>> = {
  plan_file: 'Tệp kế hoạch',
  plan_index: 'Số thứ tự trong tệp',
  plan: 'Kế hoạch',
  plan_title: 'Trích yếu kế hoạch',
  base_file: 'Tệp văn bản gốc',
  base_index: 'Số thứ tự văn bản gốc trong tệp',
  base_symbol: 'Số hiệu văn bản gốc',
  requirement_id: 'Mã yêu cầu',
  requirement_path: 'Mục của văn bản gốc',
  requirement_text: 'Yêu cầu (nguyên văn văn bản gốc)',
  status: 'Tình trạng',
  score: 'Điểm khớp',
  match_paths: 'Vị trí trong kế hoạch',
  match_text: 'Nội dung tương ứng trong kế hoạch',
  missing: 'Phần còn thiếu',
  changes: 'Thông số thay đổi',
  page: 'Trang báo cáo',
  kind: 'Loại',
  from: 'Văn bản gốc ghi',
  to: 'Kế hoạch ghi',
  note: 'Ghi chú',
  plan_path: 'Vị trí trong kế hoạch',
  path: 'Vị trí',
  text: 'Nội dung',
  citations: 'Văn bản trích dẫn',
  deadlines: 'Thời hạn',
  bodies: 'Cơ quan',
  group: 'Nhóm',
  group_plans: 'Số kế hoạch trong nhóm',
  task_id: 'Mã nhiệm vụ',
  lead: 'Chủ trì',
  support: 'Phối hợp',
  due: 'Hạn cuối',
  first_date: 'Ngày đầu tiên trong lịch',
  rrule: 'Quy tắc lặp (iCalendar)',
  rrule_vi: 'Lặp lại',
  event: 'Sự kiện / điều kiện',
  offset_days: 'Số ngày sau sự kiện',
  task: 'Nhiệm vụ',
  in_calendar: 'Có trong lịch',
  calendar_note: 'Lý do không đưa vào lịch',
  doc_file: 'Tệp văn bản',
  doc_index: 'Số thứ tự trong tệp',
  doc: 'Văn bản',
  cited_id: 'Văn bản được trích dẫn',
  number: 'Số',
  symbol: 'Ký hiệu',
  date: 'Ngày',
  issuer: 'Cơ quan ban hành',
  title: 'Trích yếu',
  relation: 'Quan hệ',
  form: 'Cách trích dẫn',
  in_corpus: 'Có trong kho',
  file: 'Tệp',
  index: 'Số thứ tự trong tệp',
  format: 'Định dạng',
  place: 'Nơi ban hành',
  signer: 'Người ký',
  role: 'Vai trò',
  base_of: 'Là văn bản gốc của (số kế hoạch)',
  implements: 'Thực hiện văn bản',
  coverage: 'Tỷ lệ bao phủ',
  via_file: 'Tệp kế hoạch cấp trên',
  via_index: 'Số thứ tự kế hoạch cấp trên trong tệp',
  via_symbol: 'Số hiệu kế hoạch cấp trên',
  intermediate_status: 'Tình trạng trong kế hoạch cấp trên',
  via_requirements: 'Yêu cầu của kế hoạch cấp trên chuyển tải',
  via_status: 'Tình trạng của các yêu cầu đó trong kế hoạch',
  direct_status: 'Tình trạng khi đối chiếu trực tiếp',
  reaches: 'Đến được kế hoạch',
};

/** Kind of a local addition (model: Addition.kind). */
export const ADDITION_KIND_LABEL: Readonly<Record<'clause' | 'insertion' | 'citation', string>> = {
  clause: 'Đoạn bổ sung',
  insertion: 'Chèn thêm vào câu',
  citation: 'Dẫn thêm văn bản',
};

/** How a document is cited (model: CitationForm). */
export const CITATION_FORM_LABEL: Readonly<Record<CitationForm, string>> = {
  full: 'đầy đủ',
  short: 'rút gọn',
  descriptive: 'mô tả',
  named: 'theo tên',
  self: 'chính văn bản',
};

/** Role of a document in an analysis (documents.csv, the dataset's documents.role). */
export const DOC_ROLE_LABEL: Readonly<Record<'plan' | 'base' | 'other', string>> = {
  plan: 'Kế hoạch được rà soát',
  base: 'Văn bản gốc',
  other: 'Văn bản khác',
};

export const YES_NO_LABEL: Readonly<Record<'yes' | 'no', string>> = { yes: 'Có', no: 'Không' };

/** Level of the issuing committee (model: BodyLevel), as the workbench's filter shows it. */
export const LEVEL_LABEL: Readonly<Record<BodyLevel, string>> = {
  'trung-uong': 'Trung ương',
  tinh: 'Tỉnh, thành phố',
  khoi: 'Khối, tập đoàn',
  huyen: 'Huyện, quận',
  xa: 'Xã, phường',
  'co-so': 'Cơ sở',
  unknown: 'Chưa rõ cấp',
};

/** A finding on the workbench's review page: a requirement's result, or a local addition. */
export type FindingKind = 'omitted' | 'partial' | 'changed' | 'adapted' | 'addition' | 'not-applicable' | 'covered';
export const FINDING_KIND_LABEL: Readonly<Record<FindingKind, string>> = {
  omitted: 'Bỏ sót',
  partial: 'Thực hiện một phần',
  changed: 'Thay đổi thông số',
  adapted: 'Cụ thể hóa',
  addition: 'Bổ sung của địa phương',
  'not-applicable': 'Không áp dụng',
  covered: 'Đã đáp ứng',
};

/** A reviewer's decision on a finding (workbench verdicts, the dataset's verdicts.verdict). */
export type Decision = 'agree' | 'disagree' | 'not-applicable' | 'link';
export const DECISION_LABEL: Readonly<Record<Decision, string>> = {
  agree: 'Đồng ý',
  disagree: 'Không đồng ý',
  'not-applicable': 'Không áp dụng',
  link: 'Liên kết đoạn khác',
};

/** State of an uploaded plan in the workbench. */
export const PLAN_STATE_LABEL: Readonly<Record<'queued' | 'analysing' | 'done' | 'failed', string>> = {
  queued: 'Đang chờ phân tích',
  analysing: 'Đang phân tích',
  done: 'Đã phân tích',
  failed: 'Không phân tích được',
};

/** Column headers of the workbench's checklist (XLSX). */
export const CHECKLIST_HEADERS: readonly string[] = [
  'STT', 'Đơn vị ban hành', 'Số, ký hiệu', 'Ngày ban hành', 'Điểm', 'Nội dung yêu cầu', 'Kết quả đối chiếu', 'Đoạn tương ứng trong kế hoạch',
  'Ý kiến rà soát', 'Lý do / liên kết', 'Ghi chú', 'Người rà soát', 'Thời điểm', 'Cần xem lại',
];
