// End-to-end: printing. A declaration and Te doen printed to PDF (Chromium's print path,
// with the print styles) hold every line's reference, the date, and no navigation or
// buttons; read back with pdftotext.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { example, tempDir, useApp } from './harness.mjs';

const env = useApp();
const dir = tempDir('print');

function pdfText(name, bytes) {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

const today = () => {
  const d = new Date();
  return `${String(d.getDate()).padStart(2, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${d.getFullYear()}`;
};

test('a printed declaration has every line, the date, and no navigation', async () => {
  const { page } = env.app;
  await page.locator('#bestanden').setInputFiles(['wmo323_debet.xml', 'wmo325_antwoord.xml', 'wmo323_credit.xml'].map(example));
  await page.waitForFunction(() => document.querySelectorAll('#bestandenlijst td.actions-cell').length === 3);
  await page.click('nav a[data-nav="overzicht"]');
  await page.click('#declaraties a:text("F2025050")');
  await page.waitForSelector('#regels[aria-busy="false"] tr[data-ref]');
  const refs = await page.locator('#regels tr[data-ref]').evaluateAll((rows) => rows.map((r) => r.dataset.ref));
  assert.ok(refs.length >= 2, refs.join(','));
  const text = pdfText('declaratie', await page.pdf({ format: 'A4' }));
  for (const ref of refs) assert.ok(text.includes(ref), `the printout has line ${ref}`);
  assert.match(text, /Declaratie F2025050/);
  assert.ok(text.includes(`Afgedrukt uit Kloppend op ${today()}`), 'the date is printed');
  assert.match(text, /0611/);
  for (const control of ['Hoofdmenu', 'Verrekeningen', 'Instellingen', 'Afdrukken', 'crediteren (', 'Naar de inhoud']) {
    assert.ok(!text.includes(control), `no "${control}" on paper`);
  }
  // Nothing cut off at the right: the last column's advice is on the paper.
  assert.match(text, /nieuw\s+ReferentieNummer/);
  // Only the advice that asks for something: the credited line's "wacht op het antwoord" is not printed.
  assert.ok(!/Er is een credit voor deze regel verstuurd/.test(text.replace(/\s+/g, ' ')), 'no advice for a line that needs nothing');
});

// Issue 27: at 390 px a rejected line shows its status, amount and advice without scrolling
// its table sideways (a screenshot of the row goes to the test's temporary folder).
test('on a phone a rejected line shows status and advice first, nothing scrolls sideways', async () => {
  const { page } = env.app;
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await page.reload();
    await page.waitForSelector('#regels[aria-busy="false"] tr[data-ref="F2025050-002"]');
    const row = page.locator('#regels tr[data-ref="F2025050-002"]');
    const box = await row.evaluate((tr) => {
      const rect = (el) => el.getBoundingClientRect();
      const scroller = tr.closest('.table-scroll');
      const status = tr.querySelector('.badge');
      const advice = tr.querySelector('.advice');
      return {
        scrolls: scroller ? scroller.scrollWidth > scroller.clientWidth + 1 : false,
        status: [rect(status).left, rect(status).right, rect(status).top],
        advice: [rect(advice).left, rect(advice).right, rect(advice).top],
        reference: rect(tr.querySelector('td.mono')).top,
        width: window.innerWidth,
      };
    });
    assert.equal(box.scrolls, false, 'the line table does not scroll sideways');
    for (const [name, [left, right]] of [['status', box.status], ['advice', box.advice]]) {
      assert.ok(left >= 0 && right <= box.width, `${name} within the screen: ${left}–${right} of ${box.width}`);
    }
    assert.ok(box.status[2] < box.reference && box.advice[2] < box.reference, `status and advice come before the reference: ${JSON.stringify(box)}`);
    fs.writeFileSync(path.join(dir, 'regel-390px.png'), await row.screenshot());
  } finally {
    await page.setViewportSize({ width: 1280, height: 720 });
  }
});

test('a printed Te doen list has each item with its deadline', async () => {
  const { page } = env.app;
  await page.click('nav a[data-nav="te-doen"]');
  await page.waitForSelector('#te-doen li.todo');
  const text = pdfText('te-doen', await page.pdf({ format: 'A4' }));
  assert.match(text, /Te doen/);
  assert.match(text, /afgewezen regel van declaratie F2025050/);
  assert.match(text, /verlopen op 30-06-2025/);
  assert.ok(!text.includes('Afgehandeld'), 'no buttons on paper');
  fs.rmSync(dir, { recursive: true, force: true });
});
