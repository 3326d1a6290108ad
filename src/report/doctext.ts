/**
 * A document's full text as HTML, one anchored block per segment, so that every
 * claim of a report can link to the exact place (`#seg-<id>`) it comes from.
 */
import type { Doc, Segment } from '../model.js';
import { esc } from './esc.js';
import { segAnchor } from './common.js';
import { visit } from '../segment/tree.js';

function labelText(s: Segment): string {
  if (!s.label) return '';
  if (s.kind === 'bullet') return s.label;
  if (/^[a-zđ]$/i.test(s.label) && !/^[IVXLC]+$/.test(s.label)) return s.label + ')';
  if (/^\(.*\)$/.test(s.label)) return s.label;
  return s.label + '.';
}

/** A segment's opening tag and its own content (label, heading, own text); its children follow, then `</div>`. */
function openSegment(s: Segment): string {
  const own = s.kind === 'heading' ? '' : s.text;
  const lbl = s.kind === 'heading' || s.kind === 'paragraph' || s.kind === 'footnote' ? '' : labelText(s);
  const parts = [
    lbl ? `<span class="lbl">${esc(lbl)}</span>` : '',
    s.kind === 'footnote' && s.footnote ? `<sup>${esc(s.footnote)}</sup> ` : '',
    s.heading ? `<span class="hd">${esc(s.heading)}</span>${own ? ' ' : ''}` : '',
    s.kind === 'heading' ? `<span class="hd">${esc(s.text)}</span>` : esc(own),
  ];
  return `<div class="seg k-${esc(s.kind)}" id="${esc(segAnchor(s))}" title="${esc(s.path)}">${parts.join('')}`;
}

export function docTextHtml(doc: Doc): string {
  const out: string[] = ['<div class="doctext" lang="vi">'];
  // pre-order: before a segment, close the blocks of the segments that are not its ancestors
  let open = 0;
  visit(doc.segments, (s, ancestors) => {
    for (; open > ancestors.length; open--) out.push('</div>');
    out.push(openSegment(s));
    open++;
  });
  for (; open > 0; open--) out.push('</div>');
  out.push('</div>');
  return out.join('');
}
