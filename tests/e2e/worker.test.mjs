// The analysis worker: files read and checked off the main thread give exactly what the
// main-thread path gives, findings and their places included (the fallback where a browser has no workers, which then says so),
// and cancelling an import stores nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root, example, tempDir, useApp } from './harness.mjs';

const env = useApp();
let dir;
let generated;

before(() => {
  dir = tempDir('worker');
  // Three pairs of 1,000 lines, with rejections, plus files that must be refused or carry findings.
  execFileSync('cargo', ['run', '--quiet', '--example', 'generate', '--', '3000', dir, '1000'], { cwd: root, stdio: 'inherit' });
  generated = fs.readdirSync(dir).filter((f) => f.endsWith('.xml')).sort().map((f) => path.join(dir, f));
  // A message that loads with findings: a BSN that fails the 11-proef (CS002), and its own number.
  const faulty = fs.readFileSync(example('wmo323_debet.xml'), 'utf8')
    .replace('<wmo323:Bsn>999900006</wmo323:Bsn>', '<wmo323:Bsn>999900007</wmo323:Bsn>')
    .replaceAll('F2025050', 'F2025099');
  fs.writeFileSync(path.join(dir, 'bevindingen.xml'), faulty);
  generated.push(path.join(dir, 'bevindingen.xml'));
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

function picks() {
  const broken = path.join(root, 'tests/fixtures/broken');
  const withFindings = fs.readdirSync(broken).filter((f) => f.endsWith('.xml')).sort().slice(0, 12).map((f) => path.join(broken, f));
  const examples = ['wmo323_debet.xml', 'wmo325_antwoord.xml', 'wmo323_credit.xml', 'jw323_debet.xml'].map(example);
  return [...examples, ...generated, ...withFindings];
}

/** Everything the screens say about the archive: the file list, the Overzicht, each declaration. */
async function whatIsShown(page, count) {
  await page.locator('#bestanden').setInputFiles(picks());
  await page.waitForFunction((n) => document.querySelectorAll('#bestandenlijst tbody tr').length >= n, count, { timeout: 120000 });
  await page.waitForFunction(() => /toegevoegd/.test(document.querySelector('#melding')?.textContent ?? ''), null, { timeout: 120000 });
  const texts = (selector) => page.locator(selector).evaluateAll((els) => els.map((e) => e.textContent.replace(/\s+/g, ' ').trim()));
  const files = (await texts('#bestandenlijst tbody tr')).sort();
  await page.click('nav a[data-nav="overzicht"]');
  await page.waitForSelector('#declaraties');
  const overzicht = { totalen: await texts('#totalen'), telling: await texts('#telling'), rijen: await texts('#declaraties tbody tr'), uitzonderingen: await texts('#uitzonderingen li') };
  const links = await page.locator('#declaraties tbody a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  const declaraties = [];
  for (const href of links) {
    await page.evaluate((h) => { location.hash = h; }, href);
    await page.waitForSelector('#regels[aria-busy="false"] tbody tr[data-ref]');
    declaraties.push({
      href,
      status: await texts('#verwerking'),
      regels: await texts('#regels tbody tr'),
      bevindingen: await texts('details summary'),
      // Rule, answer, place (line and column) and text of every finding.
      bevindingRegels: await texts('table.findings tbody tr'),
    });
  }
  await page.click('nav a[data-nav="importeren"]');
  return { files, overzicht, declaraties };
}

test('the worker path shows exactly what the main-thread path shows', async () => {
  const { page } = env.app;
  const count = picks().length;
  const withWorker = await whatIsShown(page, count);
  const workerUsed = await page.evaluate(() => performance.getEntriesByName('kloppend:worker').length);
  assert.ok(workerUsed > 0, 'the files went through the worker');
  assert.equal(await page.locator('#zonder-worker').count(), 0);

  // The same files in a browser without workers (a fresh archive in its own context).
  const context = await env.app.browser.newContext();
  await context.addInitScript(() => { delete window.Worker; });
  const plain = await context.newPage();
  const problems = [];
  plain.on('pageerror', (e) => problems.push(String(e)));
  await plain.goto(env.served.url);
  await plain.waitForSelector('#zonder-worker');
  const withoutWorker = await whatIsShown(plain, count);
  assert.equal(await plain.evaluate(() => performance.getEntriesByName('kloppend:worker').length), 0);
  await context.close();
  assert.deepEqual(problems, []);

  assert.ok(withWorker.declaraties.length >= 6, `${withWorker.declaraties.length} declarations`);
  assert.ok(withWorker.files.some((f) => /Geweigerd/.test(f)), 'refused files are listed too');
  assert.ok(withWorker.declaraties.some((d) => d.bevindingRegels.some((r) => /regel \d+, kolom \d+/.test(r))), 'findings with their places came through the worker');
  assert.deepEqual(withWorker.files, withoutWorker.files);
  assert.deepEqual(withWorker.overzicht, withoutWorker.overzicht);
  assert.deepEqual(withWorker.declaraties, withoutWorker.declaraties);
});

test('cancelling an import stores nothing and leaves the archive as it was', async () => {
  const { page } = env.app;
  const before = await page.locator('#bestandenlijst tbody tr').count();
  // Refused files are listed this session only; the archive holds the rest.
  const stored = await page.locator('#bestandenlijst tbody tr', { hasNotText: 'Geweigerd' }).count();
  const big = tempDir('cancel');
  execFileSync('cargo', ['run', '--quiet', '--example', 'generate', '--', '60000', big, '20000'], { cwd: root, stdio: 'inherit' });
  const files = fs.readdirSync(big).filter((f) => f.endsWith('.xml')).map((f) => path.join(big, f));
  await page.locator('#bestanden').setInputFiles(files);
  await page.locator('#importeren-afbreken').click({ timeout: 60000 });
  await page.waitForFunction(() => /Importeren afgebroken/.test(document.querySelector('#melding')?.textContent ?? ''), null, { timeout: 120000 });
  assert.equal(await page.locator('#importeren-voortgang').count(), 0, 'the progress is gone');
  assert.equal(await page.locator('#bestandenlijst tbody tr').count(), before, 'nothing was added');
  // And after a reload, from the archive itself.
  await page.reload();
  await page.waitForSelector('main[aria-busy="false"]');
  assert.equal(await page.locator('#bestandenlijst tbody tr').count(), stored);
  fs.rmSync(big, { recursive: true, force: true });
});

