/**
 * Organs of the Party: abbreviations as officials write them, the role of an organ (what it does: to-chuc,
 * kiem-tra …), the level it sits at (trung-uong, tinh …) and the local counterpart of each central organ.
 * Rules are tried in row order; the first that matches decides. A new abbreviation, role cue or level cue
 * is one row with its examples (test/vocab.test.ts runs every example).
 *
 * Names are matched after foldTones (new-style tone placement: "ủy", "hòa") and, for roles and levels,
 * in lower case.
 */
import type { BodyLevel, BodyRole } from '../model.js';

export interface AbbreviationRow {
  id: string;
  /** the abbreviation as written (regular expression, global) */
  pattern: RegExp;
  expansion: string;
  /** [as written, display name after expansion] */
  examples: readonly [string, string][];
}

/** Abbreviations, longest first (UBKT ĐU before UBKT). */
export const ABBREVIATIONS: readonly AbbreviationRow[] = [
  { id: 'ubkt-du', pattern: /\bUBKT\s*ĐU\b|\bUBKTĐU\b/gu, expansion: 'Ủy ban Kiểm tra Đảng ủy', examples: [['UBKT ĐU', 'Ủy ban Kiểm tra Đảng ủy'], ['UBKTĐU', 'Ủy ban Kiểm tra Đảng ủy']] },
  { id: 'ubkt-tu', pattern: /\bUBKT\s*TU\b|\bUBKTTU\b/gu, expansion: 'Ủy ban Kiểm tra Tỉnh ủy', examples: [['UBKT TU', 'Ủy ban Kiểm tra Tỉnh ủy']] },
  { id: 'ubkt', pattern: /\bUBKT\b/gu, expansion: 'Ủy ban Kiểm tra', examples: [['UBKT', 'Ủy ban Kiểm tra']] },
  { id: 'btc-du', pattern: /\bTCĐU\b|\bBTCĐU\b|\bBTC\s*ĐU\b/gu, expansion: 'Ban Tổ chức Đảng ủy', examples: [['TCĐU', 'Ban Tổ chức Đảng ủy'], ['BTC ĐU', 'Ban Tổ chức Đảng ủy']] },
  { id: 'btc-tu', pattern: /\bBTCTU\b|\bBTC\s*TU\b/gu, expansion: 'Ban Tổ chức Tỉnh ủy', examples: [['BTCTU', 'Ban Tổ chức Tỉnh ủy']] },
  { id: 'btc-tw', pattern: /\bBTCTW\b/gu, expansion: 'Ban Tổ chức Trung ương', examples: [['BTCTW', 'Ban Tổ chức Trung ương']] },
  { id: 'btc', pattern: /\bBTC\b/gu, expansion: 'Ban Tổ chức', examples: [['BTC', 'Ban Tổ chức']] },
  { id: 'vp-du', pattern: /\bVPĐU\b/gu, expansion: 'Văn phòng Đảng ủy', examples: [['VPĐU', 'Văn phòng Đảng ủy']] },
  { id: 'vp-tu', pattern: /\bVPTU\b/gu, expansion: 'Văn phòng Tỉnh ủy', examples: [['VPTU', 'Văn phòng Tỉnh ủy']] },
  { id: 'tg-dv', pattern: /(?:Ban\s+)?TG\s*&\s*DV(?:\s*ĐU)?/gu, expansion: 'Ban Tuyên giáo và Dân vận', examples: [['Ban TG&DV ĐU', 'Ban Tuyên giáo và Dân vận'], ['TG & DV', 'Ban Tuyên giáo và Dân vận']] },
  { id: 'btv-du', pattern: /\bBTVĐU\b/gu, expansion: 'Ban Thường vụ Đảng ủy', examples: [['BTVĐU', 'Ban Thường vụ Đảng ủy']] },
  { id: 'btv-tu', pattern: /\bBTVTU\b/gu, expansion: 'Ban Thường vụ Tỉnh ủy', examples: [['BTVTU', 'Ban Thường vụ Tỉnh ủy']] },
  { id: 'btv', pattern: /\bBTV\b/gu, expansion: 'Ban Thường vụ', examples: [['BTV', 'Ban Thường vụ']] },
  { id: 'mttq', pattern: /\bMTTQ\b/gu, expansion: 'Mặt trận Tổ quốc', examples: [['MTTQ', 'Mặt trận Tổ quốc']] },
  { id: 'du', pattern: /(?<![\p{L}\p{N}])ĐU(?![\p{L}\p{N}])/gu, expansion: 'Đảng ủy', examples: [['ĐU', 'Đảng ủy']] },
  { id: 'tu', pattern: /\bTU\b/gu, expansion: 'Tỉnh ủy', examples: [['TU', 'Tỉnh ủy']] },
];

export interface RoleRow {
  id: string;
  role: BodyRole;
  /** the name (folded, lower case) matches one of these … */
  any: readonly RegExp[];
  /** … and all of these */
  all?: readonly RegExp[];
  /** names of this role (display form) */
  examples: readonly string[];
}

/** What an organ does, from its name: the first row that matches decides; none: 'other'. */
export const ROLE_RULES: readonly RoleRow[] = [
  { id: 'to-chuc', role: 'to-chuc', any: [/^(?:ban\s+)?tổ\s+chức(?!\s+đảng)(?!\s+chính)/u, /^ban\s+tổ\s+chức/u], examples: ['Ban Tổ chức Tỉnh ủy', 'Ban Tổ chức Trung ương'] },
  { id: 'tuyen-giao-dan-van', role: 'tuyen-giao-dan-van', any: [/^ban\s+(?:tuyên\s+giáo|dân\s+vận)/u], examples: ['Ban Tuyên giáo và Dân vận Thành ủy', 'Ban Dân vận Huyện ủy'] },
  { id: 'kiem-tra', role: 'kiem-tra', any: [/^ủy\s+ban\s+kiểm\s+tra/u], examples: ['Ủy ban Kiểm tra Đảng ủy', 'Ủy ban Kiểm tra Trung ương'] },
  { id: 'van-phong', role: 'van-phong', any: [/^văn\s+phòng/u], examples: ['Văn phòng Tỉnh ủy', 'Văn phòng Trung ương Đảng'] },
  { id: 'truong-chinh-tri', role: 'truong-chinh-tri', any: [/^trường\s+chính\s+trị|^trung\s+tâm\s+chính\s+trị/u], examples: ['Trường Chính trị tỉnh', 'Trung tâm Chính trị huyện'] },
  { id: 'mat-tran', role: 'mat-tran', any: [/^(?:ủy\s+ban\s+)?mặt\s+trận|^(?:các\s+)?tổ\s+chức\s+chính\s+trị\s*-\s*xã\s+hội|^đoàn\s+thể/u], examples: ['Ủy ban Mặt trận Tổ quốc tỉnh', 'Đoàn thể chính trị - xã hội'] },
  { id: 'cap-uy-truc-thuoc', role: 'cap-uy-truc-thuoc', any: [], all: [/trực\s+thuộc/u, /cấp\s+ủy|đảng\s+ủy|đảng\s+bộ|tổ\s+chức\s+đảng|ban\s+thường\s+vụ/u], examples: ['Đảng ủy trực thuộc Tỉnh ủy', 'Các cấp ủy, tổ chức đảng trực thuộc'] },
  { id: 'ban-thuong-vu', role: 'ban-thuong-vu', any: [/^(?:ban\s+thường\s+vụ|thường\s+trực|ban\s+bí\s+thư|bộ\s+chính\s+trị)/u], examples: ['Ban Thường vụ Tỉnh ủy', 'Ban Bí thư', 'Thường trực Thành ủy'] },
  { id: 'chi-bo', role: 'chi-bo', any: [/^(?:bí\s+thư\s+chi\s+bộ,\s*)?(?:chi\s+bộ|chi\s+ủy)/u], examples: ['Chi bộ', 'Bí thư chi bộ, chi ủy'] },
  {
    id: 'cap-uy',
    role: 'cap-uy',
    any: [/^(?:bí\s+thư[^,]*,\s*)?(?:cấp\s+ủy(?!\s+viên)|đảng\s+ủy|tỉnh\s+ủy|thành\s+ủy|huyện\s+ủy|thị\s+ủy|quận\s+ủy|ban\s+chấp\s+hành|tổ\s+chức\s+đảng|đảng\s+bộ)/u],
    examples: ['Cấp ủy cấp trên', 'Đảng ủy xã', 'Tỉnh ủy', 'Tổ chức đảng'],
  },
  { id: 'dang-vien', role: 'dang-vien', any: [/^(?:cán\s+bộ|đảng\s+viên)/u], examples: ['Đảng viên', 'Cán bộ, đảng viên'] },
];

export interface LevelRow {
  id: string;
  /** the level, or 'document': the level of the issuing committee (an organ named without its own) */
  level: BodyLevel | 'document';
  /** tested on the name (folded, lower case); for a body "trực thuộc" X, on X (except 'document' rows) */
  pattern: RegExp;
  examples: readonly string[];
}

/** The level of an organ, from its name: the first row that matches decides; none: 'unknown'. */
export const LEVEL_RULES: readonly LevelRow[] = [
  { id: 'trung-uong', level: 'trung-uong', pattern: /trung\s+ương|^ban\s+bí\s+thư|^bộ\s+chính\s+trị/u, examples: ['Ban Tổ chức Trung ương', 'Ban Bí thư', 'Bộ Chính trị'] },
  { id: 'khoi', level: 'khoi', pattern: /tập\s+đoàn|đảng\s+ủy\s+khối|đảng\s+bộ\s+khối|(?:^|\s)khối(?:\s|$)/u, examples: ['Đảng ủy Khối các cơ quan tỉnh', 'Ban Thường vụ Đảng ủy Tập đoàn'] },
  { id: 'tinh', level: 'tinh', pattern: /tỉnh\s+ủy|thành\s+ủy|(?:^|\s)tỉnh(?:\s|$|,)|thành\s+phố(?!\s+thuộc)/u, examples: ['Ban Tổ chức Tỉnh ủy', 'Thành ủy', 'Ủy ban Mặt trận Tổ quốc tỉnh'] },
  { id: 'huyen', level: 'huyen', pattern: /huyện|thị\s+ủy|thị\s+xã|quận/u, examples: ['Huyện ủy', 'Ban Thường vụ Thị ủy', 'Quận ủy'] },
  { id: 'xa', level: 'xa', pattern: /(?:^|\s)(?:xã|phường|đặc\s+khu|thị\s+trấn)(?:\s|$|,)/u, examples: ['Đảng ủy xã', 'Đảng ủy phường', 'Đảng ủy đặc khu'] },
  { id: 'co-so', level: 'co-so', pattern: /cơ\s+sở|^chi\s+bộ|^chi\s+ủy/u, examples: ['Tổ chức cơ sở đảng', 'Chi bộ'] },
  { id: 'organ-of-du', level: 'document', pattern: /^(?:ban\s+[\p{L}\s]+|ủy\s+ban\s+kiểm\s+tra|văn\s+phòng|ban\s+thường\s+vụ)\s+đảng\s+ủy$|^đảng\s+ủy$/u, examples: ['Văn phòng Đảng ủy', 'Ủy ban Kiểm tra Đảng ủy', 'Đảng ủy'] },
  { id: 'organ-alone', level: 'document', pattern: /^(?:ban\s+tổ\s+chức|ban\s+tuyên\s+giáo(?:\s+và\s+dân\s+vận)?|ban\s+dân\s+vận|ủy\s+ban\s+kiểm\s+tra|văn\s+phòng|ban\s+thường\s+vụ)$/u, examples: ['Ban Tổ chức', 'Văn phòng', 'Ban Tuyên giáo và Dân vận'] },
];

export interface CounterpartRow {
  id: string;
  role: BodyRole;
  /** the central organ as directives name it (the first is its display name) */
  central: readonly string[];
  /** its counterparts at the levels below, as plans name them: the organ that does the same work there
   *  ('co-so': the Party committee of an agency, bloc or enterprise; 'xa': commune and ward after 2025) */
  local: Readonly<Partial<Record<BodyLevel, readonly string[]>>>;
  /** [the directive's sentence, the plan's sentence giving the task to the counterpart] */
  examples: readonly [string, string][];
}

/**
 * The local counterpart of each central organ: the same work at another level. A requirement addressed to
 * the central organ that a plan gives to its counterpart is `adapted` with a `body` change, not omitted,
 * and its passage is not a local addition (align/applicability.ts reads this table).
 */
export const COUNTERPARTS: readonly CounterpartRow[] = [
  {
    id: 'ban-bi-thu',
    role: 'ban-thuong-vu',
    central: ['Ban Bí thư', 'Bộ Chính trị'],
    local: { tinh: ['Ban Thường vụ Tỉnh ủy', 'Ban Thường vụ Thành ủy'], khoi: ['Ban Thường vụ Đảng ủy Khối'], huyen: ['Ban Thường vụ Huyện ủy'], 'co-so': ['Ban Thường vụ Đảng ủy'], xa: ['Ban Thường vụ Đảng ủy xã', 'Ban Thường vụ Đảng ủy phường'] },
    examples: [['Ban Bí thư yêu cầu các cấp ủy, tổ chức đảng thực hiện tốt một số nội dung sau', 'Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng thực hiện tốt một số nội dung sau']],
  },
  {
    id: 'ban-chap-hanh',
    role: 'cap-uy',
    central: ['Ban Chấp hành Trung ương'],
    local: { tinh: ['Ban Chấp hành Đảng bộ tỉnh', 'Tỉnh ủy', 'Thành ủy'], xa: ['Đảng ủy xã', 'Đảng ủy phường'] },
    examples: [['Ban Chấp hành Trung ương lãnh đạo, chỉ đạo', 'Ban Chấp hành Đảng bộ tỉnh lãnh đạo, chỉ đạo']],
  },
  {
    id: 'ban-to-chuc',
    role: 'to-chuc',
    central: ['Ban Tổ chức Trung ương'],
    local: { tinh: ['Ban Tổ chức Tỉnh ủy', 'Ban Tổ chức Thành ủy'], huyen: ['Ban Tổ chức Huyện ủy'], 'co-so': ['Ban Tổ chức Đảng ủy'], xa: ['Ban Xây dựng Đảng'] },
    examples: [
      ['Ban Tổ chức Trung ương chủ trì, phối hợp với các cơ quan liên quan sửa đổi, bổ sung hướng dẫn về sinh hoạt chi bộ', 'Ban Tổ chức Tỉnh ủy chủ trì, phối hợp với các cơ quan liên quan cụ thể hóa hướng dẫn về sinh hoạt chi bộ'],
    ],
  },
  {
    id: 'ban-tuyen-giao',
    role: 'tuyen-giao-dan-van',
    central: ['Ban Tuyên giáo và Dân vận Trung ương', 'Ban Tuyên giáo Trung ương', 'Ban Dân vận Trung ương'],
    local: { tinh: ['Ban Tuyên giáo và Dân vận Tỉnh ủy', 'Ban Tuyên giáo và Dân vận Thành ủy'], huyen: ['Ban Tuyên giáo Huyện ủy'], 'co-so': ['Ban Tuyên giáo và Dân vận Đảng ủy'], xa: ['Ban Xây dựng Đảng'] },
    examples: [['Ban Tuyên giáo và Dân vận Trung ương đẩy mạnh tuyên truyền', 'Ban Tuyên giáo và Dân vận Tỉnh ủy đẩy mạnh tuyên truyền']],
  },
  {
    id: 'ubkt',
    role: 'kiem-tra',
    central: ['Ủy ban Kiểm tra Trung ương'],
    local: { tinh: ['Ủy ban Kiểm tra Tỉnh ủy', 'Ủy ban Kiểm tra Thành ủy'], huyen: ['Ủy ban Kiểm tra Huyện ủy'], 'co-so': ['Ủy ban Kiểm tra Đảng ủy'], xa: ['Ủy ban Kiểm tra Đảng ủy xã'] },
    examples: [['Ủy ban Kiểm tra Trung ương chủ trì kiểm tra, giám sát', 'Ủy ban Kiểm tra Tỉnh ủy chủ trì kiểm tra, giám sát']],
  },
  {
    id: 'van-phong',
    role: 'van-phong',
    central: ['Văn phòng Trung ương Đảng'],
    local: { tinh: ['Văn phòng Tỉnh ủy', 'Văn phòng Thành ủy'], huyen: ['Văn phòng Huyện ủy'], 'co-so': ['Văn phòng Đảng ủy'], xa: ['Văn phòng Đảng ủy xã'] },
    examples: [
      [
        'Văn phòng Trung ương Đảng chủ trì, phối hợp với các cơ quan liên quan xây dựng, triển khai các phần mềm ứng dụng công nghệ thông tin phục vụ sinh hoạt chi bộ',
        'Văn phòng Đảng ủy chủ trì, phối hợp với các cơ quan liên quan triển khai các phần mềm ứng dụng công nghệ thông tin phục vụ sinh hoạt chi bộ',
      ],
    ],
  },
  {
    id: 'hoc-vien-chinh-tri',
    role: 'other',
    central: ['Học viện Chính trị quốc gia Hồ Chí Minh'],
    local: { tinh: ['Trường Chính trị tỉnh', 'Trường Chính trị'], huyen: ['Trung tâm Chính trị huyện'], xa: ['Trung tâm Chính trị'] },
    examples: [['Học viện Chính trị quốc gia Hồ Chí Minh phối hợp biên soạn, phổ biến tài liệu sinh hoạt chuyên đề', 'Trường Chính trị tỉnh phối hợp biên soạn, phổ biến tài liệu sinh hoạt chuyên đề']],
  },
  {
    id: 'bo-cong-an',
    role: 'other',
    central: ['Bộ Công an', 'Bộ trưởng Bộ Công an', 'Đảng ủy Công an Trung ương'],
    local: { tinh: ['Công an tỉnh', 'Giám đốc Công an tỉnh', 'Đảng ủy Công an tỉnh'], xa: ['Công an xã', 'Công an phường'] },
    examples: [['Giao Bộ trưởng Bộ Công an theo dõi, đôn đốc', 'Giao Công an tỉnh chủ trì theo dõi, đôn đốc']],
  },
  {
    id: 'bo-quoc-phong',
    role: 'other',
    central: ['Bộ Quốc phòng', 'Quân ủy Trung ương'],
    local: { tinh: ['Bộ Chỉ huy Quân sự tỉnh', 'Đảng ủy Quân sự tỉnh'], xa: ['Ban Chỉ huy Quân sự xã'] },
    examples: [['Bộ Quốc phòng chủ trì, phối hợp', 'Bộ Chỉ huy Quân sự tỉnh chủ trì, phối hợp']],
  },
  {
    id: 'chinh-phu',
    role: 'other',
    central: ['Thủ tướng Chính phủ', 'Chính phủ', 'Đảng ủy Chính phủ'],
    local: { tinh: ['Chủ tịch Ủy ban nhân dân tỉnh', 'Ủy ban nhân dân tỉnh', 'Đảng ủy Ủy ban nhân dân tỉnh'], xa: ['Chủ tịch Ủy ban nhân dân xã', 'Ủy ban nhân dân xã'] },
    examples: [['Thủ tướng Chính phủ chỉ đạo các bộ, ngành', 'Chủ tịch Ủy ban nhân dân tỉnh chỉ đạo các sở, ngành']],
  },
  {
    id: 'bo-nganh',
    role: 'other',
    central: ['Bộ Nội vụ', 'Bộ Tài chính', 'Bộ Giáo dục và Đào tạo', 'Bộ Y tế', 'Bộ Văn hóa, Thể thao và Du lịch', 'Bộ Khoa học và Công nghệ', 'Bộ Tư pháp'],
    local: { tinh: ['Sở Nội vụ', 'Sở Tài chính', 'Sở Giáo dục và Đào tạo', 'Sở Y tế', 'Sở Văn hóa, Thể thao và Du lịch', 'Sở Khoa học và Công nghệ', 'Sở Tư pháp'] },
    examples: [['Bộ Nội vụ chủ trì, phối hợp', 'Sở Nội vụ chủ trì, phối hợp']],
  },
];
