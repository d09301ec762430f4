// App benchmark (printed figures, not asserted against a time), in one browser run on a
// generated WMO323 of 25,000 lines (24.8 MB: VECOZO's limit is 25 MB, and a larger file gets
// Kloppend's OP192 warning, which sends it past the worker) with its 325:
//  - a DOMParser + getElementsByTagNameNS baseline extracting the same fields, against
//    Kloppend's import (picked → listed, stored and analysed), and the ratio;
//  - the longest main-thread task and the largest gap between animation frames during it;
//  - opening the declaration view and paging to its last line; renderer heap and DOM nodes;
//    leaving the view;
//  - start-up with that archive to an interactive Overzicht;
//  - the size of the wasm, raw and gzip.
// The test fails only when the app does not do the work (lines missing, no progress).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { root, dist, phases, tempDir, useApp } from './harness.mjs';
import { START } from './responsiveness.mjs';

const env = useApp();
const LINES = 25000;
let dir;
let files;

before(() => {
  dir = tempDir('appbench');
  execFileSync('cargo', ['run', '--quiet', '--example', 'generate', '--', String(LINES), dir, String(LINES)], { cwd: root, stdio: 'inherit' });
  files = fs.readdirSync(dir).filter((f) => f.endsWith('.xml')).sort().map((f) => path.join(dir, f));
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** What a plain browser parser costs: DOMParser, then the fields Kloppend shows per line. */
function baseline(xml) {
  const start = performance.now();
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length) throw new Error('not well-formed');
  const ns = doc.documentElement.namespaceURI;
  const base = 'http://www.istandaarden.nl/iwmo/3_2/basisschema/schema';
  const text = (el, name, n = ns) => el.getElementsByTagNameNS(n, name)[0]?.textContent ?? '';
  let lines = 0;
  let total = 0;
  for (const client of doc.getElementsByTagNameNS(ns, 'Client')) {
    const bsn = text(client, 'Bsn');
    for (const p of client.getElementsByTagNameNS(ns, 'Prestatie')) {
      const row = [bsn, text(p, 'ReferentieNummer', base), text(p, 'ToewijzingNummer'), text(p, 'ProductCode', base),
        text(p, 'Begindatum', base), text(p, 'Einddatum', base), text(p, 'GeleverdVolume'), text(p, 'Eenheid'),
        text(p, 'ProductTarief'), text(p, 'Bedrag', base), text(p, 'DebetCredit', base)];
      total += Number(row[9]) || 0;
      lines += 1;
    }
  }
  return { ms: performance.now() - start, lines, total };
}

/** Pick the files and wait until both are stored: the time, and how blocked the page was. */
async function timedImport(page, files) {
  await page.evaluate(START);
  const start = Date.now();
  await page.locator('#bestanden').setInputFiles(files);
  await page.waitForFunction(() => /2 bestanden toegevoegd/.test(document.querySelector('#melding')?.textContent ?? ''), null, { timeout: 300000 });
  const ms = Date.now() - start;
  return { ms, blocked: await page.evaluate('window.__kloppendStop()') };
}

async function metrics(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const get = (name) => metrics.find((m) => m.name === name)?.value ?? 0;
  return { heapMb: Math.round(get('JSHeapUsedSize') / 1e6), nodes: get('Nodes') };
}

test(`import, view and reopen a ${LINES}-line declaration`, async () => {
  const { page } = env.app;
  const declaratie = files.find((f) => path.basename(f).startsWith('WMO323'));
  const megabytes = fs.statSync(declaratie).size / 1e6;

  // 1. The baseline, in this page.
  const xml = fs.readFileSync(declaratie, 'utf8');
  const base = await page.evaluate(`(${baseline.toString()})(${JSON.stringify(xml)})`);
  assert.equal(base.lines, LINES, 'the baseline extracted every line');

  // 2. Kloppend's import of the same file with its answer.
  const { ms: importMs, blocked: during } = await timedImport(page, files);
  const importPhases = await phases(page, '');

  // 3. The declaration view: open it, then page to the last line, then leave.
  await page.evaluate(() => { location.hash = '#/overzicht'; });
  await page.waitForSelector('#declaraties a');
  await page.evaluate(START);
  const openStart = Date.now();
  await page.locator('#declaraties a').first().click();
  await page.waitForSelector('#regels tbody tr[data-ref]');
  const openMs = Date.now() - openStart;
  // The page's rows are drawn in batches: the first ones show (and can be used) at once.
  await page.waitForSelector('#regels[aria-busy="false"]');
  const openAllMs = Date.now() - openStart;
  assert.equal(await page.locator('#regels tbody tr[data-ref]').count(), 250, 'the first page has all its lines');
  const lastStart = Date.now();
  await page.locator('#regels-pagina button', { hasText: 'Laatste' }).click();
  const pages = Math.ceil(LINES / 250);
  await page.waitForFunction((n) => (document.querySelector('#regels-pagina .pager-label')?.textContent ?? '').endsWith(`pagina ${n} van ${n}`), pages);
  const lastMs = Date.now() - lastStart;
  await page.waitForSelector('#regels[aria-busy="false"]');
  const lastAllMs = Date.now() - lastStart;
  const viewed = await page.evaluate('window.__kloppendStop()');
  const rowsShown = await page.locator('#regels tbody tr[data-ref]').count();
  assert.equal(rowsShown, LINES - (pages - 1) * 250, 'every line of the last page is drawn, and no other');
  const memory = await metrics(page);
  const leaveStart = Date.now();
  await page.locator('nav a[data-nav="overzicht"]').click();
  await page.waitForSelector('#declaraties');
  const leaveMs = Date.now() - leaveStart;

  // 4. Start-up with this archive, to an interactive Overzicht.
  await page.evaluate(() => { location.hash = '#/overzicht'; });
  const reopenStart = Date.now();
  await page.reload();
  await page.evaluate(START);
  await page.waitForFunction(() => document.querySelector('main[aria-busy="false"] #telling'), null, { timeout: 300000 });
  const reopenMs = Date.now() - reopenStart;
  const startup = await page.evaluate('window.__kloppendStop()');
  const startPhases = await phases(page, 'start:');

  // 5. The same import in a browser without workers (the main-thread fallback), for comparison.
  const context = await env.app.browser.newContext();
  await context.addInitScript(() => { delete window.Worker; });
  const plain = await context.newPage();
  await plain.goto(env.served.url);
  await plain.waitForSelector('#zonder-worker');
  await plain.waitForSelector('main[aria-busy="false"]');
  const { ms: plainMs, blocked: plainDuring } = await timedImport(plain, files);
  const plainPhases = await phases(plain, 'import:');
  await context.close();

  // 6. The wasm as served.
  const wasm = fs.readdirSync(dist).find((f) => f.endsWith('.wasm'));
  const raw = fs.statSync(path.join(dist, wasm)).size;
  const gzip = zlib.gzipSync(fs.readFileSync(path.join(dist, wasm)), { level: 9 }).length;

  console.log(
    `app benchmark: ${LINES} lines, ${megabytes.toFixed(1)} MB 323 + its 325\n` +
      `  DOMParser baseline ${Math.round(base.ms)} ms; Kloppend import ${importMs} ms: ratio ${(base.ms / importMs).toFixed(1)}× (goal ≥ 25×)\n` +
      `  during the import: longest task ${during.longestTask} ms, ${during.tasksOver100} tasks over 100 ms, largest frame gap ${during.frameGap} ms (goal ≤ 100 each)\n` +
      `    ${importPhases}\n` +
      `  without a worker (main-thread fallback): import ${plainMs} ms, longest task ${plainDuring.longestTask} ms, largest frame gap ${plainDuring.frameGap} ms\n` +
      `    ${plainPhases}\n` +
      `  declaration view: open ${openMs} ms (whole page drawn ${openAllMs} ms), to the last page ${lastMs} ms (drawn ${lastAllMs} ms) (goal ≤ 300), longest task ${viewed.longestTask} ms, ` +
      `JS heap ${memory.heapMb} MB, ${memory.nodes} DOM nodes; leaving ${leaveMs} ms\n` +
      `  start-up to the Overzicht: ${reopenMs} ms (goal ≤ 1000), longest task ${startup.longestTask} ms (goal ≤ 100)\n` +
      `    ${startPhases}\n` +
      `  wasm ${raw} bytes raw, ${gzip} gzip (goal ≤ 1,200,000 / 450,000)`,
  );
});

