import type { Diagnostic, FailureCode, Format } from '../model.js';
import type { SourceMap } from '../normalize/markup.js';

/**
 * What every reader produces: the normalized text in the canonical layout the
 * segmenter reads — NFC, LF; one logical paragraph per line where the format
 * knows paragraphs (DOCX, PDF after reflow); numbering materialized as text
 * ("1. ", "a) "); a footnote reference as superscript digits ("¹") right after
 * the word it marks; a footnote body as its own line starting "¹ ".
 */
export interface Ingested {
  format: Format;
  encoding?: string;
  text: string;
  map: SourceMap;
  /** pages, for PDF */
  pages?: number;
}

export interface IngestOptions {
  /** refuse inputs larger than this many bytes (default 50 MiB) */
  maxBytes?: number;
  /** refuse DOCX whose parts, or PDF whose text-path streams, inflate to more than this (default 200 MiB) */
  maxInflatedBytes?: number;
  /** refuse PDFs with more pages than this (default 500) */
  maxPages?: number;
  /** run OCR on image-only PDFs when tesseract is installed (default true) */
  ocr?: boolean;
  /** OCR at most this many pages of an image-only PDF (default: all) */
  ocrMaxPages?: number;
  /**
   * the time (Date.now() milliseconds) by which the file must be done: the OCR programs are stopped, and their
   * temporary folder removed, before the worker reading the file is terminated for its time limit
   */
  deadline?: number;
}

export interface ReaderResult {
  value: Ingested | null;
  diagnostics: Diagnostic[];
}

export class IngestError extends Error {
  constructor(
    public code: FailureCode,
    message: string,
  ) {
    super(message);
  }
}

/** A positioned run of text of a PDF page's text layer (pdf.js text item, in points from the page's top left). */
export interface TextItem {
  str: string;
  x: number;
  /** baseline, points from the page top */
  y: number;
  w: number;
  size: number;
  font: string;
}

/** A line of a PDF page (from the text layer, or from OCR), in reading order. */
export interface PdfLine {
  /** 1-based page */
  page: number;
  /** index of the line on its page, top to bottom */
  index: number;
  x0: number;
  x1: number;
  /** baseline, points from the page top */
  y: number;
  /** dominant font size of the line, points */
  size: number;
  font: string;
  text: string;
  /**
   * A table already linearized ("|" cell "|" … one line break between lines, as in
   * src/segment/tables.ts): emitted as its own block, never joined to a paragraph. A ruled table
   * ('table') continued on the next page goes on with its rows; two columns side by side ('columns')
   * are the header or signature table.
   */
  block?: 'table' | 'columns';
}
export interface PdfPage {
  page: number;
  width: number;
  height: number;
  lines: PdfLine[];
}
