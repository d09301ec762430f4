// End-to-end: the hostile-input corpus (tests/support/hostile.rs, written by
// `cargo run --example hostile`) picked or restored one file at a time in the built app,
// against an archive that holds the examples. For each file: the Dutch text the corpus
// expects appears, the page reports no error, no script or markup from the file runs, no
// request leaves the origin, it is over within a bounded time, and the archive digest is the
// one from before (files that are rightly stored are undone first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { root, foreignRequests, tempDir, example, useApp } from './harness.mjs';

// The corpus makes the page refuse input on purpose; requests are still checked afterwards.
const env = useApp({ pageErrors: 'allowed' });
const dir = tempDir('hostile');
execFileSync('cargo', ['run', '--quiet', '--example', 'hostile', '--', dir], { cwd: root, stdio: 'inherit' });
const cases = fs
  .readFileSync(path.join(dir, 'manifest.tsv'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => {
    const [file, how, expect] = line.split('\t');
    return { file, how, expect };
  });
/** Longest a single hostile file may take, from picking it to its outcome on screen. */
const BOUND_MS = 20000;
const dialogs = [];
let baseline;

async function digest(page) {
  await page.click('nav a[data-nav="instellingen"]');
  await page.waitForFunction(() => /^[0-9a-f]{4}(-[0-9a-f]{4}){3}$/.test(document.querySelector('#vingerafdruk')?.textContent ?? ''));
  return (await page.locator('#vingerafdruk').textContent()).trim();
}

/** The notice and every file row (with its findings) whose name starts with `name` (defined in the page). */
function defineShown() {
  window.kloppendShown = (name) => {
    const rows = Array.from(document.querySelectorAll('#bestandenlijst tbody tr')).filter((tr) =>
    (tr.querySelector('td.bestandsnaam')?.textContent ?? '').startsWith(name),
  );
  const findings = rows.map((tr) => tr.nextElementSibling).filter((tr) => tr?.classList.contains('findings-row'));
    return [document.querySelector('#melding')?.textContent ?? '', ...[...rows, ...findings].map((tr) => tr.textContent)].join(' | ');
  };
}

async function waitFor(page, name, expect) {
  try {
    await page.waitForFunction(([n, e]) => window.kloppendShown(n).includes(e), [name, expect], { timeout: BOUND_MS });
  } catch {
    // Fall through to the assertion, which shows what the screen said instead.
  }
  return page.evaluate((n) => window.kloppendShown(n), name);
}

test('the corpus has at least 60 hostile files; the archive holds the examples', async () => {
  assert.ok(cases.length >= 60, `${cases.length} cases`);
  const { page } = env.app;
  await page.evaluate(defineShown);
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss();
  });
  await page.locator('#bestanden').setInputFiles(['wmo323_debet.xml', 'wmo325_antwoord.xml', 'wmo323_credit.xml'].map(example));
  await page.waitForFunction(() => /3 bestanden toegevoegd/.test(document.querySelector('#melding')?.textContent ?? ''));
  baseline = await digest(page);
});

for (const c of cases) {
  test(`${c.file}: ${c.how}`, async () => {
    const { page } = env.app;
    const file = path.join(dir, c.file);
    const started = Date.now();
    let text;
    if (c.how.startsWith('restore')) {
      await digest(page);
      await page.locator('#terugzetten-bestand').setInputFiles(file);
      await page.click('#terugzetten');
      text = await waitFor(page, '\u0000', c.expect);
    } else {
      await page.click('nav a[data-nav="importeren"]');
      await page.locator('#bestanden').setInputFiles(file);
      text = await waitFor(page, c.file, c.expect);
    }
    const took = Date.now() - started;
    assert.ok(text.includes(c.expect), `expected '${c.expect}', the screen shows: ${text.slice(0, 600)}`);
    assert.ok(took < BOUND_MS, `${took} ms`);
    if (c.how === 'store') {
      const row = page.locator('#bestandenlijst tbody tr:not(.refused) td.bestandsnaam', { hasText: c.file.slice(0, 20) });
      assert.ok((await row.count()) >= 1, 'the file is listed as stored');
      await page.click('#ongedaan-maken');
      await page.waitForFunction((n) => !Array.from(document.querySelectorAll('#bestandenlijst td.bestandsnaam')).some((td) => td.textContent.startsWith(n)), c.file);
    }
    if (c.how === 'restore-accepted') {
      // The log goes on after crafted ids: an import and its undo still work.
      await page.click('nav a[data-nav="importeren"]');
      await page.locator('#bestanden').setInputFiles(example('jw323_debet.xml'));
      await page.waitForFunction(() => /1 bestand toegevoegd/.test(document.querySelector('#melding')?.textContent ?? ''));
      await page.click('#ongedaan-maken');
      await page.waitForFunction(() => /ongedaan/i.test(document.querySelector('#melding')?.textContent ?? ''));
    }
    // Markup in a file's name or content stays text.
    assert.equal(await page.locator('main img, main script, main svg[onload]').count(), 0);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(env.app.problems, []);
    assert.equal(await digest(page), baseline, 'the archive is as it was');
  });
}

test('no request left the origin', () => {
  assert.deepEqual(foreignRequests(env.app.requests, env.served.origin), []);
  fs.rmSync(dir, { recursive: true, force: true });
});
