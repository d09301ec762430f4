// End-to-end: the built app, served under a sub-path, recognises the shared examples and
// refuses other files with a clear Dutch message, without a single request to another origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir, example, useApp } from './harness.mjs';

const env = useApp();

test('the shell has the Dutch title, the menu and the privacy footer', async () => {
  const { page } = env.app;
  assert.equal(await page.title(), 'Importeren – Kloppend', 'a title per screen, the app name last');
  const menu = await page.locator('nav a').allTextContents();
  assert.deepEqual(menu, ['Importeren', 'Te doen', 'Overzicht', 'Toewijzingen', 'Declareren', 'Crediteren', 'Verrekeningen', 'Inzicht', 'Instellingen']);
  assert.match(await page.locator('footer').textContent(), /blijven op dit apparaat/);
  // A first visit (an empty archive) says what Kloppend does and where the files come from.
  await page.waitForSelector('#eerste-bezoek');
  assert.match(await page.locator('#eerste-bezoek').textContent(), /VECOZO-portaal.*323.*325.*Te doen/s);
  // The assets came from the sub-path, with relative URLs.
  assert.ok(env.app.requests.some((u) => u.startsWith(env.served.url) && u.endsWith('.wasm')), env.app.requests.join('\n'));
  // A mistyped link: the Overzicht, saying the page does not exist (never a blank page).
  await page.evaluate(() => {
    location.hash = '#/overzciht';
  });
  await page.waitForSelector('#onbekende-pagina');
  assert.match(await page.locator('#onbekende-pagina').textContent(), /'overzciht' bestaat niet/);
  assert.equal(await page.locator('main h2').first().textContent(), 'Overzicht');
  await page.evaluate(() => {
    location.hash = '#/importeren';
  });
  await page.waitForSelector('main h2:text("Importeren")');
});

test('importing the examples, a non-XML file and a 301 lists each with type or reason', async () => {
  const { page } = env.app;
  const dir = tempDir('import');
  const notXml = path.join(dir, 'notities.xml');
  fs.writeFileSync(notXml, 'Dit is gewoon tekst, geen XML.\n');
  const toewijzing = path.join(dir, 'toewijzing301.xml');
  fs.writeFileSync(
    toewijzing,
    fs.readFileSync(example('wmo323_debet.xml'), 'utf8').replace('iwmo/3_2/wmo323/schema', 'iwmo/3_2/wmo301/schema'),
  );
  const files = ['wmo323_debet.xml', 'wmo325_antwoord.xml', 'wmo323_credit.xml', 'jw323_debet.xml', 'toewijzing/wmo301_bij_debet.xml', 'toewijzing/wmo305_voorbeeld.xml'].map(example);
  await page.locator('#bestanden').setInputFiles([...files, notXml, toewijzing]);
  await page.waitForFunction(() => document.querySelectorAll('#bestandenlijst tbody tr').length === 8);
  assert.equal(await page.locator('#eerste-bezoek').count(), 0, 'the first-visit steps go once there are files');

  const rows = await page.locator('#bestandenlijst tbody tr').evaluateAll((trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent.trim())),
  );
  const byName = Object.fromEntries(rows.map((cells) => [cells[0], cells]));
  assert.deepEqual(byName['wmo323_debet.xml'].slice(1, 5), ['WMO323', 'F2025050', 'mei 2025', '€ 700,00']);
  assert.deepEqual(byName['wmo325_antwoord.xml'].slice(1, 5), ['WMO325', 'F2025050', '—', '€ 480,00']);
  assert.deepEqual(byName['wmo323_credit.xml'].slice(1, 5), ['WMO323', 'F2025061', 'juni 2025', '-€ 480,00']);
  assert.deepEqual(byName['jw323_debet.xml'].slice(1, 5), ['JW323', 'F2025050', 'mei 2025', '€ 700,00']);
  for (const name of ['wmo323_debet.xml', 'wmo325_antwoord.xml', 'wmo323_credit.xml', 'jw323_debet.xml']) {
    assert.equal(byName[name][5], 'In orde', `${name}: ${byName[name]}`);
  }
  assert.equal(byName['notities.xml'][1], 'Geweigerd');
  assert.match(byName['notities.xml'][2], /geen XML-bestand/);
  // A 323 under the 301 namespace is read as a 301, and refused for its BerichtCode.
  assert.equal(byName['toewijzing301.xml'][1], 'Geweigerd');
  assert.match(byName['toewijzing301.xml'][2], /BerichtCode '484': verwacht 414 \(WMO301\)/);
  // The real 301: its gemeente by name and what it holds, never the client's name or address.
  assert.deepEqual(byName['wmo301_bij_debet.xml'].slice(1, 6), ['WMO301', 'Amsterdam (0363)', '20-03-2025', '1 cliënt, 2 toewijzingen', 'In orde']);
  assert.doesNotMatch(await page.locator('#bestandenlijst').textContent(), /Voorbeeldstraat|Voorbeeld\b|9999XX/);
  // The provider's own start message is kept and listed too.
  assert.deepEqual(byName['wmo305_voorbeeld.xml'].slice(1, 6), ['WMO305 (Start zorg)', 'Amsterdam (0363)', '05-04-2025', '2 producten', 'In orde']);
  // Each row's actions name their file (for screen readers), and no two share a name.
  const names = await page.locator('#bestandenlijst tbody a, #bestandenlijst tbody button').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  assert.ok(names.includes('wmo323_debet.xml bekijken') && names.includes('wmo323_debet.xml uit het archief verwijderen'), names.join(' | '));
  assert.equal(new Set(names).size, names.length, names.join(' | '));
  // The summary of what was just added (issue 27): per file what it holds, and the way to Te doen.
  const summary = await page.locator('#samenvatting tbody tr').evaluateAll((trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent.trim())),
  );
  assert.equal(summary.length, 6, 'the six stored files, not the two refused');
  const added = Object.fromEntries(summary.map((cells) => [cells[0], cells]));
  // The credit of the approved line came in the same pick.
  assert.deepEqual(added['wmo323_debet.xml'].slice(1, 5), ['WMO323', 'F2025050', '2 regels: 1 afgewezen, 1 credit ingediend', '€ 700,00']);
  assert.equal(added['wmo325_antwoord.xml'][3], 'beoordeelt 2 regels: 1 afgewezen, 1 credit ingediend');
  assert.match(await page.locator('#samenvatting-te-doen').textContent(), /^Naar Te doen \(\d+ acties?\)$/);
});

test('the speed test reads a generated 25 MB declaration and reports MB/s', async () => {
  const { page } = env.app;
  await page.click('nav a[data-nav="instellingen"]');
  await page.click('#snelheid');
  await page.waitForFunction(() => /MB\/s/.test(document.querySelector('#snelheid-uitkomst')?.textContent ?? ''), null, { timeout: 120000 });
  const result = (await page.locator('#snelheid-uitkomst').textContent()).trim();
  const mbs = Number(result.match(/([0-9]+) MB\/s/)[1]);
  assert.ok(mbs > 0, result);
  console.log(`browser parse speed (release build, headless Chromium): ${result}`);
});

