import { processFile } from '../../src/pipeline.js';
import { walk } from '../../src/segment/index.js';
const f = process.argv[2];
const r = await processFile(f);
for (const d of r.docs) {
  console.log('=== DOC', d.source.index, JSON.stringify(d.meta));
  for (const s of walk(d.segments)) if (s.kind !== 'paragraph' && s.kind!=='heading' && s.kind!=='bullet' || process.argv[3]) console.log(s.kind.padEnd(10), s.path.padEnd(14), (s.heading ?? s.text).slice(0, 70).replace(/\n/g,' | '));
  console.log(d.diagnostics);
}
