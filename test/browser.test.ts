/**
 * The report site in headless Chromium (Debian's chromium driven by playwright-core),
 * opened from file://: the matrix shows the three plans of Chỉ thị 50-CT/TW and can be
 * filtered and sorted, a plan's page lists its omissions, clicking a requirement reveals
 * the plan's matching text and its link lands in the plan's text, an injection fixture
 * renders as text, and no request leaves the machine. Screenshots go to a temporary folder
 * (printed); the matrix and one plan page are copied to docs/screenshots/ for the README only when
 * RASOAT_UPDATE_SCREENSHOTS=1 (a test never writes into the work tree otherwise).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { analyzeCorpus, writeOutputs } from '../src/commands/analyze.js';
import type { DiffResult } from '../src/model.js';
import { planPage, type Analysis } from '../src/report/common.js';
import { buildSite } from '../src/report/outputs.js';
import { IMG, ROOT, SCRIPT, corpusAnalysis, injectionCorpus } from './helpers/report-fixture.js';

const EXE = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => !!p && existsSync(p));
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const OUT = mkdtempSync(path.join(os.tmpdir(), 'rasoat-shots-'));
/** docs/screenshots/ is updated only on request: `RASOAT_UPDATE_SCREENSHOTS=1 npx vitest run test/browser.test.ts` */
const SHOTS = process.env.RASOAT_UPDATE_SCREENSHOTS === '1' ? path.join(ROOT, 'docs', 'screenshots') : null;

if (!EXE) {
  // visible in the test report and on the console
  console.warn('browser.test.ts: SKIPPED — chromium not found (apt-get install chromium, or set CHROMIUM_PATH)');
}

describe.skipIf(!EXE)(EXE ? 'report site in headless Chromium' : 'report site in headless Chromium — SKIPPED: chromium not found (apt-get install chromium, or set CHROMIUM_PATH)', () => {
  let browser: Browser;
  let ctx: BrowserContext;
  let site: string;
  let injSite: string;
  let a: Analysis;
  let injA: Analysis;
  const requests: string[] = [];
  const blocked: string[] = [];
  const dialogs: string[] = [];

  async function build(analysis: Analysis, prefix: string): Promise<string> {
    const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
    await writeOutputs(dir, await buildSite(analysis));
    return dir;
  }

  async function open(dir: string, file: string, hash = ''): Promise<Page> {
    const page = await ctx.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(pathToFileURL(path.join(dir, file)).href + hash);
    return page;
  }

  async function shot(page: Page, name: string, docsCopy?: string) {
    mkdirSync(OUT, { recursive: true });
    const buf = await page.screenshot({ path: path.join(OUT, name) });
    if (docsCopy && SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      const f = path.join(SHOTS, docsCopy);
      if (!existsSync(f) || !readFileSync(f).equals(buf)) writeFileSync(f, buf);
    }
  }

  beforeAll(async () => {
    a = (await corpusAnalysis()).analysis;
    injA = (await analyzeCorpus(injectionCorpus())).analysis;
    site = await build(a, 'rasoat-site-');
    injSite = await build(injA, 'rasoat-inj-site-');
    browser = await chromium.launch({ executablePath: EXE, args: ARGS });
    ctx = await browser.newContext({ viewport: { width: 1300, height: 900 }, locale: 'vi-VN' });
    await ctx.route('**/*', (route) => {
      const u = route.request().url();
      requests.push(u);
      if (/^(file:|data:|about:)|^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//.test(u)) return route.continue();
      blocked.push(u);
      return route.abort();
    });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    console.info(`browser.test.ts: screenshots in ${OUT}`);
  });

  it('the matrix shows the three plans of Chỉ thị 50-CT/TW; filter and sort work', async () => {
    const page = await open(site, 'matrix.html');
    await expect.poll(() => page.title()).toContain('Ma trận');
    const heads = await page.locator('#matrix-0 thead th a').allInnerTexts();
    expect(heads.length).toBe(3);
    const hrefs = await page.locator('#matrix-0 thead th a').evaluateAll((els) => els.map((e) => e.getAttribute('href')));
    expect(hrefs.sort()).toEqual(a.diffs.map((d) => planPage(d.plan)).sort());
    expect(await page.locator('h1').first().innerText()).toContain('50-CT/TW');
    const n = a.diffs[0].requirements.length;
    expect(await page.locator('#matrix-0 tbody tr').count()).toBe(n);
    await shot(page, 'matrix.png', 'matrix.png');
    // filter: only rows where some plan omitted the requirement
    await page.selectOption('select[data-status="matrix-0"]', 'omitted');
    const visible = await page.locator('#matrix-0 tbody tr:not(.hidden)').count();
    const expected = a.diffs[0].requirements.filter((r) => a.diffs.some((d) => d.requirements.find((x) => x.id === r.id)?.status === 'omitted')).length;
    expect(visible).toBe(expected);
    await page.selectOption('select[data-status="matrix-0"]', '');
    await page.fill('input[data-filter="matrix-0"]', 'ngay 03'); // tone-insensitive
    const f = await page.locator('#matrix-0 tbody tr:not(.hidden)').count();
    expect(f).toBeGreaterThan(0);
    expect(f).toBeLessThan(n);
    await page.fill('input[data-filter="matrix-0"]', '');
    // sort by the first plan's column: omitted first
    await page.locator('#matrix-0 thead th').nth(2).click();
    const first = await page.locator('#matrix-0 tbody tr').first().locator('td').nth(2).innerText();
    expect(first).toMatch(/Bỏ sót|Một phần/);
    await page.close();
  });

  it("a plan's page lists its omissions first; clicking a requirement reveals its matching text, whose link lands in the plan text", async () => {
    const d: DiffResult = [...a.diffs].sort((x, y) => y.summary.omitted - x.summary.omitted)[0];
    const page = await open(site, planPage(d.plan));
    const weak = d.requirements.filter((r) => r.status === 'omitted' || r.status === 'partial');
    expect(await page.locator('#omissions tbody tr').count()).toBe(weak.length);
    const omittedText = await page.locator('#omissions').innerText();
    for (const r of weak.filter((x) => x.status === 'omitted')) expect(omittedText.replace(/\s+/g, ' ')).toContain(r.text.replace(/\s+/g, ' ').slice(0, 60));
    await shot(page, 'plan.png', 'plan.png');
    const r = d.requirements.find((x) => x.matches.length && x.status !== 'covered') ?? d.requirements.find((x) => x.matches.length)!;
    const block = page.locator(`[id="req-${r.id}"]`);
    const plantext = block.locator('.plantext');
    expect(await plantext.isVisible()).toBe(false);
    await block.locator('summary').click();
    await expect.poll(() => plantext.isVisible()).toBe(true);
    const shown = (await plantext.innerText()).replace(/\s+/g, ' ');
    const words = r.matches[0].text.replace(/\s+/g, ' ').split(' ').slice(0, 6).join(' ');
    expect(shown).toContain(words);
    await block.scrollIntoViewIfNeeded();
    await shot(page, 'plan-requirement.png');
    // the § link lands on the segment in the plan's full text
    await plantext.locator('a.path').first().click();
    const hash = decodeURIComponent(new URL(page.url()).hash.slice(1));
    expect(hash).toMatch(/^seg-/);
    const target = page.locator(`[id="${hash}"]`);
    expect(await target.isVisible()).toBe(true);
    expect(await target.evaluate((el) => el.closest('.doctext') !== null)).toBe(true);
    await page.close();
  });

  it('calendar, cross-reference and overview pages render', async () => {
    const cal = await open(site, 'calendar.html');
    expect(await cal.locator('#deadlines tbody tr').count()).toBeGreaterThan(10);
    expect(await cal.locator('#deadlines').innerText()).toContain('ngày 03 hằng tháng');
    await shot(cal, 'calendar.png');
    await cal.close();
    const x = await open(site, 'xref.html');
    expect(await x.locator('svg rect').count()).toBeGreaterThan(5);
    expect(await x.locator('#xref').innerText()).toContain('50-CT/TW');
    await shot(x, 'xref.png');
    await x.close();
    const ix = await open(site, 'index.html');
    expect(await ix.locator('table').first().locator('tbody tr').count()).toBe(3);
    await shot(ix, 'index.png');
    await ix.close();
  });

  it('the injection fixture renders as text: no dialog, no image element from the text', async () => {
    const d = injA.diffs.find((x) => x.plan.file === 'ke-hoach-injection.txt')!;
    expect(d).toBeTruthy();
    for (const file of [planPage(d.plan), 'matrix.html', 'index.html', 'calendar.html', 'xref.html']) {
      const page = await open(injSite, file);
      await page.waitForLoadState('load');
      expect(await page.locator('img').count(), file).toBe(0);
      expect(await page.locator('script').count(), file).toBe(1);
      if (file === planPage(d.plan) || file === 'index.html') expect(await page.locator('body').innerText(), file).toContain(IMG);
      if (file === planPage(d.plan)) {
        const body = await page.locator('body').innerText();
        expect(body).toContain(SCRIPT);
        await shot(page, 'injection.png');
      }
      await page.close();
    }
    expect(dialogs).toEqual([]);
  });

  it('no request leaves the machine', () => {
    expect(requests.length).toBeGreaterThan(5);
    expect(blocked).toEqual([]);
    for (const u of requests) expect(u).toMatch(/^file:\/\//);
  });
});
