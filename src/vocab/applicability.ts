/**
 * Applicability of a directive's requirements to a local plan, as data: which requirements no local plan
 * is expected to restate (tasks of central organs, the task of the provincial committees to organise the
 * directive — the plan is its fulfilment —, the directive's own effect clause), and where a compound
 * requirement is cut because its parts differ in nature. A requirement under a `not-applicable` rule that
 * the plan does not take up is `not-applicable`, reported apart and left out of the coverage figure; a plan
 * that adapts it keeps it. The reviewer can override the status in the workbench; the rule is here, not in
 * code (align/applicability.ts reads it; test/vocab.test.ts runs every example).
 */
export interface ApplicabilityRule {
  id: string;
  kind: 'central-addressee' | 'issuer-organ' | 'organises-directive' | 'effect-clause' | 'dissemination';
  /** matched against the requirement's text (or, for central-addressee, its point's addressee) */
  pattern: RegExp | null;
  applies: 'not-applicable' | 'applicable';
  reason: string;
  examples: readonly string[];
}

export const APPLICABILITY: readonly ApplicabilityRule[] = [
  {
    id: 'central-addressee',
    kind: 'central-addressee',
    pattern: null,
    applies: 'not-applicable',
    reason: 'nhiệm vụ của cơ quan Trung ương',
    // examples: the first requirement of a point addressed to a central organ (the point's addressee)
    examples: ['Văn phòng Trung ương Đảng chủ trì nghiên cứu sửa đổi chế độ đảng phí, ti lệ trích lại cho chi bộ;', 'Ban Tổ chức Trung ương chủ trì, phối hợp với các cơ quan liên quan sửa đổi, bổ sung hướng dẫn về sinh hoạt chi bộ.'],
  },
  {
    // a plan that is itself a base (the provincial plan a commune implements): the tasks it gives to its own
    // committee's advisory organs (a local name of COUNTERPARTS at province, district or bloc level) are theirs
    id: 'issuer-organ',
    kind: 'issuer-organ',
    pattern: null,
    applies: 'not-applicable',
    reason: 'nhiệm vụ của cơ quan tham mưu của cấp ủy ban hành văn bản',
    examples: [
      'Ban Tuyên giáo và Dân vận Tỉnh ủy đẩy mạnh tuyên truyền về ý nghĩa, tầm quan trọng của việc nâng cao chất lượng sinh hoạt chi bộ;',
      'Đề nghị Văn phòng Tỉnh ủy hướng dẫn thực hiện chế độ đảng phí, tỷ lệ trích lại cho chi bộ;',
    ],
  },
  {
    id: 'organises-directive',
    kind: 'organises-directive',
    pattern: /^Các (?:tỉnh [uủ][ỷy], thành [uủ][ỷy], )?đảng [uủ][ỷy] trực thuộc (?:Trung ương|Tỉnh [uủ][ỷy]|Thành [uủ][ỷy])/u,
    applies: 'not-applicable',
    reason: 'giao cấp ủy cấp dưới tổ chức thực hiện văn bản: kế hoạch này chính là việc thực hiện',
    examples: [
      'Các tỉnh uỷ, thành uỷ, đảng uỷ trực thuộc Trung ương tập trung lãnh đạo, chỉ đạo quán triệt và tổ chức triển khai nghiêm túc Chỉ thị trong toàn Đảng bộ.',
      'Các đảng ủy trực thuộc Tỉnh ủy tập trung lãnh đạo, chỉ đạo quán triệt và tổ chức triển khai nghiêm túc Chỉ thị và Kế hoạch này;',
    ],
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
export const SPLITS: readonly { id: string; before: RegExp; examples: readonly string[] }[] = [
  {
    id: 'effect-and-dissemination',
    before: /\s(?=và được phổ biến đến)/u,
    // examples: the two parts, separated by " | "
    examples: ['Chỉ thị này thay thế Chỉ thị số 10-CT/TW, ngày 30/3/2007 của Ban Bí thư khoá X | và được phổ biến đến chi bộ để thực hiện.'],
  },
];
