/**
 * The checklist of a round as XLSX (exceljs): one row per plan and finding, with
 * Vietnamese headers, the verdict and the reviewer's comment.
 */
import ExcelJS from 'exceljs';
import { CHECKLIST_HEADERS, DECISION_LABEL as DECISIONS, FINDING_KIND_LABEL as KIND_LABEL } from '../vocab/columns.js';
import type { Finding, VerdictState } from './review.js';
import type { PlanSummary, Verdict } from './store.js';

/** The vocabulary's decision labels, read with a decision code from the database. */
export const DECISION_LABEL: Readonly<Record<string, string>> = DECISIONS;

export interface ChecklistPlan {
  plan: PlanSummary;
  label: string;
  findings: { f: Finding; state: VerdictState<Verdict> | null }[];
}

export { CHECKLIST_HEADERS } from '../vocab/columns.js';

export async function checklistXlsx(roundTitle: string, plans: ChecklistPlan[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(0);
  wb.modified = new Date(0);
  const ws = wb.addWorksheet('Rà soát', { views: [{ state: 'frozen', ySplit: 2 }], pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.mergeCells(1, 1, 1, CHECKLIST_HEADERS.length);
  ws.getCell(1, 1).value = `Bảng rà soát: ${roundTitle}`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  const head = ws.getRow(2);
  CHECKLIST_HEADERS.forEach((h, i) => (head.getCell(i + 1).value = h));
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle' };
  const widths = [6, 28, 14, 12, 8, 60, 18, 60, 16, 30, 30, 14, 20, 10];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  let n = 0;
  for (const p of plans) {
    for (const { f, state } of p.findings) {
      const v = state?.verdict;
      const row = ws.addRow([
        ++n,
        p.plan.issuer ?? p.plan.name,
        p.plan.symbol ?? '',
        p.plan.date ?? '',
        f.point === '+' ? 'Bổ sung' : f.path,
        f.baseText,
        KIND_LABEL[f.kind],
        f.passages.map((x) => x.text).join('\n'),
        v?.decision ? DECISION_LABEL[v.decision] ?? v.decision : '',
        v?.decision === 'link' ? `${v.link_path ?? ''}: ${v.link_text ?? ''}` : v?.reason ?? '',
        v?.note ?? '',
        v?.user_name ?? '',
        v?.created_at ?? '',
        state?.suspect ? 'Có' : '',
      ]);
      row.alignment = { wrapText: true, vertical: 'top' };
    }
  }
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: CHECKLIST_HEADERS.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
