/**
 * The review workbench end to end in headless Chromium (Debian's chromium driven by
 * playwright-core), on SQLite and (with RASOAT_TEST_PG) PostgreSQL: create a round,
 * drop three plans on the upload zone, wait for the analysis, record verdicts of each
 * kind with the keyboard, export the letter and open the DOCX, upload a revised plan
 * and see kept and suspect verdicts, restart the server and find everything again.
 * Screenshots of each step go to the temp folder, or to docs/screenshots/ when
 * RASOAT_SCREENSHOTS=1 (refreshed on request only).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Workbench } from '../src/serve/app.js';
import type { OpenDb } from '../src/serve/db.js';
import { BASE_FILE, DB_KINDS, PLAN_FILES, startApp, tempDb, type TempDb } from './helpers/serve-fixture.js';
import { revisedPlan } from './helpers/revision.js';
import { ROOT } from './helpers/report-fixture.js';

const EXE = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => !!p && existsSync(p));
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const HP_HEADER = 'THÀNH ỦY HẢI PHÒNG\n*\nSố 248-KH/TU\n\nĐẢNG CỘNG SẢN VIỆT NAM\nHải Phòng, ngày 15 tháng 9 năm 2025\n\n';
/** analysis of three plans on a 2-core machine shared with other jobs: generous, never a race */
const ANALYSIS_MS = 240_000;
const SHOTS = process.env.RASOAT_SCREENSHOTS === '1' ? path.join(ROOT, 'docs', 'screenshots') : mkdtempSync(path.join(os.tmpdir(), 'rasoat-serve-shots-'));

if (!EXE) console.warn('serve-browser.test.ts: SKIPPED — chromium not found (apt-get install chromium, or set CHROMIUM_PATH)');

for (const k of DB_KINDS) {
  const skip = !EXE || k.skip;
  describe.skipIf(skip)(`workbench in headless Chromium on ${k.label}${EXE ? '' : ' — SKIPPED: chromium not found'}`, () => {
    let browser: Browser;
    let page: Page;
    let t: TempDb;
    let wb: Workbench;
    let store: OpenDb;
    let url = '';
    const dialogs: string[] = [];
    const errors: string[] = [];
    const shot = async (name: string) => {
      mkdirSync(SHOTS, { recursive: true });
      // the SQLite run provides the documentation screenshots
      if (k.kind === 'sqlite' || !SHOTS.includes('docs')) await page.screenshot({ path: path.join(SHOTS, `serve-${name}.png`), fullPage: false });
    };
    const start = async () => {
      ({ wb, store } = await startApp(t));
      url = (await wb.app.listen({ host: '127.0.0.1', port: 0 })).replace('127.0.0.1', '127.0.0.1');
    };

    beforeAll(async () => {
      t = await tempDb(k.kind);
      await start();
      browser = await chromium.launch({ executablePath: EXE!, args: ARGS });
      const ctx = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
      page = await ctx.newPage();
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
    });
    afterAll(async () => {
      await browser?.close();
      await wb?.close();
      await store?.close();
      await t?.drop();
    });

    let roundUrl = '';
    let tinhUrl = '';

    it('creates a round and takes three plans dropped on the upload zone', async () => {
      await page.goto(url + '/');
      await page.fill('input[name=title]', 'Rà soát kế hoạch thực hiện Chỉ thị 50-CT/TW');
      await page.fill('input[name=due]', '2026-12-31');
      await page.setInputFiles('input[name=base]', BASE_FILE);
      await shot('1-new-round');
      await Promise.all([page.waitForURL(/\/rounds\/[0-9a-f-]+$/), page.click('#new-round button[type=submit]')]);
      roundUrl = page.url();
      // drag and drop: a DataTransfer holding the three files, dropped on the zone
      // the Hải Phòng plan as it is sent, with its header (issuer, number, place and date); the other two are the
      // corpus copies without one
      const files = PLAN_FILES.map((f) => ({ name: path.basename(f), b64: (f.includes('hai-phong') ? Buffer.concat([Buffer.from(HP_HEADER), readFileSync(f)]) : readFileSync(f)).toString('base64') }));
      await page.evaluate((fs) => {
        const dt = new DataTransfer();
        for (const f of fs) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name, { type: 'text/plain' }));
        document.querySelector('#drop')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, files);
      // every upload settles (stored or refused); a refused one fails here with its message, not as a timeout
      await page.waitForFunction(() => document.querySelectorAll('#uploads li.ok, #uploads li.bad').length === 3, null, { timeout: 120_000 });
      expect(await page.$$eval('#uploads li.bad', (ls) => ls.map((l) => l.textContent))).toEqual([]);
      const progress = await page.$$eval('#uploads progress', (ps) => ps.map((p) => (p as HTMLProgressElement).value));
      expect(progress).toEqual([100, 100, 100]);
      await shot('2-uploaded');
      await page.waitForFunction(() => document.querySelectorAll('#plans tbody tr[data-status="done"]').length === 3, null, { timeout: ANALYSIS_MS });
      await shot('3-analysed');
      const labels = await page.$$eval('#plans tbody tr td:first-child a', (as) => as.map((a) => a.textContent));
      expect(labels.some((l) => l!.startsWith('Ban Thường vụ Tỉnh ủy —'))).toBe(true);
      // issuer, number and date read from the header
      expect(labels).toContain('Thành ủy Hải Phòng — số 248-KH/TU, 15/9/2025');
      // a copy without its header: the reviewer types its number and date on the round page
      const row = page.locator('#plans tbody tr', { hasText: 'Ban Thường vụ Tỉnh ủy' });
      await row.locator('details.meta summary').click();
      await row.locator('input[name=symbol]').fill('125-KH/TU');
      await row.locator('input[name=date]').fill('2025-09-05');
      await row.locator('.meta-form button[type=submit]').click();
      await page.waitForFunction(() => [...document.querySelectorAll('#plans tbody tr td:first-child a')].some((a) => a.textContent === 'Ban Thường vụ Tỉnh ủy — số 125-KH/TU, 05/9/2025'));
      tinhUrl = await page.$eval('#plans tbody tr td:first-child a >> nth=0', () => '').catch(() => '');
      tinhUrl = (await page.locator('#plans a', { hasText: 'Ban Thường vụ Tỉnh ủy' }).getAttribute('href'))!;
    }, ANALYSIS_MS + 60_000);

    async function goTo(key: string) {
      for (let i = 0; i < 200; i++) {
        const cur = await page.$eval('.finding.current', (e) => (e as HTMLElement).dataset.key).catch(() => null);
        if (cur === key) return;
        await page.keyboard.press('j');
      }
      throw new Error(`finding ${key} not reached with j`);
    }
    const badge = (key: string) => page.$eval(`.finding[data-key="${key}"] .verdict`, (e) => e.textContent ?? '');

    it('records verdicts of each kind with the keyboard', async () => {
      await page.goto(url + tinhUrl);
      await page.keyboard.press('j');
      // 3#2 is covered (the base's OCR slip "tinh túy giác" is not the plan's change, issue 11): no card to judge
      // with the keyboard; its verdict is recorded through the API so that the revision below can make it suspect
      await page.evaluate(async (u) => {
        const t = document.querySelector('meta[name=csrf]')!.getAttribute('content')!;
        const r = await fetch('/api' + u + '/verdicts', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': t }, body: JSON.stringify({ key: '3#2', decision: 'agree' }) });
        if (r.status !== 201) throw new Error('verdict ' + r.status);
      }, tinhUrl);
      await goTo('6#2');
      await page.keyboard.press('a');
      await page.waitForFunction(() => document.querySelector('.finding[data-key="6#2"] .badge')?.textContent === 'Đồng ý');
      await goTo('7#2');
      await page.keyboard.press('n');
      await page.keyboard.type('Tỉnh không có loại hình chi bộ này');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector('.finding[data-key="7#2"] .badge')?.textContent === 'Không áp dụng');
      await goTo('8#1');
      await page.keyboard.press('l');
      await page.keyboard.type('II.8');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector('.finding[data-key="8#1"] .badge')?.textContent === 'Liên kết đoạn khác');
      await goTo('9#2');
      await page.keyboard.press('a');
      await page.waitForFunction(() => document.querySelector('.finding[data-key="9#2"] .badge')?.textContent === 'Đồng ý');
      await page.keyboard.press('c');
      await page.keyboard.type('Nêu rõ trong công văn');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => /Nêu rõ trong công văn/.test(document.querySelector('.finding[data-key="9#2"] .verdict')?.textContent ?? ''));
      await goTo('9#1');
      await page.keyboard.press('r');
      await page.waitForFunction(() => document.querySelector('.finding[data-key="9#1"] .badge')?.textContent === 'Không đồng ý');
      // k goes back
      await page.keyboard.press('k');
      const order = await page.$$eval('.finding', (es) => es.map((e) => (e as HTMLElement).dataset.key));
      expect(await page.$eval('.finding.current', (e) => (e as HTMLElement).dataset.key)).toBe(order[order.indexOf('9#1') - 1]);
      expect(await badge('7#2')).toContain('Tỉnh không có loại hình chi bộ này');
      expect(await badge('8#1')).toMatch(/Liên kết: II\.8/);
      await shot('4-review');
    });

    let docx: Buffer;
    it('exports the letter after editing it, as a công văn in the Party format', async () => {
      await page.click('text=Soạn công văn góp ý');
      await page.waitForSelector('#letter');
      await page.fill('input[name=signer]', 'Nguyễn Văn A');
      await page.fill('input[name=number]', 'Số 125-CV/BTCTW');
      await shot('5-letter');
      const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
      const p = path.join(t.dir, 'letter.docx');
      await dl.saveAs(p);
      docx = readFileSync(p);
      const text = (await mammoth.extractRawText({ buffer: docx })).value;
      for (const part of ['ĐẢNG CỘNG SẢN VIỆT NAM', 'BAN TỔ CHỨC', 'Số 125-CV/BTCTW', 'V/v góp ý kế hoạch', 'Kính gửi: Ban Thường vụ Tỉnh ủy', 'Về nội dung điểm 9', 'Nơi nhận:', 'Nguyễn Văn A', 'Nêu rõ trong công văn'])
        expect(text).toContain(part);
      expect(text).toMatch(/^\*$/m);
      expect(text).toMatch(/Hà Nội, ngày \d\d tháng \d\d năm \d{4}/);
      expect(text).toMatch(/đề nghị bổ sung nội dung/i);
      expect(text).toMatch(/đề nghị điều chỉnh/i);
      expect(text).toMatch(/^(T\/M|K\/T|T\/L) /m);
      expect(text).not.toMatch(/rasoat|9\.-1|omitted|partial|Chỉ thị này thay thế/);
      const zip = await JSZip.loadAsync(docx);
      const headers = await Promise.all(Object.keys(zip.files).filter((f) => /^word\/header\d*\.xml$/.test(f)).map((f) => zip.file(f)!.async('string')));
      expect(headers.join('')).toMatch(/PAGE/);
    });

    it('keeps unchanged verdicts and marks changed ones suspect on a revised plan', async () => {
      await page.goto(roundUrl);
      const v1 = await (await page.request.get(url + '/api' + tinhUrl)).json();
      const omitted = v1.findings.find((f: any) => f.key === '9#2').baseText;
      const f = path.join(t.dir, 'ke-hoach-tinh-uy-ban-sua.txt');
      writeFileSync(f, revisedPlan(omitted));
      await page.setInputFiles('#files', f);
      await page.waitForFunction(() => document.querySelectorAll('#uploads li.ok').length === 1, null, { timeout: 30_000 });
      await page.waitForFunction(() => document.querySelectorAll('#plans tbody tr[data-status="done"]').length === 4, null, { timeout: ANALYSIS_MS });
      const v2url = (await page.locator('#plans a', { hasText: '(bản 2)' }).getAttribute('href'))!;
      await page.goto(url + v2url);
      expect(await page.textContent('#changes')).toMatch(/Đã khắc phục: 1/);
      expect(await badge('6#2')).toContain('Giữ từ bản trước');
      expect(await badge('7#2')).toContain('Giữ từ bản trước');
      expect(await badge('3#2')).toContain('Cần xem lại');
      await page.evaluate(() => document.querySelector('.finding[data-key="3#2"]')!.scrollIntoView({ block: 'center' }));
      await shot('6-revision');
    }, ANALYSIS_MS + 60_000);

    it('shows the overview with sticky headers and filters, and the A4 print view', async () => {
      await page.goto(roundUrl + '/overview');
      const rows = await page.$$eval('#matrix tbody tr', (rs) => rs.length);
      expect(rows).toBe(3);
      // rows labelled by issuer, number and date
      const rowLabels = await page.$$eval('#matrix tbody th.label a', (as) => as.map((a) => a.textContent));
      expect(rowLabels).toContain('Thành ủy Hải Phòng — số 248-KH/TU, 15/9/2025');
      expect(rowLabels.some((l) => l!.startsWith('Ban Thường vụ Tỉnh ủy — số 125-KH/TU, 05/9/2025'))).toBe(true);
      await page.selectOption('select[name=status]', 'omitted');
      const shown = await page.$$eval('#matrix tbody tr:not([hidden])', (rs) => rs.length);
      expect(shown).toBeGreaterThan(0);
      expect(await page.$eval('#matrix thead th.corner', (e) => getComputedStyle(e).position)).toBe('sticky');
      await page.selectOption('select[name=status]', '');
      await shot('7-overview');
      await page.goto(roundUrl + '/print');
      await page.emulateMedia({ media: 'print' });
      expect(await page.$$eval('.print-plan', (s) => s.length)).toBe(3);
      await shot('8-print');
      await page.emulateMedia({ media: 'screen' });
    });

    it('finds everything again after a restart', async () => {
      await wb.close();
      await store.close();
      await start();
      await page.goto(url + tinhUrl);
      expect(await badge('9#2')).toContain('Nêu rõ trong công văn');
      expect(await badge('7#2')).toContain('Không áp dụng');
      expect(await badge('9#1')).toContain('Không đồng ý');
      expect(errors, errors.join("\n")).toEqual([]);
      expect(dialogs).toEqual([]);
    });
  });
}
