/**
 * Structure evaluator: expected segment paths and heading beginnings from
 * gold-dev/structure.json against the pipeline's tree, for the seeds and their
 * DOCX/PDF renderings (and the scanned PDF, through OCR). Prints precision/recall per document.
 */
import path from 'node:path';
import { processFile } from '../src/pipeline.js';
import { walk } from '../src/segment/index.js';
import { FIXTURES, gold, key, pct, prf, versions } from './lib.js';

export async function evalStructure(log = console.log) {
  const g = gold<{ documents: Record<string, { path: string; starts: string }[]> }>('structure.json');
  const rows: { label: string; p: number; r: number }[] = [];
  for (const [id, expected] of Object.entries(g.documents)) {
    const vs = versions(id);
    // the scanned rendering goes through OCR (tesseract); its headings carry OCR slips, compared as they are
    if (id === '002') vs.push({ label: '002 scan', file: path.join(FIXTURES, '002_7cd20b194e2a205a.scan.pdf') });
    for (const v of vs) {
      let got: { path: string; text: string }[];
      try {
        const r = await processFile(v.file, { extract: false });
        // the gold lists sections and decimal-numbered items; "(1)"/"a)" sub-items are reported apart
        const all = walk(r.docs[0].segments).filter((s) => s.kind === 'section' || s.kind === 'item');
        const sub = all.filter((s) => /[()]|^[a-zđ]$/.test(s.label ?? ''));
        if (sub.length) log(`${v.label.padEnd(10)} (${sub.length} sub-items not in the gold's scheme: ${sub.map((s) => s.path).join(', ')})`);
        got = all
          .filter((s) => !sub.includes(s))
          .map((s) => ({ path: s.path, text: s.heading ?? s.text }));
      } catch (e) {
        log(`${v.label.padEnd(10)} FAILED: ${(e as Error).message}`);
        rows.push({ label: v.label, p: 0, r: 0 });
        continue;
      }
      const exp = new Map(expected.map((e) => [e.path, key(e.starts)]));
      let tp = 0;
      const wrong: string[] = [];
      for (const s of got) {
        const want = exp.get(s.path);
        if (want !== undefined && key(s.text).startsWith(want)) tp++;
        else wrong.push(`${s.path} "${s.text.slice(0, 40)}"`);
      }
      const found = new Set(got.filter((s) => exp.has(s.path) && key(s.text).startsWith(exp.get(s.path)!)).map((s) => s.path));
      const missing = expected.filter((e) => !found.has(e.path)).map((e) => e.path);
      const m = prf(tp, got.length - tp, expected.length - found.size);
      rows.push({ label: v.label, p: m.p, r: m.r });
      log(`${v.label.padEnd(10)} structure precision ${pct(m.p)} recall ${pct(m.r)} (${tp}/${got.length} found, ${expected.length} expected)`);
      if (wrong.length) log(`  extra/wrong: ${wrong.slice(0, 8).join('; ')}`);
      if (missing.length) log(`  missing: ${missing.join(', ')}`);
    }
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) await evalStructure();
