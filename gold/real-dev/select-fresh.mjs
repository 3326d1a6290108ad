// Picks the fresh held-out set of session 5 (see README, "Fresh held-out set"): deterministic, from the
// files' text and INDEX.tsv only (no pipeline output). Usage: node gold/real-dev/select-fresh.mjs /work/shared/real-dev
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] ?? '../shared/real-dev';
const here = path.dirname(new URL(import.meta.url).pathname);
const inGold = new Set(readFileSync(path.join(here, 'gold.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).file));
const rows = readFileSync(path.join(dir, 'INDEX.tsv'), 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split('\t'));
const docs = rows
  .filter(([f]) => !inGold.has(f))
  .map(([file, kind, , symbol]) => {
    const text = readFileSync(path.join(dir, file), 'utf8');
    const lines = text.split('\n');
    const hash = createHash('sha256').update(text).digest('hex');
    const chuTri = (text.match(/chủ trì/giu) ?? []).length;
    // a task table: a cell "STT" / "TT" followed within 15 lines by a bold header cell "Cơ quan / Đơn vị … chủ trì"
    const taskTable = lines.some((l, i) => /^\W*S?TT\W*$/u.test(l) && lines.slice(i + 1, i + 16).some((x) => /^\s*\*\*(?:cơ quan|đơn vị)[^|]*chủ trì/iu.test(x)));
    // an attached document: a kind line of its own after "ban hành kèm theo"
    const attached = [...text.matchAll(/^[|*\s]*(KẾ HOẠCH|QUY CHẾ|QUY ĐỊNH)[|*\s]*$/gmu)].map((m) => m[1]);
    return { file, kind, symbol, hash, chuTri, taskTable, attached: [...new Set(attached)], chuong: /^[|*\s]*Chương [IVX]+/mu.test(text) };
  })
  .sort((a, b) => a.hash.localeCompare(b.hash));

const picked = [];
const take = (n, why, pred) => {
  for (const d of docs) {
    if (n <= 0) break;
    if (picked.some((p) => p.file === d.file) || !pred(d)) continue;
    picked.push({ ...d, why });
    n--;
  }
};
const qd = (d) => d.kind === 'QUYẾT ĐỊNH' && d.chuTri > 0;
take(2, 'QĐ + attached Kế hoạch', (d) => qd(d) && d.attached.includes('KẾ HOẠCH'));
take(1, 'QĐ + attached Quy chế', (d) => qd(d) && d.attached.includes('QUY CHẾ'));
take(1, 'QĐ + attached Quy định', (d) => qd(d) && d.attached.includes('QUY ĐỊNH'));
take(2, 'QĐ with a task table', (d) => qd(d) && !d.attached.length && d.taskTable);
// fewer than two such tables among the files left: the remaining slot goes to the next Quyết định with "chủ trì"
take(2 - picked.filter((p) => p.why === 'QĐ with a task table').length, 'QĐ (other) with chủ trì', (d) => qd(d) && !d.attached.length);
take(2, 'Kế hoạch', (d) => d.kind === 'KẾ HOẠCH');
take(2, 'Nghị quyết (any) with chủ trì', (d) => d.kind === 'NGHỊ QUYẾT' && d.chuTri > 0);
take(1, 'Nghị quyết of the Government with chủ trì', (d) => d.kind === 'NGHỊ QUYẾT' && d.chuTri > 0 && /NQ-CP/.test(d.symbol));
take(2, 'Quy định with Chương and chủ trì', (d) => d.kind === 'QUY ĐỊNH' && d.chuTri > 0 && d.chuong);
take(2, 'Thông báo with chủ trì', (d) => d.kind === 'THÔNG BÁO' && d.chuTri > 0);
take(1, 'Hướng dẫn with chủ trì', (d) => d.kind === 'HƯỚNG DẪN' && d.chuTri > 0);
for (const p of picked) console.log([p.hash.slice(0, 8), p.file, p.kind, p.symbol || '-', `chủ trì ${p.chuTri}`, p.taskTable ? 'task table' : '', p.why].join('\t'));
console.log(picked.length, 'documents');
