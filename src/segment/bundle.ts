import type { Span } from '../model.js';
import { NAME_LINE, kindOfLine, splitLines } from './lines.js';

const RECIPIENTS = /^Nơi nhận\s*:?/iu;

/**
 * A file may bundle several documents (a plan followed by the directive it implements).
 * A new document starts after the previous one's closing (recipients and signature)
 * when another document-kind line follows. Returns one [start, end) range per document.
 */
export function splitBundle(text: string): Span[] {
  const lines = splitLines(text);
  // a kind word inside a table cell ("Quyết định" in a product column) starts no document; a table runs
  // from a "|" line until a blank line that no bar follows (src/segment/tables.ts)
  const inTable: boolean[] = [];
  let open = false;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].text;
    if (t === '|') open = true;
    else if (!t && open) {
      let j = i;
      while (j < lines.length && !lines[j].text) j++;
      if (j >= lines.length || lines[j].text !== '|') open = false;
    }
    inTable.push(open);
  }
  const kinds = lines.map((l, i) => (!inTable[i] && kindOfLine(l.text) ? i : -1)).filter((i) => i >= 0);
  // the first document's own kind line may sit in its header table (the official two-column layout read from a
  // DOCX or a PDF: "QUYẾT ĐỊNH" in the cell under "Số: …"): it anchors the first document all the same
  const first = lines.findIndex((l) => kindOfLine(l.text));
  const starts: number[] = [0];
  let prevKind = first >= 0 && (kinds[0] === undefined || first < kinds[0]) ? first : kinds[0] ?? -1;
  for (const k of kinds.filter((i) => i > prevKind)) {
    const rec = lines.findIndex((l, i) => i > prevKind && i < k && RECIPIENTS.test(l.text));
    if (rec < 0) continue;
    // the previous document ends at the signer's name after its recipients list
    let end = -1;
    for (let i = rec + 1; i < k; i++) if (NAME_LINE.test(lines[i].text)) {
      end = i;
      break;
    }
    if (end < 0) {
      for (let i = rec + 1; i < k; i++) if (/^[-–+•]/.test(lines[i].text)) end = i;
    }
    if (end < 0) continue;
    let next = end + 1;
    // past blank lines and the closing bar of the signature table
    while (next < k && (!lines[next].text || lines[next].text === '|')) next++;
    starts.push(lines[next].start - (lines[next].start - lineStartOf(text, lines[next].start)));
    prevKind = k;
  }
  return starts.map((s, i) => [s, i + 1 < starts.length ? starts[i + 1] : text.length] as Span);
}

function lineStartOf(text: string, at: number): number {
  const i = text.lastIndexOf('\n', at - 1);
  return i + 1;
}
