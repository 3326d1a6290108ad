/**
 * A footnote printed in the middle of a paragraph (a page break fell inside the
 * paragraph, so the note sits between its two halves) is moved after the end of
 * that paragraph, so the paragraph reads as one and the note stays whole.
 */
const FN = /^[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s+\S/;
const TERMINAL = /(?:[.:!?…]|\.\/\.)["”’)\]]*$/;
const MARKER = /^(?:[IVX]+\.|\d{1,2}(?:\.\d{1,2})*\.|\(\d+\)|[a-zđ]\)|[-–+•])\s/u;

export function relocateFootnotes(text: string): { text: string; moved: number } {
  let lines = text.split('\n');
  let moved = 0;
  for (let guard = 0; guard < 50; guard++) {
    let changed = false;
    for (let i = 0; i < lines.length; i++) {
      if (!FN.test(lines[i].trim())) continue;
      let p = i - 1;
      while (p >= 0 && !lines[p].trim()) p--;
      // skip a separator rule left above the note
      let n = i + 1;
      while (n < lines.length && !lines[n].trim()) n++;
      if (p < 0 || n >= lines.length) continue;
      const prev = lines[p].trim();
      const next = lines[n].trim();
      if (TERMINAL.test(prev) || MARKER.test(next) || FN.test(next)) continue;
      if (!/^[\p{Ll}\d(“"]/u.test(next)) continue;
      // the paragraph's remainder: from n to the first line that ends a sentence
      let e = n;
      while (e < lines.length - 1 && !TERMINAL.test(lines[e].trim())) e++;
      const note = lines.slice(p + 1, n); // blank lines + note (+ blanks)
      const rest = lines.slice(n, e + 1);
      lines = [...lines.slice(0, p + 1), ...rest, '', ...note.filter((l) => l.trim()), '', ...lines.slice(e + 1)];
      moved++;
      changed = true;
      break;
    }
    if (!changed) break;
  }
  return { text: lines.join('\n'), moved };
}
