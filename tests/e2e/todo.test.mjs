// End-to-end: Te doen with the example pair and with the demo. The items, their deadlines,
// the count in the menu, each link to the screen that does it (a line opened highlighted),
// marking done that survives a reload and is undone, and a gemeente's own term.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { foreignRequests, example, removeAllFiles, shared, useApp } from './harness.mjs';

const env = useApp({ downloads: true });

const text = (page, selector) => page.locator(selector).first().textContent().then((t) => t.trim());
const count = (page, selector) => page.locator(selector).count();

async function openTodo(page) {
  await page.click('nav a[data-nav="te-doen"]');
  await page.waitForSelector('main h2:text("Te doen")');
}

test('a rejected line is an item with its deadline, and its link opens the line highlighted', async () => {
  const { page } = env.app;
  await page.locator('#bestanden').setInputFiles(['wmo323_debet.xml', 'wmo325_antwoord.xml'].map(example));
  await page.waitForFunction(() => document.querySelectorAll('#bestandenlijst tbody tr').length === 2);
  // One action: the count in the menu says so.
  await page.waitForSelector('#te-doen-aantal');
  assert.equal(await text(page, '#te-doen-aantal'), '1');
  await openTodo(page);
  assert.equal(await page.title(), 'Te doen – Kloppend');
  const item = page.locator('#te-doen li.todo[data-soort="opnieuw"]');
  assert.equal(await item.count(), 1);
  const itemText = await item.textContent();
  assert.match(itemText, /1 afgewezen regel van declaratie F2025050/);
  assert.match(itemText, /0611/);
  // May 2025 by the default term: the end of June 2025, long past.
  assert.match(itemText, /verlopen op 30-06-2025/);
  assert.match(itemText, /Standaard Administratieprotocol/);
  assert.equal(await item.getAttribute('data-urgentie'), 'verlopen');

  await item.locator('a.todo-open').click();
  await page.waitForSelector('tr.chosen');
  assert.match(await page.evaluate(() => location.hash), /^#\/declaratie\/[0-9a-f]+\/0-1$/);
  assert.equal(await page.getAttribute('tr.chosen', 'data-ref'), 'F2025050-002');
  assert.equal(await page.getAttribute('tr.chosen', 'id'), 'gekozen-regel');
  const inView = await page.evaluate(() => {
    const r = document.querySelector('tr.chosen').getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });
  assert.ok(inView, 'the chosen line is scrolled into view');
});

test('marking done survives a reload, and undo puts the item back', async () => {
  const { page } = env.app;
  await openTodo(page);
  await page.click('#te-doen li.todo[data-soort="opnieuw"] button.todo-done');
  await page.waitForSelector('#afgehandeld');
  assert.match(await text(page, '#melding'), /Afgehandeld: 1 afgewezen regel van declaratie F2025050/);
  assert.equal(await count(page, '#te-doen-aantal'), 0, 'no count when nothing is open');
  assert.equal(await count(page, '#niets-te-doen'), 1);

  await page.reload();
  await page.waitForSelector('main[aria-busy="false"]');
  await openTodo(page);
  await page.waitForSelector('#afgehandeld');
  assert.equal(await count(page, '#te-doen li.todo'), 0, 'still done after a reload');
  assert.match(await text(page, '#ongedaan'), /Afgehandeld: 1 afgewezen regel/);

  await page.click('#ongedaan-maken');
  await page.waitForSelector('#te-doen li.todo[data-soort="opnieuw"]');
  assert.equal(await count(page, '#afgehandeld'), 0);
  assert.equal(await text(page, '#te-doen-aantal'), '1');

  // Put off a week: out of the list, in "Uitgesteld", and back with one click.
  await page.click('#te-doen li.todo[data-soort="opnieuw"] button.todo-snooze');
  await page.waitForSelector('#uitgesteld');
  assert.match(await text(page, '#uitgesteld summary'), /Uitgesteld \(1\)/);
  await page.click('#uitgesteld summary');
  await page.click('#uitgesteld button.todo-reopen');
  await page.waitForSelector('#te-doen li.todo[data-soort="opnieuw"]');
});

test('a gemeente of its own term: the deadline follows the setting', async () => {
  const { page } = env.app;
  await page.click('nav a[data-nav="instellingen"]');
  const select = page.locator('#termijnen select').first();
  await select.waitFor();
  await select.selectOption('3-maanden');
  await openTodo(page);
  // May 2025 plus three months: 31 August 2025.
  await page.waitForFunction(() => /verlopen op 31-08-2025/.test(document.querySelector('#te-doen')?.textContent ?? ''));
  assert.match(await text(page, '#te-doen li.todo'), /binnen 3 maanden na afloop/);
  // Undone like every setting.
  await page.click('#ongedaan-maken');
  await page.waitForFunction(() => /verlopen op 30-06-2025/.test(document.querySelector('#te-doen')?.textContent ?? ''));
});

test('"opnieuw declareren" opens the wizard with the lines; once made, the item is off the list', async () => {
  const { page } = env.app;
  await openTodo(page);
  await page.click('#te-doen li.todo[data-soort="opnieuw"] a.todo-wizard');
  await page.waitForSelector('#kandidaten tr[data-ref="F2025050-002"]');
  assert.equal(await page.evaluate(() => location.hash), '#/crediteren');
  assert.ok(await page.isChecked('input[name="soort"][value="Opnieuw declareren"]'), 'the wizard is set to re-declare');
  assert.match(await text(page, '#kandidaten tr[data-ref="F2025050-002"] .guard'), /^Ja/);
  // The standard's term stays, with a "?" that explains it, by keyboard too.
  const help = page.locator('.message-card details.help:has(summary[aria-label="Wat is BerichtIdentificatie?"])');
  await help.locator('summary').focus();
  await page.keyboard.press('Enter');
  assert.match(await help.locator('.help-text').textContent(), /nooit twee keer/);
  assert.ok(await help.locator('.help-text').isVisible());
  // Unchanged, it would be rejected again with 0611: no file until the tariff is changed.
  await page.waitForSelector('#bouwfout');
  assert.match(await text(page, '#bouwfout'), /je hebt niets veranderd aan wat de gemeente afwees \(het tarief\)/);
  assert.ok(await page.locator('#downloaden').isDisabled());
  await page.fill('#kandidaten tr[data-ref="F2025050-002"] .corr-tarief', '58,00');
  await page.locator('#kandidaten tr[data-ref="F2025050-002"] .corr-tarief').dispatchEvent('change');
  await page.waitForFunction(() => !document.querySelector('#downloaden')?.disabled, null, { polling: 'raf' });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#downloaden')]);
  const file = path.join(env.downloads, download.suggestedFilename());
  await download.saveAs(file);
  execFileSync('xmllint', ['--noout', '--schema', path.join(shared, 'istandaarden/xsd/wmo/WMO323.xsd'), file], { stdio: 'pipe' });
  // Archived as made by Kloppend: the rejected line has a successor, which is to be uploaded.
  await openTodo(page);
  await page.waitForSelector('#te-doen li.todo[data-soort="uploaden"]');
  assert.equal(await count(page, '#te-doen li.todo[data-soort="opnieuw"]'), 0);
  assert.match(await text(page, '#te-doen li.todo[data-soort="uploaden"]'), new RegExp(`${download.suggestedFilename()} uploaden in VECOZO`));
  // Uploaded: from now on it waits for the gemeente's answer, and there is nothing to do.
  await page.click('#te-doen li.todo[data-soort="uploaden"] button.todo-uploaded');
  await page.waitForSelector('#wachten li.todo[data-soort="wachten"]');
  assert.match(await text(page, '#melding'), /geüpload in VECOZO/);
  assert.equal(await count(page, '#te-doen-aantal'), 0);
  // The original line says where it went, and links to it.
  await page.click('nav a[data-nav="overzicht"]');
  await page.click('#declaraties a:text("F2025050")');
  await page.waitForSelector('tr[data-ref="F2025050-002"] .line-link.next a');
  await page.click('tr[data-ref="F2025050-002"] .line-link.next a');
  await page.waitForSelector('tr.chosen .line-link.previous');
  assert.match(await text(page, 'tr.chosen .line-link.previous'), /Declareert opnieuw: F2025050-002 uit declaratie F2025050/);
  // The upload mark is undone like any action: to upload again.
  assert.match(await text(page, '#ongedaan'), /geüpload in VECOZO/);
  await page.click('#ongedaan-maken');
  await openTodo(page);
  await page.waitForSelector('#te-doen li.todo[data-soort="uploaden"]');
});

test('with the demo: every kind of item, each link to the screen that does it', async () => {
  const { page, requests } = env.app;
  // Only the demo: remove the examples first.
  await removeAllFiles(page);
  await page.click('#demo-laden');
  await page.waitForSelector('#demo-verwijderen');
  await openTodo(page);
  await page.waitForSelector('#te-doen li.todo');
  const kinds = await page.locator('#te-doen li.todo').evaluateAll((els) => els.map((e) => e.dataset.soort));
  for (const kind of ['versturen', 'opnieuw', 'navragen', 'laden', 'vordering', 'toewijzing-past-niet', 'buiten-toewijzing', 'toewijzing-loopt-af']) {
    assert.ok(kinds.includes(kind), `Te doen lists ${kind}: ${kinds}`);
  }
  assert.ok((await count(page, '#wachten li.todo[data-soort="wachten"]')) >= 1, 'a declaration waiting for its answer');
  assert.equal(await text(page, '#te-doen-aantal'), String(kinds.length));
  // Overdue first.
  const urgencies = await page.locator('#te-doen li.todo').evaluateAll((els) => els.map((e) => e.dataset.urgentie));
  assert.equal(urgencies[0], 'verlopen', urgencies.join(','));

  const follow = async (kind, check) => {
    await openTodo(page);
    await page.locator(`#te-doen li.todo[data-soort="${kind}"] a.todo-open`).first().click();
    await page.waitForFunction(check);
  };
  await follow('laden', () => location.hash === '#/importeren');
  await follow('vordering', () => location.hash === '#/verrekeningen');
  await follow('versturen', () => /^#\/declaratie\/[0-9a-f]+$/.test(location.hash) && !!document.querySelector('#verwerking'));
  assert.match(await text(page, '#verwerking'), /niet verwerkt/i);
  await follow('navragen', () => /^#\/declaratie\//.test(location.hash) && !!document.querySelector('#verwerking'));
  assert.equal(await text(page, '#verwerking'), 'Antwoord te laat');
  await follow('toewijzing-loopt-af', () => location.hash === '#/toewijzingen' && !!document.querySelector('#toewijzingen article.toewijzing'));
  await follow('buiten-toewijzing', () => !!document.querySelector('tr.chosen'));
  assert.equal(await page.getAttribute('tr.chosen', 'data-status'), 'goedgekeurd');
  await follow('opnieuw', () => !!document.querySelector('tr.chosen'));
  assert.match(await page.getAttribute('tr.chosen', 'data-status'), /afgewezen|niet-beoordeeld/);
  assert.deepEqual(foreignRequests(requests, env.served.origin), []);
});

test('the periods of a contract from a start day the user gives, each with the month that declares it', async () => {
  const { page } = env.app;
  await page.click('nav a[data-nav="instellingen"]');
  await page.fill('#periode-jaar', '2026');
  await page.fill('#periode-start', '2026-03-10');
  await page.fill('#periode-eind', '2026-05-20');
  // No calendar is assumed: without a start day of a period there is nothing to show.
  assert.match(await text(page, '#periode-uitkomst'), /begindatum van een periode uit je contract/);
  await page.fill('#periode-anker', '2025-12-29');
  await page.waitForSelector('#perioden');
  const rows = await page.locator('#perioden tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.cells).map((td) => td.textContent.trim())));
  assert.deepEqual(rows, [
    ['3', '23-02-2026', '22-03-2026', 'maart 2026'],
    ['4', '23-03-2026', '19-04-2026', 'april 2026'],
    ['5', '20-04-2026', '17-05-2026', 'mei 2026'],
    ['6', '18-05-2026', '14-06-2026', 'juni 2026'],
  ]);
  await page.check('#periode-maand');
  await page.waitForFunction(() => document.querySelectorAll('#perioden tbody tr').length === 3);
  assert.equal(await text(page, '#perioden tbody tr:first-child td:nth-child(2)'), '01-03-2026');
  await page.fill('#periode-eind', '2026-01-01');
  assert.match(await text(page, '#periode-uitkomst'), /einddatum ligt voor de begindatum/);
});

test('an approved line marked "klopt niet" is on Te doen to credit, with the wizard set to credit it; "klopt toch" takes it off', async () => {
  const { page } = env.app;
  // The example pair again, next to the demo (the screens then show the user's own files).
  await page.click('nav a[data-nav="importeren"]');
  await page.locator('#bestanden').setInputFiles(['wmo323_debet.xml', 'wmo325_antwoord.xml'].map(example));
  await page.waitForSelector('#melding:has-text("2 bestanden toegevoegd")');
  await page.click('nav a[data-nav="overzicht"]');
  await page.click('#declaraties a:text("F2025050")');
  const row = page.locator('tr[data-ref="F2025050-001"]');
  await row.locator('button.line-wrong-mark').click();
  await row.locator('.line-wrong .badge').waitFor();
  assert.match(await text(page, '#melding'), /Als onjuist gemarkeerd: regel F2025050-001/);
  await openTodo(page);
  const item = page.locator('#te-doen li.todo[data-soort="onjuist"]');
  assert.match(await item.textContent(), /1 onjuiste regel van declaratie F2025050/);
  await item.locator('a.todo-wizard').click();
  await page.waitForSelector('#kandidaten tr[data-ref="F2025050-001"]');
  assert.ok(await page.isChecked('input[name="soort"][value="Crediteren"]'), 'the wizard is set to credit');
  assert.match(await text(page, '#kandidaten tr[data-ref="F2025050-001"] .guard'), /^Ja/, 'the line is chosen and may be credited');

  await page.click('nav a[data-nav="overzicht"]');
  await page.click('#declaraties a:text("F2025050")');
  await row.locator('button.line-right').click();
  await row.locator('button.line-wrong-mark').waitFor();
  await openTodo(page);
  assert.equal(await count(page, '#te-doen li.todo[data-soort="onjuist"]'), 0);
});
