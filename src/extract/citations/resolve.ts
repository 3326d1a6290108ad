/**
 * Resolve: the mentions of one document (full, short, descriptive forms with the same id) share their
 * metadata — date, issuer, title, kind, khóa — unless they contradict each other, which is reported.
 */
import type { Diagnostic } from '../../model.js';
import type { Draft } from './draft.js';
import { issuersCompatible } from './patterns.js';

export function resolveMentions(drafts: Draft[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const byId = new Map<string, Draft[]>();
  for (const d of drafts) if (d.form !== 'self' && d.form !== 'named') byId.set(d.id, [...(byId.get(d.id) ?? []), d]);
  for (const [id, ms] of byId) {
    const dates = [...new Set(ms.map((d) => d.date).filter(Boolean))] as string[];
    const issuers = ms.map((d) => d.issuer).filter(Boolean) as string[];
    const conflictingIssuers = issuers.some((x) => issuers.some((y) => !issuersCompatible(x, y)));
    if (dates.length > 1)
      diagnostics.push({ level: 'warning', code: 'citation-anomaly', message: `${id} được trích dẫn với các ngày khác nhau: ${dates.join(', ')}`, span: [ms[0].start, ms[0].end] });
    if (conflictingIssuers)
      diagnostics.push({ level: 'warning', code: 'citation-anomaly', message: `${id} được ghi là của các cơ quan khác nhau: ${[...new Set(issuers)].join('; ')}`, span: [ms[0].start, ms[0].end] });
    const full = ms.find((d) => d.date && d.issuer) ?? ms.find((d) => d.date || d.issuer);
    const titled = ms.find((d) => d.title?.startsWith('về') && d.form !== 'descriptive') ?? ms.find((d) => d.title && d.form !== 'descriptive');
    const kinded = ms.find((d) => d.kind && d.form !== 'descriptive');
    const khoa = ms.find((d) => d.khoa)?.khoa ?? null;
    for (const d of ms) {
      if (dates.length <= 1 && !d.date && full?.date) d.date = full.date;
      if (!conflictingIssuers && !d.issuer && full?.issuer) d.issuer = full.issuer;
      if (!d.title && titled) d.title = titled.title;
      if (!d.kind && kinded) d.kind = kinded.kind;
      if (!d.khoa && khoa && !conflictingIssuers) d.khoa = khoa;
    }
  }
  return diagnostics;
}
