/**
 * The one key of a document symbol, for comparing symbols however they are written:
 * "50-CT/TW" ≡ "50 - CT/TW" ≡ "50–CT/TW" ≡ "050-CT/TW" ≡ "50-ct/tw" (letters compared upper-case,
 * so "QĐ" and "QĐi" stay apart; the number without leading zeros).
 */
export function symbolKey(id: string): string {
  const s = id.normalize('NFC').replace(/\s+/g, '').replace(/[–—‐]/g, '-');
  const m = /^0*(\d+)(.*)$/.exec(s);
  return m ? `${m[1]}${m[2].toUpperCase()}` : s.toUpperCase();
}

export function sameSymbol(a: string, b: string): boolean {
  return symbolKey(a) === symbolKey(b);
}
