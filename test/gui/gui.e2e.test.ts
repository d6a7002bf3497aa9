// F3 end to end: the whole platform in this process, demo data created through the REST facades
// (fixture.ts), and the GUI driven in Debian's Chromium at 1280×720 as a DSO control-room
// engineer would use it — keyboard included. Expected numbers are worked out by hand from the
// fixture in the comments; screenshots land in docs/screenshots/ for the README.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { startGuiPlatform, ADMIN_TOKEN, type GuiPlatform } from './platform-harness.js';
import { launchChromium, type Browser } from './browser.js';
import { ALPHA, BRAVO, NORTH, SOUTH, FORESEEN_ID, UNFORESEEN_ID, NAME, demoDay, loadFixture, sendForeseen, sendUnforeseen } from './fixture.js';

const SHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const ZONE = 'Europe/Copenhagen';

/** The test's own clock formatting (not the GUI's): "11:00" in Copenhagen. */
const localHm = (iso: string) => new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

/**
 * The chart legend's values once the cursor has moved there: the chart updates its legend on the
 * next animation frame after a key press or focus, which a loaded machine delays — so wait until
 * the Time row names `atUtc` (or holds any time at all), never read a stale frame.
 */
async function legend(page: Page, panel: string, atUtc?: string): Promise<Record<string, string>> {
  const rows = page.locator(`${panel} .u-legend`).first().locator('tr.u-series');
  const deadline = Date.now() + 10_000;
  for (;;) {
    const out: Record<string, string> = {};
    for (let i = 0; i < (await rows.count()); i++) {
      const label = (await rows.nth(i).locator('th').innerText()).trim();
      out[label] = (await rows.nth(i).locator('td.u-value').innerText()).trim();
    }
    const time = out.Time ?? '';
    if ((atUtc ? time.includes(atUtc) : /\d/.test(time)) || Date.now() > deadline) return out;
    await page.waitForTimeout(50);
  }
}

async function cells(page: Page, rowSelector: string): Promise<string[]> {
  return (await page.locator(rowSelector).locator('td').allInnerTexts()).map((t) => t.trim());
}

describe('F3 web GUI of the TPS core (Chromium, 1280×720)', function () {
  this.timeout(90_000);
  let p: GuiPlatform;
  let browser: Browser;
  let page: Page;
  const day = demoDay();
  const problems: string[] = [];

  before(async function () {
    this.timeout(120_000);
    mkdirSync(SHOTS, { recursive: true });
    p = await startGuiPlatform();
    await loadFixture(p, day);
    browser = await launchChromium({ timezoneId: ZONE, viewport: { width: 1280, height: 720 } });
    page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
    // CSP violations and script errors surface here; the last test asserts there were none.
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('requestfailed', (r) => !r.url().endsWith('/ui/api/events') && problems.push(`request failed: ${r.url()}`));
  });

  after(async () => {
    await browser?.close();
    await p?.close();
  });

  it('F3: the data is behind the operator token; a wrong token is refused with a message, the right one signs in', async () => {
    const res = await fetch(`${p.coreUrl}/ui/api/parties`);
    expect(res.status).to.equal(401);
    expect((await fetch(`${p.coreUrl}/ui/api/events`)).status).to.equal(401);

    const ui = await fetch(`${p.coreUrl}/ui/`);
    expect(ui.status).to.equal(200);
    const csp = ui.headers.get('content-security-policy') ?? '';
    expect(csp).to.contain("script-src 'self'").and.contain("style-src 'self'").and.not.contain('unsafe-inline').and.not.contain('upgrade-insecure-requests');
    // The chart library is served by the core itself: no CDN, works offline.
    expect((await fetch(`${p.coreUrl}/ui/vendor/uPlot.esm.js`)).status).to.equal(200);
    expect(await ui.text()).to.not.match(/https?:\/\//);

    await page.goto(`${p.coreUrl}/ui/`);
    await page.getByLabel('Administrator token').fill('not-the-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect_text(page, '#login-error', 'not accepted');
    expect(await page.locator('#app').isHidden()).to.equal(true);

    await page.getByLabel('Administrator token').fill(ADMIN_TOKEN);
    await page.keyboard.press('Enter');
    await page.locator('#app').waitFor({ state: 'visible' });
    expect(await page.evaluate<string | null>("sessionStorage.getItem('tps.adminToken')")).to.equal(ADMIN_TOKEN);
    await page.locator('#live[data-tone="on"]').waitFor();
    // The refused sign-in logged its 401 in the console, as it should; count from here on.
    problems.length = 0;
  });

  it('F3: picks an AGR/BRP and shows its assets and stacked quarter-hour plans in kW, local time with UTC', async () => {
    await page.getByLabel('AGR/BRP', { exact: true }).selectOption(ALPHA);
    await page.getByLabel('DSO', { exact: true }).selectOption(NORTH);
    await page.locator('body[data-busy="false"]').waitFor();
    const assetRows = await page.locator('#plans-assets tbody tr').allInnerTexts();
    // Alpha registered PV (400 kW production) and the battery (200 kW both ways); never Bravo's assets.
    expect(assetRows).to.have.length(2);
    expect(assetRows.find((r) => r.includes(NAME.pv))).to.contain('400 kW');
    expect(assetRows.find((r) => r.includes(NAME.batt))).to.contain('200 kW');
    expect(assetRows.join('\n')).to.not.contain(NAME.wind);

    // Keyboard on the chart: focus = first quarter-hour (10:00 UTC).
    await page.locator('#panel-plans .chart').focus();
    let values = await legend(page, '#panel-plans', '10:00 UTC');
    // 10:00–11:00 UTC: PV +300 kW, battery −100 kW (charging), net 200 kW.
    expect(values[NAME.pv]).to.equal('300 kW');
    expect(values[NAME.batt]).to.equal('-100 kW');
    expect(values.Net).to.equal('200 kW');
    expect(values.Time).to.contain(localHm(day.at('10:00'))).and.contain('10:00 UTC');
    const readout = await page.locator('#panel-plans .chart-readout').innerText();
    expect(readout).to.contain(`${NAME.batt} 100 kW consumption`).and.contain(`${NAME.pv} 300 kW production`);

    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    values = await legend(page, '#panel-plans', '11:00 UTC');
    // Four quarter-hours later (11:00 UTC): PV 150 kW, battery −100 kW, net 50 kW.
    expect(values.Time).to.contain(localHm(day.at('11:00'))).and.contain('11:00 UTC');
    expect(values[NAME.pv]).to.equal('150 kW');
    expect(values.Net).to.equal('50 kW');
    // The axis shows local time over UTC.
    expect(await page.locator('#tz').innerText()).to.contain(ZONE).and.contain('UTC');
    await page.screenshot({ path: `${SHOTS}gui-plans.png` });
  });

  it('F3: picks a DSO and shows its connection points, limits (status, revision, capacity over time) — keyboard only', async () => {
    // Tabs follow the WAI-ARIA pattern: arrow keys move between them.
    await page.locator('#tab-plans').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('#tab-limits').getAttribute('aria-selected')).to.equal('true');
    await page.locator('#limits-table').waitFor();
    expect(await page.locator('#dso-points tbody tr').count()).to.equal(2);
    // The DSO's own view of its grid: four assets, no operator named.
    const gridText = await page.locator('#dso-assets').innerText();
    expect(gridText).to.contain(NAME.ev).and.not.contain(ALPHA).and.not.contain(BRAVO);
    const row = await cells(page, `#limits-table tr[data-limit="${FORESEEN_ID}"]`);
    expect(row[1]).to.equal('foreseen');
    expect(row[2]).to.equal('upcoming');
    expect(row[3]).to.equal('1');
    const steps = await page.locator('#limit-steps tbody tr').allInnerTexts();
    // Revision 1: 400 kW for 10–11 UTC, 300 kW for 11–12 UTC.
    expect(steps).to.have.length(2);
    expect(steps[0]).to.contain('400 kW').and.contain('10:00–11:00 UTC');
    expect(steps[1]).to.contain('300 kW').and.contain('11:00–12:00 UTC');
    await page.locator('#panel-limits .chart').focus();
    expect((await legend(page, '#panel-limits'))['Available production (2 assets)']).to.equal('400 kW');
  });

  it('F3: implications — none under revision 1; revision 2 arrives live and PV park north exceeds its grant by 100 kW', async () => {
    await page.locator('#tab-impl').click();
    expect(await page.locator('#conflict-badge').innerText()).to.equal('0');
    // Revision 1, 10–11 UTC: plans PV 300 + wind 100 = 400 kW ≤ 400 kW available: nobody exceeds.
    expect(await page.locator('#conflicts').innerText()).to.contain('No conflicts');

    await page.evaluate('window.noReload = true');
    await sendForeseen(p, day, 2, [300, 300]);
    // No reload: the SSE stream tells the page, which re-reads.
    await page.locator(`#conflicts tr[data-asset]`).first().waitFor();
    expect(await page.evaluate<boolean | undefined>('window.noReload')).to.equal(true);

    // Waterfill by hand, 10–11 UTC, 300 kW: weights = capacities (PV 400, wind 200), need =
    // min(capacity, plan) = PV 300, wind 100. Level 300/600 = 0.5 kW per kW of weight: wind's
    // need 100 ≤ 0.5·200 → capped at 100; PV gets the remaining 200. PV plans 300 → exceeds by 100.
    const conflict = await cells(page, '#conflicts tr[data-asset]');
    expect(conflict[0]).to.contain(`${localHm(day.at('10:00'))}–${localHm(day.at('11:00'))}`).and.contain('10:00–11:00 UTC');
    expect(conflict[1]).to.contain(FORESEEN_ID);
    expect(conflict[2]).to.equal(NAME.pv);
    expect(conflict[3]).to.equal(ALPHA);
    expect(conflict.slice(5, 8)).to.deep.equal(['300 kW', '200 kW', '100 kW']);
    expect(await page.locator('#conflict-badge').innerText()).to.equal('1');
    expect(await page.locator('#kpi-largest').innerText()).to.contain('100 kW');

    // 11–12 UTC: PV 150 + wind 100 = 250 ≤ 300: all get their plan, 50 kW stranded.
    const split = page.locator('table.split');
    expect(await cells(page, `table.split tr[data-operator="${ALPHA}"]`)).to.deep.equal([ALPHA, `${NAME.pv}`, '200 kW / 300 kW', '150 kW / 150 kW', '100 kW']);
    expect(await cells(page, `table.split tr[data-operator="${BRAVO}"]`)).to.deep.equal([BRAVO, `${NAME.wind}`, '100 kW / 100 kW', '100 kW / 100 kW', '0 kW']);
    expect(await split.count()).to.equal(1);
    const metrics = await page.locator('table.metrics tbody tr').allInnerTexts();
    // Jain over satisfactions 200/300 and 100/100: (5/3)² / (2·(4/9 + 1)) = 25/26 ≈ 0.962.
    expect(metrics[0]).to.contain('300 kW').and.contain('400 kW').and.contain('100 kW').and.contain('0.962').and.contain('0.667');
    expect(metrics[1]).to.contain('250 kW').and.contain('1.00').and.contain('50 kW');

    // The overlay chart: the first quarter-hour exceeds by 100 kW (PV plans 300, granted 200).
    await page.locator('#panel-impl .chart').first().focus();
    const values = await legend(page, '#panel-impl');
    expect(values['Exceeds grants by']).to.equal('100 kW');
    expect(values['Available (limit)']).to.equal('300 kW');
    expect(values[`${NAME.pv} planned`]).to.equal('300 kW');
    expect(values['Granted in total']).to.equal('300 kW');
    await page.screenshot({ path: `${SHOTS}gui-implications.png` });

    // "Why": the trace of the split in words.
    await page.locator('#conflicts tr[data-asset] button').click();
    const why = page.locator('#why');
    await why.waitFor();
    const text = await why.innerText();
    expect(text).to.contain('Policy waterfill: 300 kW to share among 2 assets');
    expect(text).to.contain(`Round 1`).and.contain(NAME.wind).and.contain('200 kW shared');
    expect(await page.evaluate<string | undefined>('document.activeElement?.id')).to.equal('why');
    await why.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}gui-why.png` });
  });

  it('F3: an unforeseen stop arrives live: the EV hub plans 120 kW consumption while told to stop', async () => {
    await sendUnforeseen(p, day);
    await page.locator(`#conflicts tr[data-limit="${UNFORESEEN_ID}"]`).waitFor();
    // EV hub plans −120 kW for 11–12 UTC; 'stop consumption' allows 0 → exceeds by 120 kW.
    const row = await cells(page, `#conflicts tr[data-limit="${UNFORESEEN_ID}"]`);
    expect(row[2]).to.equal(NAME.ev);
    expect(row[3]).to.equal(BRAVO);
    expect(row.slice(5, 8)).to.deep.equal(['120 kW', '0 kW (stop)', '120 kW']);
    expect(await page.locator('#conflict-badge').innerText()).to.equal('2');
    expect(await page.locator('#kpi-largest').innerText()).to.contain('120 kW');
    // The battery's 'hold production' is listed but is no ceiling: nothing exceeded.
    const signals = await page.locator(`[data-limit="${UNFORESEEN_ID}"] table tbody tr`).allInnerTexts();
    expect(signals.find((s) => s.includes(NAME.batt))).to.contain('HOLD').and.contain('n/a');

    // Only the selected AGR/BRP: Alpha keeps its PV conflict, Bravo's EV row goes.
    await page.getByLabel('Only the selected AGR/BRP').check();
    expect(await page.locator('#conflicts tr[data-asset]').count()).to.equal(1);
    await page.getByLabel('Only the selected AGR/BRP').uncheck();

    // The Limits tab lists the stop with its until-time, both revisions of the foreseen limit.
    await page.locator('#tab-limits').click();
    const foreseen = await cells(page, `#limits-table tr[data-limit="${FORESEEN_ID}"]`);
    expect(foreseen[3]).to.equal('2');
    await page.locator(`#limits-table tr[data-limit="${FORESEEN_ID}"] button`).click();
    expect(await page.locator('#limit-revisions tbody tr').count()).to.equal(2);
    // Revision 2 tightened 10–11 UTC to 300 kW.
    expect((await page.locator('#limit-steps tbody tr').allInnerTexts())[0]).to.contain('300 kW').and.contain('10:00–11:00 UTC');
    await page.screenshot({ path: `${SHOTS}gui-limits.png` });
    await page.locator(`#limits-table tr[data-limit="${UNFORESEEN_ID}"] button`).press('Enter');
    const signal = await page.locator('#limit-signals tbody tr').allInnerTexts();
    expect(signal.find((s) => s.includes('STOP'))).to.contain(NAME.ev).and.contain('12:00 UTC').and.contain(localHm(day.at('12:00')));
    await page.screenshot({ path: `${SHOTS}gui-unforeseen.png` });
  });

  it('F3: another DSO shows only its own grid; no script errors or CSP violations happened', async () => {
    await page.getByLabel('DSO', { exact: true }).selectOption(SOUTH);
    await page.locator('body[data-busy="false"]').waitFor();
    await page.locator('#tab-limits').click();
    await page.locator('#dso-assets').getByText(NAME.hp).waitFor();
    expect(await page.locator('#dso-assets tbody tr').count()).to.equal(1);
    expect(await page.locator('#limits-table').innerText()).to.contain('no capacity limit');
    expect(problems).to.deep.equal([]);
  });
});

async function expect_text(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).filter({ hasText: text }).waitFor();
}
