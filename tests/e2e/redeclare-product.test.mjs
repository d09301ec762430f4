// End-to-end (issue 27): a line the gemeente rejected on its product code (9340) is declared
// again with the product its toewijzing names. The shared debit, its answer and the 301 behind
// it, with the line's product changed to one the toewijzing does not name, and the answer's
// 0611 changed to 9340: the wizard asks for the product, takes the 301's over in one click,
// keeps it through a reload, and makes a file with it that is valid against the XSD.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { example, shared, tempDir, useApp } from './harness.mjs';

const env = useApp({ downloads: true });
const row = '#kandidaten tr[data-ref="F2025050-002"]';

function files() {
  const dir = tempDir('product');
  const wrong = (name) => fs.readFileSync(example(name), 'utf8').replaceAll('>02A02<', '>02A09<');
  const out = {
    'wmo323_debet.xml': wrong('wmo323_debet.xml'),
    'wmo325_antwoord.xml': wrong('wmo325_antwoord.xml').replace('>0611<', '>9340<'),
    'wmo301.xml': fs.readFileSync(example('toewijzing/wmo301_bij_debet.xml'), 'utf8'),
  };
  return Object.entries(out).map(([name, text]) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  });
}

test('a 9340 line: the product fields, the toewijzing\'s product taken over, a valid file', async () => {
  const { page } = env.app;
  await page.locator('#bestanden').setInputFiles(files());
  await page.waitForFunction(() => document.querySelectorAll('#bestandenlijst td.actions-cell').length === 3);
  await page.click('#bestandenlijst tr[data-type="WMO323"] a:text("Bekijken")');
  await page.waitForSelector('tr[data-ref="F2025050-002"][data-status="afgewezen"]');
  await page.check('tr[data-ref="F2025050-002"] input.select-line');
  await page.click('#naar-crediteren');
  await page.waitForSelector(`${row} .corr-productcode`);
  assert.ok(await page.isChecked('input[name="soort"][value="Opnieuw declareren"]'));
  assert.match(await page.locator(`${row} .huidig`).textContent(), /product 02 02A09/);
  // Nothing changed yet: the same product would be rejected again, and no file is offered.
  await page.waitForFunction(() => /niets veranderd aan wat de gemeente afwees \(de productcode\)/.test(document.querySelector('main')?.textContent ?? ''), null, { polling: 'raf' });
  assert.ok(await page.locator('#downloaden').isDisabled().catch(() => true));
  // No product fields for a rejection on the tariff: only this line's codes ask for them.
  assert.equal(await page.locator(`${row} .corr-eenheid`).count(), 0, 'the unit was not rejected');

  await page.click(`${row} .corr-product-voorstel`);
  assert.match(await page.locator(`${row} .corr-product-voorstel`).textContent(), /Uit de toewijzing overnemen: 02 02A02/);
  await page.waitForFunction(() => !document.querySelector('#downloaden')?.disabled, null, { polling: 'raf' });
  assert.equal(await page.inputValue(`${row} .corr-productcode`), '02A02');
  assert.equal(await page.inputValue(`${row} .corr-categorie`), '02');
  // A reload keeps the product taken over.
  await page.reload();
  await page.waitForFunction(() => document.querySelector('main')?.getAttribute('aria-busy') === 'false', null, { polling: 'raf' });
  await page.waitForSelector(`${row} .corr-productcode`);
  assert.equal(await page.inputValue(`${row} .corr-productcode`), '02A02');
  await page.waitForFunction(() => /product 02 02A09 → 02 02A02/.test(document.querySelector('.checklist-lines .wijzigingen')?.textContent ?? ''), null, { polling: 'raf' });

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#downloaden')]);
  const file = await download.path();
  const xml = fs.readFileSync(file, 'utf8');
  assert.match(xml, /<wmo323:ProductCode>02A02<\/wmo323:ProductCode>/);
  assert.doesNotMatch(xml, /02A09/, 'the rejected product is not declared again');
  execFileSync('xmllint', ['--noout', '--schema', path.join(shared, 'istandaarden/xsd/wmo/WMO323.xsd'), file], { stdio: 'pipe' });
  await page.waitForFunction(() => /gedownload en in het archief gezet/.test(document.querySelector('#melding')?.textContent ?? ''), null, { polling: 'raf' });
});
