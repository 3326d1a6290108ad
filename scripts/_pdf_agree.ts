import { readFileSync } from 'node:fs';
import { matchKey } from '../src/normalize/vi.js';
const out = readFileSync(process.argv[2], 'utf8');
const seed = readFileSync('/work/shared/seeds/002_7cd20b194e2a205a.txt', 'utf8');
const key = (s: string) => matchKey(s.replace(/([\p{L}\p{N}]-)\s*\n\s*(?=[\p{L}\p{N}])/gu, '$1'));
const hay = key(out);
const blocks = seed.replace(/^\s*\d{1,3}\s*$/gm, "").split(/\n\s*\n/).map((b) => b.trim()).filter((b) => b && !/^-+$/.test(b));
let ok = 0;
const miss: string[] = [];
for (const b of blocks) { if (hay.includes(key(b))) ok++; else miss.push(b); }
console.log(`${ok}/${blocks.length} = ${(100 * ok / blocks.length).toFixed(1)} %`);
for (const m of miss) console.log('MISS:', JSON.stringify(m.slice(0, 300)));
const seedKey = key(seed.replace(/^\s*\d{1,3}\s*$/gm, ''));
const paras = out.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
const rev = paras.filter((p) => seedKey.includes(key(p)));
console.log(`output paragraphs found verbatim in seed: ${rev.length}/${paras.length}`);
for (const p of paras) if (!seedKey.includes(key(p))) console.log('NOT IN SEED:', p.slice(0, 200));
