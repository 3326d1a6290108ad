/**
 * Relation cues of citations: the words before a citation that say what the citing document does with
 * the cited one. The finder (extract/citations.ts) tries every row on the text before a citation; the
 * nearest cue wins, the longest at an equal end. Each row has an id and sentences as officials write them,
 * whose (first) citation must come out with the row's relation (test/vocab.test.ts).
 */
import type { Relation } from '../model.js';

export type CueRelation = Exclude<Relation, 'references'>;

export interface CueRow {
  id: string;
  relation: CueRelation;
  /** global, case-insensitive, Unicode */
  pattern: RegExp;
  examples: readonly string[];
}

export const RELATION_CUES: readonly CueRow[] = [
  {
    // the legal basis of the document ("Căn cứ Luật …", "căn cứ chức năng, nhiệm vụ và Kế hoạch này")
    id: 'can-cu',
    relation: 'basis',
    pattern: /căn\s+cứ|trên\s+cơ\s+sở/giu,
    examples: ['Căn cứ Quy định số 24-QĐ/TW ngày 30/7/2021 của Ban Chấp hành Trung ương, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch'],
  },
  {
    // a report or submission heard or considered ("sau khi nghe Báo cáo …", "Xét đề nghị … tại Tờ trình số …")
    id: 'nghe-xet',
    relation: 'mentions',
    pattern: /(?:nghe|xem\s+xét|thông\s+qua|xét|theo)\s+(?:[\p{L}\s,]{0,60}?\s)?(?:tại\s+)?(?=(?:Báo\s+cáo|Tờ\s+trình|báo\s+cáo|tờ\s+trình)(?![\p{L}]))/giu,
    examples: ['Xét đề nghị của Ban Tổ chức Tỉnh ủy tại Tờ trình số 125-TTr/BTCTU ngày 10/8/2025, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch'],
  },
  {
    id: 'tiep-tuc-thuc-hien',
    relation: 'continues',
    pattern: /tiếp tục\s+(?:(?:lãnh đạo|chỉ đạo|tổ chức|duy trì|đẩy mạnh|quán triệt|triển khai)\s*,?\s+)*(?:thực\s+hiện|triển\s+khai|quán\s+triệt)/giu,
    examples: ['Các cấp ủy tiếp tục thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh'],
  },
  {
    id: 'sua-doi-bo-sung',
    relation: 'amends',
    pattern: /sửa\s+đổi(?:\s*,\s*bổ\s+sung)?|bổ\s+sung\s*,\s*sửa\s+đổi/giu,
    examples: ['Ban Tổ chức Tỉnh ủy tham mưu sửa đổi, bổ sung Hướng dẫn số 03-HD/TU ngày 12/3/2021 của Ban Thường vụ Tỉnh ủy'],
  },
  {
    id: 'thay-the',
    relation: 'replaces',
    pattern: /thay\s+thế/giu,
    examples: ['Kế hoạch này thay thế Kế hoạch số 45-KH/TU ngày 02/4/2019 của Ban Thường vụ Tỉnh ủy'],
  },
  {
    id: 'thuc-hien',
    relation: 'implements',
    pattern: /thực\s+hiện|triển\s+khai|quán\s+triệt|cụ\s+thể\s+hoá|cụ\s+thể\s+hóa/giu,
    examples: ['Thực hiện Chỉ thị số 50-CT/TW ngày 23/7/2025 của Ban Bí thư về tiếp tục đổi mới, nâng cao chất lượng sinh hoạt chi bộ, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch'],
  },
];
