/**
 * Plans as State bodies write them, hard-wrapped by a portal (real-dev 2f6f80b9918e52de, Kế hoạch 172/KH-UBND of
 * UBND Thành phố Hồ Chí Minh, and others of the same shape): a line that ends on a word needing what follows
 * ("Sở" / "Giáo dục và Đào tạo") goes on even where the wrap width is unknown; a collective subject "Sở, ban,
 * ngành thuộc …" is a lead; the scope after a subject ("trong phạm vi chức năng, nhiệm vụ của mình") is not part
 * of its name; "X giao Y …" is the issuer speaking, not X leading.
 */
import { describe, expect, it } from 'vitest';
import { processBuffer } from '../src/pipeline.js';

async function leads(text: string) {
  const r = await processBuffer(Buffer.from(text), 'ke-hoach.md');
  const d = r.docs[0];
  const name = new Map(d.bodies.map((b) => [b.id, b.name]));
  return d.tasks.map((t) => ({ path: t.path, lead: t.lead.map((id) => name.get(id)) }));
}

const HEAD = 'KẾ HOẠCH\nTRIỂN KHAI THI HÀNH LUẬT VIỆC LÀM\n\nI. MỤC ĐÍCH, YÊU CẦU\n\nBảo đảm thống nhất.\n\nII. NỘI DUNG\n\n';
// one line longer than a wrap width would allow: the width of the text is unknown
const LONG = 'Ghi chú: ' + 'nội dung dài '.repeat(16) + '.\n\n';

describe('reflow and leads of State plans', () => {
  it('a lead list wrapped after "Sở" keeps every body', async () => {
    const t = await leads(HEAD + LONG + '2. Tổ chức tập huấn\n\n- Nội dung thực hiện: Tổ chức tập huấn cho cán bộ.\n\n- Cơ quan chủ trì: Sở Nội vụ, Sở\nGiáo dục và Đào tạo, Sở Tài chính.\n\n- Thời gian thực hiện: Năm 2025.\n');
    expect(t.find((x) => x.path === 'II.2')?.lead).toEqual(['Sở Nội vụ', 'Sở Giáo dục và Đào tạo', 'Sở Tài chính']);
  });

  it('"Sở, ban, ngành thuộc Ủy ban nhân dân Thành phố có trách nhiệm …" is a lead', async () => {
    const t = await leads(HEAD + '3. Xây dựng văn bản\n\nSở, ban, ngành thuộc Ủy ban nhân dân Thành phố có trách nhiệm rà soát, tham mưu ban hành văn bản.\n');
    expect(t.map((x) => x.lead)).toEqual([['Sở, ban, ngành thuộc Ủy ban nhân dân Thành phố']]);
  });

  it('the scope after the subject is not part of its name', async () => {
    const t = await leads(HEAD + '1. Kiểm tra\n\nSở Tư pháp trong phạm vi chức năng, nhiệm vụ của mình có trách nhiệm kiểm tra việc thi hành.\n');
    expect(t.map((x) => x.lead)).toEqual([['Sở Tư pháp']]);
  });

  it('"Ủy ban nhân dân tỉnh giao …" is the issuer speaking, not a lead', async () => {
    const t = await leads(HEAD + '1. Tổ chức thực hiện\n\nỦy ban nhân dân tỉnh giao Giám đốc các sở có trách nhiệm triển khai Kế hoạch này.\n');
    expect(t.flatMap((x) => x.lead)).not.toContain('Ủy ban nhân dân tỉnh giao Giám đốc các sở');
    expect(t.flatMap((x) => x.lead).some((l) => /giao/u.test(l ?? ''))).toBe(false);
  });
});

describe('support bodies of a numbered item', () => {
  it('"1. Ban Tổ chức Thành ủy chủ trì, phối hợp với Văn phòng Thành ủy …": the dot of the number ends no clause', async () => {
    const r = await processBuffer(Buffer.from('KẾ HOẠCH\nTHỰC HIỆN CHỈ THỊ\n\nII. TỔ CHỨC THỰC HIỆN\n\n1. Ban Tổ chức Thành ủy chủ trì, phối hợp với Văn phòng Thành ủy theo dõi, đôn đốc việc thực hiện Kế hoạch này.\n'), 'kh.txt');
    const d = r.docs[0];
    const name = new Map(d.bodies.map((b) => [b.id, b.name]));
    expect(d.tasks.map((t) => [t.lead.map((x) => name.get(x)), t.support.map((x) => name.get(x))])).toEqual([[['Ban Tổ chức Thành ủy'], ['Văn phòng Thành ủy']]]);
  });
});

describe('a supporting organ followed by its verb', () => {
  it('"phối hợp với Văn phòng Thành ủy tuyên truyền": the body is Văn phòng Thành ủy, not "… tuyên truyền"', async () => {
    const r = await processBuffer(Buffer.from('KẾ HOẠCH\nTHỰC HIỆN CHỈ THỊ\n\nII. TỔ CHỨC THỰC HIỆN\n\n1. Các ban\n\n- Ban Tuyên giáo và Dân vận Thành ủy chủ trì, phối hợp với Văn phòng Thành ủy tuyên truyền.\n'), 'kh.txt');
    const d = r.docs[0];
    const name = new Map(d.bodies.map((b) => [b.id, b.name]));
    expect(d.tasks.flatMap((t) => t.support.map((x) => name.get(x)))).toEqual(['Văn phòng Thành ủy']);
  });
});

describe('executors named in the later clauses of a lead label, and a heading naming a body and a collective', () => {
  it('"Cơ quan thực hiện: X chủ trì …; Y và Z chủ động …": Y and Z are executors too, each on its own', async () => {
    const t = await leads(
      HEAD +
        '1. Phổ biến, giáo dục Luật Việc làm\n\n- Cơ quan thực hiện: Sở Nội vụ chủ trì tham mưu Ủy ban nhân dân Thành phố ban hành Kế hoạch; Sở Tư pháp và các sở, ban, ngành Thành phố, Đài Phát thanh và Truyền hình Thành phố và Ủy ban nhân dân xã, phường, đặc khu chủ động tổ chức triển khai Luật Việc làm.\n\n- Thời gian thực hiện: Năm 2025.\n',
    );
    expect(t.find((x) => x.path === 'II.1')?.lead).toEqual(['Sở Nội vụ', 'Sở Tư pháp', 'Sở, ban, ngành Thành phố', 'Đài Phát thanh và Truyền hình Thành phố', 'Ủy ban nhân dân xã, phường, đặc khu']);
  });

  it('"1. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam thành phố và các tổ chức chính trị - xã hội" leads the points under it', async () => {
    const t = await leads(
      HEAD +
        'Nội dung.\n\nIII. TỔ CHỨC THỰC HIỆN\n\n1. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam thành phố và các tổ chức chính trị - xã hội\n\na) Tăng cường công tác phối hợp, hướng dẫn tổ chức các hoạt động phòng, chống ma túy tại cộng đồng.\n\nb) Vận động Nhân dân tham gia tố giác tội phạm.\n',
    );
    expect(t.length).toBeGreaterThan(0);
    for (const x of t) expect(x.lead[0]).toMatch(/^Ủy ban Mặt trận Tổ quốc Việt Nam thành phố/u);
  });
});

describe('an item whose own first line names a body before its points', () => {
  const QN = 'NGHỊ QUYẾT\nVỀ PHÁT TRIỂN KINH TẾ TẬP THỂ\n\nCăn cứ Luật Tổ chức Chính phủ;\n\nQUYẾT NGHỊ:\n\n';
  it('"1. Các bộ, cơ quan trung ương:" + a), b): the collective leads each point', async () => {
    const t = await leads(QN + '1. Các bộ, cơ quan trung ương:\n\na) Rà soát, hoàn thiện thể chế về kinh tế tập thể.\n\nb) Hướng dẫn các địa phương triển khai.\n\n2. Các tỉnh, thành phố:\n\na) Bố trí nguồn lực hỗ trợ hợp tác xã.\n\nb) Kiện toàn bộ máy quản lý nhà nước.\n');
    expect(t).toEqual([
      { path: '1.a', lead: ['Bộ, cơ quan trung ương'] },
      { path: '1.b', lead: ['Bộ, cơ quan trung ương'] },
      { path: '2.a', lead: ['Tỉnh, thành phố'] },
      { path: '2.b', lead: ['Tỉnh, thành phố'] },
    ]);
  });
  it('"1. Giao Ủy ban nhân dân Thành phố:" + a), b); "(3) Bộ Công an …" leads its own point', async () => {
    const t = await leads(QN + 'Điều 1. Thông qua kế hoạch.\n\nĐiều 2. Tổ chức thực hiện\n\n1. Giao Ủy ban nhân dân Thành phố:\n\na) Tổ chức triển khai thực hiện Nghị quyết.\n\nb) Chỉ đạo các sở, ngành rà soát danh mục dự án.\n\n2. Về an ninh:\n\n(1) Bộ Công an chỉ đạo Công an tỉnh bảo đảm an ninh.\n');
    expect(t.filter((x) => x.path.startsWith('Điều 2.1')).map((x) => x.lead)).toEqual([['Ủy ban nhân dân Thành phố'], ['Ủy ban nhân dân Thành phố']]);
    expect(t.find((x) => x.path.endsWith('(1)'))?.lead).toEqual(['Bộ Công an']);
  });
});

describe('a conclusion point: a topic, a colon, then the assignment', () => {
  it('"5. Về đề nghị …: Giao Bộ Nội vụ nghiên cứu …" is Bộ Nội vụ\'s task', async () => {
    const t = await leads('THÔNG BÁO\nKẾT LUẬN CỦA PHÓ THỦ TƯỚNG\n\nNgày 10 tháng 11 năm 2025, Phó Thủ tướng đã làm việc với tỉnh.\n\nII. KẾT LUẬN\n\n1. Về đề nghị sửa đổi, bổ sung Nghị định số 76/2019/NĐ-CP ngày 08 tháng 10 năm 2019 của Chính phủ: Giao Bộ Nội vụ nghiên cứu, tổng hợp kiến nghị của tỉnh, báo cáo cấp có thẩm quyền.\n\n2. Về trường học: Giao Bộ Giáo dục và Đào tạo, Bộ Y tế nghiên cứu các kiến nghị của tỉnh.\n');
    expect(t.map((x) => x.lead[0])).toEqual(['Bộ Nội vụ', 'Bộ Giáo dục và Đào tạo']);
  });
});

describe('a legal norm (Nghị định, Thông tư) assigns work only in its articles on implementation', () => {
  it('"Hội đồng kỷ luật họp …" in an article is a rule; "Bộ Tài chính xây dựng …" under "Điều khoản thi hành" is a task', async () => {
    const t = await leads(
      'NGHỊ ĐỊNH\nQUY ĐỊNH VỀ XỬ LÝ KỶ LUẬT\n\nCăn cứ Luật Tổ chức Chính phủ;\n\nChính phủ ban hành Nghị định quy định về xử lý kỷ luật.\n\nĐiều 1. Hội đồng kỷ luật\n\n1. Hội đồng kỷ luật họp khi có ít nhất 2/3 số thành viên tham dự.\n\n2. Cơ quan có thẩm quyền quản lý công chức lưu giữ hồ sơ.\n\nĐiều 2. Điều khoản thi hành\n\n1. Nghị định này có hiệu lực từ ngày ký.\n\n2. Bộ Tài chính xây dựng và ban hành mẫu hồ sơ lựa chọn nhà đầu tư.\n',
    );
    expect(t).toEqual([{ path: 'Điều 2.2', lead: ['Bộ Tài chính'] }]);
  });
});

describe('words that name nobody', () => {
  it('a bare "Cơ quan" / "hoặc cơ quan …" subject and "Chính phủ số" (digital government) lead no task', async () => {
    const t = await leads(
      HEAD +
        '1. Chuyển đổi số\n\nCơ quan chủ động cập nhật dữ liệu lên hệ thống. Hoặc cơ quan, đơn vị, địa phương không cập nhật thì báo cáo. Chính phủ số phải được xây dựng đồng bộ, hiện đại.\n\n2. Kiểm tra\n\nSở Tài chính chủ trì kiểm tra việc thực hiện.\n',
    );
    expect(t.map((x) => x.lead).filter((l) => l.length)).toEqual([['Sở Tài chính']]);
  });
});

describe('to whom a rule applies is no lead', () => {
  it('"Đối tượng áp dụng: Cơ quan, tổ chức, hộ gia đình …" and a list taking in households and persons', async () => {
    const t = await leads(
      'NGHỊ QUYẾT\nQUY ĐỊNH MỨC HỖ TRỢ\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n\nQUYẾT NGHỊ:\n\nĐiều 1. Phạm vi điều chỉnh và đối tượng áp dụng\n\n1. Đối tượng áp dụng: Cơ quan, tổ chức, hộ gia đình và cá nhân có cơ sở sản xuất thực hiện việc di dời.\n\n2. Các cơ quan, tổ chức, đơn vị, hộ gia đình và cá nhân không thuộc diện hỗ trợ thực hiện theo quy định chung.\n\nĐiều 2. Tổ chức thực hiện\n\n1. Giao Ủy ban nhân dân Thành phố tổ chức thực hiện Nghị quyết này.\n',
    );
    expect(t.map((x) => x.lead).filter((l) => l.length)).toEqual([['Ủy ban nhân dân Thành phố']]);
  });
});

describe('a numbered sentence wrapped short is not a title', () => {
  // points (1)–(3) of Thông báo 637/TB-VPCP as the portal's Markdown hard-wraps them
  const POINTS = [
    '(1) Bộ Y tế chỉ đạo Ban Quản lý dự án, các đơn vị',
    'liên quan phối hợp chặt chẽ với các cơ quan liên quan thuộc Bộ Xây dựng, Bộ Quốc',
    'phòng chỉ đạo các nhà thầu tập trung tối đa nguồn lực, khẩn trương hoàn thiện hồ',
    'sơ thiết kế phòng cháy, chữa cháy theo đúng hướng dẫn của Bộ Công an; tập trung',
    'thực hiện các hạng mục cụ thể, các dự án thành phần của 02 công trình dự án,',
    'hoàn thành việc xây dựng trước ngày 30 tháng 11 năm 2025 và tổ chức nghiệm thu,',
    'bàn giao, hướng dẫn vận hành theo quy định.',
    '- Chỉ đạo Ban Quản lý dự án, Bệnh viện Hữu nghị Việt',
    'Đức, Bệnh viện Bạch Mai thúc đẩy công tác mua sắm, đấu thầu thiết bị đảm bảo chất',
    'lượng, tiến độ, theo đúng quy định của pháp luật; chỉ đạo 02 bệnh viện chuẩn bị',
    'sẵn sàng các phương án về nhân lực, thiết bị, hệ thống công nghệ thông tin và',
    'các điều kiện cần thiết khác để vận hành hoạt động 02 bệnh viện sau khi hoàn',
    'thành 02 công trình dự án.',
    '- Chủ trì, phối hợp với Bộ Tài chính và các bộ, cơ',
    'quan liên quan tập trung hoàn thiện hồ sơ trình về các cơ chế đảm bảo việc vận',
    'hành hoạt động của 02 bệnh viện; khẩn trương báo cáo Chính phủ đảm bảo chất lượng,',
    'tiến độ theo đúng chỉ đạo của Phó Thủ tướng Chính phủ tại Thông báo số',
    '591/TB-VPCP ngày 31 tháng 10 năm 2025.',
    '(2) Đồng chí Bộ trưởng Bộ Y tế, Thứ trưởng Bộ Y tế',
    'phụ trách lĩnh vực tiếp tục bám sát tình hình thực tế; trực tiếp chỉ đạo rà',
    'soát kỹ tiến độ các công việc, hạng mục còn lại cần triển khai thực hiện để',
    'hoàn thành 02 công trình dự án; chỉ đạo tiếp tục thực hiện nghiêm việc báo cáo',
    'Thủ tướng Chính phủ hằng tuần về tiến độ, tình hình, kết quả thực hiện các nhiệm',
    'vụ được giao; kịp thời báo cáo, kiến nghị cấp có thẩm quyền đối với những vấn đề',
    'vượt thẩm quyền.',
    '(3) Bộ Công an tiếp tục chủ động phối hợp, hướng dẫn',
    'Bộ Y tế, Ban Quản lý dự án và các nhà thầu để thực hiện hiệu quả các phương án,',
    'giải pháp đã được các cơ quan thống nhất và giải quyết dứt điểm các vướng mắc,',
    'phát sinh trong công tác phòng cháy, chữa cháy; chỉ đạo các đơn vị liên quan',
    'xem xét thẩm định thiết kế, phê duyệt nghiệm thu phòng cháy, chữa cháy theo',
    'đúng quy định để đảm bảo điều kiện vận hành 02 bệnh viện sau khi hoàn thành 02',
    'công trình dự án.',
  ].join('\n');
  it('"(3) Bộ Công an tiếp tục chủ động phối hợp, hướng dẫn" / "Bộ Y tế, Ban Quản lý dự án …" is one paragraph led by Bộ Công an', async () => {
    const t = await leads('THÔNG BÁO\nKẾT LUẬN CỦA PHÓ THỦ TƯỚNG\n\nII. KẾT LUẬN CỦA PHÓ THỦ TƯỚNG\n\n' + POINTS + '\n');
    expect(t.find((x) => x.path.endsWith('(3)'))?.lead).toEqual(['Bộ Công an']);
  });
});
