// End-to-end: toewijzingen (301). The shared debit with the 301 behind it gives no finding
// against the toewijzing and meters with the right maxima for May 2025; a later 301 that ends
// 123456 on 15 May gives 9308 before upload and, once the line is approved, a Te doen item to
// credit it; a 301 that removes it (13) gives 9384; the screen at 390 and 1280 px has no
// sideways page; and nothing leaves the origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { example, tempDir, useApp } from './harness.mjs';

const env = useApp({ downloads: true });

const TW = fs.readFileSync(example('toewijzing/wmo301_bij_debet.xml'), 'utf8');

/** A later version of the 301: 123456 ends on `einde` with `reden`, decided on 20-05-2025. */
function later(einde, reden) {
  return TW.replace(
    '<wmo301:Einddatum>2025-12-31</wmo301:Einddatum>',
    `<wmo301:Einddatum>${einde}</wmo301:Einddatum>\n\t\t\t\t<wmo301:RedenWijziging>${reden}</wmo301:RedenWijziging>`,
  )
    .replace('<wmo301:Toewijzingsdatum>2025-03-20<', '<wmo301:Toewijzingsdatum>2025-05-20<')
    .replace('TW2025032001', 'TW2025052001');
}

async function importFiles(page, files, rows) {
  await page.click('nav a[data-nav="importeren"]');
  await page.locator('#bestanden').setInputFiles(files);
  try {
    await page.waitForFunction((n) => document.querySelectorAll('#bestandenlijst tbody tr:not(.findings-row)').length === n, rows, { polling: 'raf', timeout: 10000 });
  } catch (e) {
    const listed = await page.locator('#bestandenlijst tbody tr').evaluateAll((trs) => trs.map((tr) => tr.textContent.trim()));
    const notice = await page.locator('#melding').textContent().catch(() => '');
    throw new Error(`expected ${rows} files, listed: ${JSON.stringify(listed)}; notice: ${notice}`);
  }
}

async function openDeclaration(page) {
  await page.click('nav a[data-nav="overzicht"]');
  await page.locator('#declaraties tbody tr a').first().click();
  await page.waitForSelector('main h2:text("Declaratie F2025050")');
}

async function wipe(page) {
  await page.click('nav a[data-nav="importeren"]');
  await page.waitForSelector('main h2:text("Importeren")');
  for (let n = await page.locator('#bestandenlijst tbody tr:not(.findings-row)').count(); n > 0; n--) {
    await page.locator('#bestandenlijst tbody tr:not(.findings-row) button:text("Verwijderen")').first().click();
    await page.click('#verwijderen-bevestigen');
    await page.waitForFunction((left) => document.querySelectorAll('#bestandenlijst tbody tr:not(.findings-row)').length === left, n - 1, { polling: 'raf' });
  }
}

test('the shared debit fits its toewijzing, and the meters show May 2025', async () => {
  const { page } = env.app;
  await importFiles(page, [example('toewijzing/wmo301_bij_debet.xml'), example('wmo323_debet.xml')], 2);
  await openDeclaration(page);
  const problems = (await page.locator('#problemen').count()) ? await page.locator('#problemen').textContent() : '';
  assert.doesNotMatch(problems, /toewijzing/i);
  // From a line to its toewijzing: the link opens the screen at that toewijzing, focused.
  await page.locator('tr[data-ref="F2025050-002"] a:text("toewijzing 123457")').click();
  await page.waitForFunction(() => document.activeElement?.id === 'toewijzing-123457', null, { polling: 'raf' });
  assert.equal(await page.evaluate(() => location.hash), '#/toewijzingen/123457');
  assert.ok(await page.locator('#toewijzing-123457.chosen').isVisible());

  await page.click('nav a[data-nav="toewijzingen"]');
  await page.waitForSelector('#toewijzingen article.toewijzing');
  assert.equal(await page.title(), 'Toewijzingen – Kloppend');
  assert.equal(await page.locator('#toewijzingen article.toewijzing').count(), 2);
  const may = async (nummer) =>
    page.locator(`#toewijzing-${nummer} table.meters tbody tr:has(th:text("mei 2025")) td`).evaluateAll((tds) => tds.map((td) => td.textContent.trim()));
  // 3 hours a week: May 2025 touches ISO weeks 18 to 22, 15 hours; 8 declared, waiting.
  assert.deepEqual((await may(123456)).slice(0, 6), ['15 uur', '8 uur', '0 uur', '0 uur', '8 uur', '7 uur']);
  // 5 hours a month.
  assert.deepEqual((await may(123457)).slice(0, 6), ['5 uur', '4 uur', '0 uur', '0 uur', '4 uur', '1 uur']);
  assert.match(await page.locator('#toewijzing-123456 .omvang').textContent(), /3 uur per week/);
  const text = await page.locator('main').textContent();
  assert.doesNotMatch(text, /Voorbeeldstraat|Voorbeeld\b|9999XX|999900006/, 'no name, address or unmasked BSN');
  // From a meter to its line.
  await page.locator('#toewijzing-123456 table.meters tbody tr:has(th:text("mei 2025")) a').first().click();
  await page.waitForSelector('tr.chosen');
  assert.equal(await page.getAttribute('tr.chosen', 'data-ref'), 'F2025050-001');

  // The meters as a CSV for the accountant: one row per month and one for the whole toewijzing.
  await page.goBack();
  await page.waitForSelector('#toewijzingen-exporteren');
  await page.selectOption('select.export-formaat', 'csv');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#toewijzingen-exporteren')]);
  const csv = fs.readFileSync(await download.path(), 'utf8');
  assert.match(download.suggestedFilename(), /^kloppend_toewijzingen_\d{8}\.csv$/);
  assert.match(csv, /^\uFEFFGemeente;Toewijzing;BSN;Voorletters;Product;/);
  assert.match(csv, /"123456";"••••••006";T;"02 02A01";01-04-2025;31-12-2025;[^;]*;3 uur per week;mei 2025;15,00;8,00;0,00;0,00;8,00;7,00;uur/);
  assert.doesNotMatch(csv, /999900006|Voorbeeld/);
  // Printed: the meters, without the buttons.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('#toewijzingen-exporteren').isVisible(), false);
  assert.ok(await page.locator('#toewijzing-123456 table.meters').isVisible());
  await page.emulateMedia({ media: 'screen' });

  for (const [width, height] of [[390, 844], [1280, 800]]) {
    await page.setViewportSize({ width, height });
    await page.click('nav a[data-nav="toewijzingen"]');
    await page.waitForSelector('#toewijzingen article.toewijzing');
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(sideways <= 1, `the page scrolls sideways by ${sideways} px at ${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await wipe(page);
});

test('a 301 that shortens 123456 to 15 May: 9308 before upload, and after approval a Te doen item to credit', async () => {
  const { page } = env.app;
  const dir = tempDir('toewijzing');
  const shortened = path.join(dir, 'wmo301_ingekort.xml');
  fs.writeFileSync(shortened, later('2025-05-15', '05'));
  await importFiles(page, [example('toewijzing/wmo301_bij_debet.xml'), shortened, example('wmo323_debet.xml')], 3);
  await openDeclaration(page);
  await page.waitForSelector('#problemen');
  const problems = await page.locator('#problemen').textContent();
  assert.match(problems, /Past niet bij de toewijzing/);
  assert.match(problems, /F2025050-001/);
  assert.match(problems, /9308/);
  // And on the line itself, with what to do.
  const row = page.locator('tr[data-ref="F2025050-001"] .expected');
  assert.match(await row.textContent(), /Wordt afgewezen: 9308.*einddatum van de toewijzing \(15-05-2025\)/);
  assert.equal(await page.locator('tr[data-ref="F2025050-002"] .expected').count(), 0);

  await importFiles(page, [example('wmo325_antwoord.xml')], 4);
  await page.click('nav a[data-nav="te-doen"]');
  await page.waitForSelector('main h2:text("Te doen")');
  const item = page.locator('#te-doen li.todo[data-soort="buiten-toewijzing"]');
  assert.equal(await item.count(), 1);
  assert.match(await item.textContent(), /1 goedgekeurde regel buiten toewijzing 123456 crediteren/);
  assert.match(await item.textContent(), /ingekort tot 15-05-2025/);
  await wipe(page);
});

test('a 301 that removes the toewijzing (13) gives 9384', async () => {
  const { page } = env.app;
  const dir = tempDir('toewijzing');
  const removed = path.join(dir, 'wmo301_verwijderd.xml');
  fs.writeFileSync(removed, later('2025-04-01', '13'));
  await importFiles(page, [removed, example('toewijzing/wmo301_bij_debet.xml'), example('wmo323_debet.xml')], 3);
  await openDeclaration(page);
  await page.waitForSelector('#problemen');
  assert.match(await page.locator('#problemen').textContent(), /9384/);
  await page.click('nav a[data-nav="toewijzingen"]');
  await page.waitForSelector('#toewijzing-123456');
  assert.match(await page.locator('#toewijzing-123456').textContent(), /verwijderd/);
  await wipe(page);
});

test('a contract tariff entered on Instellingen checks the unanswered lines (0611), and undo takes it back', async () => {
  const { page } = env.app;
  await importFiles(page, [example('wmo323_debet.xml')], 1);
  await page.click('nav a[data-nav="instellingen"]');
  await page.fill('#tarief-gemeente', '0363');
  await page.fill('#tarief-code', '02A02');
  await page.selectOption('#tarief-eenheid', '04');
  await page.fill('#tarief-bedrag', '50,00');
  await page.fill('#tarief-van', '2025-01-01');
  await page.click('#tarief-toevoegen');
  await page.waitForSelector('#tarieven tbody tr[data-code="02A02"]');
  assert.match(await page.locator('#tarieven tbody tr').first().textContent(), /Amsterdam \(0363\).*02A02.*uur.*€ 50,00.*01-01-2025/);
  await openDeclaration(page);
  await page.waitForSelector('#problemen');
  const problems = await page.locator('#problemen').textContent();
  assert.match(problems, /F2025050-002: tarief € 55,00 wijkt af van het contracttarief voor 02A02 \(€ 50,00/);
  assert.match(problems, /0611/);
  assert.doesNotMatch(problems, /F2025050-001: tarief/, 'a product without a contract tariff is not judged');

  await page.click('nav a[data-nav="importeren"]');
  await page.click('#ongedaan-maken');
  await page.waitForFunction(() => document.querySelectorAll('#bestandenlijst tbody tr:not(.findings-row)').length === 1, null, { polling: 'raf' });
  await openDeclaration(page);
  const after = (await page.locator('#problemen').count()) ? await page.locator('#problemen').textContent() : '';
  assert.doesNotMatch(after, /0611/);
  await wipe(page);
});

