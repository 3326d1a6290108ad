import { processFile } from '../src/pipeline.js';
const r = await processFile(process.argv[2], { extract: false });
const d = r.docs[0];
const i = d.text.indexOf(process.argv[3]);
console.log(i, JSON.stringify(d.text.slice(i - 80, i + 120)));
