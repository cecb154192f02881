// How the graph page lays out larger graphs: serves a synthetic graph (N actors, 2N relations
// between pseudo-random pairs, deterministic) in place of /api/graph and prints the layout
// time, opening zoom, smallest shown label, labelled actors and overlapping pairs.
// Figures in docs/notes/webui.md. A measurement, not a test: it never fails on the figures.
//
//   ARMSGRAPH_URL=http://127.0.0.1:8080 node graph-scale.mjs 50 150 400   # desktop 1400×900
//   PHONE=1 ARMSGRAPH_URL=… node graph-scale.mjs 60                      # 390×844
import { chromium } from 'playwright-core';

const BASE = (process.env.ARMSGRAPH_URL || 'http://127.0.0.1:8080').replace(/\/$/, '');
const viewport = process.env.PHONE ? { width: 390, height: 844 } : { width: 1400, height: 900 };
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);

function synthetic(n) {
  const rels = ['arms_transfer', 'conflict', 'dispute', 'cooperation', 'alliance'];
  const nodes = [...Array(n)].map((_, i) => ({
    id: `N${i}`, name: `Actor number ${i}`, kind: i % 5 ? 'state' : 'organisation', weight: 1 + (i % 7),
  }));
  const edges = [];
  for (let i = 0; i < n * 2; i++) {
    const a = (i * 7919) % n;
    const b = (i * 104729 + 13) % n;
    if (a !== b) edges.push({ id: `e${i}`, source: `N${a}`, target: `N${b}`, relation: rels[i % 5], evidence: [], evidence_total: 1 });
  }
  return { nodes, edges, focus: null };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu'],
});
for (const n of sizes.length ? sizes : [50, 150]) {
  const context = await browser.newContext({ viewport });
  const body = JSON.stringify(synthetic(n));
  await context.route('**/api/graph*', (r) => r.fulfill({ contentType: 'application/json', body }));
  const page = await context.newPage();
  await page.goto(`${BASE}/graph`);
  await page.waitForFunction(() => document.getElementById('cy')?.hasAttribute('data-nodes'), null, { timeout: 120000 });
  const facts = await page.evaluate(() => {
    const cy = window.armsgraphCy;
    const nodes = cy.nodes().toArray();
    const shown = nodes.filter((x) => !x.hasClass('minor'));
    const boxes = nodes.map((x) => x.renderedBoundingBox({ includeLabels: !x.hasClass('minor') }));
    let overlaps = 0;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        if (Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) > 0.5 && Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) > 0.5) overlaps++;
      }
    }
    return {
      layoutMs: Number(document.getElementById('cy').getAttribute('data-layout-ms')),
      zoom: cy.zoom(),
      smallestLabel: Math.min(...shown.map((x) => parseFloat(x.renderedStyle('font-size')))),
      labelled: shown.length,
      overlaps,
    };
  });
  console.log(`${n} actors at ${viewport.width}×${viewport.height}: layout ${facts.layoutMs} ms, zoom ${facts.zoom.toFixed(2)}, ` +
    `smallest label ${facts.smallestLabel.toFixed(1)} px, ${facts.labelled} labelled, ${facts.overlaps} overlapping pairs`);
  await context.close();
}
await browser.close();
