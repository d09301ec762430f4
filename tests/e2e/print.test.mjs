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
