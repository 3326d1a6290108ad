/**
 * A task table copied out of a PDF as text (pdftotext's reading order: the header one cell per line, the cells of
 * the rows interleaved) cannot be read back into tasks; the extract stage says so with a warning and its span,
 * instead of passing the table off as prose. A table that kept its cells, and ordinary prose naming a lead, say
 * nothing. The excerpt is the appendix of Kế hoạch 552/KH-UBND (UBND tỉnh Đồng Tháp, 19/11/2025) as copied from
 * its PDF in the official layout (real-dev 192068354fd1ffe5).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { linearizedTables } from '../src/extract/tables.js';
import { processBuffer } from '../src/pipeline.js';
import { ROOT } from './helpers/report-fixture.js';

const PASTED = [
  'PHỤ LỤC', 'NHIỆM VỤ VÀ GIẢI PHÁP THỰC HIỆN', '(Ban hành kèm theo Kế hoạch số 552/KH-UBND ngày 19/11/2025 của Ủy ban', 'nhân dân tỉnh)',
  'STT', 'I', '', 'NHIỆM VỤ VÀ', 'GIẢI PHÁP', '', 'CHỦ TRÌ', '', 'PHỐI HỢP', '', 'THỜI GIAN', '', 'NHÓM', 'GIẢI PHÁP VỀ', 'CƠ CHẾ CHÍNH', 'SÁCH', '', '1', '',
  'Rà soát, kịp thời Sở Tài chính', 'cụ thể', '', 'Sở, ban, ngành có Thường xuyên', 'liên quan', '',
].join('\n');

describe('a task table that lost its rows and columns', () => {
  it('is reported with the span of its header', () => {
    const d = linearizedTables({ text: PASTED });
    expect(d).toHaveLength(1);
    expect(d[0].code).toBe('table-linearized');
    const [s, e] = d[0].span!;
    expect(PASTED.slice(s, e).startsWith('STT')).toBe(true);
    expect(PASTED.slice(s, e).endsWith('THỜI GIAN')).toBe(true);
  });

  it('reaches the document diagnostics through the pipeline', async () => {
    const r = await processBuffer(Buffer.from('KẾ HOẠCH\nTRIỂN KHAI NHIỆM VỤ\n\nI. MỤC ĐÍCH\n\nNội dung.\n\n' + PASTED), 'ke-hoach.txt');
    expect(r.docs[0].diagnostics.some((x) => x.code === 'table-linearized')).toBe(true);
  });

  it('is not reported for a table that kept its cells, nor for prose that names leads', () => {
    const table = ['|', 'STT', '|', 'Nhiệm vụ', '|', 'Cơ quan chủ trì', '|', 'Cơ quan phối hợp', '|', 'Thời gian hoàn thành', '|'].join('\n');
    expect(linearizedTables({ text: table })).toEqual([]);
    const prose = 'Giao Sở Tài chính chủ trì, phối hợp với các sở, ngành liên quan\nthực hiện nhiệm vụ;\nthời gian hoàn thành trong năm 2026.';
    expect(linearizedTables({ text: prose })).toEqual([]);
  });

  it('is not reported anywhere in the corpus', async () => {
    const dir = path.join(ROOT, 'corpus');
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt') || x.endsWith('.md'))) {
      expect(linearizedTables({ text: readFileSync(path.join(dir, f), 'utf8') }), f).toEqual([]);
    }
  });
});
