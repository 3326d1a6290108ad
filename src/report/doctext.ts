/**
 * A document's full text as HTML, one anchored block per segment, so that every
 * claim of a report can link to the exact place (`#seg-<id>`) it comes from.
 */
import type { Doc, Segment } from '../model.js';
import { esc } from './esc.js';
import { segAnchor } from './common.js';

function labelText(s: Segment): string {
  if (!s.label) return '';
  if (s.kind === 'bullet') return s.label;
  if (/^[a-zđ]$/i.test(s.label) && !/^[IVXLC]+$/.test(s.label)) return s.label + ')';
  if (/^\(.*\)$/.test(s.label)) return s.label;
  return s.label + '.';
}

function renderSegment(s: Segment): string {
  const own = s.kind === 'heading' ? '' : s.text;
  const lbl = s.kind === 'heading' || s.kind === 'paragraph' || s.kind === 'footnote' ? '' : labelText(s);
  const parts = [
    lbl ? `<span class="lbl">${esc(lbl)}</span>` : '',
    s.kind === 'footnote' && s.footnote ? `<sup>${esc(s.footnote)}</sup> ` : '',
    s.heading ? `<span class="hd">${esc(s.heading)}</span>${own ? ' ' : ''}` : '',
    s.kind === 'heading' ? `<span class="hd">${esc(s.text)}</span>` : esc(own),
    s.children.map(renderSegment).join(''),
  ];
  return `<div class="seg k-${esc(s.kind)}" id="${esc(segAnchor(s))}" title="${esc(s.path)}">${parts.join('')}</div>`;
}

export function docTextHtml(doc: Doc): string {
  return `<div class="doctext" lang="vi">${doc.segments.map(renderSegment).join('')}</div>`;
}
