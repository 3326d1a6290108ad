/**
 * Paraphrase thesaurus of the domain, as data: phrases that officials use interchangeably
 * when they restate a directive, and OCR slip pairs met in the received texts. Each row maps
 * its variants to one canonical phrase of the same number of syllables (so offsets stay exact);
 * the comparison key of every variant becomes the canonical one, on both sides of the diff.
 *
 * A row is linguistic knowledge about how Vietnamese Party texts are written, with the real
 * sentences it was taken from (`examples`: the directive's wording, then the plan's).
 * Tone placement (ủy/uỷ, hòa/hoà), hằng/hàng and diacritic slips already compare equal (align/tokens.ts
 * folds diacritics); this table holds what folding cannot reach. Read by align/tokens.ts (paraphraseNormal);
 * every example is checked by test/vocab.test.ts: the canonical phrase's keys appear on both sides.
 */
export interface ThesaurusRow {
  id: string;
  /** what kind of equivalence: a synonym of the domain, or an OCR slip seen in a received text */
  kind: 'synonym' | 'ocr';
  canonical: string;
  variants: string[];
  examples: [string, string][];
}

export const THESAURUS: readonly ThesaurusRow[] = [
  {
    id: 'kien-toan',
    kind: 'synonym',
    canonical: 'kiện toàn',
    variants: ['củng cố'],
    examples: [['kịp thời kiện toàn, bổ sung bí thư chi bộ khi có thay đổi về nhân sự', 'Củng cố, bổ sung bí thư chi bộ kịp thời khi có biến động về nhân sự']],
  },
  {
    id: 'cap-uy-vien',
    kind: 'synonym',
    canonical: 'cấp ủy viên',
    variants: ['đảng ủy viên', 'chi ủy viên'],
    examples: [['phải phân công cấp ủy viên dự sinh hoạt chi bộ trực thuộc', 'Phân công đồng chí đảng ủy viên theo dõi, dự sinh hoạt với các chi bộ']],
  },
  {
    id: 'bao-dam',
    kind: 'synonym',
    canonical: 'bảo đảm',
    variants: ['đảm bảo'],
    examples: [['bảo đảm công khai, minh bạch, thực chất', 'đảm bảo công khai, minh bạch, thực chất']],
  },
  {
    id: 'dinh-ky',
    kind: 'synonym',
    canonical: 'định kỳ',
    variants: ['thường kỳ'],
    examples: [['sinh hoạt định kỳ, chuyên đề', 'Các chi bộ sinh hoạt thường kỳ vào ngày 03 hằng tháng']],
  },
  {
    id: 'ket-hop',
    kind: 'synonym',
    canonical: 'kết hợp',
    variants: ['lồng ghép'],
    examples: [['tuyệt đối không được họp chi bộ kết hợp các cuộc họp khác', 'không họp chi bộ lồng ghép với họp thôn']],
  },
  {
    id: 'di-hoa-vi-quy',
    kind: 'ocr',
    canonical: 'dĩ hòa vi quý',
    variants: ['dối hoà vì quý', 'dối hòa vì quý'],
    examples: [['kiên quyết chống bệnh thành tích, dối hoà vì quý, nể nang', 'kiên quyết chống bệnh thành tích, dĩ hòa vi quý, nể nang']],
  },
  {
    id: 'tinh-tu-giac',
    kind: 'ocr',
    canonical: 'tính tự giác',
    variants: ['tinh túy giác'],
    examples: [['đề cao kỷ luật, kỷ cương, tinh túy giác trong sinh hoạt đảng', 'đề cao kỷ luật, kỷ cương, tính tự giác trong sinh hoạt đảng']],
  },
  {
    id: 'chu-trong',
    kind: 'ocr',
    canonical: 'chú trọng',
    variants: ['chủ trọng'],
    examples: [['Chủ trọng tổng kết những mô hình mới, cách làm hiệu quả', 'Chú trọng tổng kết những mô hình mới, cách làm hiệu quả']],
  },
  {
    id: 'gan-trach-nhiem',
    kind: 'ocr',
    canonical: 'gắn trách nhiệm',
    variants: ['gán trách nhiệm'],
    examples: [['gán trách nhiệm của cấp ủy viên được phân công theo dõi', 'Gắn trách nhiệm của đảng ủy viên được phân công theo dõi']],
  },
];
