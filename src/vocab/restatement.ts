/**
 * How a lower level restates a requirement without changing what it asks (issue 11: changed parameters on
 * condensed plans), as data, with the real sentences each row was taken from (`examples`: the directive's
 * wording, then the plan's). Read by align/tokens.ts (slots, dropped words) and align/index.ts (secondary
 * parts); every example is checked by test/vocab.test.ts.
 *
 * - PARAMETER_SLOTS: a day of the month or a frequency is a slot of the sentence; a plan that keeps the
 *   sentence with another value ("ngày 03" → "ngày mồng 5", "hằng quý" → "6 tháng một lần") keeps the
 *   requirement and changes a parameter — the word alignment pairs the two values (at 0.9, as an i/y
 *   spelling) instead of breaking there, and the change is flagged (align/params.ts).
 * - DROPPED_WORDS: a preposition a restatement drops or adds after a verb without changing its object
 *   ("báo cáo về kết quả" = "báo cáo kết quả"): left out of the comparison on both sides.
 * - SECONDARY_PARTS: an emphasis tail ("…, nhất là ở địa bàn nông thôn, các khu chung cư …") narrows a
 *   requirement to where it matters most, a parenthesis adds an exception or examples ("(nếu vào ngày nghỉ …
 *   thì sinh hoạt trong tuần đầu tiên của tháng)"); a plan that keeps the requirement and drops such a part
 *   keeps it in part (`partial`, the part listed as missing): a first match is accepted on the weight of
 *   the requirement outside these parts (align/index.ts, `core`).
 */
export interface SlotRow {
  id: string;
  kind: 'day' | 'frequency';
  /** what the slot is, in a few words */
  note: string;
  examples: [string, string][];
}

export const PARAMETER_SLOTS: readonly SlotRow[] = [
  {
    id: 'day-of-month',
    kind: 'day',
    note: 'ngày N (1–31) không kèm tháng, năm: ngày sinh hoạt, ngày báo cáo trong tháng',
    examples: [
      ['thống nhất thực hiện sinh hoạt chi bộ toàn Đảng vào ngày 03 hàng tháng', 'Các chi bộ sinh hoạt thường kỳ vào ngày mồng 5 hàng tháng'],
      ['sinh hoạt chi bộ vào ngày 03 hằng tháng', 'chi bộ sinh hoạt vào ngày 10 hằng tháng'],
    ],
  },
  {
    id: 'frequency',
    kind: 'frequency',
    note: 'tần suất: hằng tháng, hằng quý, 6 tháng một lần, hằng năm …',
    examples: [
      ['định kỳ hằng quý phải báo cáo về kết quả với cấp ủy cùng cấp', 'đảng ủy viên phụ trách 6 tháng một lần báo cáo kết quả với Đảng ủy xã'],
      ['Tổ chức sinh hoạt chuyên đề ít nhất mỗi quý 1 lần', 'Tổ chức sinh hoạt chuyên đề 6 tháng một lần'],
    ],
  },
];

export interface DroppedWordRow {
  id: string;
  /** the word left out of the comparison */
  word: string;
  /** … only right after one of these verbs (it introduces their object) */
  after: string[];
  examples: [string, string][];
}

export const DROPPED_WORDS: readonly DroppedWordRow[] = [
  {
    id: 've-object',
    word: 'về',
    after: ['báo cáo', 'thông báo', 'đánh giá', 'trao đổi', 'thảo luận', 'phổ biến', 'hướng dẫn', 'chịu trách nhiệm', 'nhận thức', 'nhận thức sâu sắc', 'nhận thức đầy đủ', 'quan tâm'],
    examples: [
      ['định kỳ hằng quý phải báo cáo về kết quả với cấp ủy cùng cấp', 'đảng ủy viên phụ trách 6 tháng một lần báo cáo kết quả với Đảng ủy xã'],
      ['Các cấp ủy, tổ chức đảng, cán bộ, đảng viên phải nhận thức sâu sắc về ý nghĩa, tầm quan trọng của sinh hoạt chi bộ', 'Cán bộ, đảng viên trong Đảng bộ xã nhận thức sâu sắc ý nghĩa, tầm quan trọng của sinh hoạt chi bộ'],
    ],
  },
];

export interface SecondaryPartRow {
  id: string;
  /** 'tail': from the cue to the end of the requirement; 'brackets': a parenthesis */
  kind: 'tail' | 'brackets';
  /** the words opening a tail */
  cue?: string;
  /** a requirement holding the part (directive), and a plan sentence keeping the requirement without it */
  examples: [string, string][];
}

export const SECONDARY_PARTS: readonly SecondaryPartRow[] = [
  {
    id: 'nhat-la',
    kind: 'tail',
    cue: 'nhất là',
    examples: [
      [
        'Cấp ủy địa phương, cơ quan, đơn vị cần quan tâm về cơ sở vật chất, bố trí địa điểm sinh hoạt cho các chi bộ, nhất là ở địa bàn nông thôn, các khu chung cư, trong các loại hình doanh nghiệp',
        'Về điều kiện bảo đảm: nơi có điều kiện thì bố trí địa điểm sinh hoạt cho các chi bộ',
      ],
    ],
  },
  {
    id: 'dac-biet-la',
    kind: 'tail',
    cue: 'đặc biệt là',
    examples: [
      [
        'Các cấp ủy, tổ chức đảng phải thường xuyên theo dõi, nắm chắc tình hình sinh hoạt chi bộ, đặc biệt là những chi bộ yếu kém, có dấu hiệu mất đoàn kết nội bộ',
        'Đảng ủy thường xuyên theo dõi, nắm chắc tình hình sinh hoạt chi bộ',
      ],
    ],
  },
  {
    id: 'parenthesis',
    kind: 'brackets',
    examples: [
      [
        'thống nhất thực hiện sinh hoạt chi bộ toàn Đảng vào ngày 03 hàng tháng (nếu vào ngày nghỉ hoặc trường hợp đặc biệt sinh hoạt trong tuần đầu tiên của tháng)',
        'Các chi bộ sinh hoạt thống nhất vào ngày 03 hàng tháng',
      ],
    ],
  },
];
