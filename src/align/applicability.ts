/**
 * Who a requirement is addressed to, at which level, and whether a local plan is expected to restate it.
 * Both tables are data: a row names the organ or the clause, the rule, and the real sentences it was taken
 * from. The user can override a status in the review workbench; the rule itself is here, not in code.
 *
 *   COUNTERPARTS   each central organ and its counterpart at the levels below (province, Party committee
 *                  of a bloc/agency/enterprise, commune): a requirement addressed to the central organ that a
 *                  plan gives to the counterpart is `adapted` with a `body` change, not omitted, and its
 *                  passage is not a local addition.
 *   APPLICABILITY  requirements no local plan is expected to restate (tasks of central organs, the task of the
 *                  provincial committees to organise the directive — the plan is its fulfilment —, the
 *                  directive's own effect clause): `not-applicable` when the plan does not take them up,
 *                  reported apart and left out of the coverage figure; a plan that adapts one keeps it.
 *   SPLITS         where a compound requirement is cut in two because its parts differ in nature.
 */
import { asciiFold } from '../normalize/vi.js';

export type Level = 'trung-uong' | 'tinh' | 'co-so' | 'xa';

export interface CounterpartRow {
  id: string;
  /** the central organ, as written in directives */
  central: string[];
  /** its counterparts by level (names as plans write them) */
  local: Partial<Record<Exclude<Level, 'trung-uong'>, string[]>>;
  examples: [string, string][];
}

export const COUNTERPARTS: CounterpartRow[] = [
  {
    id: 'ban-bi-thu',
    central: ['Ban Bí thư', 'Bộ Chính trị', 'Ban Chấp hành Trung ương'],
    local: { tinh: ['Ban Thường vụ Tỉnh ủy', 'Ban Thường vụ Thành ủy', 'Ban Chấp hành Đảng bộ tỉnh'], 'co-so': ['Ban Thường vụ Đảng ủy'], xa: ['Ban Thường vụ Đảng ủy', 'Đảng ủy xã', 'Đảng ủy phường'] },
    examples: [['theo dõi, kiểm tra, báo cáo Ban Bí thư việc tổ chức thực hiện', 'theo dõi, kiểm tra, báo cáo Ban Thường vụ Tỉnh ủy việc tổ chức thực hiện']],
  },
  {
    id: 'ban-to-chuc',
    central: ['Ban Tổ chức Trung ương'],
    local: { tinh: ['Ban Tổ chức Tỉnh ủy', 'Ban Tổ chức Thành ủy'], 'co-so': ['Ban Tổ chức Đảng ủy'], xa: ['Ban Xây dựng Đảng', 'Văn phòng Đảng ủy'] },
    examples: [['Ban Tổ chức Trung ương chủ trì, phối hợp với các cơ quan liên quan sửa đổi, bổ sung hướng dẫn về sinh hoạt chi bộ', 'Ban Tổ chức Tỉnh ủy chủ trì, phối hợp với các cơ quan liên quan cụ thể hóa hướng dẫn về sinh hoạt chi bộ']],
  },
  {
    id: 'ban-tuyen-giao-dan-van',
    central: ['Ban Tuyên giáo và Dân vận Trung ương', 'Ban Tuyên giáo Trung ương', 'Ban Dân vận Trung ương'],
    local: { tinh: ['Ban Tuyên giáo và Dân vận Tỉnh ủy', 'Ban Tuyên giáo và Dân vận Thành ủy'], 'co-so': ['Ban Tuyên giáo và Dân vận Đảng ủy'], xa: ['Ban Xây dựng Đảng'] },
    examples: [['Ban Tuyên giáo và Dân vận Trung ương đẩy mạnh tuyên truyền', 'Ban Tuyên giáo và Dân vận Tỉnh ủy đẩy mạnh tuyên truyền']],
  },
  {
    id: 'van-phong',
    central: ['Văn phòng Trung ương Đảng'],
    local: { tinh: ['Văn phòng Tỉnh ủy', 'Văn phòng Thành ủy'], 'co-so': ['Văn phòng Đảng ủy'], xa: ['Văn phòng Đảng ủy'] },
    examples: [['Văn phòng Trung ương Đảng chủ trì nghiên cứu sửa đổi chế độ đảng phí', 'Đề nghị Văn phòng Tỉnh ủy hướng dẫn thực hiện chế độ đảng phí']],
  },
  {
    id: 'uy-ban-kiem-tra',
    central: ['Ủy ban Kiểm tra Trung ương'],
    local: { tinh: ['Ủy ban Kiểm tra Tỉnh ủy', 'Ủy ban Kiểm tra Thành ủy'], 'co-so': ['Ủy ban Kiểm tra Đảng ủy'], xa: ['Ủy ban Kiểm tra Đảng ủy'] },
    examples: [['Ủy ban Kiểm tra Trung ương chủ trì kiểm tra, giám sát', 'Ủy ban Kiểm tra Tỉnh ủy chủ trì kiểm tra, giám sát']],
  },
  {
    id: 'hoc-vien-chinh-tri',
    central: ['Học viện Chính trị quốc gia Hồ Chí Minh'],
    local: { tinh: ['Trường Chính trị tỉnh', 'Trường Chính trị'], 'co-so': ['Trường Chính trị'], xa: ['Trung tâm Chính trị'] },
    examples: [['phối hợp với Học viện Chính trị quốc gia Hồ Chí Minh … biên soạn, phổ biến tài liệu', 'phối hợp với Trường Chính trị tỉnh … biên soạn, phổ biến tài liệu']],
  },
  {
    id: 'bo-cong-an',
    central: ['Bộ Công an', 'Bộ trưởng Bộ Công an', 'Đảng ủy Công an Trung ương'],
    local: { tinh: ['Công an tỉnh', 'Giám đốc Công an tỉnh', 'Đảng ủy Công an tỉnh'], xa: ['Công an xã', 'Công an phường'] },
    examples: [['Giao Bộ trưởng Bộ Công an theo dõi, đôn đốc', 'Giao Công an tỉnh chủ trì theo dõi, đôn đốc']],
  },
  {
    id: 'bo-quoc-phong',
    central: ['Bộ Quốc phòng', 'Quân ủy Trung ương'],
    local: { tinh: ['Bộ Chỉ huy Quân sự tỉnh', 'Đảng ủy Quân sự tỉnh'], xa: ['Ban Chỉ huy Quân sự xã'] },
    examples: [['Bộ Quốc phòng chủ trì, phối hợp', 'Bộ Chỉ huy Quân sự tỉnh chủ trì, phối hợp']],
  },
  {
    id: 'chinh-phu',
    central: ['Thủ tướng Chính phủ', 'Chính phủ', 'Đảng ủy Chính phủ'],
    local: { tinh: ['Chủ tịch Ủy ban nhân dân tỉnh', 'Ủy ban nhân dân tỉnh', 'Đảng ủy Ủy ban nhân dân tỉnh'], xa: ['Chủ tịch Ủy ban nhân dân xã', 'Ủy ban nhân dân xã'] },
    examples: [['Đảng ủy Chính phủ lãnh đạo, chỉ đạo', 'Đảng ủy Ủy ban nhân dân tỉnh lãnh đạo, chỉ đạo']],
  },
  {
    id: 'bo-nganh',
    central: ['Bộ Nội vụ', 'Bộ Tài chính', 'Bộ Giáo dục và Đào tạo', 'Bộ Y tế', 'Bộ Văn hóa, Thể thao và Du lịch', 'Bộ Khoa học và Công nghệ', 'Bộ Tư pháp'],
    local: { tinh: ['Sở Nội vụ', 'Sở Tài chính', 'Sở Giáo dục và Đào tạo', 'Sở Y tế', 'Sở Văn hóa, Thể thao và Du lịch', 'Sở Khoa học và Công nghệ', 'Sở Tư pháp'] },
    examples: [['Bộ Nội vụ chủ trì, phối hợp', 'Sở Nội vụ chủ trì, phối hợp']],
  },
];

export interface ApplicabilityRule {
  id: string;
  kind: 'central-addressee' | 'organises-directive' | 'effect-clause' | 'dissemination';
  /** matched against the requirement's text (or, for central-addressee, its point's addressee) */
  pattern: RegExp | null;
  applies: 'not-applicable' | 'applicable';
  reason: string;
  examples: string[];
}

export const APPLICABILITY: ApplicabilityRule[] = [
  {
    id: 'central-addressee',
    kind: 'central-addressee',
    pattern: null,
    applies: 'not-applicable',
    reason: 'nhiệm vụ của cơ quan Trung ương',
    examples: ['Văn phòng Trung ương Đảng chủ trì nghiên cứu sửa đổi chế độ đảng phí, ti lệ trích lại cho chi bộ;', 'hỗ trợ kinh phí đối với chi bộ khó khăn;'],
  },
  {
    id: 'organises-directive',
    kind: 'organises-directive',
    pattern: /^Các tỉnh [uủ][ỷy], thành [uủ][ỷy], đảng [uủ][ỷy] trực thuộc Trung ương/u,
    applies: 'not-applicable',
    reason: 'giao các tỉnh ủy, thành ủy tổ chức thực hiện chỉ thị: kế hoạch này chính là việc thực hiện',
    examples: ['Các tỉnh uỷ, thành uỷ, đảng uỷ trực thuộc Trung ương tập trung lãnh đạo, chỉ đạo quán triệt và tổ chức triển khai nghiêm túc Chỉ thị trong toàn Đảng bộ.'],
  },
  {
    id: 'replaces',
    kind: 'effect-clause',
    pattern: /^(?:Chỉ thị|Nghị quyết|Kết luận|Quy định|Hướng dẫn|Quyết định) này (?:thay thế|bãi bỏ)/u,
    applies: 'not-applicable',
    reason: 'điều khoản hiệu lực của chính văn bản (thay thế văn bản cũ)',
    examples: ['Chỉ thị này thay thế Chỉ thị số 10-CT/TW, ngày 30/3/2007 của Ban Bí thư khoá X'],
  },
  {
    id: 'takes-effect',
    kind: 'effect-clause',
    pattern: /(?:^|\s)(?:này|văn bản này) có hiệu lực(?: thi hành)?(?: kể)? từ/u,
    applies: 'not-applicable',
    reason: 'điều khoản hiệu lực của chính văn bản (ngày có hiệu lực)',
    examples: ['Chỉ thị này có hiệu lực kể từ ngày ký.'],
  },
  {
    // Issue 11 lists dissemination among the effect clauses; the development gold (coverage.json R9.7)
    // counts a plan that does not pass the directive on to its cells as omitting it. Kept applicable.
    id: 'dissemination',
    kind: 'dissemination',
    pattern: /^(?:và )?được phổ biến đến (?:tận )?(?:các )?chi bộ/u,
    applies: 'applicable',
    reason: 'phổ biến đến chi bộ: nhiệm vụ của mọi cấp',
    examples: ['và được phổ biến đến chi bộ để thực hiện.'],
  },
];

/** Where a compound requirement is cut: before the second part, when the parts differ in nature or addressee. */
export const SPLITS: { id: string; before: RegExp; examples: string[] }[] = [
  {
    id: 'effect-and-dissemination',
    before: /\s(?=và được phổ biến đến)/u,
    examples: ['Chỉ thị này thay thế Chỉ thị số 10-CT/TW … | và được phổ biến đến chi bộ để thực hiện.'],
  },
];

const fold = (s: string) => asciiFold(s.normalize('NFC')).toLowerCase().replace(/\s+/gu, ' ');
const CENTRAL = COUNTERPARTS.flatMap((r) => r.central.map((c) => [fold(c), c, r] as const)).sort((a, b) => b[0].length - a[0].length);
const LOCAL = COUNTERPARTS.flatMap((r) => Object.values(r.local).flatMap((l) => (l ?? []).map((c) => [fold(c), r] as const))).sort((a, b) => b[0].length - a[0].length);

/** The central organ a text starts with ("Văn phòng Trung ương Đảng chủ trì …"), with its counterpart row. */
export function centralOrganAt(text: string): { name: string; row: CounterpartRow } | null {
  const t = fold(text).replace(/^(?:giao|de nghi|yeu cau)\s+/u, '');
  for (const [k, name, row] of CENTRAL) if (t.startsWith(k) && !/^[a-z]/u.test(t.slice(k.length, k.length + 1))) return { name, row };
  return null;
}

/** Whether a body name is a local counterpart of the given central organ (or of any, when row is null). */
export function isCounterpart(name: string, row: CounterpartRow | null): boolean {
  const t = fold(name);
  return LOCAL.some(([k, r]) => (row === null || r === row) && (t === k || t.startsWith(k + ' ') || t.endsWith(' ' + k)));
}

/** The applicability rule a requirement falls under (addressee: the body its point is addressed to). */
export function applicabilityOf(text: string, pointHead: string): ApplicabilityRule | null {
  for (const r of APPLICABILITY) if (r.pattern && r.kind !== 'organises-directive' && r.pattern.test(text)) return r;
  // the addressee is the point's: its first requirement names it
  for (const r of APPLICABILITY) if (r.pattern && r.kind === 'organises-directive' && r.pattern.test(pointHead)) return r;
  if (centralOrganAt(pointHead)) return APPLICABILITY.find((r) => r.id === 'central-addressee')!;
  return null;
}
