// End-to-end: the rulebook as a user meets it. The pre-upload check of an imported 323 names
// the rule and the answer the gemeente would send; a line declared in minutes under an hourly
// tariff (IV081) is not flagged, and can be credited into an xmllint-valid 323.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { root, shared, tempDir, useApp } from './harness.mjs';

const env = useApp({ downloads: true });
const fixture = (name) => path.join(root, 'tests/fixtures/rules', name);

test('a message with two debit lines for one toewijzing, product and period shows TR416 and 0001', async () => {
  const { page } = env.app;
  const dir = tempDir('rules');
  const broken = path.join(dir, 'KL25090_tr416.xml');
  const base = fs.readFileSync(fixture('wmo323.xml'), 'utf8');
  fs.writeFileSync(broken, base.replace('<wmo323:ToewijzingNummer>4003<', '<wmo323:ToewijzingNummer>4001<'));
  execFileSync('xmllint', ['--noout', '--schema', path.join(shared, 'istandaarden/xsd/wmo/WMO323.xsd'), broken], { stdio: 'pipe' });
  await page.locator('#bestanden').setInputFiles([broken]);
  const row = page.locator('#bestandenlijst tbody tr:has-text("KL25090_tr416.xml")');
  await row.waitFor();
  const findings = page.locator('#bestandenlijst tr.findings-row[data-bestand="KL25090_tr416.xml"]');
  const finding = findings.locator('table.findings tbody tr[data-rule="TR416"]');
  assert.equal(await finding.count(), 1, 'one TR416 finding');
  assert.equal(await finding.locator('td.gevolg').getAttribute('data-retourcode'), '0001');
  assert.match(await finding.locator('td.gevolg').textContent(), /0001.*niet verstuurd/);
  // The rule code and the element path are technical detail, folded away under the sentence.
  assert.equal(await finding.locator('details.technisch').getAttribute('open'), null);
  assert.equal(await finding.locator('details.technisch .rule').textContent(), 'TR416');
  assert.match(await finding.locator('details.technisch li .mono').first().textContent(), /Prestatie\[1\]\/ProductReferentie\/ReferentieNummer/);
  assert.equal(await finding.locator('details.technisch li').first().isVisible(), false, 'the path is not shown until asked for');
  // The minute lines of the same message (IV081) are not flagged.
  assert.equal(await findings.locator('table.findings tbody tr[data-rule="TR346"]').count(), 0);
  await row.locator('button:text("Verwijderen")').click();
  await page.click('#verwijderen-bevestigen');
  await row.waitFor({ state: 'detached' });
});

test('an approved line in minutes under an hourly tariff is credited into a valid 323', async () => {
  const { page } = env.app;
  await page.locator('#bestanden').setInputFiles([fixture('wmo323.xml'), fixture('wmo325-goedgekeurd.xml')]);
  await page.waitForFunction(() => document.querySelectorAll('#bestandenlijst tbody tr').length === 2);
  const row = page.locator('#bestandenlijst tbody tr[data-type="WMO323"]');
  assert.equal(await page.locator('#bestandenlijst tr.findings-row').count(), 0, 'no findings: 45 min at € 70,25/h is € 52,69');
  await row.locator('a:text("Bekijken")').click();
  await page.waitForSelector('tr[data-ref="KL25090-002"]');
  assert.equal(await page.getAttribute('tr[data-ref="KL25090-002"]', 'data-status'), 'goedgekeurd');
  await page.check('tr[data-ref="KL25090-002"] input.select-line');
  await page.click('#naar-crediteren');
  await page.waitForSelector('#kandidaten');
  assert.match(await page.locator('#kandidaten tr[data-ref="KL25090-002"] .guard').first().textContent(), /^\s*Ja/);
  await page.waitForSelector('#checklist');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#downloaden')]);
  const file = path.join(env.downloads, download.suggestedFilename());
  await download.saveAs(file);
  execFileSync('xmllint', ['--noout', '--schema', path.join(shared, 'istandaarden/xsd/wmo/WMO323.xsd'), file], { stdio: 'pipe' });
  const xml = fs.readFileSync(file, 'utf8');
  assert.match(xml, /<iwmo:VorigReferentieNummer>KL25090-002<\/iwmo:VorigReferentieNummer>/);
  assert.match(xml, /<wmo323:GeleverdVolume>45<\/wmo323:GeleverdVolume>\s*<wmo323:Eenheid>01<\/wmo323:Eenheid>\s*<wmo323:ProductTarief>117<\/wmo323:ProductTarief>\s*<wmo323:IngediendBedrag>\s*<iwmo:Bedrag>5269<\/iwmo:Bedrag>\s*<iwmo:DebetCredit>C</);
});

