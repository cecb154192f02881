// End-to-end tests of the armsgraph web app in headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core). Run by scripts/browser-tests.sh against `armsgraph serve` over the
// demo database (the bundled corpus, with the seed article); it sets ARMSGRAPH_URL and
// ARMSGRAPH_TOKEN. Screenshots go to artifacts/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const BASE = (process.env.ARMSGRAPH_URL || 'http://127.0.0.1:8080').replace(/\/$/, '');
const TOKEN = process.env.ARMSGRAPH_TOKEN || '';
const SHOTS = process.env.SCREENSHOT_DIR || resolve(here, '../../artifacts/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

let browser;
let context;
/** Script errors and CSP violations seen on any page: each one fails the run. */
const problems = [];

/** A new tab; console errors matching `expected` (a RegExp) are part of the test, not problems. */
async function newPage(expected = null) {
  const page = await context.newPage();
  page.on('pageerror', (err) => problems.push(`${page.url()}: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    if (expected && expected.test(msg.text())) return;
    problems.push(`${page.url()}: console: ${msg.text()}`);
  });
  return page;
}

async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, name), fullPage: false });
}

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // The machine has no network beyond loopback: keep Chromium from calling home.
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
});

after(async () => {
  await browser?.close();
  assert.deepEqual(problems, [], 'script errors or CSP violations on the pages');
});

test('search finds the seed article and Azerbaijan', async () => {
  const page = await newPage();
  await page.goto(`${BASE}/`);
  await shot(page, '01-home.png');
  await page.locator('.hero input[name="q"]').fill('Aserbaidschan');
  await page.locator('.hero input[name="q"]').press('Enter');
  await page.waitForURL(/\/search\?q=Aserbaidschan/);
  const hits = page.locator('.hit');
  assert.ok((await hits.count()) >= 1, 'at least one document hit');
  await assert.doesNotReject(
    page.locator('.hit-title', { hasText: 'Der geheime Waffendeal' }).first().waitFor(),
  );
  assert.ok((await page.locator('.hit mark').count()) >= 1, 'matches are marked in the snippet');
  assert.match(await page.locator('.entity-hits').innerText(), /Azerbaijan/);
  await shot(page, '02-search.png');
  await page.close();
});

test('document view: spans line up and a quote shows its speaker', async () => {
  const page = await newPage();
  await page.goto(`${BASE}/search?q=Aserbaidschan`);
  await page.locator('.hit-title', { hasText: 'Der geheime Waffendeal' }).first().click();
  await page.waitForURL(/\/documents\//);
  await page.locator('.doc-text').waitFor();
  await shot(page, '03-document.png');
  const docId = await page.locator('.doc-text').getAttribute('data-document');

  // Every quote's highlighted atoms spell exactly its message: char offsets were converted
  // correctly (the text has „ “ and umlauts before most spans).
  const stored = await (await page.request.get(`${BASE}/api/documents/${docId}`)).json();
  const quotes = stored.extraction.quotes;
  assert.ok(quotes.length >= 2, 'the seed has at least two quotations');
  for (let i = 0; i < quotes.length; i++) {
    const shown = await page.$$eval('.doc-text .ann.q', (atoms, key) => atoms
      .filter((a) => a.getAttribute('data-ann').split(' ').includes(key))
      .map((a) => a.textContent).join(''), `q${i}`);
    assert.equal(shown, quotes[i].message_text, `quote q${i} highlight`);
  }
  const mentions = stored.extraction.entities;
  for (let i = 0; i < mentions.length; i++) {
    const shown = await page.$$eval('.doc-text .ann.m', (atoms, key) => atoms
      .filter((a) => a.getAttribute('data-ann').split(' ').includes(key))
      .map((a) => a.textContent).join(''), `m${i}`);
    assert.equal(shown, mentions[i].text, `mention m${i} highlight`);
  }

  // Click inside the quotation in the last paragraph: the panel shows Eduard Arakelyan.
  await page.locator('.doc-text .ann.q', { hasText: 'Formal gesehen' }).first().click();
  const detail = page.locator('#details .detail[data-kind="quote"]:not([hidden])').first();
  await detail.waitFor();
  assert.match(await detail.locator('.speaker').innerText(), /Eduard Arakelyan/);
  // Its raw JSON loads on demand from the API.
  await detail.locator('details.raw summary').click();
  await detail.locator('details.raw pre', { hasText: '"message_text"' }).waitFor();
  assert.match(await detail.locator('details.raw pre').innerText(), /"speaker"/);
  await shot(page, '04-document-quote.png');

  // A mention opens its entity; the event trigger opens the event.
  await page.locator('.doc-text .ann.t').first().click();
  await page.locator('#details .detail[data-kind="event"]:not([hidden])').first().waitFor();
  await shot(page, '05-document-event.png');

  // From the quote's speaker to the speaker's page.
  await page.locator('.doc-text .ann.q', { hasText: 'Formal gesehen' }).first().click();
  await detail.locator('a.entity', { hasText: 'Eduard Arakelyan' }).first().click();
  await page.waitForURL(/\/entities\//);
  assert.match(await page.locator('h1').innerText(), /Eduard Arakelyan/);
  assert.ok((await page.locator('figure.quote').count()) >= 2, 'his quotes are listed');
  await shot(page, '06-entity-person.png');
  await page.close();
});

test('entity page of a state shows suppliers and alliance membership', async () => {
  const page = await newPage();
  await page.goto(`${BASE}/entities/AZE`);
  assert.match(await page.locator('h1').innerText(), /Azerbaijan/);
  const body = await page.locator('main').innerText();
  assert.match(body, /Supplied by/);
  assert.match(body, /BLR|Belarus/);
  await shot(page, '07-entity-state.png');
  await page.close();
});

test('graph view draws actors with cytoscape', async () => {
  const page = await newPage();
  await page.goto(`${BASE}/graph`);
  await page.waitForFunction(() => document.getElementById('cy')?.hasAttribute('data-nodes'));
  const ids = await page.evaluate(() => window.armsgraphCy.nodes().map((n) => n.id()));
  assert.ok(ids.length >= 3, `nodes drawn: ${ids}`);
  for (const id of ['AZE', 'ARM', 'BLR']) assert.ok(ids.includes(id), `${id} on the graph`);
  const edges = await page.evaluate(() => window.armsgraphCy.edges().map((e) => e.data('relation')));
  assert.ok(edges.includes('arms_transfer'), `an arms transfer edge: ${edges}`);
  // The canvas really painted something.
  const painted = await page.evaluate(() => {
    const canvases = [...document.querySelectorAll('#cy canvas')];
    return canvases.some((c) => c.width > 0 && c.height > 0);
  });
  assert.ok(painted, 'cytoscape created its canvas');
  // Selecting the arms transfer shows its evidence.
  await page.evaluate(() => {
    const e = window.armsgraphCy.edges('[relation = "arms_transfer"]').first();
    e.select();
    e.emit('tap');
  });
  await page.locator('#graph-detail a', { hasText: 'evidence in document' }).first().waitFor();
  await shot(page, '08-graph.png');

  // Filtering by relation type redraws with fewer edges.
  await page.locator('input[name="rel"][value="cooperation"]').uncheck();
  await page.waitForFunction(() => !window.armsgraphCy.edges('[relation = "cooperation"]').length);
  assert.match(page.url(), /relations=/);
  await page.close();
});

test('timeline lists events in time order for an actor', async () => {
  const page = await newPage();
  await page.goto(`${BASE}/timeline?involving=AZE`);
  const events = page.locator('ol.timeline li.event');
  assert.ok((await events.count()) >= 3, 'several events involve Azerbaijan');
  const dates = await page.$$eval('ol.timeline li.event .when', (els) => els.map((e) => e.textContent));
  const dated = dates.filter((d) => /^\d{4}/.test(d));
  assert.deepEqual(dated, [...dated].sort(), 'dated events ascend');
  await shot(page, '09-timeline.png');
  await page.close();
});

test('an alert expands into its evidence chain, each link to the highlighted span', async () => {
  const page = await newPage();
  await page.goto(`${BASE}/alerts`);
  const alert = page.locator('details.alert').first();
  await alert.waitFor();
  assert.match(await alert.locator('summary').innerText(), /Belarus|BLR/);
  await alert.locator('summary').click();
  assert.equal(await alert.getAttribute('open'), '');
  const links = alert.locator('ol.chain > li');
  assert.ok((await links.count()) >= 3, 'membership, transfer and conflict links');
  await shot(page, '10-alerts.png');
  const evidence = alert.locator('a.evidence-link').first();
  const href = await evidence.getAttribute('href');
  assert.match(href, /\/documents\/[0-9a-f]+\?hl=\d+-\d+#focus/);
  await evidence.click();
  await page.waitForURL(/hl=/);
  const highlighted = page.locator('.doc-text .ann.hl');
  assert.ok((await highlighted.count()) >= 1, 'the evidence is highlighted');
  assert.ok(await highlighted.first().isVisible());
  await shot(page, '11-alert-evidence.png');
  await page.close();
});

test('ingest page stores pasted text with the token', async (t) => {
  if (!TOKEN) {
    t.skip('ARMSGRAPH_TOKEN not set');
    return;
  }
  // The wrong token is refused on purpose: the browser logs that 401.
  const page = await newPage(/status of 401/);
  await page.goto(`${BASE}/ingest`);
  await page.locator('#token').fill('wrong-token');
  await page.locator('#text').fill('Russland lieferte im Mai 2023 Panzer an Belarus.\n\nDas teilte das Ministerium mit.');
  await page.locator('input[name="published"]').fill('2024-05-14');
  await page.locator('#ingest-form button[type="submit"]').click();
  await page.locator('.result-error').waitFor();
  assert.match(await page.locator('.result-error').innerText(), /401/);

  await page.locator('#token').fill(TOKEN);
  await page.locator('#ingest-form button[type="submit"]').click();
  await page.locator('.result-ok').waitFor();
  assert.match(await page.locator('.result-ok').innerText(), /Stored|Already stored/);
  await shot(page, '12-ingest.png');
  await page.locator('.result-ok a').click();
  await page.waitForURL(/\/documents\//);
  assert.match(await page.locator('.doc-text').innerText(), /Panzer an Belarus/);
  await page.close();
});

test('a hostile document stays text in the browser', async (t) => {
  if (!TOKEN) {
    t.skip('ARMSGRAPH_TOKEN not set');
    return;
  }
  const page = await newPage();
  const dialogs = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  const hostile = 'Bericht über <script>alert("script")</script> und <img src=x onerror="alert(\'img\')"> ' +
    'sowie <a href="javascript:alert(\'link\')">hier</a> und <svg onload=alert("svg")></svg>.';
  const res = await page.request.post(`${BASE}/api/ingest`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
    data: { text: hostile, html: false, title: '<script>alert("title")</script>', url: 'javascript:alert("url")' },
  });
  assert.ok(res.ok(), `ingest answered ${res.status()}`);
  const { href } = await res.json();
  await page.goto(`${BASE}${href}`);
  await page.locator('.doc-text').waitFor();
  assert.match(await page.locator('.doc-text').innerText(), /<script>alert\("script"\)<\/script>/);
  assert.equal(await page.locator('main img, main svg, main iframe').count(), 0);
  assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);
  const scripts = await page.$$eval('script', (els) => els.map((e) => e.getAttribute('src') || 'inline'));
  assert.ok(scripts.every((src) => src.startsWith('/static/')), `scripts: ${scripts}`);
  await page.goto(`${BASE}/search?q=alert`);
  await page.goto(`${BASE}/documents`);
  assert.deepEqual(dialogs, [], 'no script from the document ran');
  await page.close();
});
