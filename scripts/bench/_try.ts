import { collect } from '../../src/batch/index.js';
import { diffHook } from '../../src/batch/hooks/diff.js';
import { corpusFiles } from '../../test/helpers.js';
const files = corpusFiles();
const base = files.find(f => f.includes('tap-doan'))!;
const t0 = performance.now();
const items = await collect(files, { workers: 2, hooks: [diffHook({ base })] });
console.log((performance.now()-t0).toFixed(0));
for (const i of items) console.log(i.file.split('/').pop(), i.ok ? JSON.stringify((i.extra.diff as any[]).map(x => x.diff.summary.coverage)) + ' ' + JSON.stringify(Object.fromEntries(Object.entries(i.timings).map(([k,v])=>[k,Math.round(v)]))) : i.code + ' ' + i.reason);
