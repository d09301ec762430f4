// End-to-end: two tabs, one archive. What tab A imports tab B shows, what B deletes A stops
// showing; B, frozen while A imports, then imports a file A already stored and one more: the
// first counts as already there (no browser error), the second is stored; A's undo undoes
// the last stored action, whichever tab did it; after a reload both tabs show the archive as
// stored, and every message was Dutch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { example, foreignRequests, useApp } from './harness.mjs';

const env = useApp();

async function loaded(page) {
  await page.waitForFunction(() => document.querySelector('main[aria-busy="false"]'));
}

async function names(page) {
  return (await page.locator('#bestandenlijst tbody tr:not(.findings-row) td:first-child').allTextContents()).sort();
}

async function waitNames(page, expected) {
  await page.waitForFunction(
    (want) => {
      const got = [...document.querySelectorAll('#bestandenlijst tbody tr:not(.findings-row) td:first-child')].map((td) => td.textContent).sort();
      return JSON.stringify(got) === JSON.stringify(want);
    },
    expected,
    { timeout: 20000 },
  );
}

/** Every notice a page showed, collected as they appear. */
async function recordNotices(page) {
  await page.exposeFunction('kloppendNotice', (text) => page.notices.push(text));
  page.notices = [];
  await page.evaluate(() => {
    new MutationObserver(() => {
      const text = document.querySelector('#melding span')?.textContent;
      if (text && text !== window.lastNotice) {
        window.lastNotice = text;
        window.kloppendNotice(text);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

test('two tabs see each other, a stale tab loses nothing, undo follows the stored log', async () => {
  const { context, page: a, problems, requests } = env.app;
  const b = await context.newPage();
  const problemsB = [];
  b.on('pageerror', (error) => problemsB.push(String(error)));
  b.on('console', (m) => m.type() === 'error' && problemsB.push(m.text()));
  await b.goto(env.served.url);
  await loaded(a);
  await loaded(b);
  await recordNotices(a);
  await recordNotices(b);

  // A imports; B shows it without a reload.
  await a.locator('#bestanden').setInputFiles([example('wmo323_debet.xml')]);
  await waitNames(a, ['wmo323_debet.xml']);
  await waitNames(b, ['wmo323_debet.xml']);

  // B deletes it; A stops showing it.
  await b.locator('#bestandenlijst tbody tr', { hasText: 'wmo323_debet.xml' }).locator('button', { hasText: 'Verwijderen' }).click();
  await b.click('#verwijderen-bevestigen');
  await waitNames(b, []);
  await waitNames(a, []);

  // B is frozen (as a background tab may be) while A imports two files; then B imports one
  // of them and one more.
  const cdp = await context.newCDPSession(b);
  await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
  await a.locator('#bestanden').setInputFiles([example('wmo323_debet.xml'), example('wmo323_credit.xml')]);
  await waitNames(a, ['wmo323_credit.xml', 'wmo323_debet.xml']);
  await cdp.send('Page.setWebLifecycleState', { state: 'active' });
  await b.locator('#bestanden').setInputFiles([example('wmo323_debet.xml'), example('wmo325_antwoord.xml')]);
  await b.waitForSelector('#melding:has-text("1 bestand toegevoegd aan het archief, 1 stond er al in")');
  await waitNames(b, ['wmo323_credit.xml', 'wmo323_debet.xml', 'wmo325_antwoord.xml']);
  await waitNames(a, ['wmo323_credit.xml', 'wmo323_debet.xml', 'wmo325_antwoord.xml']);

  // A's undo undoes the last stored action: B's import of the answer.
  await a.waitForFunction(() => /1 bestand geïmporteerd/.test(document.querySelector('#ongedaan')?.textContent ?? ''));
  await a.click('#ongedaan-maken');
  await waitNames(a, ['wmo323_credit.xml', 'wmo323_debet.xml']);
  await waitNames(b, ['wmo323_credit.xml', 'wmo323_debet.xml']);

  // After a reload both show the archive as stored.
  await a.reload();
  await b.reload();
  await loaded(a);
  await loaded(b);
  assert.deepEqual(await names(a), ['wmo323_credit.xml', 'wmo323_debet.xml']);
  assert.deepEqual(await names(b), ['wmo323_credit.xml', 'wmo323_debet.xml']);

  const notices = [...a.notices, ...b.notices];
  assert.ok(notices.length >= 4, `notices seen: ${notices}`);
  for (const text of notices) {
    assert.doesNotMatch(text, /Error|exists|object store|failed|undefined/, `a Dutch notice: ${text}`);
  }
  assert.deepEqual(problems, []);
  assert.deepEqual(problemsB, []);
  assert.deepEqual(foreignRequests(requests, env.served.origin), []);
  await b.close();
});
