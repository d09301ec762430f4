// End-to-end: offline and installable. After a first visit the app opens without a network
// under its sub-path, with its archive; the service worker's cache holds exactly the built
// files and nothing of the user's; a new deployment (a changed build) is announced and
// reloads into the new version. Runs against a copy of dist/ so the test can "deploy".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SUB_PATH, dist, example, foreignRequests, openApp, serveDist, tempDir } from './harness.mjs';

let dir;
let served;
let app;

before(async () => {
  dir = tempDir('offline');
  fs.cpSync(dist, dir, { recursive: true });
  served = await serveDist(dir);
  app = await openApp(served.url);
});

after(async () => {
  await app?.browser.close();
  served?.server.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function loaded(page) {
  await page.waitForFunction(() => document.querySelector('main[aria-busy="false"]'));
}

async function cachedPaths(page) {
  return page.evaluate(async () => {
    const out = [];
    for (const key of await caches.keys()) {
      const cache = await caches.open(key);
      for (const request of await cache.keys()) out.push(new URL(request.url).pathname);
    }
    return out.sort();
  });
}

test('after a first visit the app opens offline, under its sub-path, with its archive', async () => {
  const { page, context } = app;
  await loaded(page);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.locator('#bestanden').setInputFiles([example('wmo323_debet.xml')]);
  await page.waitForSelector('#melding:has-text("1 bestand toegevoegd")');
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await context.setOffline(true);
  await page.reload();
  await loaded(page);
  assert.match(await page.locator('#bestandenlijst').textContent(), /wmo323_debet\.xml/);
  await page.click('nav a[data-nav="instellingen"]');
  assert.match(await page.locator('#offline').textContent(), /zonder netwerk/);
  await context.setOffline(false);
});

test('the cache holds exactly the built files and nothing of the user', async () => {
  const { page } = app;
  const built = fs
    .readdirSync(dir, { recursive: true })
    .filter((f) => fs.statSync(path.join(dir, f)).isFile() && f !== 'sw.js')
    .map((f) => SUB_PATH + f.split(path.sep).join('/'))
    .sort();
  assert.deepEqual(await cachedPaths(page), built);
  assert.ok(built.some((p) => p.endsWith('_bg.wasm')) && built.includes(SUB_PATH + 'index.html'));
});

test('a new deployment is announced and reloads into the new version', async () => {
  const { page, problems, requests } = app;
  // What a rebuild does to the worker: a new version (and file list).
  const sw = path.join(dir, 'sw.js');
  fs.writeFileSync(sw, fs.readFileSync(sw, 'utf8').replace(/const VERSION = '[^']+'/, "const VERSION = 'nieuwe-versie'"));
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  await page.waitForSelector('#nieuwe-versie');
  assert.match(await page.locator('#nieuwe-versie').textContent(), /nieuwe versie/);
  await Promise.all([page.waitForEvent('load'), page.click('#nieuwe-versie button')]);
  await loaded(page);
  assert.deepEqual(await page.evaluate(() => caches.keys()), ['kloppend-nieuwe-versie'], 'the old build is gone');
  assert.equal(await page.locator('#nieuwe-versie').count(), 0);
  assert.deepEqual(problems, []);
  assert.deepEqual(foreignRequests(requests, served.origin), []);
});
