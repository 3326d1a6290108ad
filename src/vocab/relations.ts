/**
 * When an implementation cue ("thực hiện", "triển khai" …) before a citation does NOT mean that the
 * document implements the cited one. `implements` is kept for what the document says it implements
 * ("Thực hiện Chỉ thị số …", "Triển khai Kế hoạch số …", the base named in its title); these rows turn
 * the other uses into `references`. Each row is tried on one part of the sentence (`on`):
 *
 *   before   the sentence from its start up to the cue (who does what: a task given to a body)
 *   near     the 60 characters before the cue (a past assessment, a report of results)
 *   between  the words between the cue and the citation ("… theo quy định tại Nghị định số …")
 *
 * Rules are data: a new use is one row with real examples (test/vocab.test.ts runs every example
 * through findCitations and checks the relation given to `cited`).
 */
export interface RelationGuard {
  id: string;
  on: 'before' | 'near' | 'between';
  re: RegExp;
  relation: 'references';
  examples: readonly { sentence: string; cited: string; relation: 'implements' | 'references' }[];
}

export const RELATION_GUARDS: readonly RelationGuard[] = [
  {
    // the object of a task assigned to a body: the body carries the cited document out, this document does not
    id: 'task-object',
    on: 'before',
    re: /(?:^|[^\p{L}])(?:[Cc]hủ\s+trì|[Pp]hối\s+hợp\s+với|[Tt]ham\s+mưu|[Gg]iao\s+\p{Lu}|[Đđ]ề\s+nghị\s+\p{Lu})/u,
    relation: 'references',
    examples: [
      {
        sentence: 'Sở Xây dựng chủ trì, phối hợp với các đơn vị liên quan triển khai thực hiện Quyết định số 338/QĐ-TTg ngày 03 tháng 4 năm 2023 của Thủ tướng Chính phủ',
        cited: '338/QĐ-TTg',
        relation: 'references',
      },
      { sentence: 'Giao Sở Nội vụ tham mưu thực hiện Nghị quyết số 28/NQ-CP ngày 03 tháng 3 năm 2021 của Chính phủ', cited: '28/NQ-CP', relation: 'references' },
      { sentence: 'Thực hiện Chỉ thị số 50-CT/TW, ngày 23/7/2025 của Ban Bí thư, Ban Thường vụ Tỉnh ủy xây dựng kế hoạch', cited: '50-CT/TW', relation: 'implements' },
    ],
  },
  {
    // an assessment of the past or a report of results: "qua quá trình triển khai thực hiện …", "báo cáo tổng kết việc thực hiện …"
    id: 'assessment',
    on: 'near',
    re: /(?:^|[^\p{L}])(?:qua\s+(?:quá\s+trình|\d+\s+năm|thời\s+gian|các\s+năm)|sau\s+\d+\s+năm|kết\s+quả|tổng\s+kết|sơ\s+kết|báo\s+cáo|tình\s+hình)(?:\s+\S+){0,6}\s*$/u,
    relation: 'references',
    examples: [
      {
        sentence: 'Tuy nhiên, qua quá trình triển khai thực hiện tại các sở, ban, ngành, địa phương theo Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ còn một số hạn chế',
        cited: '766/QĐ-TTg',
        relation: 'references',
      },
      { sentence: 'Bộ Tài chính đã báo cáo tổng kết việc thực hiện Nghị quyết số 106/2023/QH15 của Quốc hội', cited: '106/2023/QH15', relation: 'references' },
      { sentence: 'Triển khai Kế hoạch hành động số 328-KH/TU ngày 24/4/2025 của Ban Chấp hành Đảng bộ tỉnh, Ủy ban nhân dân tỉnh ban hành Kế hoạch', cited: '328-KH/TU', relation: 'implements' },
    ],
  },
  {
    // acting by a provision of the cited document: "theo quy định tại Nghị định số …"
    id: 'legal-provision',
    on: 'between',
    re: /(?:^|[^\p{L}])(?:theo\s+)?(?:quy\s+định|hướng\s+dẫn)\s+(?:tại|của)(?:\s+(?:Điều|khoản|điểm|Khoản|Điểm)\s+[\p{L}\d]+)*\s*$/u,
    relation: 'references',
    examples: [
      { sentence: 'Thực hiện chế độ hưu trí theo quy định tại Nghị định số 152/2006/NĐ-CP ngày 22 tháng 12 năm 2006 của Chính phủ', cited: '152/2006/NĐ-CP', relation: 'references' },
      { sentence: 'Thực hiện Quyết định số 1899/QĐ-TTg ngày 04/9/2025 của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh ban hành Kế hoạch', cited: '1899/QĐ-TTg', relation: 'implements' },
    ],
  },
];

/** The guard that turns an implementation cue into a mere reference, if any. */
export function relationGuard(parts: { before: string; near: string; between: string }): RelationGuard | null {
  return RELATION_GUARDS.find((g) => g.re.test(parts[g.on])) ?? null;
}
