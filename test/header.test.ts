import { describe, expect, it } from 'vitest';
import { docsFromText, processBuffer } from '../src/pipeline.js';
import { symbolIn, organCase } from '../src/segment/header.js';
import { findChrome } from '../src/normalize/chrome.js';

// Header layouts as real documents arrive (portal Markdown cells, copied PDF columns); official texts, shortened.
const STATE = `|
ỦY BAN NHÂN
DÂN
TỈNH NGHỆ AN
--------
|
CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
|
|
Số: 980/KH-UBND
|
Nghệ An, ngày 18
tháng 11 năm 2025
|
KẾ HOẠCH
THỰC HIỆN QUYẾT ĐỊNH SỐ 1899/QĐ-TTG NGÀY 04/9/2025 CỦA THỦ TƯỚNG CHÍNH PHỦ
Thực hiện Quyết định số 1899/QĐ-TTg ngày 04/9/2025 của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Sở Tài chính
a) Chủ trì, phối hợp với các sở, ngành bố trí kinh phí.
II. TỔ CHỨC THỰC HIỆN
1. Sở Y tế
- Cơ quan chủ trì: Sở Y tế.
|
Nơi nhận:
- Như trên;
- Lưu: VT.
|
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn Đệ
|
`;

describe('official header and signature (real layouts)', () => {
  it('reads symbols with stray spaces and a year, Party and State', () => {
    expect(symbolIn('Số: 71/NQ -CP')).toBe('71/NQ-CP');
    expect(symbolIn('Số 27/NQ- TW ngày')).toBe('27/NQ-TW');
    expect(symbolIn('Số: 84/2025/QĐ-UBND Lai Châu')).toBe('84/2025/QĐ-UBND');
    expect(symbolIn('Số 221-KL/TW Hà Nội, ngày 28 tháng 11 năm 2025')).toBe('221-KL/TW');
    expect(symbolIn('Số hiệu: 221-KL/TW')).toBeNull();
  });
  it('reads the header cells, the title, the signer and the structure of a State plan', () => {
    const [d] = docsFromText(STATE, { file: 'x.md', format: 'md' });
    expect(d.meta).toMatchObject({ kind: 'KẾ HOẠCH', symbol: '980/KH-UBND', date: '2025-11-18', place: 'Nghệ An', issuer: 'Ủy ban nhân dân tỉnh Nghệ An' });
    expect(d.meta.title).toMatch(/^THỰC HIỆN QUYẾT ĐỊNH SỐ 1899/);
    expect(d.meta.signer.name).toBe('Nguyễn Văn Đệ');
    expect(d.segments.filter((s) => s.kind === 'section').map((s) => s.label)).toEqual(['I', 'II']);
    const leads = d.tasks.map((t) => t.lead.map((id) => d.bodies.find((b) => b.id === id)!.name).join());
    expect(leads).toContain('Sở Tài chính');
    expect(leads).toContain('Sở Y tế');
    const impl = d.citations.filter((c) => c.relation === 'implements').map((c) => c.id.toUpperCase());
    expect(impl).toContain('1899/QĐ-TTG');
  });
  it('cases organ names', () => {
    expect(organCase('ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ')).toBe('Ủy ban nhân dân thành phố Cần Thơ');
    // a provincial, city or district committee named by its place, as its header writes it
    expect(organCase('TỈNH ỦY LÀO CAI')).toBe('Tỉnh ủy Lào Cai');
    expect(organCase('THÀNH ỦY HẢI PHÒNG')).toBe('Thành ủy Hải Phòng');
    expect(organCase('HUYỆN ỦY BẢO THẮNG')).toBe('Huyện ủy Bảo Thắng');
    expect(organCase('BAN THƯỜNG VỤ TỈNH ỦY')).toBe('Ban Thường vụ Tỉnh ủy');
    expect(organCase('BAN THƯỜNG VỤ TỈNH ỦY LÀO CAI')).toBe('Ban Thường vụ Tỉnh ủy Lào Cai');
  });
  it('finds portal chrome before and after the document', () => {
    const t = 'Bản dịch này thuộc quyền sở hữu của THƯ VIỆN PHÁP LUẬT.\nĐang tải văn bản...\nSố hiệu:\n|\n221-KL/TW\n|\nTình trạng:\n|\nĐã biết\n|\nKẾT LUẬN\nnội dung\n'.repeat(1) + 'dòng\n'.repeat(20) + 'Văn bản này chưa cập nhật nội dung Tiếng Anh\nrác';
    const c = findChrome(t);
    expect(c.map((x) => x.id)).toEqual(['metadata-table', 'no-english']);
    expect(t.slice(c[0].end)).toMatch(/^\s*\|?\s*KẾT LUẬN/);
  });
});

describe('the authority line of a document without a header', () => {
  it('ends the title also when a hard wrap splits "Căn" / "cứ" after it', async () => {
    // the opening of Thông tư (Bộ Công Thương) on petroleum techniques, as the portal's Markdown gives it
    const text = [
      '**THÔNG TƯ**',
      '',
      'QUY',
      'ĐỊNH MỘT SỐ NỘI DUNG KỸ THUẬT TRONG HOẠT ĐỘNG DẦU KHÍ',
      '',
      '**BỘ TRƯỞNG BỘ CÔNG THƯƠNG**',
      '',
      '*Căn',
      'cứ Luật Dầu khí ngày 14 tháng 11 năm 2022;*',
      '',
      '*Căn',
      'cứ Nghị định số 45/2023/NĐ-CP ngày 01 tháng 7',
      'năm 2023 của Chính phủ quy định chi tiết một số điều của Luật Dầu khí;*',
      '',
      '*Căn',
      'cứ Nghị định số 40/2025/NĐ-CP ngày 26 tháng',
      '02 năm 2025 của Chính phủ quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ',
      'chức của Bộ Công Thương;*',
      '',
      '*Theo',
      'đề nghị của Vụ trưởng Vụ Dầu khí và Than,*',
      '',
      '*Bộ',
      'trưởng Bộ Công Thương ban hành Thông tư quy định một số nội dung kỹ thuật trong',
      'hoạt động dầu khí.*',
      '',
      '**Chương I**',
      '',
      '**QUY ĐỊNH CHUNG**',
      '',
      '**Điều 1. Đối tượng áp dụng và phạm',
      'vi điều chỉnh**',
      '',
      '1. Thông tư này quy định một số nội dung kỹ thuật',
      'liên quan đến hoạt động tìm kiếm thăm dò, phát triển mỏ và khai thác dầu khí',
      'trong phạm vi đất liền, hải đảo và vùng biển của nước Cộng hòa xã hội chủ nghĩa',
      'Việt Nam.',
    ].join('\n');
    const [d] = (await processBuffer(Buffer.from(text), 'tt.md')).docs;
    expect(d.meta.title).toBe('QUY ĐỊNH MỘT SỐ NỘI DUNG KỸ THUẬT TRONG HOẠT ĐỘNG DẦU KHÍ');
    expect(d.meta.issuer?.toLocaleLowerCase('vi')).toBe('bộ trưởng bộ công thương');
  });
});

describe('a chapter label glued to its title in the portal Markdown', () => {
  it('"**Chương I****QUY ĐỊNH CHUNG**" is Chương I, and the Điều under it are not the top level', async () => {
    const text = 'NGHỊ ĐỊNH\n\nQUY ĐỊNH VỀ XỬ LÝ KỶ LUẬT CÔNG CHỨC\n\nCăn cứ Luật Tổ chức Chính phủ;\n\n**Chương I****QUY ĐỊNH CHUNG**\n\n**Điều 1. Phạm vi điều chỉnh**\n\nNghị định này quy định việc xử lý kỷ luật.\n\n**Chương II****HÌNH THỨC KỶ LUẬT**\n\n**Điều 2. Khiển trách**\n\nÁp dụng hình thức khiển trách.\n';
    const [d] = (await processBuffer(Buffer.from(text), 'nd.md')).docs;
    expect(d.segments.filter((s) => s.kind === 'section').map((s) => s.path)).toEqual(['Chương I', 'Chương II']);
    const ch1 = d.segments.find((s) => s.path === 'Chương I')!;
    expect(d.text.slice(ch1.span[0], ch1.span[0] + 8)).toBe('Chương I');
  });
});

describe('a title run together with the authority line and the preamble (text of a PDF)', () => {
  it('"… (SỬA ĐỔI) CHÍNH PHỦ Căn cứ Luật …": the capitals before the opener end the title, without the issuer', async () => {
    const text = [
      '|',
      'CHÍNH PHỦ',
      'Số: 388/NQ-CP',
      '|',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Hà Nội, ngày 01 tháng 12 năm 2025',
      '|',
      '',
      'NGHỊ QUYẾT',
      '',
      'VỀ VIỆC NGHIÊN CỨU TIẾP THU, GIẢI TRÌNH KẾT LUẬN CỦA ĐẠI',
      '',
      'BIỂU QUỐC HỘI',
      '',
      'TẠI TỔ VÀ HỘI TRƯỜNG; Ý KIẾN THẨM TRA CỦA ỦY BAN KINH',
      '',
      'TẾ VÀ TÀI CHÍNH',
      '',
      'CỦA QUỐC HỘI VỀ DỰ ÁN LUẬT BẢO HIỂM TIỀN GỬI (SỬA ĐỔI) CHÍNH PHỦ Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025; Căn cứ Luật Các tổ chức tín dụng ngày 18 tháng 01 năm 2024.',
      '',
      'QUYẾT NGHỊ:',
      '',
      'Điều 1. Thông qua nội dung báo cáo.',
    ].join('\n');
    const [d] = docsFromText(text, { file: 'nq.txt', format: 'txt' });
    expect(d.meta.title).toBe(
      'VỀ VIỆC NGHIÊN CỨU TIẾP THU, GIẢI TRÌNH KẾT LUẬN CỦA ĐẠI BIỂU QUỐC HỘI TẠI TỔ VÀ HỘI TRƯỜNG; Ý KIẾN THẨM TRA CỦA ỦY BAN KINH TẾ VÀ TÀI CHÍNH CỦA QUỐC HỘI VỀ DỰ ÁN LUẬT BẢO HIỂM TIỀN GỬI (SỬA ĐỔI)',
    );
  });
});

describe('an article under a motto is no official document', () => {
  it('a heading in capitals after running sentences is not a kind line ("HƯỚNG DẪN ĐỔI CCCD …")', () => {
    const text = [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Hướng dẫn Đổi CCCD hết hạn online 2025 trên cổng dịch vụ công quốc gia?',
      'Thủ tục đổi Căn cước công dân hết hạn 2025 ra sao và cần chuẩn bị những gì?',
      'Thông tin về hướng dẫn đổi căn cước công dân hết hạn online trên cổng dịch vụ công như sau:',
      'HƯỚNG DẪN ĐỔI CCCD HẾT HẠN ONLINE 2025 TRÊN CỔNG DỊCH VỤ',
      'CÔNG QUỐC GIA:',
      'Bước 1: Công dân đăng nhập vào Cổng dịch vụ công quốc gia.',
    ].join('\n');
    const [d] = docsFromText(text, { file: 'bai-viet.txt', format: 'txt' });
    expect(d.meta.kind).toBeNull();
  });
});

describe('a header the portal put on one line', () => {
  it('"CHÍNH PHỦ_______ Số: 172/2025/NĐ-CP | CỘNG HÒA … | …": the issuing body is the first cell', async () => {
    const text = 'CHÍNH PHỦ_______ Số: 172/2025/NĐ-CP | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập – Tự do – Hạnh phúc________________________ Hà Nội, ngày 30 tháng 6 năm 2025 |\n\n**NGHỊ ĐỊNH**\n\n**Quy định về xử lý kỷ luật cán bộ, công chức**\n\n*Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;*\n\n**Điều 1. Phạm vi điều chỉnh**\n\nNghị định này quy định việc xử lý kỷ luật.\n';
    const [d] = (await processBuffer(Buffer.from(text), 'nd.md')).docs;
    expect(d.meta).toMatchObject({ kind: 'NGHỊ ĐỊNH', symbol: '172/2025/NĐ-CP', date: '2025-06-30', issuer: 'Chính phủ' });
  });
});
