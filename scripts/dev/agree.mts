import { processFile } from '../../src/pipeline.js';
import { matchKey } from '../../src/normalize/vi.js';
const [a] = (await processFile(process.argv[2], { extract: false })).docs;
const [b] = (await processFile(process.argv[3], { extract: false })).docs;
const lv = (d: any) => { const o: any[] = []; const v = (s: any) => s.children.length ? s.children.forEach(v) : o.push(s); d.segments.forEach(v); return o.filter((s) => !['header','recipients','signature'].includes(s.kind)); };
const B = new Map(lv(b).map((s) => [matchKey(s.text), s]));
for (const s of lv(a)) if (!B.has(matchKey(s.text))) { console.log('TXT', s.path, JSON.stringify(s.text.slice(0, 200))); const c = lv(b).find((x) => x.path === s.path); console.log('OTH', c?.path, JSON.stringify(c?.text.slice(0, 200))); }
