import { describe, expect, it } from 'vitest';
import { docsFromText } from '../src/pipeline.js';
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
