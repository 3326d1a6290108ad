/**
 * The review workbench through its HTTP API, on SQLite and (with RASOAT_TEST_PG) on
 * PostgreSQL: a round with the directive as base, three plans analysed in the background,
 * verdicts of each kind, a revised plan keeping unchanged verdicts and marking changed
 * ones suspect, "what changed", a base change, the letter (DOCX opened and checked),
 * the XLSX checklist, verdict export/import, duplicates, and a restart on the same database.
 */
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { BASE_FILE, DB_KINDS, PLAN_FILES, file, useWorkbench, waitAnalysed } from './helpers/serve-fixture.js';
import { revisedPlan } from './helpers/revision.js';

for (const k of DB_KINDS) {
  describe.skipIf(k.skip)(`workbench API on ${k.label}`, () => {
    const fx = useWorkbench(k.kind);
    let roundId = '';
    let plans: any[] = [];
    let tinh: any;

    it('creates a round from the directive and analyses three uploaded plans in the background', async () => {
      const r = await fx.c.upload('/api/rounds', [{ name: 'title', value: 'Rà soát Chỉ thị 50' }, { name: 'due', value: '2026-12-31' }, { ...file(BASE_FILE), name: 'base' }]);
      expect(r.statusCode).toBe(201);
      roundId = r.json().round.id;
      const info = (await fx.c.get(`/api/rounds/${roundId}`)).json();
      expect(info.base.symbol).toBe('50-CT/TW');
      const up = await fx.c.upload(`/api/rounds/${roundId}/plans`, PLAN_FILES.map(file));
      expect(up.statusCode).toBe(201);
      // stored before acknowledged: the rows exist as soon as the answer arrives
      expect(up.json().accepted).toHaveLength(3);
      const listed = (await fx.c.get(`/api/rounds/${roundId}/plans`)).json().plans;
      expect(listed).toHaveLength(3);
      plans = await waitAnalysed(fx.c, roundId);
      expect(plans.map((p) => p.status)).toEqual(['done', 'done', 'done']);
      tinh = plans.find((p) => p.name.startsWith('tinh-uy'));
      expect(tinh.label).toMatch(/^Ban Thường vụ Tỉnh ủy — /);
      expect(plans.find((p) => p.name.startsWith('tap-doan')).issuer).toMatch(/Tập đoàn Công nghiệp/);
    });

    it('lists findings grouped by point with both texts and fingerprints', async () => {
      const v = (await fx.c.get(`/api/plans/${tinh.id}`)).json();
      const omitted = v.findings.filter((f: any) => f.kind === 'omitted');
      // 9.-1#1 (the task of the provincial committees) and 9#1 (the directive replaces Chỉ thị 10) are not applicable
      // to a plan (issue 11); the dissemination half of the closing sentence, split off as 9#2, is the omission
      expect(omitted.map((f: any) => f.key)).toEqual(['9#2']);
      expect(omitted[0].point).toBe('9');
      expect(v.findings.some((f: any) => f.kind === 'changed' && f.changes.length)).toBe(true);
      expect(v.findings.some((f: any) => f.kind === 'addition')).toBe(true);
      const page = await fx.c.get(`/plans/${tinh.id}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Điểm 9');
      expect(page.body).toContain('Văn bản gốc');
      // a requirement the diff holds not applicable shows why, on its card and in the API
      const na = v.findings.find((f: any) => f.key === '9#1');
      expect(na.kind).toBe('not-applicable');
      expect(na.applicability.reason).toMatch(/thay thế văn bản cũ/);
      const card = page.body.slice(page.body.indexOf('data-key="9#1"'));
      expect(card.slice(0, card.indexOf('</article>'))).toContain(`Lý do không áp dụng:</b> ${na.applicability.reason}`);
    });

    it('labels plans by issuer, number and date; a reviewer gives them to a text that lacks its header', async () => {
      // the corpus copy of the Tỉnh ủy plan has no number line and no date: the label says so, never just the issuer
      expect(tinh.label).toBe('Ban Thường vụ Tỉnh ủy — văn bản không ghi số, ngày');
      expect((await fx.c.req('PUT', `/api/plans/${tinh.id}/meta`, { json: { symbol: '125-KH/TU', date: '5/9/2025' } })).statusCode).toBe(400);
      const r = await fx.c.req('PUT', `/api/plans/${tinh.id}/meta`, { json: { issuer: null, symbol: '125-KH/TU', date: '2025-09-05' } });
      expect(r.statusCode).toBe(200);
      expect(r.json().label).toBe('Ban Thường vụ Tỉnh ủy — số 125-KH/TU, 05/9/2025');
      const listed = (await fx.c.get(`/api/rounds/${roundId}/plans`)).json().plans.find((p: any) => p.id === tinh.id);
      expect(listed.label).toBe('Ban Thường vụ Tỉnh ủy — số 125-KH/TU, 05/9/2025');
      const ov = (await fx.c.get(`/api/rounds/${roundId}/overview`)).json();
      expect(ov.plans.map((p: any) => p.label)).toContain('Ban Thường vụ Tỉnh ủy — số 125-KH/TU, 05/9/2025');
      // every plan row of the overview page carries a number and a date or says the text has none
      const page = (await fx.c.get(`/rounds/${roundId}/overview`)).body;
      expect(page).toContain('Ban Thường vụ Tỉnh ủy — số 125-KH/TU, 05/9/2025');
      expect(page).not.toContain('không rõ số');
      // the change is CSRF-protected like every other
      expect((await fx.c.req('PUT', `/api/plans/${tinh.id}/meta`, { json: { symbol: 'x' }, csrf: false })).statusCode).toBe(403);
    });

    it('records verdicts of each kind with who, when and both fingerprints', async () => {
      const v = (await fx.c.get(`/api/plans/${tinh.id}`)).json();
      const byKey = (k: string) => v.findings.find((f: any) => f.key === k);
      const post = (json: unknown) => fx.c.post(`/api/plans/${tinh.id}/verdicts`, json);
      expect((await post({ key: '9#2', decision: 'agree' })).statusCode).toBe(201);
      expect((await post({ key: '3#2', decision: 'agree' })).statusCode).toBe(201);
      expect((await post({ key: '6#2', decision: 'agree', note: 'Bổ sung “hải đảo” nếu tỉnh có đảo' })).statusCode).toBe(201);
      expect((await post({ key: '9#1', decision: 'disagree' })).statusCode).toBe(201);
      // not applicable needs a reason
      expect((await post({ key: '7#2', decision: 'not-applicable' })).statusCode).toBe(400);
      expect((await post({ key: '7#2', decision: 'not-applicable', reason: 'Tỉnh không có chi bộ đặc thù' })).statusCode).toBe(201);
      const seg = (await fx.c.get(`/plans/${tinh.id}`)).body.match(/<option value="(II\.8[^"]*)"/)?.[1];
      expect(seg).toBeTruthy();
      const link = await post({ key: '8#1', decision: 'link', link_path: seg });
      expect(link.statusCode).toBe(201);
      expect(link.json().verdict.link_text.length).toBeGreaterThan(10);
      const note = await post({ key: '9#2', decision: null, note: 'Nhắc trong công văn' });
      expect(note.json().verdict.decision).toBe('agree'); // a note keeps the decision
      const after = (await fx.c.get(`/api/plans/${tinh.id}`)).json();
      const got = after.findings.find((f: any) => f.key === '9#2').verdict;
      expect(got).toMatchObject({ decision: 'agree', note: 'Nhắc trong công văn', user_name: expect.any(String), base_fp: byKey('9#2').baseFp, plan_fp: byKey('9#2').planFp, suspect: false });
      expect(Date.parse(got.created_at)).toBeGreaterThan(Date.now() - 60_000);
      expect(after.counts.decided).toBeGreaterThanOrEqual(5);
      const hist = (await fx.c.get(`/api/plans/${tinh.id}/verdicts/${encodeURIComponent('9#2')}`)).json().history;
      expect(hist).toHaveLength(2);
    });

    it('writes the letter from the accepted findings as a công văn (DOCX)', async () => {
      const { draft } = (await fx.c.get(`/api/plans/${tinh.id}/letter`)).json();
      expect(draft.subject).toMatch(/^V\/v góp ý kế hoạch thực hiện Chỉ thị số 50-CT\/TW/);
      draft.signer = 'Nguyễn Văn A';
      draft.points[0].items.push('Đề nghị bổ sung chỉ tiêu 1.5 lần so với năm trước.');
      expect((await fx.c.req('PUT', `/api/plans/${tinh.id}/letter`, { json: draft })).statusCode).toBe(200);
      const r = await fx.c.post(`/api/plans/${tinh.id}/letter/export`, {});
      expect(r.statusCode).toBe(200);
      const zip = await JSZip.loadAsync(r.rawPayload);
      const xml = await zip.file('word/document.xml')!.async('string');
      const text = xml.replace(/<w:tab\/>/g, '\t').replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '');
      for (const part of ['ĐẢNG CỘNG SẢN VIỆT NAM', '*', 'Số', 'V/v góp ý', 'Kính gửi', 'Ban Thường vụ Tỉnh ủy', 'Về nội dung điểm 9', 'Nơi nhận', 'Nguyễn Văn A', 'ngày']) expect(text).toContain(part);
      expect(text).toMatch(/(T\/M|K\/T|T\/L) /);
      expect(text).toMatch(/đề nghị bổ sung nội dung “và được phổ biến đến chi bộ/i);
      expect(text).toContain('1,5 lần'); // edited text kept, decimal comma
      expect(text).toMatch(/đề nghị điều chỉnh/i); // changed parameters (6#2), agreed
      if (process.env.SHOW_LETTER) console.log(text);
      expect(text).not.toMatch(/rasoat|9\.-1|#\d|omitted|partial/i);
      expect(text).not.toContain('Chỉ thị này thay thế'); // disagreed finding not in the letter
      const headers = Object.keys(zip.files).filter((f) => /word\/header\d*\.xml/.test(f));
      const hx = (await Promise.all(headers.map((h) => zip.file(h)!.async('string')))).join('');
      expect(hx).toMatch(/PAGE/); // page numbers
    });

    it('keeps unchanged verdicts and marks changed ones suspect on a revised plan; shows what was fixed', async () => {
      const v1 = (await fx.c.get(`/api/plans/${tinh.id}`)).json();
      const omittedText = v1.findings.find((f: any) => f.key === '9#2').baseText;
      const up = await fx.c.upload(`/api/rounds/${roundId}/plans`, [{ name: 'file', filename: 'tinh-uy-ke-hoach-sua-doi.txt', data: revisedPlan(omittedText) }]);
      expect(up.statusCode).toBe(201);
      const all = await waitAnalysed(fx.c, roundId);
      const v2p = all.find((p) => p.name === 'tinh-uy-ke-hoach-sua-doi.txt');
      expect(v2p.status).toBe('done');
      expect(v2p.series_id).toBe(tinh.series_id); // recognised as a new version (same issuer, same title)
      expect(v2p.version).toBe(2);
      const v2 = (await fx.c.get(`/api/plans/${v2p.id}`)).json();
      const st = (k: string) => v2.findings.find((f: any) => f.key === k)?.verdict;
      expect(st('6#2')).toMatchObject({ decision: 'agree', kept: true, suspect: false });
      expect(st('7#2')).toMatchObject({ decision: 'not-applicable', kept: true, suspect: false });
      expect(st('3#2')).toMatchObject({ decision: 'agree', suspect: true });
      expect(v2.since).toMatchObject({ version: 1, reason: 'letter' });
      expect(v2.changes.fixed).toContain('9#2');
      expect(v2.counts.kept).toBeGreaterThanOrEqual(2);
      const page = await fx.c.get(`/plans/${v2p.id}`);
      expect(page.body).toContain('Thay đổi so với lần góp ý trước');
      expect(page.body).toContain('Cần xem lại');
      expect(page.body).toContain('Giữ từ bản trước');
    });

    it('detects the same plan uploaded twice and refuses nothing silently', async () => {
      const up = await fx.c.upload(`/api/rounds/${roundId}/plans`, [file(PLAN_FILES[1])]);
      expect(up.statusCode).toBe(201);
      const all = await waitAnalysed(fx.c, roundId);
      const dup = all.find((p) => p.id === up.json().accepted[0].id);
      expect(dup.duplicate_of).toBe(plans.find((p) => p.name.startsWith('thanh-uy')).id);
      expect(dup.version).toBe(1); // a duplicate is not a revision
      const o = (await fx.c.get(`/api/rounds/${roundId}/overview`)).json();
      expect(o.plans.some((p: any) => p.duplicate_of)).toBe(true);
      const page = await fx.c.get(`/rounds/${roundId}/overview`);
      expect(page.body).toContain('Trùng với');
    });

    it('exports the checklist as XLSX with Vietnamese headers, verdicts and comments', async () => {
      const r = await fx.c.get(`/api/rounds/${roundId}/checklist.xlsx`);
      expect(r.statusCode).toBe(200);
      const wbx = new ExcelJS.Workbook();
      await wbx.xlsx.load(r.rawPayload as any);
      const ws = wbx.worksheets[0];
      const head = (ws.getRow(2).values as unknown[]).slice(1);
      expect(head).toContain('Ý kiến rà soát');
      expect(head).toContain('Ghi chú');
      const rows: string[] = [];
      ws.eachRow((row) => rows.push((row.values as unknown[]).join('|')));
      expect(rows.some((x) => x.includes('Không áp dụng') && x.includes('Tỉnh không có chi bộ đặc thù'))).toBe(true);
      expect(rows.some((x) => x.includes('Đồng ý') && x.includes('hải đảo'))).toBe(true);
    });

    it('marks verdicts suspect when the base changes', async () => {
      const base = (await import('node:fs')).readFileSync(BASE_FILE, 'utf8');
      const changed = base.replaceAll('coi đây là mệnh lệnh chính trị', 'coi đây là mệnh lệnh chính trị quan trọng');
      expect(changed).not.toBe(base);
      const all0 = (await fx.c.get(`/api/rounds/${roundId}/plans`)).json().plans;
      const th = all0.find((p: any) => p.name.startsWith('thanh-uy') && !p.duplicate_of);
      expect((await fx.c.post(`/api/plans/${th.id}/verdicts`, { key: '1#1', decision: 'agree' })).statusCode).toBe(201);
      expect((await fx.c.post(`/api/plans/${th.id}/verdicts`, { key: '2#13', decision: 'agree' })).statusCode).toBe(201);
      const r = await fx.c.upload(`/api/rounds/${roundId}/base`, [{ name: 'base', filename: 'chi-thi-50-sua.txt', data: Buffer.from(changed) }]);
      expect(r.statusCode).toBe(200);
      expect(r.json().version).toBe(2);
      await new Promise((res) => setTimeout(res, 300));
      await waitAnalysed(fx.c, roundId);
      const v = (await fx.c.get(`/api/plans/${th.id}`)).json();
      expect(v.findings.find((f: any) => f.key === '1#1').verdict).toMatchObject({ suspect: true });
      expect(v.findings.find((f: any) => f.key === '2#13').verdict).toMatchObject({ suspect: false });
    });

    it('exports and imports a round’s verdicts as JSON', async () => {
      const ex = (await fx.c.get(`/api/rounds/${roundId}/verdicts`)).json();
      expect(ex.format).toBe('rasoat-verdicts/1');
      expect(ex.verdicts.length).toBeGreaterThanOrEqual(8);
      const again = await fx.c.post(`/api/rounds/${roundId}/verdicts`, ex);
      expect(again.json()).toMatchObject({ imported: 0, skipped: ex.verdicts.length });
    });

    it('finds everything again after a restart on the same database', async () => {
      const before = (await fx.c.get(`/api/plans/${tinh.id}`)).json();
      await fx.restart();
      const after = (await fx.c.get(`/api/plans/${tinh.id}`)).json();
      expect(after.findings.map((f: any) => f.verdict?.decision ?? null)).toEqual(before.findings.map((f: any) => f.verdict?.decision ?? null));
      expect((await fx.c.get('/api/rounds')).json().rounds).toHaveLength(1);
    });
  });
}
