// End-to-end: Inzicht with the demo. The chart has a bar for every month (drawn as SVG by
// the app, no request leaves the origin), the tables carry the same figures, the costliest
// retourcodes and each gemeente's answer time are listed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foreignRequests, useApp } from './harness.mjs';

const env = useApp();
const text = (page, selector) => page.locator(selector).first().textContent().then((t) => t.trim());

test('Inzicht shows months as bars and as a table, the costliest codes and answer times', async () => {
  const { page } = env.app;
  await page.click('nav a[data-nav="inzicht"]');
  await page.waitForSelector('#geen-inzicht');
  await page.click('nav a[data-nav="importeren"]');
  await page.click('#demo-laden');
  await page.waitForSelector('#demo-verwijderen');
  await page.click('nav a[data-nav="inzicht"]');
  await page.waitForSelector('#maanden-grafiek rect.bar');
  assert.equal(await page.title(), 'Inzicht – Kloppend');
  const months = await page.locator('#maanden tbody tr').count();
  assert.ok(months >= 3, `${months} months`);
  assert.equal(await page.locator('#maanden-grafiek text.label').count(), months, 'a label per month');
  assert.ok(await page.locator('#maanden-grafiek rect.bar.afgewezen').count() >= 1, 'rejected money is drawn');
  // The axis says what the bars are worth, and the demo's credits are drawn, not dropped.
  const ticks = await page.locator('#maanden-grafiek text.tick').allTextContents();
  assert.ok(ticks.length >= 2 && ticks[0] === '€ 0' && ticks.every((t) => /^€ [\d.]+$/.test(t)), ticks.join(' | '));
  assert.ok(await page.locator('#maanden-grafiek rect.bar.gecrediteerd').count() >= 1, 'credited money is drawn');
  const table = await page.locator('#maanden tbody td').allTextContents();
  assert.ok(table.every((t) => !t.trim().startsWith('-')), `no negative figure in a month: ${table.join(' | ')}`);
  const firstCode = await page.locator('#codes tbody tr').first().getAttribute('data-code');
  assert.ok(['0611', '8187'].includes(firstCode), firstCode);
  assert.match(await text(page, '#gemeenten'), /Amsterdam \(0363\)/);
  assert.match(await text(page, '#antwoordtijd'), /Amsterdam \(0363\)\s*\d+\s*\d+,\d/);
  assert.deepEqual(foreignRequests(env.app.requests, env.served.origin), []);
});
