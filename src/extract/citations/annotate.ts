/**
 * Annotate: anomalies of full citations — a central document's stated khóa against the term in force on
 * its date, and the issuer code of its symbol against the stated issuer (each reported once).
 */
import type { Diagnostic } from '../../model.js';
import type { Draft } from './draft.js';
import { centralTerm, codeLevel, issuerContradiction } from './patterns.js';

export function annotateAnomalies(drafts: Draft[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  for (const d of drafts) {
    if (!d.issuerCode || !d.issuer || d.form !== 'full') continue;
    if (d.khoa && d.date && codeLevel(d.issuerCode) === 'trung-uong') {
      const term = centralTerm(d.date);
      const k2 = `${d.id}|khoa|${d.khoa}`;
      if (term && term !== d.khoa && !reported.has(k2)) {
        reported.add(k2);
        diagnostics.push({ level: 'warning', code: 'citation-anomaly', message: `${d.id}: ghi khóa ${d.khoa} nhưng ngày ${d.date} thuộc khóa ${term}`, span: [d.start, d.end] });
      }
    }
    const why = issuerContradiction(d.issuerCode, d.issuer);
    const k = `${d.id}|${d.issuer}`;
    if (why && !reported.has(k)) {
      reported.add(k);
      diagnostics.push({ level: 'warning', code: 'citation-anomaly', message: `${d.id}: ${why}`, span: [d.start, d.end] });
    }
  }
  return diagnostics;
}
