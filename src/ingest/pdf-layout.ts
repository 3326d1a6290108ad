/**
 * The layout constants of the PDF reader (src/ingest/pdf.ts: lines from positioned items, the reflow into
 * paragraphs; src/ingest/pdf-tables.ts: ruled and two-column tables), each with its reason. Sizes are
 * multiples of a font size (the item's, the line's or the body text's: `× size`), gaps between lines multiples
 * of the page's usual line gap (`× line gap`), the rest PDF points (1/72 inch) or fractions of the page.
 * Tuned on the PDFs of test/fixtures and ../shared (official A4 layouts, 13–14 pt Times); a change here
 * changes how every PDF reads: check `npx vitest run test/ingest.test.ts test/official-layout.test.ts`.
 */
export const PDF_LAYOUT = {
  // ---- items → lines (itemsToLines)
  /** × size: items whose baselines differ by at most this are on one line (pdf.js baselines jitter by a few tenths) */
  BASELINE_TOLERANCE: 0.35,
  /** × size: an item smaller than this fraction of its line's size may be a superscript (a footnote number) */
  SUPERSCRIPT_SIZE: 0.85,
  /** × size: a superscript sits at most this far above the line's baseline (higher is a line of its own) */
  SUPERSCRIPT_RISE_MAX: 0.6,
  /** × size: … and at least this far above it (less is the same baseline in a smaller font) */
  SUPERSCRIPT_RISE_MIN: 0.15,
  /** pt: a superscript may start this much left of its line's first item (rounding of positions) */
  SUPERSCRIPT_X_SLACK: 1,
  /** × size: a gap this wide between items at one height separates two columns (header, signature), not two words */
  COLUMN_GAP: 2.5,
  /** × size: between two runs of capitals a gap this wide separates two header cells ("ỦY BAN NHÂN DÂN THÀNH" |
   *  "CỘNG HÒA XÃ HỘI …" stand 1.7 × size apart in Word's layout; a word space is ≈ 0.25, body text is never set so) */
  CAPS_CELL_GAP: 1.2,
  /** × size: a gap wider than this between two items without spaces is a word space (kerning gaps are smaller) */
  WORD_GAP: 0.12,
  /** pt: line sizes are compared in steps of half a point (13 and 13.04 pt are one size) */
  SIZE_STEP: 0.5,

  // ---- reflow: page furniture
  /** lines from each end of a page that may be a running header, footer or page number */
  EDGE_LINES: 2,
  /** fraction of the page height: furniture lies in the top or bottom band of this height */
  EDGE_BAND: 0.15,
  /** pt: a running header is the same text at the same height, heights compared in bands this tall */
  FURNITURE_Y_BAND: 6,
  /** a repeated edge line is furniture from this many pages on (and on at least half the pages) */
  FURNITURE_MIN_PAGES: 3,
  /** characters: a page number line is this short ("- 3 -", "Trang 3/12"), unless it says "trang"/"page" */
  PAGE_NUMBER_MAX_LENGTH: 12,

  // ---- reflow: body metrics
  /** the body size is the size carrying most characters: one sample per this many characters of a line … */
  SIZE_SAMPLE_CHARS: 10,
  /** … up to this many characters (a long line does not outweigh the rest) */
  SIZE_SAMPLE_MAX: 200,
  /** pt: a line within this of the body size is body text */
  BODY_SIZE_TOLERANCE: 0.6,
  /** quantiles of the body lines' left and right ends taken as the margins (indented and short lines aside) */
  LEFT_MARGIN_QUANTILE: 0.1,
  RIGHT_EDGE_QUANTILE: 0.9,
  /** × body size: the line gap when the page has no two body lines in a row (single spacing is ~1.2–1.3) */
  DEFAULT_LINE_GAP: 1.3,

  // ---- reflow: footnotes
  /** × body size: a footnote line is smaller than this */
  FOOTNOTE_SIZE: 0.9,
  /** fraction of the page height: footnote lines lie below this (the lower 40 % of the page) */
  FOOTNOTE_ZONE: 0.6,
  /** pt: the page height when a line's page is unknown (A4) */
  DEFAULT_PAGE_HEIGHT: 842,

  // ---- reflow: paragraphs
  /** × line gap: a larger gap between two lines starts a paragraph (officials' layouts space paragraphs by 6 pt or more) */
  PARAGRAPH_GAP: 1.3,
  /** × body size: a line starting this far right of the margin may be centered (titles, "KẾ HOẠCH") … */
  CENTERED_INDENT: 1.5,
  /** × body size: … when its room on the left and on the right differ by less than this */
  CENTERED_BALANCE: 1,
  /** × body size: a line ending this far before the right edge is a paragraph's last line */
  SHORT_LINE: 2.5,
  /** × body size: a line indented this much more than the paragraph's lines starts a new paragraph (first-line indent) */
  INDENT: 0.8,
  /** pt: lines whose sizes differ by more than this are not one paragraph (a heading above body text) */
  SIZE_CHANGE: 1,
  /** characters per page: fewer on average and the PDF is a scan (OCR) */
  MIN_TEXT_PER_PAGE: 20,

  // ---- tables (pdf-tables.ts)
  /** pt: a drawn path thinner than this is a rule (table border) */
  RULE_THICKNESS: 2.5,
  /** pt: a horizontal rule is at least this long (shorter ones are underlines of words or decorations) */
  H_RULE_MIN_LENGTH: 15,
  /** pt: a vertical rule is at least this long */
  V_RULE_MIN_LENGTH: 6,
  /** pt: rules closer than this are one (double borders, rounding) */
  RULE_MERGE: 2,
  /** pt: a vertical rule crosses a band when it reaches within this of its top and bottom */
  RULE_SLACK: 2,
  /** a band is a table row when this many vertical rules cross it (two cells at least) */
  MIN_ROW_RULES: 3,
  /** pt: a band thinner than this is the gap of a double border, not a row */
  MIN_ROW_HEIGHT: 4,
  /** pt: a row whose top is within this of the last row's bottom continues the same table */
  ROW_JOIN: 2,
  /** × size: a glyph box reaches this far above the baseline (ascender) … */
  ASCENT: 0.8,
  /** × size: … and this far below it (descender) */
  DESCENT: 0.2,
  /** pt: an item belongs to a cell when its anchor lies within this of the cell's rules */
  CELL_SLACK: 1,
  /** × size: two lines at one height differ by less than this (the side-by-side pair of a two-column block) */
  SAME_HEIGHT: 0.4,
  /** pt: a left-column line ends at most this far right of where the right column starts */
  LEFT_COLUMN_SLACK: 2,
  /** × size: a right-column line starts at most this far left of the pair's right line (a centered column) */
  RIGHT_COLUMN_SLACK: 1.5,
  /** × line gap: lines this close above the pair still belong to the block (a taller left cell) */
  BLOCK_ABOVE: 2.2,
  /** × line gap: a block ends at a gap larger than this */
  BLOCK_BELOW: 5,
} as const;
