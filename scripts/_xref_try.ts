import { readdirSync } from 'node:fs';
import { processFile } from '../src/pipeline.js';
import { buildIndex, renderIndexMarkdown } from '../src/extract/xref.js';
const dir = '/work/shared/seeds';
const docs = [];
for (const f of readdirSync(dir).filter((f) => f.endsWith('.txt'))) docs.push(...(await processFile(`${dir}/${f}`, { extract: false })).docs);
const r = buildIndex(docs);
console.log(renderIndexMarkdown(r.value));
console.log(r.diagnostics);
