// End-to-end: from a declaration view through the credit wizard to a downloaded 323 that is
// valid against the official XSD and, imported again, marks its original "credit ingediend".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { tempDir, example, shared, useApp } from './harness.mjs';

const env = useApp({ downloads: true });

const text = (page, selector) => page.locator(selector).first().textContent().then((t) => t.trim());
let downloaded;

test('select a line, see the guard on the rejected one, check and download', async () => {
  const { page } = env.app;
  await page.locator('#bestanden').setInputFiles(['wmo323_debet.xml', 'wmo325_antwoord.xml'].map(example));
  await page.waitForFunction(() => document.querySelectorAll('#bestandenlijst tbody tr').length === 2);
  await page.click('#bestandenlijst tr[data-type="WMO323"] a:text("Bekijken")');
  await page.waitForSelector('#regels');
  await page.check('tr[data-ref="F2025050-001"] input.select-line');
  await page.check('tr[data-ref="F2025050-002"] input.select-line');
  await page.click('#naar-crediteren');
  await page.waitForSelector('#kandidaten');
  assert.match(await text(page, '#kandidaten tr[data-ref="F2025050-002"] .guard'), /Nee \(IV085\).*crediteer je nooit/);
  assert.match(await text(page, '#kandidaten tr[data-ref="F2025050-001"] .guard'), /^Ja/);
  await page.waitForSelector('#checklist');
  assert.equal(await text(page, '#check-totaal'), 'Totaal ingediend bedrag: € 480,00 credit');
  assert.equal(await page.inputValue('.decl-nummer'), 'F2025051', 'follows the provider numbering');
  const checklist = await text(page, '.checklist-lines');
  assert.match(checklist, /F2025051-001.*credit.*-€ 480,00.*F2025050-001.*€ 480,00.*gelijk/s);

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#downloaden')]);
  assert.equal(download.suggestedFilename(), 'WMO323_0363_F2025051.xml');
  downloaded = path.join(env.downloads, download.suggestedFilename());
  await download.saveAs(downloaded);
  const xml = fs.readFileSync(downloaded);
  assert.notEqual(xml[0], 0xef, 'no BOM');
  assert.ok(xml.includes('\r\n'));
  assert.match(xml.toString(), /<iwmo:VorigReferentieNummer>F2025050-001<\/iwmo:VorigReferentieNummer>/);
  execFileSync('xmllint', ['--noout', '--schema', path.join(shared, 'istandaarden/xsd/wmo/WMO323.xsd'), downloaded], { stdio: 'pipe' });
});

test('the generated credit is archived and marks its original credit ingediend', async () => {
  const { page } = env.app;
  await page.click('nav a[data-nav="importeren"]');
  await page.waitForSelector('#bestandenlijst td:text("WMO323_0363_F2025051.xml")');
  assert.match(await text(page, '#bestandenlijst tr:has-text("WMO323_0363_F2025051.xml") .herkomst'), /Gemaakt door Kloppend/);
  await page.click('#bestandenlijst tr[data-type="WMO323"]:has-text("wmo323_debet.xml") a:text("Bekijken")');
  await page.waitForSelector('tr[data-ref="F2025050-001"]');
  assert.equal(await page.getAttribute('tr[data-ref="F2025050-001"]', 'data-status'), 'credit-ingediend');
});

test('re-importing the downloaded file gives the same result', async () => {
  const { page } = env.app;
  await page.click('nav a[data-nav="importeren"]');
  await page.click('#bestandenlijst tr:has-text("WMO323_0363_F2025051.xml") button:text("Verwijderen")');
  await page.click('#verwijderen-bevestigen');
  await page.waitForFunction(() => document.querySelectorAll('#bestandenlijst tbody tr').length === 2);
  await page.click('#bestandenlijst tr[data-type="WMO323"] a:text("Bekijken")');
  await page.waitForSelector('tr[data-ref="F2025050-001"]');
  assert.equal(await page.getAttribute('tr[data-ref="F2025050-001"]', 'data-status'), 'goedgekeurd');

  await page.click('nav a[data-nav="importeren"]');
  await page.locator('#bestanden').setInputFiles([downloaded]);
  await page.waitForFunction(() => document.querySelectorAll('#bestandenlijst tbody tr').length === 3);
  await page.click('#bestandenlijst tr[data-type="WMO323"]:has-text("wmo323_debet.xml") a:text("Bekijken")');
  await page.waitForSelector('tr[data-ref="F2025050-001"]');
  assert.equal(await page.getAttribute('tr[data-ref="F2025050-001"]', 'data-status'), 'credit-ingediend');
});

