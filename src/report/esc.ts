/**
 * The one escaping function for HTML. Every piece of document text, metadata,
 * file name or path that reaches a page goes through `esc` (element content and
 * double-quoted attribute values alike), so a document containing `<script>` or
 * `"><img onerror=…>` shows as text.
 */
const MAP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function esc(s: unknown): string {
  if (s === null || s === undefined) return '';
  return String(s).replace(/[&<>"'`]/g, (c) => MAP[c]);
}

/** A fragment identifier / href built from document data: percent-encoded, then escaped. */
export function href(page: string, anchor?: string | null): string {
  return esc(page + (anchor ? '#' + encodeURIComponent(anchor) : ''));
}

/**
 * Characters XML 1.0 forbids (C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates) removed,
 * for text put into XML (the Word report): one of them makes the whole file unreadable.
 */
export function xmlText(s: string): string {
  return s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
}

/**
 * Document text put into Markdown (index.md, `diff --md`): Markdown punctuation escaped with a
 * backslash and HTML made inert (`<script>` shows as text, `&amp;`-like entities stay literal),
 * since Markdown passes raw HTML through to whatever renders it.
 */
export function mdText(s: unknown): string {
  if (s === null || s === undefined) return '';
  return String(s)
    .replace(/([\\`*_[\]|~#])/g, '\\$1')
    .replace(/&(?=#?\w+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}
