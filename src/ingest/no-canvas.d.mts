/** pdfjs-dist's legacy build, imported without its native canvas binding (no-canvas.mjs). */
export function importPdfjs(): Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')>;
