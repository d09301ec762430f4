// End-to-end: the Overzicht's exports opened by a real spreadsheet. LibreOffice Calc (Debian's
// package, headless) reads the CSV as a Dutch user's would (separator ';', language nl-NL,
// quoted fields as text), and the Excel workbook as it is, and writes each back as a CSV with
// text quoted: amounts must be numbers, dates dates, and codes keep their leading zeros.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { example, tempDir, useApp } from './harness.mjs';

const env = useApp({ downloads: true });

/** Parse LibreOffice's re-export: quoted text, unquoted numbers and dates. */
function cells(line) {
  const out = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      while (i < line.length && !(line[i] === '"' && line[i + 1] !== '"')) {
        value += line[i] === '"' ? '"' : line[i];
        i += line[i] === '"' ? 2 : 1;
      }
      out.push({ text: value });
      i += 2;
    } else {
      const end = line.indexOf(',', i) === -1 ? line.length : line.indexOf(',', i);
      out.push({ raw: line.slice(i, end) });
      i = end + 1;
    }
  }
  return out;
}

/** LibreOffice's CSV of a spreadsheet file, parsed: a row of cells per line. */
function reopened(dir, file, infilter) {
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${dir}/profiel`,
      '--headless',
      ...(infilter ? [`--infilter=${infilter}`] : []),
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,true,true,false',
      '--outdir',
      path.join(dir, 'uit'),
      file,
    ],
    { stdio: 'pipe', timeout: 120_000 },
  );
  const out = path.join(dir, 'uit', path.basename(file).replace(/\.[a-z]+$/, '.csv'));
  return fs.readFileSync(out, 'utf8').trim().split(/\r?\n/).map(cells);
}

async function loadExamples(page) {
  await page.locator('#bestanden').setInputFiles(['wmo323_debet.xml', 'wmo325_antwoord.xml', 'wmo323_credit.xml'].map(example));
  await page.waitForFunction(() => document.querySelectorAll('#bestandenlijst td.actions-cell').length === 3);
  await page.click('nav a[data-nav="overzicht"]');
  await page.waitForSelector('#totalen');
}

test('a spreadsheet reads the exported lines with numbers, dates and codes in the right cells', async () => {
  const { page } = env.app;
  await loadExamples(page);
  await page.selectOption('select.export-formaat', 'csv');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#regels-exporteren')]);
  assert.match(download.suggestedFilename(), /^kloppend_regels_\d{8}\.csv$/);
  const dir = tempDir('spreadsheet');
  const csv = path.join(dir, 'regels.csv');
  await download.saveAs(csv);
  const rows = reopened(dir, csv, 'CSV:59,34,76,1,,1043,true');
  const header = rows[0].map((c) => c.text);
  const col = (name) => header.indexOf(name);
  assert.ok(col('Bedrag') > 0 && col('Retourcodes') > 0, header.join('|'));
  const rejected = rows.find((r) => r[col('Referentie')].text === 'F2025050-002');
  assert.ok(rejected, 'the rejected line is a row');
  // € 220,00 in the export, the number 220 in the spreadsheet (not the text "220,00").
  assert.deepEqual(rejected[col('Bedrag')], { raw: '220' });
  // The credit of the approved line: a negative number.
  const credit = rows.find((r) => r[col('Referentie')].text === 'F2025061-001');
  assert.ok(credit, 'the credit line is a row');
  assert.ok(Number(credit[col('Bedrag')].raw) < 0, JSON.stringify(credit[col('Bedrag')]));
  // Dates are dates (written back in the en-US form), not text.
  assert.match(rejected[col('Begin')].raw ?? '', /^05\/01\/2025$/);
  // Codes keep their zeros; the period stays "2025-05" (not a date); the toewijzing is a number.
  assert.deepEqual(rejected[col('Retourcodes')], { text: '0611' });
  assert.deepEqual(rejected[col('Productcategorie')], { text: '02' });
  assert.deepEqual(rejected[col('Declaratieperiode')], { text: '2025-05' });
  assert.match(rejected[col('Toewijzing')].raw ?? '', /^\d+$/);
  assert.equal(rejected[col('Status')].text, 'Afgewezen');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the Excel export opens with typed cells: codes as text, amounts as numbers, dates as dates', async () => {
  const { page } = env.app;
  await page.reload();
  await page.waitForSelector('#totalen');
  // The choice of format is kept: the test before chose CSV.
  assert.equal(await page.locator('select.export-formaat').inputValue(), 'csv');
  await page.selectOption('select.export-formaat', 'xlsx');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#regels-exporteren')]);
  assert.match(download.suggestedFilename(), /^kloppend_regels_\d{8}\.xlsx$/);
  assert.match(await page.locator('#melding').textContent(), /kloppend_regels_\d{8}\.xlsx gedownload: \d+ regels/);
  const dir = tempDir('werkmap');
  const xlsx = path.join(dir, 'regels.xlsx');
  await download.saveAs(xlsx);
  const rows = reopened(dir, xlsx, null);
  const header = rows[0].map((c) => c.text);
  const col = (name) => header.indexOf(name);
  assert.ok(col('Bedrag') > 0 && col('Advies') > 0, header.join('|'));
  const rejected = rows.find((r) => r[col('Referentie')]?.text === 'F2025050-002');
  assert.ok(rejected, `the rejected line is a row: ${JSON.stringify(rows.slice(0, 3))}`);
  // Numbers and dates are written unquoted: a number and a date, not text.
  assert.deepEqual(rejected[col('Bedrag')], { raw: '220' });
  const credit = rows.find((r) => r[col('Referentie')]?.text === 'F2025061-001');
  assert.ok(credit && /^-\d+(\.\d+)?$/.test(credit[col('Bedrag')].raw ?? ''), JSON.stringify(credit?.[col('Bedrag')]));
  // A date cell, written back in the en-US form (text would be quoted).
  assert.deepEqual(rejected[col('Begin')], { raw: '05/01/2025' });
  assert.deepEqual(rejected[col('Retourcodes')], { text: '0611' });
  assert.deepEqual(rejected[col('Productcategorie')], { text: '02' });
  assert.deepEqual(rejected[col('Declaratieperiode')], { text: '2025-05' });
  assert.match(rejected[col('BSN')].text ?? '', /^•+\d{3}$/, 'the BSN masked, as in the CSV');
  assert.match(rejected[col('Toewijzing')].raw ?? '', /^\d+$/);
  assert.equal(rejected[col('Status')].text, 'Afgewezen');
  fs.rmSync(dir, { recursive: true, force: true });
});
