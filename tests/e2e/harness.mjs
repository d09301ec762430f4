// Shared harness for the end-to-end tests: serves dist/ under a sub-path, starts Debian's
// Chromium through playwright-core, and records every network request the page makes.
import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import { createRequire } from 'node:module';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');
export const shared = process.env.KLOPPEND_SHARED ?? path.resolve(root, '../shared');
export const dist = path.join(root, 'dist');
export const SUB_PATH = '/tools/kloppend/';

const require = createRequire(path.join(root, 'scripts/node/package.json'));
const { chromium } = require('playwright-core');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

/** Serve dist/ (or a copy of it) at http://127.0.0.1:<port>/tools/kloppend/ (nothing else exists). */
export async function serveDist(dir = dist) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (!url.pathname.startsWith(SUB_PATH)) {
      res.writeHead(404).end('not here');
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(SUB_PATH.length)) || 'index.html';
    const file = path.join(dir, path.normalize(rel));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { server, origin, url: origin + SUB_PATH };
}

/** Launch headless Chromium; returns the browser, a page and the list of requested URLs. */
export async function openApp(url, { downloadsPath } = {}) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    downloadsPath,
  });
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const requests = [];
  const problems = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' || /Content Security Policy|Refused to/i.test(text)) problems.push(text);
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  await page.goto(url);
  await page.waitForSelector('nav a[data-nav="importeren"]');
  return { browser, context, page, requests, problems };
}

/** Every request went to the app's own origin (or stayed in the page: blob:/data:). */
export function foreignRequests(requests, origin) {
  return requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('blob:') && !u.startsWith('data:'));
}

export function tempDir(label) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `kloppend-${label}-`));
}

export function example(name) {
  return path.join(shared, 'istandaarden/examples', name);
}

/**
 * Serve dist/ and open the app once for a test file, and close both afterwards. Returns an
 * object that holds `served` and `app` once the tests run (and `downloads`, a folder that is
 * removed afterwards, when asked for). Afterwards, whichever of the file's tests ran (all, or
 * one alone), it checks that no request left the origin and that the page reported no error
 * (`pageErrors: 'allowed'` for a file that makes the page refuse hostile input on purpose).
 */
export function useApp({ downloads = false, pageErrors = 'refused' } = {}) {
  const env = { downloads: downloads ? tempDir('downloads') : undefined };
  before(async () => {
    env.served = await serveDist();
    env.app = await openApp(env.served.url, { downloadsPath: env.downloads });
  });
  after(async () => {
    const foreign = env.app && env.served ? foreignRequests(env.app.requests, env.served.origin) : [];
    const problems = pageErrors === 'allowed' ? [] : (env.app?.problems ?? []);
    await env.app?.browser.close();
    env.served?.server.close();
    if (env.downloads) fs.rmSync(env.downloads, { recursive: true, force: true });
    assert.deepEqual(foreign, [], 'no request left the origin');
    assert.deepEqual(problems, [], 'the page reported no errors');
  });
  return env;
}

/** Delete every stored file on Importeren, one confirmed delete at a time. */
export async function removeAllFiles(page) {
  await page.click('nav a[data-nav="importeren"]');
  // The screen follows the hash change: wait for it before counting what it lists.
  await page.waitForSelector('#bestandenlijst');
  const remove = '#bestandenlijst td.actions-cell button';
  for (let n = await page.locator(remove).count(); n > 0; n--) {
    await page.locator(remove).first().click();
    await page.click('#verwijderen-bevestigen');
    await page.waitForFunction(([sel, left]) => document.querySelectorAll(sel).length === left, [remove, n - 1], { polling: 'raf' });
  }
}

/** The app's own User Timing measures (`kloppend:<prefix>…`) as "name 123 ms" parts, the prefix left off. */
export async function phases(page, prefix) {
  const full = `kloppend:${prefix}`;
  const entries = await page.evaluate(
    (p) => performance.getEntriesByType('measure').filter((e) => e.name.startsWith(p)).map((e) => [e.name, e.duration]),
    full,
  );
  return entries.map(([name, ms]) => `${name.slice(full.length)} ${Math.round(ms)} ms`).join(', ');
}

/** Keep the app's WebAssembly exports at every start of the page, for `memory`. */
export async function watchMemory(page) {
  await page.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (event) => { window.__kloppendWasm = event.detail.wasm; });
  });
}

/** The page's memory now: the JavaScript heap in use (DevTools' metric) and the main
 * thread's WebAssembly memory (needs `watchMemory` before the page started). */
export async function memory(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  const wasm = await page.evaluate(() => window.__kloppendWasm?.memory?.buffer.byteLength ?? 0);
  const mb = (bytes) => (bytes / 1e6).toFixed(0);
  return `JS heap ${mb(heap)} MB, WebAssembly memory ${mb(wasm)} MB`;
}

/** "-€ 1.234,56" as cents. */
export function cents(text) {
  const m = text.trim().match(/^(-?)€\s*([\d.]+),(\d\d)$/);
  if (!m) throw new Error(`not an amount: ${text}`);
  return (m[1] ? -1 : 1) * (Number(m[2].replace(/\./g, '')) * 100 + Number(m[3]));
}

/**
 * The money cards of a screen (`prefix`: totaal, d) add up as a provider says it:
 * declared − credited = approved + rejected + expected, and none is negative.
 */
export async function assertFiguresAddUp(page, prefix) {
  const read = async (id) => cents(await page.locator(`#${prefix}-${id}`).textContent());
  const [declared, credited, approved, rejected, expected] = await Promise.all(
    ['gedeclareerd', 'gecrediteerd', 'toegekend', 'afgewezen', 'verwacht'].map(read),
  );
  for (const [name, value] of Object.entries({ declared, credited, approved, rejected, expected })) {
    if (value < 0) throw new Error(`${prefix}: ${name} is negative (${value})`);
  }
  if (declared - credited !== approved + rejected + expected) {
    throw new Error(`${prefix}: ${declared} − ${credited} ≠ ${approved} + ${rejected} + ${expected}`);
  }
}
