// End-to-end: a settlement CSV next to the loaded 323s: matched rows link to the declaration,
// a broken row is listed with its line number, and importing it twice changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { example, root, useApp } from './harness.mjs';

const env = useApp();

const csv = path.join(root, 'tests/fixtures/settlement/09-broken-rows.csv');

const text = (page, selector) => page.locator(selector).first().textContent().then((t) => t.trim());

test('matched rows link to their declaration and broken rows show their line', async () => {
  const { page } = env.app;
  await page.locator('#bestanden').setInputFiles([example('wmo323_debet.xml'), csv]);
  await page.waitForFunction(() => document.querySelectorAll('#bestandenlijst tbody tr').length === 2);
  assert.match(await text(page, '#bestandenlijst tr[data-type="verrekenoverzicht"] .controle'), /6 regels onleesbaar/);
  await page.click('nav a[data-nav="verrekeningen"]');
  await page.waitForSelector('#verrekenregels');
  assert.equal(await text(page, '#v-ontvangen'), '€ 100,00');
  const onleesbaar = await text(page, '#onleesbaar');
  assert.match(onleesbaar, /regel 3: U ontvangt: 'honderd' is geen bedrag/);
  assert.match(onleesbaar, /regel 5: 4 velden, de kopregel heeft er 9/);
  await page.click('#verrekenregels tr[data-regel="2"] a.gekoppeld');
  await page.waitForSelector('#regels');
  assert.match(await text(page, 'h2'), /Declaratie F2025050/);
});

test('importing the same overview again changes nothing', async () => {
  const { page } = env.app;
  await page.click('nav a[data-nav="importeren"]');
  await page.locator('#bestanden').setInputFiles([csv]);
  await page.waitForSelector('#melding:has-text("stond er al in")');
  assert.equal(await page.locator('#bestandenlijst tbody tr').count(), 2);
});

test('Verrekeningen exports its rows and claims as Dutch CSVs', async () => {
  const { page } = env.app;
  await page.click('nav a[data-nav="verrekeningen"]');
  await page.waitForSelector('#verrekenregels');
  const shown = await page.locator('#verrekenregels tbody tr').count();
  await page.selectOption('select.export-formaat', 'csv');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#verrekenregels-exporteren')]);
  const file = await download.path();
  const rows = fs.readFileSync(file, 'utf8').slice(1).trim().split('\r\n').map((l) => l.split(';'));
  assert.equal(rows[0].join(';'), 'Overzicht;Regel;Onderwerp;AGB;Uw kenmerk;Ons kenmerk;Zorgverzekeraar;Vervaldatum;U ontvangt;U betaalt;Toelichting;Declaratie gevonden');
  assert.equal(rows.length - 1, shown, 'one row per row shown');
  const linked = rows.find((r) => r[1] === '2');
  assert.equal(linked[8], '100,00', `${linked}`);
  assert.equal(linked[11], 'ja');
});

