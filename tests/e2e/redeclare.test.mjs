// End-to-end (issue 27): a line the gemeente rejected on its product code (9340), or on a
// period past its toewijzing's end (9308), is declared again with what its toewijzing says. The shared debit, its answer and the 301 behind
// it, with the line's product changed to one the toewijzing does not name, and the answer's
// 0611 changed to 9340: the wizard asks for the product, takes the 301's over in one click,
// keeps it through a reload, and makes a file with it that is valid against the XSD.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { example, shared, tempDir, removeAllFiles, useApp } from './harness.mjs';

const env = useApp({ downloads: true });
const row = '#kandidaten tr[data-ref="F2025050-002"]';

const read = (name) => fs.readFileSync(example(name), 'utf8');

function files(out) {
  const dir = tempDir('herdeclaratie');
  return Object.entries(out).map(([name, text]) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  });
}

test('a 9340 line: the product fields, the toewijzing\'s product taken over, a valid file', async () => {
  const { page } = env.app;
  const wrong = (name) => read(name).replaceAll('>02A02<', '>02A09<');
  await page.locator('#bestanden').setInputFiles(
    files({
      'wmo323_debet.xml': wrong('wmo323_debet.xml'),
      'wmo325_antwoord.xml': wrong('wmo325_antwoord.xml').replace('>0611<', '>9340<'),
      'wmo301.xml': read('toewijzing/wmo301_bij_debet.xml'),
    }),
  );
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

test('a 9308 line: the period cut to the toewijzing\'s end is proposed and taken over', async () => {
  const { page } = env.app;
  await removeAllFiles(page);
  // 123457 ends on 15 May; the answer rejects its May line with 9308.
  const tw = read('toewijzing/wmo301_bij_debet.xml');
  const at = tw.lastIndexOf('<wmo301:Einddatum>2025-12-31<');
  const ended = `${tw.slice(0, at)}<wmo301:Einddatum>2025-05-15<${tw.slice(at + '<wmo301:Einddatum>2025-12-31<'.length)}`;
  await page.locator('#bestanden').setInputFiles(
    files({
      'wmo323_debet.xml': read('wmo323_debet.xml'),
      'wmo325_antwoord.xml': read('wmo325_antwoord.xml').replace('>0611<', '>9308<'),
      'wmo301.xml': ended,
    }),
  );
  await page.waitForFunction(() => document.querySelectorAll('#bestandenlijst td.actions-cell').length === 3);
  await page.click('#bestandenlijst tr[data-type="WMO323"] a:text("Bekijken")');
  await page.waitForSelector('tr[data-ref="F2025050-002"][data-status="afgewezen"]');
  await page.check('tr[data-ref="F2025050-002"] input.select-line');
  await page.click('#naar-crediteren');
  await page.waitForSelector(`${row} .corr-periode-voorstel`);
  assert.equal(await page.locator(`${row} .corr-productcode`).count(), 0, 'the product was not rejected');
  assert.match(await page.locator(`${row} .corr-periode-voorstel`).textContent(), /^Periode uit de toewijzing: 01-05-2025 t\/m 15-05-2025$/);
  await page.click(`${row} .corr-periode-voorstel`);
  await page.waitForFunction(() => !document.querySelector('#downloaden')?.disabled, null, { polling: 'raf' });
  assert.match(await page.locator('.checklist-lines .wijzigingen').first().textContent(), /periode 01-05-2025 t\/m 31-05-2025 → 01-05-2025 t\/m 15-05-2025/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#downloaden')]);
  const file = await download.path();
  assert.match(fs.readFileSync(file, 'utf8'), /<iwmo:Einddatum>2025-05-15<\/iwmo:Einddatum>/);
  execFileSync('xmllint', ['--noout', '--schema', path.join(shared, 'istandaarden/xsd/wmo/WMO323.xsd'), file], { stdio: 'pipe' });
});
