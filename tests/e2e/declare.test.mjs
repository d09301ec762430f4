// End-to-end: Declareren (issue 28). With only the 301 behind the shared debit, the keyboard
// makes the May 2025 declaration: volumes and tariffs typed, a volume over the maximum refused
// with 9321 before any file exists, the download a valid 323 (xmllint) with the shared debit's
// lines, re-listed without finding, on Te doen as "uploaden", and pending in the meters; a
// timesheet fills the volumes and names the rows it could not use; 390 and 1280 px; axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { example, root, shared, tempDir, removeAllFiles, useApp } from './harness.mjs';

const require = createRequire(path.join(root, 'scripts/node/package.json'));
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const env = useApp({ downloads: true });

async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }),
  );
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Choose a month in the month field by keyboard: the month segment, then the year. */
async function month(page, m, y) {
  await page.focus('#declareren-maand');
  await page.keyboard.type(m);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.type(y);
  await page.keyboard.press('Tab');
}

/** Type into a field reached by keyboard focus, replacing what it held. */
async function type(page, selector, text) {
  await page.focus(selector);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

const status = (page) => page.locator('#declareren-status').textContent();
const problems = (page, nummer) =>
  page.locator(`#declareren-regels tr[data-nummer="${nummer}"] ul.problems`).evaluateAll((uls) => uls.map((ul) => ul.textContent).join(''));

test('the keyboard makes the May 2025 declaration from the 301, checked before it exists', async () => {
  const { page } = env.app;
  await page.click('nav a[data-nav="importeren"]');
  await page.locator('#bestanden').setInputFiles([example('toewijzing/wmo301_bij_debet.xml')]);
  await page.waitForFunction(() => document.querySelectorAll('#bestandenlijst tbody tr:not(.findings-row)').length === 1, null, { polling: 'raf' });

  await page.focus('nav a[data-nav="declareren"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('main h2:text("Declareren")');
  assert.equal(await page.title(), 'Declareren – Kloppend');
  assert.match(await page.locator('#declareren-gemeente').textContent(), /Amsterdam \(0363\) · Wmo/);
  await month(page, '5', '2025');
  await page.waitForFunction(() => document.querySelectorAll('#declareren-regels tbody tr').length === 2, null, { polling: 'raf' });
  const row = (n) => page.locator(`#declareren-regels tr[data-nummer="${n}"]`).textContent();
  assert.match(await row(123456), /01-05-2025 t\/m 31-05-2025/);
  assert.match(await row(123456), /15 uur/, 'the maximum for May: 3 hours a week, 5 ISO weeks');
  assert.match(await row(123457), /5 uur/);
  assert.doesNotMatch(await page.locator('main').textContent(), /Voorbeeldstraat|Voorbeeld\b|999900006/, 'no name, address or unmasked BSN');

  // Over the maximum: the gemeente's code before any file exists.
  await type(page, '#volume-123456', '16');
  await type(page, '#tarief-123456', '60,00');
  await page.waitForFunction(() => document.querySelector('#declareren-regels tr[data-nummer="123456"] ul.problems')?.textContent.includes('9321'), null, { polling: 'raf' });
  assert.ok(await page.locator('#declareren-downloaden').isDisabled());
  assert.match(await status(page), /Nog niet klaar/);

  // No tariff known for 123457: the row asks for one.
  await type(page, '#volume-123456', '8');
  await type(page, '#volume-123457', '4');
  await page.waitForFunction(() => document.querySelector('#declareren-regels tr[data-nummer="123457"] ul.problems')?.textContent.includes('tarief'), null, { polling: 'raf' });
  assert.equal(await problems(page, 123456), '');
  await type(page, '#tarief-123457', '55,00');
  await page.waitForFunction(() => document.querySelector('#declareren-status')?.textContent.startsWith('Klopt'), null, { polling: 'raf' });
  // The typed tariff kept in the contract tariffs (archived, logged, undoable): now proposed from there.
  await page.waitForSelector('#tarief-bewaren-123457');
  await page.focus('#tarief-bewaren-123457');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /contracttarief/.test(document.querySelector('#declareren-regels tr[data-nummer="123457"]')?.textContent ?? ''), null, { polling: 'raf' });
  assert.equal(await page.inputValue('#tarief-123457'), '55,00');
  assert.equal(await page.inputValue('#volume-123457'), '4', 'the typed volume survives the row being redrawn');
  assert.equal(await page.locator('#tarief-bewaren-123457').count(), 0);
  await page.waitForFunction(() => document.querySelector('#declareren-status')?.textContent.startsWith('Klopt'), null, { polling: 'raf' });
  assert.match(await status(page), /Klopt: 2 regels voor € 700,00, zonder fouten/);
  assert.match(await row(123456), /€ 480,00 \(8 uur à € 60,00\)/);

  await page.focus('#declareren-downloaden');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const file = path.join(tempDir('declareren'), download.suggestedFilename());
  await download.saveAs(file);
  assert.match(download.suggestedFilename(), /^WMO323_0363_[A-Z0-9]+_declaratie_2025-05\.xml$/);
  execFileSync('xmllint', ['--noout', '--schema', path.join(shared, 'istandaarden/xsd/wmo/WMO323.xsd'), file], { stdio: 'pipe' });
  const xml = fs.readFileSync(file, 'utf8');
  const expected = fs.readFileSync(example('wmo323_debet.xml'), 'utf8');
  const lines = (text) => [...text.matchAll(/<wmo323:ToewijzingNummer>(\d+)<[\s\S]*?<wmo323:ProductCode>(\w+)<[\s\S]*?<iwmo:Begindatum>([\d-]+)<[\s\S]*?<wmo323:GeleverdVolume>(\d+)<[\s\S]*?<wmo323:Eenheid>(\d+)<[\s\S]*?<wmo323:ProductTarief>(\d+)<[\s\S]*?<iwmo:Bedrag>(\d+)</g)].map((m) => m.slice(1).join(' '));
  assert.deepEqual(lines(xml), lines(expected));
  await page.waitForFunction(() => document.querySelector('#melding')?.textContent.includes('gedownload en in het archief gezet'), null, { polling: 'raf' });
  await page.waitForFunction(() => document.activeElement?.id === 'melding', null, { polling: 'raf' });

  // In the archive as a 323 without finding, on Te doen to upload, pending in the meters.
  await page.click('nav a[data-nav="importeren"]');
  await page.waitForFunction(() => document.querySelectorAll('#bestandenlijst tbody tr:not(.findings-row)').length === 3, null, { polling: 'raf' });
  const listed = await page.locator(`#bestandenlijst tbody tr:has-text("${download.suggestedFilename()}")`).textContent();
  assert.doesNotMatch(listed, /fout|waarschuwing/i, listed);
  await page.click('nav a[data-nav="te-doen"]');
  await page.waitForSelector('#te-doen li.todo[data-soort="uploaden"]');
  assert.match(await page.locator('#te-doen li.todo[data-soort="uploaden"]').textContent(), new RegExp(download.suggestedFilename()));
  // Not uploaded yet: not submitted, not open, and said so.
  await page.click('nav a[data-nav="overzicht"]');
  await page.waitForSelector('#totaal-te-uploaden');
  assert.equal((await page.locator('#totaal-te-uploaden').textContent()).trim(), '€ 700,00');
  assert.equal((await page.locator('#totaal-gedeclareerd').textContent()).trim(), '€ 0,00');
  assert.equal((await page.locator('#totaal-verwacht').textContent()).trim(), '€ 0,00');
  assert.match(await page.locator('#declaraties tbody').textContent(), /Nog uploaden/);
  await page.click('nav a[data-nav="toewijzingen"]');
  await page.waitForSelector('#toewijzing-123456 table.meters');
  const may = await page.locator('#toewijzing-123456 table.meters tbody tr:has(th:text("mei 2025")) td').evaluateAll((tds) => tds.map((td) => td.textContent.trim()));
  assert.deepEqual(may.slice(0, 6), ['15 uur', '8 uur', '0 uur', '0 uur', '8 uur', '7 uur']);

  // The month again: the lines are already declared (TR389), nothing is made.
  await page.click('nav a[data-nav="declareren"]');
  await page.waitForSelector('#declareren-maand');
  await month(page, '5', '2025');
  await page.waitForSelector('#volume-123456');
  await type(page, '#volume-123456', '2');
  await type(page, '#tarief-123456', '60,00');
  await page.waitForFunction(() => /9389|TR389/.test(document.querySelector('#declareren-regels tr[data-nummer="123456"] ul.problems')?.textContent ?? ''), null, { polling: 'raf' });
  assert.ok(await page.locator('#declareren-downloaden').isDisabled());
});

test('a timesheet fills the volumes and names each row it could not use', async () => {
  const { page } = env.app;
  await page.click('nav a[data-nav="declareren"]');
  await page.waitForSelector('#declareren-maand');
  await month(page, '6', '2025');
  await page.waitForSelector('#volume-123456');
  const dir = tempDir('urenstaat');
  const csv = path.join(dir, 'urenstaat.csv');
  fs.writeFileSync(csv, 'Toewijzingnummer;Datum;Duur\r\n123456;03-06-2025;1:30\r\n123456;10-06-2025;2,5\r\n123457;11-06-2025;0:45\r\n123457;11-07-2025;1:00\r\n999;12-06-2025;abc\r\n');
  await page.locator('#urenstaat').setInputFiles(csv);
  await page.waitForFunction(() => document.querySelector('#volume-123456')?.value === '4:00', null, { polling: 'raf' });
  assert.equal(await page.inputValue('#volume-123457'), '0:45');
  const skipped = await page.locator('#urenstaat-overgeslagen').textContent();
  assert.match(skipped, /Regel 5: valt buiten juni 2025/);
  assert.match(skipped, /Regel 6: duur: 'abc'/);
  assert.match(await page.locator('#melding').textContent(), /2 toewijzingen ingevuld uit 3 regels; 2 regels niet gebruikt/);
  assert.match(await page.locator('#declareren-regels tr[data-nummer="123456"]').textContent(), /uit urenstaat/);

  for (const [width, height] of [[390, 844], [1280, 800]]) {
    await page.setViewportSize({ width, height });
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(sideways <= 1, `the page scrolls sideways by ${sideways} px at ${width}`);
    const field = await page.locator('#volume-123456').boundingBox();
    assert.ok(field && field.x + field.width <= width, `the volume field is in view at ${width}`);
    assert.deepEqual(await axe(page), [], `axe at ${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('the demo: Te doen leads to Amsterdam\'s last month, ready to declare', async () => {
  const { page } = env.app;
  await removeAllFiles(page);
  await page.click('#demo-laden');
  await page.waitForSelector('#demo-verwijderen');
  await page.click('nav a[data-nav="te-doen"]');
  const item = page.locator('#te-doen li.todo[data-soort="maand-niet-gedeclareerd"]:has-text("Wmo Amsterdam")').first();
  await item.waitFor();
  const named = (await item.locator('.todo-reason').textContent()).match(/\d{6,}/g) ?? [];
  await item.locator('a.todo-open').click();
  await page.waitForFunction(() => /^#\/declareren\/wmo-0363\/\d{4}-\d{2}$/.test(location.hash) && document.querySelectorAll('#declareren-regels tbody tr').length > 0, null, { polling: 'raf' });
  assert.match(await page.locator('#declareren-gemeente option:checked').textContent(), /Amsterdam/);
  // The toewijzingen the item names are open; others of that month are marked as declared.
  const open = await page.locator('#declareren-regels tbody tr:not(:has(.already))').all();
  assert.ok(open.length > 0);
  for (const nummer of named) {
    assert.equal(await page.locator(`#declareren-regels tr[data-nummer="${nummer}"] .already`).count(), 0, `${nummer} is not declared yet`);
  }
  // Every row without a proposed tariff says so; typing 1 of each open one gives a message that
  // passes. A toewijzing with nothing left over its whole duration is left out: 1 more is 9322.
  let usedUp = 0;
  for (const row of open) {
    const nummer = await row.getAttribute('data-nummer');
    if (/hele toewijzing 0 [^\d]*$/.test(await row.locator('td[data-label="Nog over"]').textContent())) {
      usedUp++;
      continue;
    }
    const field = row.locator(`#volume-${nummer}`);
    const hint = await field.getAttribute('placeholder');
    await field.fill(hint.startsWith('uren') ? '1:00' : hint.startsWith('bedrag') ? '10,00' : '1');
    const tarief = row.locator(`#tarief-${nummer}`);
    if ((await tarief.count()) && (await tarief.inputValue()) === '') await tarief.fill('50,00');
  }
  try {
    await page.waitForFunction(() => document.querySelector('#declareren-status')?.textContent.startsWith('Klopt'), null, { polling: 'raf', timeout: 10000 });
  } catch (e) {
    throw new Error(`not made: ${await page.locator('main').textContent()}`);
  }
  assert.equal(await page.locator('#declareren-downloaden').isDisabled(), false);
  assert.ok(usedUp < open.length, `${usedUp} of ${open.length} toewijzingen used up`);
  // The proposed number is one no message Kloppend knows names, answers included.
  const nummer = await page.locator('#declareren-nummer').inputValue();
  assert.match(nummer, /^DEMO\d+$/);
  assert.match(await page.locator('main').textContent(), /ook uit antwoorden, is overgeslagen/);
});

// Issue 27: a back-up restored by merging (the pre-selected mode) keeps the upload mark of a
// made message, so Te doen does not ask to upload it a second time.
test('a merge restore keeps the upload mark of a made declaration', async () => {
  const { page } = env.app;
  const notice = (pattern) =>
    page.waitForFunction((source) => new RegExp(source).test(document.querySelector('#melding')?.textContent ?? ''), pattern.source, { timeout: 60000 });
  await page.click('#demo-verwijderen');
  await page.click('nav a[data-nav="importeren"]');
  await page.locator('#bestanden').setInputFiles([example('toewijzing/wmo301_bij_debet.xml')]);
  await page.waitForFunction(() => document.querySelectorAll('#bestandenlijst tbody tr:not(.findings-row)').length === 1, null, { polling: 'raf' });
  await page.click('nav a[data-nav="declareren"]');
  await month(page, '7', '2025');
  await page.waitForSelector('#volume-123457');
  await type(page, '#volume-123457', '2');
  await type(page, '#tarief-123457', '55,00');
  await page.waitForFunction(() => document.querySelector('#declareren-status')?.textContent.startsWith('Klopt'), null, { polling: 'raf' });
  await Promise.all([page.waitForEvent('download'), page.click('#declareren-downloaden')]);
  await notice(/gedownload en in het archief gezet/);
  await page.click('nav a[data-nav="te-doen"]');
  await page.click('#te-doen li.todo[data-soort="uploaden"] button.todo-uploaded');
  await page.waitForSelector('#wachten li.todo[data-soort="wachten"]');
  // Uploaded: now it is submitted and waits for the answer.
  await page.click('nav a[data-nav="overzicht"]');
  await page.waitForSelector('#totaal-verwacht');
  assert.equal(await page.locator('#totaal-te-uploaden').count(), 0);
  assert.equal((await page.locator('#totaal-verwacht').textContent()).trim(), '€ 110,00');
  assert.match(await page.locator('#declaraties tbody').textContent(), /Wacht op antwoord/);

  await page.click('nav a[data-nav="instellingen"]');
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('#backup')]);
  const plain = path.join(tempDir('backup'), file.suggestedFilename());
  await file.saveAs(plain);
  await page.click('#wissen');
  await page.click('#wissen-bevestigen');
  await notice(/Alles is gewist/);
  await page.locator('#terugzetten-bestand').setInputFiles(plain);
  assert.ok(await page.isChecked('#terugzetten-samenvoegen'), 'merging is the mode offered first');
  await page.click('#terugzetten');
  await notice(/bestanden toegevoegd/);
  await page.click('nav a[data-nav="te-doen"]');
  await page.waitForSelector('#wachten li.todo[data-soort="wachten"]');
  assert.equal(await page.locator('#te-doen li.todo[data-soort="uploaden"]').count(), 0, 'not asked to upload it again');
});
