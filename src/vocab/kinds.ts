/**
 * Document kinds as the index groups and orders them: the constitutional texts first, then resolutions,
 * conclusions, directives, regulations … , state documents last.
 */

/** Order of the kind groups in the cross-reference index (a kind not listed sorts after these). */
export const KIND_ORDER = ['Cương lĩnh', 'Điều lệ', 'Nghị quyết', 'Kết luận', 'Chỉ thị', 'Quy định', 'Quyết định', 'Quy chế', 'Hướng dẫn', 'Chương trình', 'Kế hoạch', 'Đề án', 'Thông báo', 'Thông tri', 'Công văn', 'Báo cáo', 'Tờ trình', 'Luật', 'Nghị định', 'Thông tư'];
export function kindGroup(e: { kind: string | null }): string {
  const k = e.kind ? e.kind.replace(/\s+hành động$/u, '') : null;
  return k ?? 'Khác';
}
