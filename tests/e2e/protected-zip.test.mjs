// End-to-end: ZIPs protected with a password (ZipCrypto, as Windows makes them, and AES-256).
// Without a password the app asks for it; a wrong one is a Dutch message, imports nothing
// and leaves the archive digest as it was; the right one imports the files. The password is
// never stored: not in the archive, not in localStorage, not in the page after use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { foreignRequests, root, useApp } from './harness.mjs';

const env = useApp();
const fixture = (name) => path.join(root, 'tests/fixtures/zip', name);
const text = (page, selector) => page.locator(selector).first().textContent().then((t) => t.trim());

async function digest(page) {
  await page.click('nav a[data-nav="instellingen"]');
  await page.waitForFunction(() => /^[0-9a-f]{4}(-[0-9a-f]{4}){3}$/.test(document.querySelector('#vingerafdruk')?.textContent ?? ''));
  const value = (await page.locator('#vingerafdruk').textContent()).trim();
  await page.click('nav a[data-nav="importeren"]');
  return value;
}

async function archivedCount(page) {
  return page.locator('#bestandenlijst td.actions-cell').count();
}

for (const [kind, file] of [['ZipCrypto', 'beveiligd-zipcrypto.zip'], ['AES-256', 'beveiligd-aes.zip']]) {
  test(`a ${kind} ZIP: asked for, a wrong password imports nothing, the right one imports both files`, async () => {
    const { page } = env.app;
    await page.click('nav a[data-nav="importeren"]');
    const before = await digest(page);
    const archived = await archivedCount(page);
    await page.locator('#bestanden').setInputFiles([fixture(file)]);
    await page.waitForSelector('#zip-wachtwoord');
    assert.match(await text(page, '#zip-wachtwoord'), new RegExp(`${file} is met een wachtwoord beveiligd`));
    assert.match(await text(page, '#bestandenlijst'), /met een wachtwoord beveiligd; vul het wachtwoord in/);
    assert.equal(await archivedCount(page), archived, 'nothing archived without the password');

    await page.fill('#zip-wachtwoord-veld', 'fout-wachtwoord');
    await page.click('#zip-openen');
    await page.waitForFunction(() => /Het wachtwoord klopt niet/.test(document.querySelector('#melding')?.textContent ?? ''));
    assert.match(await text(page, '#bestandenlijst'), /het wachtwoord klopt niet voor dit bestand in de ZIP/);
    assert.equal(await archivedCount(page), archived, 'nothing archived with a wrong password');
    assert.equal(await page.inputValue('#zip-wachtwoord-veld'), '', 'the field is emptied after use');
    assert.equal(await digest(page), before, 'the archive is unchanged');

    await page.fill('#zip-wachtwoord-veld', 'geheim123');
    await page.click('#zip-openen');
    await page.waitForFunction(() => !document.querySelector('#zip-wachtwoord'));
    await page.waitForFunction((n) => document.querySelectorAll('#bestandenlijst td.actions-cell').length === n, archived + 2);
    assert.match(await text(page, '#bestandenlijst'), new RegExp(`${file}/wmo323_debet.xml`));
    // What was refused for this ZIP before is gone now that it is open.
    assert.doesNotMatch(await text(page, '#bestandenlijst'), /wachtwoord/);
    assert.notEqual(await digest(page), before);

    // Remove them again for the next kind.
    for (let i = 0; i < 2; i++) {
      await page.locator('#bestandenlijst td.actions-cell button').first().click();
      await page.click('#verwijderen-bevestigen');
      await page.waitForFunction((n) => document.querySelectorAll('#bestandenlijst td.actions-cell').length === n, archived + 1 - i);
    }
  });
}

test('the password is nowhere in storage, and no request left the origin', async () => {
  const { page } = env.app;
  const stored = await page.evaluate(async () => {
    const local = JSON.stringify({ ...localStorage });
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('kloppend');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const names = [...db.objectStoreNames];
    const dump = [];
    for (const name of names) {
      const all = await new Promise((resolve, reject) => {
        const request = db.transaction(name).objectStore(name).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      dump.push(JSON.stringify(all, (_, v) => (v instanceof ArrayBuffer || ArrayBuffer.isView(v) ? `[${v.byteLength} bytes]` : v)));
    }
    db.close();
    return local + dump.join('');
  });
  assert.ok(stored.length > 100, 'the archive was read');
  assert.ok(!stored.includes('geheim123'), 'the password is not stored');
  assert.deepEqual(foreignRequests(env.app.requests, env.served.origin), []);
});
