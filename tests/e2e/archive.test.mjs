// End-to-end: the archive in IndexedDB survives a reload; a back-up, wiped archive and
// restore give back the identical archive (same digest); an encrypted back-up refuses a wrong
// passphrase and changes nothing; a deletion can be undone. No request leaves the origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { root, tempDir, example, useApp } from './harness.mjs';

const env = useApp({ downloads: true });

// With a 301, so a toewijzing goes through the back-up and restore byte for byte too.
const EXAMPLES = ['wmo323_debet.xml', 'wmo325_antwoord.xml', 'wmo323_credit.xml', 'toewijzing/wmo301_bij_debet.xml'];
const NAMES = EXAMPLES.map((e) => path.basename(e)).sort();

async function fileNames(page) {
  return (await page.locator('#bestandenlijst tbody tr:not(.findings-row) td:first-child').allTextContents()).sort();
}

async function waitLoaded(page) {
  // The app marks its main region busy until the archive is read (the load event comes
  // before the WebAssembly has even started, so "no progress bar yet" proves nothing).
  await page.waitForFunction(() => document.querySelector('main[aria-busy="false"]'));
}

async function openSettings(page) {
  await page.click('nav a[data-nav="instellingen"]');
  await page.waitForFunction(() => /^[0-9a-f]{4}(-[0-9a-f]{4}){3}$/.test(document.querySelector('#vingerafdruk')?.textContent ?? ''));
}

/** The digest once it is computed for the archive as it is now (the screen shows "…" until then). */
async function digest(page) {
  await page.waitForFunction(() => /^[0-9a-f]{4}(-[0-9a-f]{4}){3}$/.test(document.querySelector('#vingerafdruk')?.textContent ?? ''));
  return (await page.locator('#vingerafdruk').textContent()).trim();
}

async function notice(page, pattern) {
  await page.waitForFunction((source) => new RegExp(source).test(document.querySelector('#melding')?.textContent ?? ''), pattern.source, {
    timeout: 60000,
  });
  return (await page.locator('#melding').textContent()).trim();
}

async function download(page, click) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const target = path.join(env.downloads, file.suggestedFilename());
  await file.saveAs(target);
  return target;
}

test('imported files are still there after a reload', async () => {
  const { page } = env.app;
  await page.locator('#bestanden').setInputFiles(EXAMPLES.map(example));
  await notice(page, /4 bestanden toegevoegd/);
  assert.deepEqual(await fileNames(page), NAMES);
  await page.reload();
  await page.waitForSelector('#bestandenlijst');
  await waitLoaded(page);
  assert.deepEqual(await fileNames(page), NAMES);
  // The reconciliation is rebuilt from the archive too.
  await page.click('nav a[data-nav="overzicht"]');
  assert.equal((await page.locator('#totaal-gedeclareerd').textContent()).trim(), '€ 700,00');
  assert.equal((await page.locator('#totaal-gecrediteerd').textContent()).trim(), '€ 480,00');
});

test('a deletion can be undone, and the undo is logged', async () => {
  const { page } = env.app;
  await page.click('nav a[data-nav="importeren"]');
  await page.locator('#bestandenlijst tbody tr', { hasText: 'wmo323_credit.xml' }).locator('button', { hasText: 'Verwijderen' }).click();
  // The question names the file and has the focus; nothing is deleted before the answer.
  assert.match(await page.locator('#verwijder-vraag').textContent(), /wmo323_credit\.xml uit het archief verwijderen\?/);
  await page.waitForFunction(() => document.activeElement?.id === 'verwijderen-bevestigen');
  assert.equal(await page.locator('#bestandenlijst tbody tr').count(), 4);
  await page.click('#verwijderen-bevestigen');
  await notice(page, /verwijderd/);
  assert.deepEqual(await fileNames(page), ['wmo301_bij_debet.xml', 'wmo323_debet.xml', 'wmo325_antwoord.xml']);
  assert.match(await page.locator('#ongedaan').textContent(), /wmo323_credit\.xml verwijderd/);
  await page.click('#ongedaan-maken');
  await notice(page, /Ongedaan gemaakt/);
  assert.deepEqual(await fileNames(page), NAMES);
  assert.equal(await page.locator('#ongedaan').count(), 0, 'an undo cannot itself be undone');
  await openSettings(page);
  const log = await page.locator('#logboek tbody tr td:nth-child(2)').allTextContents();
  assert.deepEqual(log.slice(0, 3), ['Ongedaan gemaakt: wmo323_credit.xml verwijderd', 'wmo323_credit.xml verwijderd', '4 bestanden geïmporteerd']);
});

test('back-up, wipe and restore give back the identical archive; a wrong passphrase changes nothing', async () => {
  const { page } = env.app;
  await openSettings(page);
  const original = await digest(page);
  assert.match(await page.locator('#archief-aantal').textContent(), /4 bestanden/);
  assert.match(await page.locator('#opslag').textContent(), /gebruikt .* van de /);

  const plain = await download(page, () => page.click('#backup'));
  assert.match(path.basename(plain), /^kloppend-backup-\d{4}-\d{2}-\d{2}\.zip$/);
  await page.check('#backup-versleutelen');
  await page.fill('#backup-wachtwoord', 'een lang wachtwoord');
  const sealed = await download(page, () => page.click('#backup'));
  assert.match(path.basename(sealed), /\.kloppend$/);

  // Wipe everything.
  await page.click('#wissen');
  await page.click('#wissen-bevestigen');
  await notice(page, /Alles is gewist/);
  assert.match(await page.locator('#archief-aantal').textContent(), /0 bestanden/);
  const empty = await digest(page);
  assert.notEqual(empty, original);

  // The encrypted back-up with a wrong passphrase: refused, the archive stays empty.
  await page.locator('#terugzetten-bestand').setInputFiles(sealed);
  await page.fill('#terugzetten-wachtwoord', 'niet het wachtwoord');
  await page.check('#terugzetten-vervangen');
  await page.click('#terugzetten');
  assert.match(await notice(page, /wachtwoord klopt niet/), /Er is niets veranderd/);
  assert.match(await page.locator('#archief-aantal').textContent(), /0 bestanden/);
  assert.equal(await digest(page), empty);

  // The right passphrase: the identical archive.
  await page.locator('#terugzetten-bestand').setInputFiles(sealed);
  await page.fill('#terugzetten-wachtwoord', 'een lang wachtwoord');
  await page.click('#terugzetten');
  await notice(page, /vervangen door de back-up \(4 bestanden\)/);
  await page.waitForFunction((want) => document.querySelector('#vingerafdruk')?.textContent.trim() === want, original);
  assert.equal(await page.locator('#laden').count(), 0, 'no "wordt geladen: 4 van 4" lingers after a restore');
  // A notice belongs to the screen it was given on: another screen starts without it.
  await page.click('nav a[data-nav="overzicht"]');
  await page.waitForSelector('#totaal-gedeclareerd');
  assert.equal(await page.locator('#melding').count(), 0, 'the restore notice stayed on Instellingen');
  await openSettings(page);

  // Wipe again and restore the plain back-up by merging: identical too, also after a reload.
  await page.click('#wissen');
  await page.click('#wissen-bevestigen');
  await notice(page, /Alles is gewist/);
  await page.locator('#terugzetten-bestand').setInputFiles(plain);
  await page.check('#terugzetten-samenvoegen');
  await page.click('#terugzetten');
  await notice(page, /4 bestanden toegevoegd/);
  await page.reload();
  await waitLoaded(page);
  await openSettings(page);
  assert.equal(await digest(page), original);
  await page.click('nav a[data-nav="importeren"]');
  // The menu link changes the hash; the screen follows on the hashchange event, so wait for it.
  await page.waitForSelector('#bestandenlijst');
  assert.deepEqual(await fileNames(page), NAMES);
});

test('a back-up dropped on Importeren is pointed to Instellingen, not imported as files', async () => {
  const { page } = env.app;
  const sealed = path.join(env.downloads, fs.readdirSync(env.downloads).find((f) => f.endsWith('.kloppend')));
  await page.click('nav a[data-nav="importeren"]');
  await page.locator('#bestanden').setInputFiles(sealed);
  assert.match(await notice(page, /back-up van Kloppend/), /Instellingen/);
  assert.deepEqual(await fileNames(page), NAMES);
});

test('a full storage quota is named in Dutch; nothing is stored or lost, and the app goes on', async () => {
  const big = tempDir('quota');
  execFileSync('cargo', ['run', '--quiet', '--example', 'generate', '--', '4000', big], { cwd: root, stdio: 'ignore' });
  const files = fs.readdirSync(big).map((f) => path.join(big, f));
  // A fresh profile whose site may store only 1 MB (the override must precede the first visit).
  const context = await env.app.browser.newContext();
  const page = await context.newPage();
  page.on('request', (request) => env.app.requests.push(request.url()));
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: env.served.origin, quotaSize: 1_000_000 });
    await page.goto(env.served.url);
    await page.waitForSelector('#bestanden');
    await page.locator('#bestanden').setInputFiles(example('wmo323_debet.xml'));
    await notice(page, /1 bestand toegevoegd/);
    await page.locator('#bestanden').setInputFiles(files);
    assert.match(await notice(page, /opslagruimte/), /vol, dus er is niets bewaard en niets veranderd/);
    assert.deepEqual(await fileNames(page), ['wmo323_debet.xml'], 'the earlier file is still there, the new ones are not');
    await page.reload();
    await waitLoaded(page);
    assert.deepEqual(await fileNames(page), ['wmo323_debet.xml'], 'and that is what is stored');
    await page.click('nav a[data-nav="overzicht"]');
    assert.equal((await page.locator('#totaal-gedeclareerd').textContent()).trim(), '€ 700,00');
  } finally {
    await context.close();
    fs.rmSync(big, { recursive: true, force: true });
  }
});


// Issue 29: the browser clears the site's storage while Kloppend is open. Said at once, with
// the way to a back-up, and still said after the next import (which finds the archive empty).
test('storage cleared by the browser while the app is open is said, with the way to a back-up', async () => {
  const context = await env.app.browser.newContext();
  const page = await context.newPage();
  page.on('request', (request) => env.app.requests.push(request.url()));
  try {
    await page.goto(env.served.url);
    await page.waitForSelector('#bestanden');
    await page.locator('#bestanden').setInputFiles(['wmo323_debet.xml', 'wmo325_antwoord.xml'].map(example));
    await notice(page, /2 bestanden toegevoegd/);
    assert.equal(await page.locator('#archief-probleem').count(), 0);
    await openSettings(page);
    const backup = await download(page, () => page.click('#backup'));
    await page.click('nav a[data-nav="importeren"]');
    await page.waitForSelector('#bestandenlijst');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', { origin: env.served.origin, storageTypes: 'indexeddb' });
    await page.waitForSelector('#archief-probleem', { timeout: 10000 });
    assert.match(await page.locator('#archief-probleem').textContent(), /gewist terwijl Kloppend open was.*niet meer bewaard.*back-up/);
    assert.deepEqual(await fileNames(page), ['wmo323_debet.xml', 'wmo325_antwoord.xml'], 'what was on screen stays on screen');
    // The next import goes into the emptied archive: the warning stays, and says why the rest is gone.
    await page.locator('#bestanden').setInputFiles(example('wmo323_credit.xml'));
    await notice(page, /1 bestand toegevoegd/);
    assert.deepEqual(await fileNames(page), ['wmo323_credit.xml']);
    assert.match(await page.locator('#archief-probleem').textContent(), /gewist/);
    await page.click('#naar-terugzetten');
    await page.locator('#terugzetten-bestand').setInputFiles(backup);
    await page.check('#terugzetten-samenvoegen');
    await page.click('#terugzetten');
    await notice(page, /2 bestanden toegevoegd/);
    await page.waitForSelector('#archief-probleem', { state: 'detached' });
    await page.click('nav a[data-nav="importeren"]');
    await page.waitForSelector('#bestandenlijst');
    assert.deepEqual(await fileNames(page), ['wmo323_credit.xml', 'wmo323_debet.xml', 'wmo325_antwoord.xml'], 'the back-up and the new file');
  } finally {
    await context.close();
  }
});
