// End-to-end: usable on any screen and by keyboard. Every screen, empty and with the demo, at
// 390, 1280 and 1920 px wide: no axe-core violation of impact serious or critical (WCAG 2.1 AA
// and the 2.2 target size), a title of its own, no sideways scrolling of the page, and at 1280
// px no column of a main table outside the view. Screenshots of each go to
// target/e2e-screenshots/ for a reviewer (not committed). Then a keyboard-only run from import
// to a downloaded credit, with focus checked at each step, and a confirmed deletion undone
// after a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { root, shared, example, foreignRequests, useApp } from './harness.mjs';

const env = useApp({ downloads: true });
const require = createRequire(path.join(root, 'scripts/node/package.json'));
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS = path.join(root, 'target/e2e-screenshots');
const WIDTHS = [
  [390, 844],
  [1280, 800],
  [1920, 1080],
];
const TABLES = ['#bestandenlijst', '#declaraties', '#regels', '#verrekenregels', '#vorderingen', '#regelkeuze'];

async function loaded(page) {
  await page.waitForFunction(() => document.querySelector('main[aria-busy="false"]'));
}

async function go(page, hash) {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
  await loaded(page);
  await page.waitForFunction(() => document.querySelector('main h2'));
}

/** axe-core in the page (evaluated, not a script tag: the app's CSP allows no inline script). */
async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    }),
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Columns of the main tables whose header ends right of the view (or of its scroll box). */
async function hiddenColumns(page) {
  return page.evaluate((selectors) => {
    const out = [];
    for (const selector of selectors) {
      const table = document.querySelector(selector);
      if (!table) continue;
      const box = (table.closest('.table-scroll') ?? table).getBoundingClientRect();
      const limit = Math.min(window.innerWidth, box.right);
      for (const th of table.querySelectorAll(':scope > thead > tr > th')) {
        const r = th.getBoundingClientRect();
        if (r.right > limit + 1) out.push(`${selector} "${th.textContent.trim()}" ends at ${Math.round(r.right)} > ${Math.round(limit)}`);
      }
    }
    return out;
  }, TABLES);
}

async function checkScreens(page, state, screens) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const failures = [];
  for (const [width, height] of WIDTHS) {
    await page.setViewportSize({ width, height });
    for (const [name, hash, title] of screens) {
      await go(page, hash);
      const where = `${state} ${name} @${width}`;
      assert.equal(await page.title(), `${title} – Kloppend`, `${where}: title`);
      if (state === 'demo') assert.ok(await page.locator('#demo-banner').isVisible(), `${where}: demo banner`);
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (sideways > 1) failures.push(`${where}: the page scrolls sideways by ${sideways} px`);
      if (width === 1280) failures.push(...(await hiddenColumns(page)).map((c) => `${where}: ${c}`));
      failures.push(...(await axe(page)).map((v) => `${where}: ${v}`));
      await page.screenshot({ path: path.join(SHOTS, `${state}-${width}-${name}.png`), fullPage: true });
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  assert.deepEqual(failures, [], failures.join('\n'));
}

const SCREENS = [
  ['importeren', '#/importeren', 'Importeren'],
  ['te-doen', '#/te-doen', 'Te doen'],
  ['overzicht', '#/overzicht', 'Overzicht'],
  ['toewijzingen', '#/toewijzingen', 'Toewijzingen'],
  ['crediteren', '#/crediteren', 'Crediteren'],
  ['verrekeningen', '#/verrekeningen', 'Verrekeningen'],
  ['inzicht', '#/inzicht', 'Inzicht'],
  ['instellingen', '#/instellingen', 'Instellingen'],
];

test('every screen, empty: accessible, titled, no hidden columns, no sideways page', async () => {
  const { page } = env.app;
  await loaded(page);
  await checkScreens(page, 'leeg', SCREENS);
});

test('every screen with the demo: the same, and the demo banner on each', async () => {
  const { page } = env.app;
  await go(page, '#/importeren');
  await page.click('#demo-laden');
  await page.waitForSelector('#demo-banner');
  await go(page, '#/overzicht');
  // A declaration with rejected lines (its rows and codes are the longest), and one selected
  // line so the credit wizard shows its steps.
  const href = await page.locator('#declaraties tbody tr:has(.badge.warn) a').first().getAttribute('href');
  await go(page, href);
  await page.locator('#regels input.select-line').first().check();
  await checkScreens(page, 'demo', [...SCREENS, ['declaratie', href, 'Declaratie']]);
  await go(page, '#/importeren');
  await page.click('#demo-verwijderen');
  await page.waitForSelector('#demo-laden');
});

/** Press Tab until the focused element matches `selector` (keyboard only, as a user would). */
async function tabTo(page, selector, max = 400) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

async function focusedHeading(page) {
  return page.evaluate(() => (document.activeElement?.tagName === 'H2' ? document.activeElement.textContent.trim() : null));
}

test('keyboard only: import, declaration, credit, download, with focus where it should be', async () => {
  const { page } = env.app;
  // Listening from the start: Playwright intercepts file dialogs only once a listener has
  // switched that on in the browser, which takes a round trip (pressing Enter right after
  // adding the listener sometimes opened a real, unseen dialog instead).
  let chosen;
  const chooser = new Promise((resolve) => {
    chosen = resolve;
  });
  page.once('filechooser', (c) => chosen(c));
  await go(page, '#/importeren');
  await page.reload();
  await loaded(page);
  // The skip link is the first stop and leads to the page heading.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip-link');
  await page.keyboard.press('Enter');
  assert.equal(await focusedHeading(page), 'Importeren');

  // "Bestanden kiezen" opens with Enter.
  await tabTo(page, '#bestanden');
  await page.keyboard.press('Enter');
  await (await chooser).setFiles([example('wmo323_debet.xml'), example('wmo325_antwoord.xml')]);
  await page.waitForSelector('#melding:has-text("2 bestanden toegevoegd")');

  await tabTo(page, 'nav a[data-nav="overzicht"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.tagName === 'H2');
  assert.equal(await focusedHeading(page), 'Overzicht', 'focus on the new page heading');

  await tabTo(page, '#declaraties a');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#regels');
  await page.waitForFunction(() => document.activeElement?.tagName === 'H2');
  assert.match(await focusedHeading(page), /^Declaratie F2025050/);

  await tabTo(page, 'tr[data-ref="F2025050-001"] input.select-line');
  await page.keyboard.press('Space');
  assert.ok(await page.isChecked('tr[data-ref="F2025050-001"] input.select-line'));
  await tabTo(page, '#naar-crediteren');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.tagName === 'H2');
  assert.equal(await focusedHeading(page), 'Crediteren');

  await page.waitForSelector('#checklist');
  await tabTo(page, '#downloaden');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const file = path.join(env.downloads, download.suggestedFilename());
  await download.saveAs(file);
  execFileSync('xmllint', ['--noout', '--schema', path.join(shared, 'istandaarden/xsd/wmo/WMO323.xsd'), file], { stdio: 'pipe' });
  await page.waitForSelector('#melding:has-text("1 bericht gedownload")');
  assert.match(await page.locator('#melding').textContent(), /credit ingediend/);
});

test('the Overzicht exports its lines as a Dutch CSV, BSNs masked unless asked', async () => {
  const { page } = env.app;
  await go(page, '#/overzicht');
  await page.selectOption('select.export-formaat', 'csv');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#regels-exporteren')]);
  const file = path.join(env.downloads, download.suggestedFilename());
  await download.saveAs(file);
  const bytes = fs.readFileSync(file);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a BOM');
  const rows = bytes.toString('utf8').slice(1).trim().split('\r\n').map((l) => l.split(';'));
  assert.equal(rows[0][0], 'Declaratienummer');
  const rejected = rows.find((r) => r[5] === 'F2025050-002');
  assert.ok(rejected, 'the rejected line is exported');
  assert.equal(rejected[14], 'Afgewezen');
  assert.match(rejected[4], /^"•+\d{3}"$/, 'BSN masked (quoted, as every code)');
  await page.check('#export-bsn');
  const [again] = await Promise.all([page.waitForEvent('download'), page.click('#regels-exporteren')]);
  const full = path.join(env.downloads, 'vol-' + again.suggestedFilename());
  await again.saveAs(full);
  const row = fs.readFileSync(full, 'utf8').split('\r\n').find((l) => l.includes('F2025050-002')).split(';');
  assert.match(row[4], /^"\d{9}"$/, 'BSN in full when asked');
  await page.uncheck('#export-bsn');
});

test('the Overzicht lists lines by status and retourcode, links each to its place, and exports exactly those', async () => {
  const { page } = env.app;
  await go(page, '#/overzicht');
  await page.selectOption('#toon', 'regels');
  await page.selectOption('#filter-status', 'afgewezen');
  await page.waitForFunction(() => document.querySelectorAll('#overzicht-regels tbody tr').length > 0);
  const statuses = await page.locator('#overzicht-regels tbody tr [data-status]').evaluateAll((els) => els.map((e) => e.dataset.status));
  assert.ok(statuses.length > 0 && statuses.every((s) => s === 'afgewezen'), statuses.join(' '));
  const shownRefs = (await page.locator('#overzicht-regels tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.referentie))).sort();

  await page.selectOption('select.export-formaat', 'csv');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#regels-exporteren')]);
  const file = path.join(env.downloads, 'afgewezen-' + download.suggestedFilename());
  await download.saveAs(file);
  const rows = fs.readFileSync(file, 'utf8').slice(1).trim().split('\r\n').slice(1).map((l) => l.split(';'));
  assert.deepEqual(rows.map((r) => r[5]).sort(), shownRefs, 'the export holds exactly the lines shown');
  assert.ok(rows.every((r) => r[14] === 'Afgewezen'));

  // A retourcode narrows further; every line shown carries it.
  const code = (await page.locator('#overzicht-regels tbody td.codes').first().textContent()).trim().split(' ')[0];
  assert.ok(await page.locator(`#filter-code option[value="${code}"]`).count(), `the code ${code} is a choice`);
  await page.selectOption('#filter-code', code);
  await page.waitForFunction((c) => {
    const cells = Array.from(document.querySelectorAll('#overzicht-regels tbody td.codes'));
    return cells.length > 0 && cells.every((td) => td.textContent.split(' ').includes(c));
  }, code);

  // A line's link opens its declaration with that line chosen.
  const ref = await page.locator('#overzicht-regels tbody tr').first().getAttribute('data-referentie');
  await page.locator('#overzicht-regels tbody tr').first().locator('a').click();
  await page.waitForSelector('tr.chosen#gekozen-regel');
  assert.match(await page.locator('#gekozen-regel').textContent(), new RegExp(ref));

  await go(page, '#/overzicht');
  const [declarations] = await Promise.all([page.waitForEvent('download'), page.click('#declaraties-exporteren')]);
  const dfile = path.join(env.downloads, declarations.suggestedFilename());
  await declarations.saveAs(dfile);
  const drows = fs.readFileSync(dfile, 'utf8').slice(1).trim().split('\r\n').map((l) => l.split(';'));
  assert.equal(drows[0][0], 'Declaratienummer');
  const listed = await page.locator('#declaraties tbody tr').count();
  assert.ok(drows.length - 1 >= listed && drows.length > 1, `${drows.length - 1} exported, ${listed} on the first page`);
});

test('deleting asks first, names the file, and can be undone after a reload', async () => {
  const { page, requests, problems } = env.app;
  await go(page, '#/importeren');
  const before = await page.locator('#bestandenlijst tbody tr').count();
  await page.locator('#bestandenlijst tbody tr', { hasText: 'wmo323_debet.xml' }).locator('button', { hasText: 'Verwijderen' }).click();
  assert.match(await page.locator('#verwijder-vraag').textContent(), /wmo323_debet\.xml uit het archief verwijderen\?/);
  await page.click('#verwijderen-annuleren');
  assert.equal(await page.locator('#verwijder-vraag').count(), 0);
  assert.equal(await page.locator('#bestandenlijst tbody tr').count(), before, 'cancel deletes nothing');

  await page.locator('#bestandenlijst tbody tr', { hasText: 'wmo323_debet.xml' }).locator('button', { hasText: 'Verwijderen' }).click();
  await page.click('#verwijderen-bevestigen');
  await page.waitForFunction((n) => document.querySelectorAll('#bestandenlijst tbody tr').length === n - 1, before);

  await page.reload();
  await loaded(page);
  assert.match(await page.locator('#ongedaan').textContent(), /wmo323_debet\.xml verwijderd/);
  await page.click('#ongedaan-maken');
  await page.waitForFunction((n) => document.querySelectorAll('#bestandenlijst tbody tr').length === n, before);
  assert.deepEqual(problems, []);
  assert.deepEqual(foreignRequests(requests, env.served.origin), []);
});

test('a BSN in a file name is masked while BSNs are hidden', async () => {
  const { page } = env.app;
  await go(page, '#/importeren');
  // 123456782 passes the 11-proef.
  await page.locator('#bestanden').setInputFiles([{ name: 'client_123456782.xml', mimeType: 'text/xml', buffer: fs.readFileSync(example('jw323_debet.xml')) }]);
  // Earlier tests may have left the demo's JW323 files in the archive: find this file's own row.
  const row = page.locator('#bestandenlijst tbody tr[data-type="JW323"]', { hasText: '782.xml' });
  await row.waitFor();
  assert.equal((await row.locator('td.bestandsnaam').textContent()).trim(), 'client_••••••782.xml');
  assert.doesNotMatch(await page.locator('main').textContent(), /123456782/);
  assert.doesNotMatch((await row.locator('button').getAttribute('aria-label')) ?? '', /123456782/);
});

test('the BSN switch on a declaration is the stored preference: it survives a reload and shows on Instellingen', async () => {
  const { page } = env.app;
  await go(page, '#/overzicht');
  await page.locator('#declaraties tbody tr a').first().click();
  await page.locator('.bsn').first().waitFor();
  const toggle = page.getByLabel('BSN volledig tonen');
  assert.equal(await toggle.isChecked(), false);
  assert.match(await page.locator('.bsn').first().textContent(), /^\s*•+\d{3}\s*$/);
  await toggle.check();
  await page.waitForFunction(() => /^\s*\d{9}\s*$/.test(document.querySelector('.bsn').textContent), null, { polling: 'raf' });
  await page.reload();
  await loaded(page);
  await page.locator('.bsn').first().waitFor();
  assert.match(await page.locator('.bsn').first().textContent(), /^\s*\d{9}\s*$/, 'still shown after a reload');
  await go(page, '#/instellingen');
  assert.equal(await page.locator('#toon-bsn').isChecked(), true);
  await page.locator('#toon-bsn').uncheck();
  await page.waitForFunction(() => !document.querySelector('#toon-bsn').checked, null, { polling: 'raf' });
});

// Issue 27: every code Kloppend names is explained, in one list on Instellingen as well.
test('Instellingen lists every rule and code Kloppend names, each explained', async () => {
  const { page } = env.app;
  await go(page, '#/instellingen');
  await page.click('details.codes-list summary');
  const codes = await page.locator('#codes dt').allTextContents();
  assert.ok(codes.length >= 50, `${codes.length} codes`);
  assert.ok(codes.includes('IV085') && codes.includes('TR342'), codes.join(' '));
  const tr342 = await page.locator('#codes dt:text-is("TR342") + dd').textContent();
  assert.match(tr342, /^Controleregel TR342 van de iStandaard: In een antwoord \(325\) is het afgewezen bedrag gelijk aan ingediend min toegekend\./);
});
