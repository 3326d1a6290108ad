import PDFDocument from 'pdfkit'; import { writeFileSync } from 'node:fs';
const doc = new PDFDocument({ size: 'A4', margin: 0 }); const chunks: Buffer[] = [];
doc.on('data', (c: Buffer) => chunks.push(c)); doc.on('end', () => writeFileSync('/tmp/gen.pdf', Buffer.concat(chunks)));
const y = 200;
doc.font('Times-Roman').fontSize(13).text('Sinh hoat vao ngay 03 hang thang', 110, y, { lineBreak: false });
doc.fontSize(8).text('1', 110 + doc.fontSize(13).widthOfString('Sinh hoat vao ngay 03 hang thang'), y - 3, { lineBreak: false });
doc.end();
