import { processFile } from '../../src/pipeline.js';
import { walk } from '../../src/segment/index.js';
const r = await processFile(process.argv[2]);
const d = r.docs[Number(process.argv[4] ?? 0)];
for (const s of walk(d.segments)) if (s.path === process.argv[3]) console.log(JSON.stringify({ ...s, children: s.children.map((c) => c.path) }, null, 1).slice(0, 3000));
