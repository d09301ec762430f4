// Browser benchmark (printed, not asserted against a time): import 100,000 generated lines
// into the archive, then reload the page and time until the Overzicht shows them all.
// Goals on this machine: store ≤ 3 s, reopen ≤ 1.5 s. The test fails only if the lines do not
// all arrive, so the figures are always about a complete run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { memory, root, phases, tempDir, useApp, watchMemory } from './harness.mjs';
import { START, WATCH_PROGRESS } from './responsiveness.mjs';

const env = useApp();

const LINES = Number(process.env.KLOPPEND_BENCH_LINES ?? 100000);
let files;
let dir;

before(async () => {
  dir = tempDir('bench');
  // The project's generator (scripts/generate.rs) writes consistent 323/325 pairs and 301s.
  // With the 301s of 25 clients per pair, so the register and the meters are in the figures.
  execFileSync('cargo', ['run', '--quiet', '--example', 'generate', '--', String(LINES), dir], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, KLOPPEND_GEN_TOEWIJZINGEN: '25' },
  });
  files = fs.readdirSync(dir).filter((f) => f.endsWith('.xml')).map((f) => path.join(dir, f));
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

async function lineCount(page) {
  const counts = await page.locator('#telling [data-status]').allTextContents();
  return counts.map((t) => Number(t.replace(/\D/g, ''))).reduce((a, b) => a + b, 0);
}

test(`store ${LINES} lines, then reopen to the Overzicht`, async () => {
  const { page } = env.app;
  const megabytes = files.reduce((sum, f) => sum + fs.statSync(f).size, 0) / 1e6;
  // Started again so that its WebAssembly memory can be read (see watchMemory).
  await watchMemory(page);
  await page.reload();
  await page.waitForSelector('nav a[data-nav="importeren"]');

  await page.evaluate(START);
  await page.evaluate(WATCH_PROGRESS);
  const storeStart = Date.now();
  await page.locator('#bestanden').setInputFiles(files);
  // The notice counts the Dutch way: "1.080 bestanden toegevoegd" at a million lines.
  const added = `${String(files.length).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} bestanden toegevoegd`;
  await page.waitForFunction(
    (text) => (document.querySelector('#melding')?.textContent ?? '').includes(text),
    added,
    { timeout: 300000 },
  );
  const storeMs = Date.now() - storeStart;
  const blocked = await page.evaluate('window.__kloppendStop()');
  const progress = await page.evaluate('window.__kloppendProgress()');
  assert.ok(progress.names.length > 0, 'the progress notice named the files being read');
  const storePhases = await phases(page, 'import:');
  const storeMemory = await memory(page);

  // A real reload (a hash change alone would not leave the page), straight onto the Overzicht.
  await page.evaluate(() => { location.hash = '#/overzicht'; });
  const reopenStart = Date.now();
  await page.reload();
  await page.waitForFunction(() => document.querySelector('main[aria-busy="false"] #telling'), null, { timeout: 300000 });
  const reopenMs = Date.now() - reopenStart;
  const reopenPhases = await phases(page, 'start:');
  const reopenMemory = await memory(page);

  assert.equal(await lineCount(page), LINES, 'every line is on the Overzicht after reopening');

  // The same without the model cache (the first start after an app update): every file is
  // read and parsed again.
  await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('kloppend');
        open.onsuccess = () => {
          const tx = open.result.transaction('modellen', 'readwrite');
          tx.objectStore('modellen').clear();
          tx.oncomplete = () => { open.result.close(); resolve(); };
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );
  const coldStart = Date.now();
  await page.reload();
  await page.waitForFunction(() => document.querySelector('main[aria-busy="false"] #telling'), null, { timeout: 300000 });
  const coldMs = Date.now() - coldStart;
  const coldPhases = await phases(page, 'start:');
  assert.equal(await lineCount(page), LINES);
  console.log(
    `browser storage benchmark: ${LINES} lines (${files.length} files, ${megabytes.toFixed(1)} MB): ` +
      `stored in ${storeMs} ms (goal ≤ 3000), reopened to the Overzicht in ${reopenMs} ms (goal ≤ 1500)\n` +
      `  during the store: longest task ${blocked.longestTask} ms, ${blocked.tasksOver100} tasks over 100 ms, ` +
      `largest frame gap ${blocked.frameGap} ms (goal ≤ 100 each); progress on screen in ${progress.shown} of ` +
      `${progress.frames} frames, naming ${progress.names.length} of ${files.length} files, steps ${progress.steps.join(', ')}\n` +
      `  store:  ${storePhases}\n  reopen: ${reopenPhases}\n` +
      `  renderer memory after the store: ${storeMemory}; after the reopen: ${reopenMemory}\n` +
      `  reopen without the model cache (first start after an update): ${coldMs} ms: ${coldPhases}`,
  );
});

