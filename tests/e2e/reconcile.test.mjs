// End-to-end: the shared examples (debit, its answer, the credit) reconciled on screen, and
// the demo data showing every line status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFiguresAddUp, example, useApp } from './harness.mjs';

const env = useApp();

const text = (page, selector) => page.locator(selector).first().textContent().then((t) => t.trim());

test('the examples are linked: statuses per line and the totals', async () => {
  const { page } = env.app;
  await page.locator('#bestanden').setInputFiles(['wmo323_debet.xml', 'wmo325_antwoord.xml', 'wmo323_credit.xml'].map(example));
  await page.waitForFunction(() => document.querySelectorAll('#bestandenlijst tbody tr').length === 3);
  await page.click('nav a[data-nav="overzicht"]');
  await page.waitForSelector('#totalen');
  // Said out loud: declared 700 gross; the approved 480 is being credited; 220 rejected.
  assert.equal(await text(page, '#totaal-gedeclareerd'), '€ 700,00');
  assert.equal(await text(page, '#totaal-gecrediteerd'), '€ 480,00');
  assert.match(await text(page, '#totaal-gecrediteerd-toelichting'), /€ 480,00 wacht op antwoord/);
  assert.equal(await text(page, '#totaal-toegekend'), '€ 0,00');
  assert.match(await text(page, '#totaal-toegekend-toelichting'), /keurde € 480,00 goed, daarvan is € 480,00 gecrediteerd/);
  assert.equal(await text(page, '#totaal-afgewezen'), '€ 220,00');
  // Never a negative figure anywhere, and the cards add up.
  assert.equal(await text(page, '#totaal-verwacht'), '€ 0,00');
  await assertFiguresAddUp(page, 'totaal');
  assert.match(await text(page, '#uitzonderingen'), /F2025050-002.*0611/);

  await page.click('#declaraties a:text("F2025050")');
  await page.waitForSelector('#regels');
  assert.equal(await page.getAttribute('tr[data-ref="F2025050-001"]', 'data-status'), 'credit-ingediend');
  assert.equal(await page.getAttribute('tr[data-ref="F2025050-002"]', 'data-status'), 'afgewezen');
  assert.match(await text(page, 'tr[data-ref="F2025050-002"]'), /0611/);
  assert.match(await text(page, 'tr[data-ref="F2025050-002"]'), /nieuw ReferentieNummer/);
  // Assessed with a rejected line: not a green "Beoordeeld".
  assert.equal(await text(page, '#verwerking'), 'Deels afgewezen');
  assert.equal(await page.getAttribute('#verwerking', 'class'), 'badge warn');
  assert.equal(await text(page, '#d-toegekend'), '€ 0,00');
  assert.match(await text(page, '#d-toegekend-toelichting'), /keurde € 480,00 goed/);
  await assertFiguresAddUp(page, 'd');
  // BSN masked until revealed.
  assert.match(await text(page, '#regels .bsn'), /^•+006$/);

  await page.click('a:text("F2025061")');
  await page.waitForSelector('tr[data-ref="F2025061-001"]');
  assert.equal(await page.getAttribute('tr[data-ref="F2025061-001"]', 'data-status'), 'wacht');
  assert.match(await text(page, '#verwerking'), /Wacht op antwoord|Antwoord te laat/);
});

test('the demo loads, shows every status, and is removed with one click', async () => {
  const { page } = env.app;
  await page.click('nav a[data-nav="importeren"]');
  await page.click('#demo-laden');
  await page.waitForSelector('#demo-verwijderen');
  await page.click('nav a[data-nav="overzicht"]');
  await page.waitForSelector('#telling');
  // Next to the user's own examples the demo is its own mode: left out until asked for.
  assert.match(await text(page, '#demo-banner'), /fictief en tellen niet mee/);
  assert.equal(await text(page, '#totaal-gedeclareerd'), '€ 700,00', 'own totals exclude the demo');
  await page.selectOption('#filter-bron', 'demo');
  await page.waitForFunction(() => !document.querySelector('#zonder-demo'));
  const shown = await page.locator('#telling [data-status]').evaluateAll((els) => els.map((e) => e.dataset.status));
  for (const status of ['wacht', 'goedgekeurd', 'afgewezen', 'niet-beoordeeld', 'niet-verwerkt', 'credit-ingediend', 'gecrediteerd']) {
    assert.ok(shown.includes(status), `demo shows ${status}: ${shown}`);
  }
  const exceptions = await text(page, '#uitzonderingen');
  for (const kind of ['Antwoord te laat', 'Bedragen kloppen niet', 'Antwoord zonder declaratie', 'Niet verwerkt']) {
    assert.ok(exceptions.includes(kind), `exceptions list ${kind}`);
  }
  await page.click('nav a[data-nav="importeren"]');
  await page.click('#demo-verwijderen');
  await page.waitForSelector('#demo-laden');
  const rows = await page.locator('#bestandenlijst tbody tr').count();
  assert.equal(rows, 3, 'only the three imported examples remain');
});

