/** A revised version of the Tỉnh ủy plan: one omission fixed, one reviewed passage reworded, the rest unchanged. */
import { readFileSync } from 'node:fs';
import { PLAN_FILES } from './serve-fixture.js';

export const FIXED_TEXT =
  'Các cấp ủy trực thuộc Tỉnh ủy tập trung lãnh đạo, chỉ đạo, quán triệt và tổ chức thực hiện nghiêm túc Chỉ thị này; xây dựng kế hoạch cụ thể, xác định rõ trách nhiệm, lộ trình và thường xuyên kiểm tra, giám sát, đôn đốc việc thực hiện.';

export function revisedPlan(baseOmitted: string): Buffer {
  let t = readFileSync(PLAN_FILES[0], 'utf8');
  // the omitted requirement of the directive, now written into III.1
  t = t.replace(/^(1\. Các đảng ủy trực thuộc tỉnh\s*\n)/m, `$1- ${baseOmitted}\n`);
  // a passage a reviewer judged, reworded
  const before = t;
  t = t.replace('tính tự giác trong sinh hoạt đảng', 'tính tự giác, tự chịu trách nhiệm trong sinh hoạt đảng');
  if (t === before) throw new Error('revision fixture: passage to reword not found');
  return Buffer.from(t, 'utf8');
}
