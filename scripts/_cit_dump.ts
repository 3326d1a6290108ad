import { processFile } from '../src/pipeline.js';
import { findCitations } from '../src/extract/citations.js';
const r = await processFile(process.argv[2], { extract: false });
for (const d of r.docs) {
  const c = findCitations(d);
  console.log('== doc', d.source.index, d.meta.kind, d.meta.symbol);
  for (const x of c.value) console.log(`${x.form.padEnd(11)} ${x.relation.padEnd(10)} ${x.id.padEnd(14)} ${x.date ?? '-'} | ${x.issuer ?? '-'} | k=${x.khoa ?? '-'} | ${x.path} | «${x.text}» | T: ${x.title ?? '-'}`);
  for (const g of c.diagnostics) console.log('DIAG', g.message);
}
