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
/** A phone-sized window (390 × 844 CSS pixels, as an iPhone 12–15). */
let phone;
/** Script errors and CSP violations seen on any page: each one fails the run. */
const problems = [];

/** A new tab; console errors matching `expected` (a RegExp) are part of the test, not problems. */
async function newPage(expected = null, ctx = null) {
  const page = await (ctx || context).newPage();
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
  phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
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
    const shown = await page.$$eval('article.doc .ann.q[data-ann]', (atoms, key) => atoms
      .filter((a) => a.getAttribute('data-ann').split(' ').includes(key))
      .map((a) => a.textContent).join(''), `q${i}`);
    assert.equal(shown, quotes[i].message_text, `quote q${i} highlight`);
  }
  const mentions = stored.extraction.entities;
  for (let i = 0; i < mentions.length; i++) {
    const shown = await page.$$eval('article.doc .ann.m[data-ann]', (atoms, key) => atoms
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

// ---------------------------------------------------------------------------------------------
// A graph and pages an analyst can read (issue 14 item 6), at desktop width and at 390 px.
// ---------------------------------------------------------------------------------------------

const SIZES = [['desktop', null, 1400], ['390px', 'phone', 390]];

/** Waits for the graph to be laid out and returns what the reader sees of it. */
async function graphFacts(page) {
  await page.waitForFunction(() => document.getElementById('cy')?.hasAttribute('data-nodes'));
  return page.evaluate(() => {
    const cy = window.armsgraphCy;
    const nodes = cy.nodes().map((n) => ({
      id: n.id(),
      label: n.data('label'),
      fontPx: parseFloat(n.renderedStyle('font-size')),
      // Cytoscape draws no label smaller than this on screen (the minor actors' labels).
      hiddenBelowPx: parseFloat(n.style('min-zoomed-font-size')) || 0,
      minor: n.hasClass('minor'),
      body: n.renderedBoundingBox({ includeLabels: false }),
      // A minor actor's label is not drawn at the opening zoom (below), so it takes no room.
      withLabel: n.renderedBoundingBox({ includeLabels: !n.hasClass('minor') }),
    }));
    const edges = cy.edges().map((e) => ({
      id: e.id(), source: e.source().id(), target: e.target().id(), relation: e.data('relation'),
      color: e.style('line-color'), lineStyle: e.style('line-style'),
      // Dash lengths as drawn on screen (the graph sizes them for its opening zoom).
      dash: (e.pstyle('line-dash-pattern').value || []).map((v) => Math.round(v * cy.zoom())).join(' '),
      widthPx: parseFloat(e.renderedStyle('width')),
    }));
    const layoutMs = Number(document.getElementById('cy').getAttribute('data-layout-ms'));
    return { nodes, edges, width: cy.width(), height: cy.height(), zoom: cy.zoom(), layoutMs };
  });
}

function overlaps(a, b) {
  return Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) > 0.5 && Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) > 0.5;
}

function hexToRgb(hex) {
  const n = parseInt(hex.replace('#', ''), 16);
  return `rgb(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255})`;
}

for (const [name, ctxName, width] of SIZES) {
  test(`graph at ${name}: legible labels, no overlapping nodes, styles match the legend`, async () => {
    const page = await newPage(null, ctxName === 'phone' ? phone : null);
    await page.goto(`${BASE}/graph`);
    const g = await graphFacts(page);
    assert.ok(g.nodes.length >= 3, `nodes: ${g.nodes.map((n) => n.id)}`);
    const smallest = Math.min(...g.nodes.map((n) => n.fontPx));
    console.log(`graph at ${name}: ${g.nodes.length} nodes, ${g.edges.length} edges, layout ${g.layoutMs} ms, ` +
      `zoom ${g.zoom.toFixed(2)}, smallest label ${smallest.toFixed(1)} px`);
    // Labels at least 12 px on screen at the zoom the graph opens with: every main actor's,
    // and a minor actor's (beyond the canvas's label budget) either so or not drawn at all.
    for (const n of g.nodes) {
      const drawn = n.fontPx >= n.hiddenBelowPx;
      assert.ok(!n.minor || !drawn || n.fontPx >= 12, `${n.id} (minor) label is drawn at ${n.fontPx.toFixed(1)} px`);
      assert.ok(n.minor || n.fontPx >= 12, `${n.id} label is ${n.fontPx.toFixed(1)} px`);
      assert.ok(!n.minor || n.hiddenBelowPx >= 12, `${n.id} (minor) label may be drawn below 12 px`);
      assert.ok(n.body.w >= 16, `${n.id} is drawn ${n.body.w.toFixed(1)} px wide`);
    }
    // No two actors (shape or label) overlap at load.
    for (let i = 0; i < g.nodes.length; i++) {
      for (let j = i + 1; j < g.nodes.length; j++) {
        const [a, b] = [g.nodes[i], g.nodes[j]];
        assert.ok(!overlaps(a.body, b.body), `${a.id} sits on ${b.id}`);
        assert.ok(!overlaps(a.withLabel, b.withLabel), `${a.id} and ${b.id} overlap with their labels`);
      }
    }
    // Every actor is inside the canvas.
    for (const n of g.nodes) {
      assert.ok(n.body.x1 >= -1 && n.body.x2 <= g.width + 1 && n.body.y1 >= -1 && n.body.y2 <= g.height + 1,
        `${n.id} is drawn outside the canvas`);
    }
    // The legend lists every relation; each drawn edge has its relation's colour and line style.
    const legend = await page.$$eval('#graph-legend li[data-relation]', (lis) => lis.map((li) => ({
      relation: li.dataset.relation, color: li.dataset.color, dash: li.dataset.dash, text: li.textContent.trim(),
      sampleStroke: li.querySelector('svg line')?.getAttribute('stroke'),
      sampleDash: li.querySelector('svg line')?.getAttribute('stroke-dasharray') || '',
    })));
    for (const l of legend) {
      assert.equal(l.sampleStroke, l.color, `legend sample of ${l.relation}`);
      assert.equal(l.sampleDash, l.dash, `legend sample dash of ${l.relation}`);
    }
    const relations = legend.map((l) => l.relation).sort();
    assert.deepEqual(relations, ['alliance', 'arms_transfer', 'conflict', 'cooperation', 'dispute']);
    assert.equal(new Set(legend.map((l) => l.color)).size, legend.length, 'colours differ');
    assert.equal(new Set(legend.map((l) => l.dash)).size, legend.length, 'line styles differ');
    for (const e of g.edges) {
      const l = legend.find((x) => x.relation === e.relation);
      assert.ok(l, `edge ${e.id} has a relation the legend lists`);
      assert.equal(e.color.replace(/\s/g, ''), hexToRgb(l.color), `${e.id} colour`);
      assert.equal(e.lineStyle, l.dash ? 'dashed' : 'solid', `${e.id} line style`);
      if (l.dash) assert.equal(e.dash, l.dash, `${e.id} dash pattern`);
      assert.ok(e.widthPx >= 2, `${e.id} is ${e.widthPx} px wide`);
    }
    const drawn = new Set(g.edges.map((e) => e.relation));
    assert.ok(drawn.has('arms_transfer') && drawn.has('conflict'), `relations drawn: ${[...drawn]}`);
    // Memberships only for their years: the graph's events are from this century, and
    // Azerbaijan left the CSTO in 1999.
    assert.ok(!g.edges.some((e) => e.source === 'AZE' && e.target === 'CSTO'), 'no AZE–CSTO tie');
    const csto = g.nodes.find((n) => n.id === 'CSTO');
    const arm = g.nodes.find((n) => n.id === 'ARM');
    if (csto && arm) assert.ok(!overlaps(csto.withLabel, arm.withLabel), 'the CSTO does not sit on Armenia');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= width, 'no sideways scrolling');
    await shot(page, `20-graph-${name}.png`);
    await page.close();
  });
}

test('graph: an ended membership is drawn only in a window that includes it', async () => {
  const page = await newPage();
  // The API applies the same rule as the page: with no dates, the span of the events.
  const now = await (await page.request.get(`${BASE}/api/graph`)).json();
  assert.ok(!now.edges.some((e) => e.source === 'AZE' && e.target === 'CSTO' && e.relation === 'alliance'));
  const then = await page.request.get(`${BASE}/api/graph?from=1995&to=1998`);
  assert.equal(then.status(), 200);
  // A year filter on the page redraws and keeps the dates in the address.
  await page.goto(`${BASE}/graph`);
  await page.waitForFunction(() => document.getElementById('cy')?.hasAttribute('data-nodes'));
  await page.locator('#graph-filters input[name="from"]').fill('2020');
  await page.locator('#graph-filters input[name="to"]').fill('2020');
  await page.locator('#graph-filters button[type="submit"]').click();
  await page.waitForURL(/from=2020/);
  await page.close();
});

test('graph page offers the static and the dynamic GEXF', async () => {
  const page = await newPage();
  await page.goto(`${BASE}/graph`);
  const links = await page.$$eval('.downloads a', (as) => as.map((a) => a.getAttribute('href')));
  assert.ok(links.includes('/export/armsgraph.gexf') && links.includes('/export/armsgraph.dynamic.gexf'), `${links}`);
  const res = await page.request.get(`${BASE}/export/armsgraph.dynamic.gexf`);
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-disposition'] || '', /attachment/);
  const xml = await res.text();
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    if (doc.querySelector('parsererror')) return { error: doc.querySelector('parsererror').textContent };
    const graph = doc.querySelector('graph');
    const edges = [...doc.querySelectorAll('edge')];
    return {
      mode: graph.getAttribute('mode'), timeformat: graph.getAttribute('timeformat'),
      edges: edges.length,
      timed: edges.filter((e) => e.hasAttribute('start') || e.querySelector('spell')).length,
      dates: [...doc.querySelectorAll('[start], [end]')].flatMap((e) => [e.getAttribute('start'), e.getAttribute('end')]).filter(Boolean),
    };
  }, xml);
  assert.equal(parsed.error, undefined, parsed.error);
  assert.equal(parsed.mode, 'dynamic');
  assert.equal(parsed.timeformat, 'date');
  assert.ok(parsed.timed > 0 && parsed.timed <= parsed.edges, `${parsed.timed} of ${parsed.edges} edges timed`);
  for (const d of parsed.dates) assert.match(d, /^\d{4}-\d{2}-\d{2}$/);
  const plain = await (await page.request.get(`${BASE}/export/armsgraph.gexf`)).text();
  assert.match(plain, /mode="static"/);
  await page.close();
});

test('timeline is paged and shows the UCDP conflicts the CLI shows', async () => {
  const page = await newPage();
  await page.goto(`${BASE}/timeline?involving=AZE&size=10`);
  const pager = page.locator('nav.timeline-pager').first();
  const total = await pager.locator('.total').innerText();
  const m = total.match(/Entries 1–(\d+) of (\d+)/);
  assert.ok(m, `pager says: ${total}`);
  assert.equal(Number(m[1]), 10);
  assert.ok(Number(m[2]) > 10, 'more than one page');
  assert.equal(await page.locator('ol.timeline li.event').count(), 10);
  // The last page holds the rest: every entry is reachable, however long the timeline.
  const all = Number(m[2]);
  const last = Math.ceil(all / 10);
  await page.goto(`${BASE}/timeline?involving=AZE&size=10&page=${last}`);
  assert.equal(await page.locator('ol.timeline li.event').count(), all - (last - 1) * 10);
  assert.match(await page.locator('nav.timeline-pager .total').first().innerText(),
    new RegExp(`of ${all} `));
  // Armenia–Azerbaijan conflict years from UCDP appear, each naming its dataset.
  await page.goto(`${BASE}/timeline?involving=AZE&with=ARM&size=100`);
  const refs = page.locator('ol.timeline li.ref-conflict');
  assert.ok((await refs.count()) >= 1, 'UCDP conflict years listed');
  assert.match(await refs.first().innerText(), /UCDP/);
  assert.doesNotMatch(await page.locator('main').innerText(), /reference:/);
  // Next and previous keep the filters.
  await page.goto(`${BASE}/timeline?involving=AZE&size=10`);
  await pager.locator('a.next').click();
  await page.waitForURL(/page=2/);
  assert.match(page.url(), /involving=AZE/);
  assert.match(page.url(), /size=10/);
  assert.match(await page.locator('nav.timeline-pager .total').first().innerText(), /Entries 11–/);
  await page.locator('nav.timeline-pager a.prev').first().click();
  await page.waitForURL(/page=1/);
  await shot(page, '21-timeline-paged.png');
  await page.close();
});

test('entity page is compact: conflict spells, membership years, no internal ids', async () => {
  const page = await newPage();
  await page.goto(`${BASE}/entities/AZE`);
  const text = await page.locator('main').innerText();
  assert.match(text, /\d{4}–\d{4}/, 'conflict years are collapsed into spells');
  assert.doesNotMatch(text, /reference:/);
  assert.doesNotMatch(text, /coreference/);
  assert.doesNotMatch(text, /(^|\s)\/(tmp|home|root|srv|work|var)\//, 'no server file paths');
  const csto = page.locator('ul.memberships li', { hasText: 'Collective Security' });
  assert.match(await csto.first().innerText(), /1994–1999|199\d–1999/);
  // One line per conflict, not one per conflict-year.
  const conflicts = await page.locator('ul.conflicts li').count();
  assert.ok(conflicts >= 1 && conflicts < 15, `${conflicts} conflict lines`);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(height < 4000, `the page is ${height} px tall`);
  await shot(page, '22-entity-compact.png');
  await page.close();
});

/** Pages whose width must fit a phone; the document page is found through search. */
async function humanPages(page) {
  const found = await (await page.request.get(`${BASE}/api/search?q=Aserbaidschan`)).json();
  const docs = (found.documents || []).map((d) => `/documents/${encodeURIComponent(d.id)}`);
  return [
    '/', '/search?q=Aserbaidschan', '/documents', ...docs.slice(0, 2), '/entities/AZE', '/entities/ARM',
    '/entities/CSTO', '/entities/BLR', '/graph', '/timeline', '/timeline?involving=AZE', '/alerts', '/ingest',
    '/no-such-page',
  ];
}

for (const [name, ctxName, width] of SIZES) {
  test(`every page fits ${name} without sideways scrolling`, async () => {
    const page = await newPage(/status of 404/, ctxName === 'phone' ? phone : null);
    const wide = [];
    for (const path of await humanPages(page)) {
      await page.goto(`${BASE}${path}`);
      if (path === '/alerts') {
        const first = page.locator('details.alert summary').first();
        if (await first.count()) await first.click();
      }
      if (path.startsWith('/graph')) {
        await page.waitForFunction(() => document.getElementById('cy')?.hasAttribute('data-nodes'));
      }
      const sw = await page.evaluate(() => document.documentElement.scrollWidth);
      if (sw > width) {
        const culprits = await page.evaluate((w) => [...document.querySelectorAll('main *')]
          .filter((el) => el.getBoundingClientRect().right > w + 0.5)
          .slice(0, 3).map((el) => `${el.tagName.toLowerCase()}.${el.className}`), width);
        wide.push(`${path}: ${sw} px (${culprits.join(', ')})`);
      }
      if (ctxName === 'phone') await shot(page, `30-phone${path.replace(/[^a-z0-9]+/gi, '-')}.png`);
    }
    assert.deepEqual(wide, [], 'pages wider than the window');
    await page.close();
  });
}

test("the README's web examples show results on the demo", async () => {
  const page = await newPage();
  await page.goto(`${BASE}/graph?from=2016&to=2024&entity=Belarus`);
  const g = await graphFacts(page);
  assert.ok(g.nodes.some((n) => n.id === 'BLR'), 'Belarus on its graph');
  await page.goto(`${BASE}/timeline?involving=AZE&with=ARM&size=10&page=2`);
  assert.match(await page.locator('nav.timeline-pager .total').first().innerText(), /Entries 11–\d+ of \d+/);
  assert.ok((await page.locator('ol.timeline li.ref-conflict').count()) >= 1);
  await page.close();
});
