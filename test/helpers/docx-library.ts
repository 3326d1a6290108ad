/**
 * The Word report built wholly with the `docx` library (how src/report/docx.ts made it before writing the
 * blocks itself): the reference the fast writer is checked against, byte for byte (test/docx.test.ts).
 */
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType, convertMillimetersToTwip } from 'docx';
import type { DiffResult } from '../../src/model.js';
import type { Analysis } from '../../src/report/common.js';
import { type Block, type ParaOpts, deterministicZip, documentOptions, reportContent } from '../../src/report/docx.js';
import { xmlText } from '../../src/report/esc.js';

const FONT = 'Times New Roman';
const SIZE = 26;
const SMALL = 24;

function p(text: string, o: ParaOpts = {}): Paragraph {
  return new Paragraph({
    alignment: o.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    spacing: { before: o.before ?? 0, after: o.after ?? 60 },
    indent: o.indent ? { firstLine: convertMillimetersToTwip(10) } : undefined,
    children: [new TextRun({ text: xmlText(text), bold: o.bold, italics: o.italics, font: FONT, size: o.size ?? SIZE })],
  });
}

function cell(text: string, o: { bold?: boolean; width?: number; center?: boolean; shade?: string } = {}): TableCell {
  return new TableCell({
    width: o.width ? { size: o.width, type: WidthType.PERCENTAGE } : undefined,
    verticalAlign: VerticalAlign.TOP,
    shading: o.shade ? { fill: o.shade, color: 'auto', type: 'clear' } : undefined,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: text.split('\n').map((l) => new Paragraph({ alignment: o.center ? AlignmentType.CENTER : AlignmentType.LEFT, children: [new TextRun({ text: xmlText(l), bold: o.bold, font: FONT, size: SMALL })] })),
  });
}

function block(b: Block): Paragraph | Table {
  if (b.type === 'p') return p(b.text, b.o);
  if (b.type === 'info') {
    const none = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
    return new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
      rows: b.rows.map(([k, v]) => new TableRow({ children: [cell(k, { bold: true, width: 28 }), cell(v, { width: 72 })] })),
    });
  }
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: b.header.map((h, i) => cell(h, { bold: true, width: b.widths[i], center: true, shade: 'E7E6E6' })) }),
      ...b.rows.map((r) => new TableRow({ cantSplit: false, children: r.map((c, i) => cell(c, { width: b.widths[i], center: i === 0 })) })),
    ],
  });
}

export async function planDocxWithLibrary(a: Analysis, d: DiffResult): Promise<Buffer> {
  const c = reportContent(a, d);
  const { sectionProperties, ...o } = documentOptions(c.title, c.description);
  const document = new Document({ ...o, sections: [{ properties: sectionProperties, children: c.blocks.map(block) }] });
  return deterministicZip(await Packer.toBuffer(document), c.date);
}
