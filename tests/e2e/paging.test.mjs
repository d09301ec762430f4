// Long file lists are paged: 260 files (130 generated 323/325 pairs of one client each) show
// 250 rows on Importeren and in "Zojuist toegevoegd", with a pager to the other ten; a file
// refused afterwards is on every page of the list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root, tempDir, useApp } from './harness.mjs';

const env = useApp();
let files;
let dir;

before(() => {
  dir = tempDir('paging');
  execFileSync('cargo', ['run', '--quiet', '--example', 'generate', '--', '650', dir, '5'], { cwd: root, stdio: 'ignore' });
  files = fs.readdirSync(dir).map((f) => path.join(dir, f));
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

const rows = (page, table) => page.locator(`${table} > tbody > tr[data-id]`).count();

test('a long file list and its import summary are shown a page at a time', async () => {
  const { page } = env.app;
  assert.equal(files.length, 260);
  await page.locator('#bestanden').setInputFiles(files);
  await page.waitForFunction(() => (document.querySelector('#melding')?.textContent ?? '').includes('260 bestanden toegevoegd'), null, {
    timeout: 120000,
  });
  for (const [table, pager] of [['#bestandenlijst', '#bestanden-pagina'], ['#samenvatting table', '#samenvatting-pagina']]) {
    assert.equal(await rows(page, table), 250, `${table}: the first page`);
    assert.match(await page.locator(`${pager} .pager-label`).textContent(), /Bestanden 1–250 van 260 · pagina 1 van 2/);
    await page.locator(`${pager} .pager-volgende`).click();
    await page.waitForFunction((t) => document.querySelectorAll(`${t} > tbody > tr[data-id]`).length === 10, table);
    assert.match(await page.locator(`${pager} .pager-label`).textContent(), /Bestanden 251–260 van 260/);
  }
  // Every file is on one of the pages, once.
  await page.locator('#bestanden-pagina button', { hasText: 'Eerste' }).click();
  await page.waitForFunction(() => document.querySelectorAll('#bestandenlijst > tbody > tr[data-id]').length === 250);
  const first = await page.locator('#bestandenlijst > tbody > tr[data-id] > td:first-child').allTextContents();
  await page.locator('#bestanden-pagina .pager-volgende').click();
  await page.waitForFunction(() => document.querySelectorAll('#bestandenlijst > tbody > tr[data-id]').length === 10);
  const second = await page.locator('#bestandenlijst > tbody > tr[data-id] > td:first-child').allTextContents();
  const names = new Set([...first, ...second].map((t) => t.trim()));
  assert.equal(names.size, 260, 'each file on exactly one page');

  const refused = path.join(dir, 'notities.xml');
  fs.writeFileSync(refused, 'geen bericht');
  await page.locator('#bestanden').setInputFiles(refused);
  await page.waitForFunction(() => /geweigerd/.test(document.querySelector('#melding')?.textContent ?? ''));
  for (const button of ['Eerste', 'Laatste']) {
    await page.locator('#bestanden-pagina button', { hasText: button }).click();
    await page.waitForFunction(() => document.querySelector('#bestandenlijst tr.refused td.bestandsnaam')?.textContent === 'notities.xml');
  }
});
