/**
 * The charts page and the citation graph page in headless Chromium (Debian's chromium driven
 * by playwright-core), opened from file://: no request leaves the machine, no console error,
 * readable at 1400 px and at 400 px (no page-wide horizontal scroll, chart text ≥ 12 px, graph
 * zoom ≥ 0.5), every chart bar a link to an existing page and anchor, the graph drawn by
 * Cytoscape with every document, the replaced 10-CT/TW flagged and the citations of it marked.
 * Screenshots go to a temp folder, or to docs/screenshots/ when RASOAT_SCREENSHOTS=1.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { writeOutputs } from '../src/commands/analyze.js';
import { flaggedGraph } from '../src/report/citegraph.js';
import type { Analysis } from '../src/report/common.js';
import { buildSite } from '../src/report/outputs.js';
import { ROOT, corpusAnalysis } from './helpers/report-fixture.js';

const EXE = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => !!p && existsSync(p));
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SHOTS = process.env.RASOAT_SCREENSHOTS === '1' ? path.join(ROOT, 'docs', 'screenshots') : mkdtempSync(path.join(os.tmpdir(), 'rasoat-shots-'));
if (!EXE) console.warn('charts-graph.test.ts: SKIPPED — chromium not found (apt-get install chromium, or set CHROMIUM_PATH)');

describe.skipIf(!EXE)(EXE ? 'charts and citation graph in headless Chromium' : 'charts and citation graph — SKIPPED: chromium not found', () => {
  let browser: Browser;
  let site: string;
  let a: Analysis;

  beforeAll(async () => {
    a = (await corpusAnalysis()).analysis;
    site = mkdtempSync(path.join(os.tmpdir(), 'rasoat-charts-'));
    await writeOutputs(site, await buildSite(a));
    browser = await chromium.launch({ executablePath: EXE, args: ARGS });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** Open a page at a width; collect every request that is not a local file and every console error. */
  async function open(file: string, width: number): Promise<{ page: Page; external: string[]; errors: string[] }> {
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, locale: 'vi-VN' });
    const external: string[] = [];
    const errors: string[] = [];
    await ctx.route('**/*', (route) => {
      const u = route.request().url();
      if (/^(file:|data:|about:)/.test(u)) return route.continue();
      external.push(u);
      return route.abort();
    });
    const page = await ctx.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(pathToFileURL(path.join(site, file)).href);
    await page.waitForLoadState('load');
    return { page, external, errors };
  }

  async function shot(page: Page, name: string) {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, name) });
  }

  /** No horizontal scroll of the whole page (wide content scrolls inside its own box). */
  const pageFits = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

  for (const width of [1400, 400]) {
    it(`charts.html at ${width} px: offline, no console error, readable, every bar a working link`, async () => {
      const { page, external, errors } = await open('charts.html', width);
      expect(await page.locator('svg.chart').count()).toBe(6);
      expect(await pageFits(page)).toBe(true);
      const sizes = await page.locator('svg.chart text').evaluateAll((els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize)));
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
      const hrefs = await page.locator('svg.chart a').evaluateAll((els) => els.map((e) => e.getAttribute('href')!));
      expect(hrefs.length).toBeGreaterThan(10);
      for (const h of new Set(hrefs)) {
        const [file, frag] = h.split('#');
        expect(existsSync(path.join(site, file)), h).toBe(true);
        if (frag) expect(readFileSync(path.join(site, file), 'utf8'), h).toContain(`id="${decodeURIComponent(frag)}"`);
      }
      // each chart has its rows under it
      expect(await page.locator('section.chartbox details table').count()).toBe(6);
      await shot(page, `charts-${width}.png`);
      expect(external).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    }, 150_000);

    it(`graph.html at ${width} px: Cytoscape draws every document offline; replaced documents and citations of them flagged`, async () => {
      const { page, external, errors } = await open('graph.html', width);
      await page.waitForFunction(() => !!(window as unknown as { rasoatGraph?: unknown }).rasoatGraph, undefined, { timeout: 100_000, polling: 200 });
      const g = flaggedGraph(a);
      const info = await page.evaluate(() => {
        const cy = (window as unknown as { rasoatGraph: any }).rasoatGraph; // eslint-disable-line @typescript-eslint/no-explicit-any
        return {
          nodes: cy.nodes().length,
          edges: cy.edges().length,
          zoom: cy.zoom(),
          replaced: cy.nodes('[replaced = 1]').map((n: any) => n.id()), // eslint-disable-line @typescript-eslint/no-explicit-any
          stale: cy.edges('[stale = 1]').length,
          canvas: document.querySelectorAll('#cy canvas').length,
          visible: cy.nodes().filter((n: any) => { const p = n.renderedPosition(); return p.x >= 0 && p.y >= 0 && p.x <= cy.width() && p.y <= cy.height(); }).length, // eslint-disable-line @typescript-eslint/no-explicit-any
        };
      });
      expect(info.nodes).toBe(g.nodes.length);
      expect(info.edges).toBe(g.edges.length);
      expect(info.canvas).toBeGreaterThan(0);
      expect(info.zoom).toBeGreaterThanOrEqual(0.5); // labels at ≥ 6 px × zoom … 12 px font × 0.5 = 6 px minimum; fit keeps ≥ 0.6
      expect(info.visible).toBeGreaterThan(0);
      expect(info.replaced.some((id: string) => id.startsWith('10-CT/TW'))).toBe(true);
      expect(info.stale).toBeGreaterThan(0);
      expect(await pageFits(page)).toBe(true);
      // tapping a node shows what it cites and who cites it
      // (block bodies: returning a Cytoscape collection would make Playwright serialize the whole graph)
      await page.evaluate(() => {
        (window as unknown as { rasoatGraph: any }).rasoatGraph.nodes('[replaced = 1]')[0].emit('tap'); // eslint-disable-line @typescript-eslint/no-explicit-any
      });
      expect(await page.evaluate(() => document.getElementById('graph-info')!.textContent)).toMatch(/10-CT\/TW/);
      // the chain and the stale citations are listed with links
      expect(await page.locator('#thay-the + ul li').first().innerText()).toMatch(/10-CT\/TW\s*→\s*50-CT\/TW/);
      expect(await page.locator('#trich-dan-van-ban-bi-thay-the + div table tbody tr').count()).toBeGreaterThan(0);
      // relation filter hides edges
      // (set through the DOM: Playwright's actionability checks wait on the canvas's animation frames)
      const toggle = (on: boolean) =>
        page.evaluate((v) => {
          const cb = document.querySelector<HTMLInputElement>('input[data-rel="references"]')!;
          cb.checked = v;
          cb.dispatchEvent(new Event('change'));
        }, on);
      await toggle(false);
      const shown = await page.evaluate(() => (window as unknown as { rasoatGraph: any }).rasoatGraph.edges().filter((e: any) => e.style('display') !== 'none').length); // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(shown).toBe(g.edges.filter((e) => e.relation !== 'references').length);
      await toggle(true);
      await page.evaluate(() => {
        (window as unknown as { rasoatGraph: any }).rasoatGraph.emit('tap'); // eslint-disable-line @typescript-eslint/no-explicit-any
      });
      await shot(page, `graph-${width}.png`);
      expect(external).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    }, 150_000);
  }
});
