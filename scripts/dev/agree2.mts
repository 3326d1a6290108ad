import { processFile } from '../../src/pipeline.js';
import { matchKey } from '../../src/normalize/vi.js';
import { diffWords } from 'diff';
const [a] = (await processFile(process.argv[2], { extract: false })).docs;
const [b] = (await processFile(process.argv[3], { extract: false })).docs;
const lv = (d: any) => { const o: any[] = []; const v = (s: any) => s.children.length ? s.children.forEach(v) : o.push(s); d.segments.forEach(v); return o.filter((s) => !['header','recipients','signature'].includes(s.kind)); };
const B = lv(b);
for (const s of lv(a)) { const c = B.find((x) => x.path === s.path); if (c && matchKey(c.text) !== matchKey(s.text)) { console.log(s.path, diffWords(matchKey(s.text), matchKey(c.text)).filter(p => p.added || p.removed).map(p => (p.added ? '+' : '-') + JSON.stringify(p.value)).join(' ')); } }
