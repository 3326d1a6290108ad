/**
 * Documents in the official layout (two-column header table, signature table, appendix task table) read
 * from DOCX and PDF: the fixtures of test/fixtures/official/ were rendered from test/helpers/official.ts by
 * scripts/official-fixtures.ts (DOCX with the `docx` package, PDF by LibreOffice). The DOCX is also rendered
 * afresh here, so the generator itself is tested.
 */
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { processFile } from '../src/pipeline.js';
import type { Doc } from '../src/model.js';
import { matchKey } from '../src/normalize/vi.js';
import { toDocx } from '../scripts/official-layout.js';
import { OFFICIAL_FIXTURES, type OfficialFixture } from './helpers/official.js';

const DIR = path.join(import.meta.dirname, 'fixtures', 'official');

function leadsOf(doc: Doc, source: 'table' | 'prose'): { lead: string; deadlines: string[] }[] {
  const byId = new Map(doc.bodies.map((b) => [b.id, b]));
  return doc.tasks
    .filter((t) => ((t as { source?: string }).source === 'table') === (source === 'table'))
    .map((t) => {
      const b = byId.get(t.lead[0] ?? '');
      const m = b?.mentions.find((x) => x.span[0] >= t.span[0] && x.span[1] <= t.span[1]) ?? b?.mentions[0];
      const dl = doc.deadlines.filter((d) => d.task === t.id).map((d) => d.text);
      return { lead: (m?.text ?? b?.name ?? '').replace(/\s+/g, ' '), deadlines: dl };
    });
}

function check(f: OfficialFixture, docs: Doc[]) {
  const d = docs[0];
  const e = f.expect;
  expect(d.meta.kind).toBe(e.kind);
  expect(d.meta.symbol).toBe(e.symbol);
  expect(d.meta.date).toBe(e.date);
  expect(matchKey(d.meta.issuer ?? '')).toBe(matchKey(e.issuer));
  expect(d.meta.signer.name).toBe(e.signer);
  expect((d.meta.title ?? '').replace(/\s+/g, ' ')).toMatch(e.title);
  expect([...new Set(d.citations.filter((c) => c.relation === 'implements').map((c) => c.id))].sort()).toEqual([...e.implements].sort());
  const table = leadsOf(d, 'table');
  for (const [lead, deadline] of e.tableLeads) {
    const row = table.find((x) => matchKey(x.lead) === matchKey(lead));
    expect(row, `table lead ${lead} in ${JSON.stringify(table)}`).toBeTruthy();
    if (deadline) expect(row!.deadlines.join(' | ').toLowerCase()).toContain(deadline.toLowerCase());
  }
  expect(table.length).toBe(e.tableLeads.length);
  const prose = leadsOf(d, 'prose').map((x) => matchKey(x.lead));
  for (const l of e.proseLeads) expect(prose, `prose lead ${l}`).toContain(matchKey(l));
  // nothing is taken from the appendix table as signer, and the signature table is not a task table
  expect(d.meta.recipients.length).toBeGreaterThan(0);
}

describe('official layout: header and signature tables, appendix task table', () => {
  for (const f of OFFICIAL_FIXTURES) {
    it(`${f.name}: DOCX rendered now by the generator`, async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'rasoat-official-'));
      const file = path.join(dir, `${f.name}.docx`);
      writeFileSync(file, await toDocx(f.doc));
      check(f, (await processFile(file)).docs);
    });
    it(`${f.name}: DOCX fixture`, async () => {
      check(f, (await processFile(path.join(DIR, `${f.name}.docx`))).docs);
    });
    it(`${f.name}: PDF fixture (LibreOffice), columns and table rebuilt from positions`, async () => {
      const file = path.join(DIR, `${f.name}.pdf`);
      expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
      check(f, (await processFile(file)).docs);
    });
  }
});
