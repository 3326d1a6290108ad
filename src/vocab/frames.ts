/**
 * Body-role frames: the words around a body's name that say it leads a task or supports it, as officials
 * write them. The task and body finders (src/extract/bodies.ts, src/extract/tasks.ts) read these rows;
 * each row has an id, the role it gives, its pattern (as the finder runs it: on tone-folded text, see
 * `foldTones`, unless said otherwise) and examples from real plans, which `test/vocab.test.ts` runs through
 * the code that reads the row.
 */

/** lead, support: the body's role in a task; none: the words make the clause no task at all */
export type FrameRole = 'lead' | 'support' | 'none';

export interface BodyFrameRow {
  id: string;
  role: FrameRole;
  /** where the finder looks for it, and what a match means */
  reads: string;
  pattern: RegExp;
  examples: readonly string[];
}

const W = String.raw`\s+`;

export const BODY_FRAMES = [
  {
    // "- Cơ quan chủ trì: Sở Nội vụ, Sở Giáo dục và Đào tạo, Sở Tài chính." (task tables written as lists)
    id: 'lead-label',
    role: 'lead',
    reads: 'at a line start: the bodies listed after the label lead the task of the item above',
    pattern: /^[\s\-–+•]*(?:Cơ\s+quan|Đơn\s+vị|Cơ\s+quan,\s+đơn\s+vị)\s+(?:chủ\s+trì|thực\s+hiện|chịu\s+trách\s+nhiệm|tham\s+mưu)(?:\s+(?:thực\s+hiện|tham\s+mưu|chính))?\s*:\s*/iu,
    examples: ['- Cơ quan chủ trì: Sở Nội vụ, Sở Giáo dục và Đào tạo, Sở Tài chính.', '- Cơ quan thực hiện: Sở Nội vụ chủ trì tham mưu Ủy ban nhân dân Thành phố ban hành Kế hoạch'],
  },
  {
    // "- Cơ quan phối hợp: Các Sở, ban, ngành và UBND cấp xã nơi có hoạt động thăm dò khoáng sản."
    id: 'support-label',
    role: 'support',
    reads: 'at a line start: the bodies listed after the label support the task of the item above',
    pattern: /^[\s\-–+•]*(?:Cơ\s+quan|Đơn\s+vị)\s+phối\s+hợp(?:\s+thực\s+hiện)?\s*:\s*/iu,
    examples: ['- Cơ quan phối hợp: Các Sở, ban, ngành và UBND cấp xã nơi có hoạt động thăm dò khoáng sản.', '- Cơ quan phối hợp: Bảo hiểm xã hội Thành phố, Chi nhánh Ngân hàng Chính sách xã hội Thành phố'],
  },
  {
    // "Ban Tổ chức Thành ủy chủ trì, phối hợp với các cơ quan có liên quan theo dõi, đôn đốc …"
    id: 'phoi-hop-voi',
    role: 'support',
    reads: 'anywhere in the first clause of a task: the bodies after "phối hợp (với)" support it (global: every cue)',
    pattern: /(?<![\p{L}])phối\s+hợp(?:\s+với)?\s+/giu,
    examples: [
      'Ban Tổ chức Thành ủy chủ trì, phối hợp với các cơ quan có liên quan theo dõi, đôn đốc việc tổ chức thực hiện Kế hoạch',
      'Giao Ban Tuyên giáo và Dân vận Thành ủy chủ trì phối hợp với Văn phòng Thành ủy, Ban Tổ chức Thành ủy tham mưu tổ chức Hội nghị',
    ],
  },
  {
    // "Giao Ban Tổ chức Đảng ủy Khối chủ trì, phối hợp với …", "Chủ trì, phối hợp với …"
    id: 'assignment-start',
    role: 'lead',
    reads: 'at a clause start: a new assignment begins here, even without a subject of its own',
    pattern: /^(?:giao\s+|(?:\p{L}+\s*){0,3}:\s*)?(?:chủ\s+trì|phối\s+hợp)(?![\p{L}])/iu,
    examples: ['Chủ trì, phối hợp với các cơ quan liên quan xây dựng, triển khai các phần mềm ứng dụng công nghệ thông tin', 'Thời gian: chủ trì, phối hợp với Văn phòng Thành ủy tham mưu'],
  },
  {
    // "1. Giao Ủy ban nhân dân Thành phố tổ chức thực hiện Nghị quyết này"
    id: 'giao',
    role: 'lead',
    reads: 'at a clause start: the body after "Giao" is the one the task is given to',
    pattern: /^giao\s+/iu,
    examples: ['Giao Ban Tổ chức Đảng ủy Khối chủ trì, phối hợp với các cơ quan tham mưu, giúp việc của Đảng ủy Khối hướng dẫn, kiểm tra', 'Giao Ủy ban nhân dân Thành phố tổ chức thực hiện Nghị quyết này'],
  },
  {
    // "2. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam thành phố …", "1.2. Đối với các đảng ủy trực thuộc Thành ủy"
    id: 'heading-addressee',
    role: 'lead',
    reads: 'a heading (as written), or an item\'s own first line ending with ":" before its points: the body it names (after "Đề nghị" / "Đối với" / "Giao") leads the tasks below it',
    pattern: /^(?:(?:đối\s+với|đề\s+nghị|giao)\s+)?(.*)$/iu,
    examples: [
      'Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh',
      'Đối với các đảng ủy trực thuộc Thành ủy',
      'Giao Ủy ban nhân dân Thành phố',
      'Đề nghị Liên minh Hợp tác xã tỉnh, Đoàn TNCS Hồ Chí Minh tỉnh, Hội nông dân tỉnh, Hiệp hội doanh nghiệp tỉnh',
    ],
  },
  {
    // "Đồng thời, chi uỷ, chi bộ có trách nhiệm …", "Căn cứ Kế hoạch này, các cấp ủy trực thuộc Thành ủy …"
    id: 'clause-opener',
    role: 'lead',
    reads: 'at a clause start: words that may come before the subject (the subject after them leads)',
    pattern: /^(?:(?:đồng\s+thời|hằng\s+năm|hàng\s+năm|căn\s+cứ\s+kế\s+hoạch\s+này|trên\s+cơ\s+sở\s+đó|đối\s+với)\s*,?\s*)/iu,
    examples: ['Đồng thời, chi uỷ, chi bộ có trách nhiệm phát hiện và xử lý các vấn đề tư tưởng phát sinh', 'Căn cứ Kế hoạch này, các cấp ủy trực thuộc Thành ủy xây dựng kế hoạch thực hiện'],
  },
  {
    // "Ban Tổ chức Tỉnh ủy chủ trì …", "Các cấp ủy có trách nhiệm …", "Văn phòng đăng ký đất đai có trách nhiệm cập nhật …"
    id: 'subject-predicate',
    role: 'lead',
    reads: 'after a clause subject: the first of these words ends the subject, which leads the task ("tổ chức" not when the noun "tổ chức đảng")',
    pattern: new RegExp(
      String.raw`(?<![\p{L}])(?:phải|cần|có${W}trách${W}nhiệm|chịu${W}trách${W}nhiệm|chủ${W}trì|phối${W}hợp|tập${W}trung|tiếp${W}tục|định${W}kỳ|thường${W}xuyên|xây${W}dựng|(?<!(?:ban|cơ${W}quan,?|các)${W})tổ${W}chức(?!${W}(?:đảng|chính${W}trị|thực${W}hiện${W}Kế)|\s*,)|triển${W}khai|căn${W}cứ|(?<!ban${W})chỉ${W}đạo|(?<!(?:và|,)${W})lãnh${W}đạo|(?<!(?:chuyên${W}trách|cơ${W}quan)${W})tham${W}mưu|góp${W}ý|hướng${W}dẫn|theo${W}dõi|(?<!ủy${W}ban${W})kiểm${W}tra|quán${W}triệt|thực${W}hiện|bảo${W}đảm|đảm${W}bảo|khẩn${W}trương|nghiên${W}cứu|ban${W}hành|rà${W}soát|trực${W}tiếp|chủ${W}động|kịp${W}thời|nghiêm${W}túc|tăng${W}cường|quan${W}tâm|duy${W}trì|phân${W}công|bố${W}trí|đôn${W}đốc|tổng${W}hợp|khi|thì)(?![\p{L}])`,
      'iu',
    ),
    examples: [
      'Ban Tổ chức Tỉnh ủy chủ trì, phối hợp với Văn phòng Tỉnh ủy theo dõi, đôn đốc',
      'Văn phòng đăng ký đất đai có trách nhiệm cập nhật, chỉnh lý cơ sở dữ liệu đất đai, hồ sơ địa chính',
      'Cơ quan Tổ chức - Nội vụ thị xã định kỳ tham mưu Ban Thường vụ Thị ủy thành lập các đoàn công tác',
      'Các cơ quan, tổ chức, đơn vị có liên quan phối hợp thực hiện việc di dời',
    ],
  },
  {
    // "Các Bộ trưởng, … chịu trách nhiệm thi hành Nghị định này.", "Văn phòng Chính phủ thông báo để … biết, thực hiện."
    id: 'formula',
    role: 'none',
    reads: "in a clause with a subject (up to 160 characters after it): the document's own effect or closing formula (who executes the text itself, who is informed), not a task",
    pattern: /(?<![\p{L}])(?:(?:chịu|có)\s+trách\s+nhiệm\s+(?:\p{L}+\s+){0,4}?thi\s+hành\s+(?:\p{L}+\s+){1,2}này(?![\p{L}])|thông\s+báo\s+để\s)/iu,
    examples: [
      'Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân tỉnh, thành phố trực thuộc trung ương chịu trách nhiệm thi hành Nghị định này.',
      'Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các Sở, ban, ngành tỉnh chịu trách nhiệm thi hành Quyết định này.',
      'Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch Ủy ban nhân dân tỉnh, thành phố trực thuộc trung ương trong phạm vi chức năng, quyền hạn của mình có trách nhiệm hướng dẫn và thi hành Nghị định này.',
      'Văn phòng Chính phủ thông báo để Ủy ban nhân dân tỉnh Điện Biên và các Bộ, cơ quan liên quan biết, thực hiện.',
    ],
  },
] as const satisfies readonly BodyFrameRow[];

export type BodyFrameId = (typeof BODY_FRAMES)[number]['id'];

/** The pattern of a frame row (the finders compile nothing of their own). */
export function framePattern(id: BodyFrameId): RegExp {
  return BODY_FRAMES.find((r) => r.id === id)!.pattern;
}
