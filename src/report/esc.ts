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
