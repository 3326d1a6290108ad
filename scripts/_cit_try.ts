import { processFile } from '../src/pipeline.js';
const f = process.argv[2];
const r = await processFile(f, { extract: false });
for (const d of r.docs) {
  console.log(d.source, JSON.stringify(d.meta));
  const walk = (ss: any[], depth = 0) => { for (const s of ss) { if (depth < 2) console.log(' '.repeat(depth*2) + s.path, s.kind, s.span, (s.heading ?? s.text).slice(0, 50)); walk(s.children, depth + 1); } };
  walk(d.segments);
}
