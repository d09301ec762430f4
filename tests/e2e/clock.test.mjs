// End-to-end: the computer's clock set years back and ahead while Kloppend is open (issue 29).
// Playwright's clock moves the page's date; Kloppend follows it without a reload (every minute
// and when the page is shown again): Te doen's deadlines and the overdue answers count from the
// new date, a date before the day a file was added is doubted on every page, and the archive
// is what it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { example, useApp } from './harness.mjs';

const env = useApp();

const itemText = (page) => page.locator('#te-doen li.todo[data-soort="opnieuw"]').textContent();
const storedFiles = (page) => page.evaluate(() => document.querySelectorAll('#bestandenlijst tbody tr').length);

/** The Overzicht's row of the unanswered credit declaration. */
async function creditRow(page) {
  await page.click('nav a[data-nav="overzicht"]');
  await page.waitForSelector('#declaraties tbody tr');
  return page.locator('#declaraties tbody tr', { hasText: 'F2025061' }).textContent();
}

async function openTodo(page) {
  await page.click('nav a[data-nav="te-doen"]');
  await page.waitForSelector('#te-doen li.todo[data-soort="opnieuw"]');
}

test('a clock set back and ahead: Te doen and the answer terms follow it, a clock set back is doubted', async () => {
  const { page } = env.app;
  await page.clock.install({ time: new Date() });
  await page.reload();
  await page.waitForSelector('nav a[data-nav="importeren"]');
  await page.locator('#bestanden').setInputFiles(['wmo323_debet.xml', 'wmo325_antwoord.xml', 'wmo323_credit.xml'].map(example));
  await page.waitForFunction(() => document.querySelectorAll('#bestandenlijst td.actions-cell').length === 3);
  assert.equal(await page.locator('#klok-waarschuwing').count(), 0, 'a right clock is not doubted');
  const lateAnswer = await creditRow(page);
  assert.match(lateAnswer, /te laat/i, 'the credit of June 2025 has waited far too long by now');
  await openTodo(page);
  assert.match(await itemText(page), /verlopen op 30-06-2025/);

  // Set back to 1 June 2025, with Te doen open: within a minute the deadline is ahead again.
  await page.clock.setSystemTime(new Date('2025-06-01T10:00:00'));
  await page.clock.fastForward('01:05');
  await page.waitForFunction(() => /nog 29 dagen/.test(document.querySelector('#te-doen li.todo[data-soort="opnieuw"]')?.textContent ?? ''), null, {
    polling: 'raf',
    timeout: 10_000,
  });
  assert.match(await itemText(page), /uiterlijk 30-06-2025 \(nog 29 dagen\)/);
  const warning = await page.locator('#klok-waarschuwing').textContent();
  assert.match(warning, /^De datum van deze computer is 01-06-2025, maar er is op \d\d-\d\d-\d{4} al een bestand aan het archief toegevoegd/);
  assert.match(warning, /Staat de klok goed\?/);
  assert.doesNotMatch(await creditRow(page), /te laat/i, 'on 1 June 2025 the credit has only just been sent');
  assert.equal(await page.locator('#klok-waarschuwing').count(), 1, 'the doubt is on every page');

  // Ahead to 2031, and the page shown again (the browser's event bubbles, as this one): the
  // warning goes, the deadline is long past.
  await page.clock.setSystemTime(new Date('2031-01-15T09:00:00'));
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
  await page.waitForFunction(() => !document.querySelector('#klok-waarschuwing'), null, { polling: 'raf', timeout: 10_000 });
  assert.match(await creditRow(page), /te laat/i);
  await openTodo(page);
  assert.match(await itemText(page), /verlopen op 30-06-2025/);

  // Nothing stored changed: the same three files.
  await page.click('nav a[data-nav="importeren"]');
  await page.waitForSelector('#bestandenlijst');
  assert.equal(await storedFiles(page), 3);
});
