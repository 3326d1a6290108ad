/**
 * Two documents in the official layout, written for the tests (not copied from any real document; bodies,
 * numbers and names are made up in the way Party and State offices write them): a Party Chương trình with
 * a two-column header "ĐẢNG BỘ … / BAN THƯỜNG VỤ … *" | "ĐẢNG CỘNG SẢN VIỆT NAM", and a State Kế hoạch with
 * "ỦY BAN NHÂN DÂN / TỈNH …" | the national motto; each has leads named in item headings, a signature
 * table and an appendix task table (columns in a different order and wording in each).
 *
 * `npx tsx scripts/official-fixtures.ts` renders them to test/fixtures/official/*.docx and *.pdf
 * (LibreOffice); test/official-layout.test.ts reads them.
 */
import type { OfficialDoc } from '../../scripts/official-layout.js';

export interface OfficialFixture {
  name: string;
  doc: OfficialDoc;
  expect: {
    kind: string;
    symbol: string;
    date: string;
    issuer: string;
    signer: string;
    title: RegExp;
    implements: string[];
    /**
     * leads of the appendix task table: [lead, deadline the deadline finder reads in the row, or null].
     * A bare month, quarter or year cell ("Tháng 12/2025", "Quý II/2026", "Năm 2026") is not read as a
     * deadline yet (src/extract/deadlines.ts): null there, so this test shows the gap instead of hiding it.
     */
    tableLeads: [string, string | null][];
    /** leads named in item headings, inherited by their bullets */
    proseLeads: string[];
  };
}

export const OFFICIAL_FIXTURES: OfficialFixture[] = [
  {
    name: 'chuong-trinh-party',
    doc: {
      party: true,
      organ: ['ĐẢNG BỘ TỈNH HÀ TĨNH', 'BAN THƯỜNG VỤ TỈNH ỦY'],
      organBoldFrom: 1,
      symbol: '45-CTr/TU',
      placeDate: 'Hà Tĩnh, ngày 12 tháng 11 năm 2025',
      kind: 'CHƯƠNG TRÌNH',
      title: ['HÀNH ĐỘNG THỰC HIỆN KẾT LUẬN SỐ 212-KL/TW', 'NGÀY 18/10/2025 CỦA BỘ CHÍNH TRỊ'],
      body: [
        { p: 'Thực hiện Kết luận số 212-KL/TW ngày 18/10/2025 của Bộ Chính trị về tiếp tục đổi mới công tác tuyên truyền, Ban Thường vụ Tỉnh ủy xây dựng Chương trình hành động như sau:' },
        { p: 'I. MỤC ĐÍCH, YÊU CẦU', bold: true },
        { p: '1. Quán triệt sâu sắc nội dung Kết luận đến cán bộ, đảng viên; xác định rõ nhiệm vụ của từng cấp ủy, tổ chức đảng.' },
        { p: '2. Việc triển khai phải đồng bộ, thiết thực, gắn với nhiệm vụ chính trị của địa phương.' },
        { p: 'II. NHIỆM VỤ, GIẢI PHÁP', bold: true },
        { p: '1. Ban Tuyên giáo và Dân vận Tỉnh ủy', bold: true },
        { p: '- Chủ trì, phối hợp với các cơ quan liên quan hướng dẫn các cấp ủy tổ chức học tập, quán triệt Kết luận, hoàn thành trong quý I năm 2026.' },
        { p: '- Theo dõi, tổng hợp kết quả thực hiện, báo cáo Ban Thường vụ Tỉnh ủy trước ngày 15/12 hằng năm.' },
        { p: '2. Ban Tổ chức Tỉnh ủy', bold: true },
        { p: '- Tham mưu kiện toàn đội ngũ cán bộ làm công tác tuyên truyền các cấp.' },
        { p: 'III. TỔ CHỨC THỰC HIỆN', bold: true },
        { p: '1. Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy xây dựng kế hoạch thực hiện Chương trình này (chi tiết tại Phụ lục kèm theo).' },
        { p: '2. Văn phòng Tỉnh ủy theo dõi, đôn đốc việc thực hiện Chương trình./.' },
      ],
      recipients: ['Bộ Chính trị (để báo cáo)', 'Các đảng ủy trực thuộc Tỉnh ủy', 'Lưu Văn phòng Tỉnh ủy'],
      signature: ['T/M BAN THƯỜNG VỤ', 'PHÓ BÍ THƯ THƯỜNG TRỰC', 'Trần Văn Bình'],
      after: [
        { p: 'PHỤ LỤC', center: true, bold: true },
        { p: 'NHIỆM VỤ CỤ THỂ THỰC HIỆN CHƯƠNG TRÌNH', center: true, bold: true },
        {
          table: [
            ['STT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành', 'Sản phẩm'],
            ['1', 'Tổ chức hội nghị quán triệt Kết luận số 212-KL/TW cho cán bộ chủ chốt của tỉnh', 'Ban Tuyên giáo và Dân vận Tỉnh ủy', 'Văn phòng Tỉnh ủy', 'Tháng 12/2025', 'Hội nghị'],
            ['2', 'Rà soát, bổ sung quy chế phối hợp giữa các cơ quan báo chí của tỉnh', 'Sở Văn hóa, Thể thao và Du lịch', 'Báo và Phát thanh, Truyền hình Hà Tĩnh', 'Quý II/2026', 'Quy chế'],
            ['3', 'Đưa nội dung Kết luận vào chương trình bồi dưỡng lý luận chính trị', 'Trường Chính trị Trần Phú', 'Ban Tổ chức Tỉnh ủy', 'Năm 2026', 'Chương trình bồi dưỡng'],
          ],
        },
      ],
    },
    expect: {
      kind: 'CHƯƠNG TRÌNH',
      symbol: '45-CTr/TU',
      date: '2025-11-12',
      issuer: 'Ban Thường vụ Tỉnh ủy',
      signer: 'Trần Văn Bình',
      title: /HÀNH ĐỘNG THỰC HIỆN KẾT LUẬN SỐ 212-KL\/TW NGÀY 18\/10\/2025 CỦA BỘ CHÍNH TRỊ/u,
      implements: ['212-KL/TW'],
      tableLeads: [
        ['Ban Tuyên giáo và Dân vận Tỉnh ủy', null],
        ['Sở Văn hóa, Thể thao và Du lịch', null],
        ['Trường Chính trị Trần Phú', null],
      ],
      proseLeads: ['Ban Tuyên giáo và Dân vận Tỉnh ủy'],
    },
  },
  {
    name: 'ke-hoach-state',
    doc: {
      party: false,
      organ: ['ỦY BAN NHÂN DÂN', 'TỈNH QUẢNG TRỊ'],
      organBoldFrom: 0,
      symbol: '310/KH-UBND',
      placeDate: 'Quảng Trị, ngày 05 tháng 12 năm 2025',
      kind: 'KẾ HOẠCH',
      title: ['Triển khai thực hiện Quyết định số 1899/QĐ-TTg ngày 04/9/2025', 'của Thủ tướng Chính phủ trên địa bàn tỉnh'],
      body: [
        { p: 'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;' },
        { p: 'Thực hiện Quyết định số 1899/QĐ-TTg ngày 04/9/2025 của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau:' },
        { p: 'I. MỤC ĐÍCH, YÊU CẦU', bold: true },
        { p: 'Xác định cụ thể nội dung công việc, thời hạn hoàn thành và trách nhiệm của các cơ quan, đơn vị.' },
        { p: 'II. NHIỆM VỤ', bold: true },
        { p: 'Các nhiệm vụ cụ thể tại Phụ lục kèm theo Kế hoạch này.' },
        { p: 'III. TỔ CHỨC THỰC HIỆN', bold: true },
        { p: '1. Sở Tư pháp', bold: true },
        { p: '- Chủ trì theo dõi, đôn đốc việc thực hiện Kế hoạch; tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày 20/12/2026.' },
        { p: '2. Các sở, ban, ngành, Ủy ban nhân dân các xã, phường căn cứ chức năng, nhiệm vụ tổ chức thực hiện Kế hoạch này./.' },
      ],
      recipients: ['Văn phòng Chính phủ', 'Thường trực Tỉnh ủy', 'Lưu: VT, NC'],
      signature: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Lê Thị Hoa'],
      after: [
        { p: 'PHỤ LỤC', center: true, bold: true },
        { p: 'DANH MỤC NHIỆM VỤ', center: true, bold: true },
        {
          table: [
            ['TT', 'Nội dung công việc', 'Thời hạn', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Kết quả'],
            ['1', 'Rà soát các văn bản quy phạm pháp luật của tỉnh liên quan', 'Trước ngày 31/3/2026', 'Sở Tư pháp', 'Các sở, ngành', 'Báo cáo rà soát'],
            ['2', 'Bố trí kinh phí thực hiện các nhiệm vụ của Kế hoạch', 'Hằng năm', 'Sở Tài chính', 'Các sở, ngành', 'Dự toán ngân sách'],
            ['3', 'Tuyên truyền, phổ biến nội dung Quyết định đến người dân', 'Năm 2026', 'Báo và Phát thanh, Truyền hình Quảng Trị', 'Sở Văn hóa, Thể thao và Du lịch', 'Tin, bài'],
          ],
        },
      ],
    },
    expect: {
      kind: 'KẾ HOẠCH',
      symbol: '310/KH-UBND',
      date: '2025-12-05',
      issuer: 'Ủy ban nhân dân tỉnh Quảng Trị',
      signer: 'Lê Thị Hoa',
      title: /Triển khai thực hiện Quyết định số 1899\/QĐ-TTg ngày 04\/9\/2025 của Thủ tướng Chính phủ trên địa bàn tỉnh/u,
      implements: ['1899/QĐ-TTg'],
      tableLeads: [
        ['Sở Tư pháp', '31/3/2026'],
        ['Sở Tài chính', 'Hằng năm'],
        ['Báo và Phát thanh, Truyền hình Quảng Trị', null],
      ],
      proseLeads: ['Sở Tư pháp'],
    },
  },
];
