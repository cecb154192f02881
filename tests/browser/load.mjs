// A bounded load test of `armsgraph serve` on loopback: for each target page, at most
// MAX_REQUESTS requests or MAX_SECONDS seconds (whichever comes first) from CONCURRENCY
// keep-alive connections. Prints requests/s and latency percentiles, writes them to
// artifacts/load.json, and exits non-zero on any error or non-200 answer.
//
//   ARMSGRAPH_URL=http://127.0.0.1:8080 node load.mjs
import http from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const BASE = new URL(process.env.ARMSGRAPH_URL || 'http://127.0.0.1:8080');
const CONCURRENCY = Number(process.env.LOAD_CONCURRENCY || 8);
const MAX_REQUESTS = Number(process.env.LOAD_REQUESTS || 2000);
const MAX_SECONDS = Number(process.env.LOAD_SECONDS || 20);
const OUT = process.env.LOAD_OUT || resolve(here, '../../artifacts/load.json');

// Only loopback: this is a test of our own server, never of anything else.
if (!['127.0.0.1', 'localhost', '[::1]'].includes(BASE.hostname)) {
  console.error(`refusing to load-test ${BASE.hostname}: loopback only`);
  process.exit(2);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function get(path) {
  return new Promise((resolvePromise) => {
    const started = process.hrtime.bigint();
    const req = http.get({ host: BASE.hostname, port: BASE.port, path, agent }, (res) => {
      let bytes = 0;
      res.on('data', (chunk) => { bytes += chunk.length; });
      res.on('end', () => resolvePromise({
        status: res.statusCode,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        bytes,
      }));
    });
    req.on('error', (err) => resolvePromise({ status: 0, ms: 0, bytes: 0, error: err.message }));
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
  });
}

function percentile(sorted, p) {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function run(name, path) {
  const latencies = [];
  const failures = [];
  let sent = 0;
  const deadline = Date.now() + MAX_SECONDS * 1000;
  const started = process.hrtime.bigint();
  async function worker() {
    while (sent < MAX_REQUESTS && Date.now() < deadline) {
      sent += 1;
      const r = await get(path);
      if (r.status !== 200) failures.push(r.error || `HTTP ${r.status}`);
      else latencies.push(r.ms);
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const result = {
    name,
    path,
    requests: sent,
    errors: failures.length,
    seconds: Number(seconds.toFixed(2)),
    requests_per_second: Number((sent / seconds).toFixed(1)),
    p50_ms: Number(percentile(latencies, 50).toFixed(2)),
    p99_ms: Number(percentile(latencies, 99).toFixed(2)),
    max_ms: Number((latencies[latencies.length - 1] || 0).toFixed(2)),
  };
  if (failures.length) result.first_error = failures[0];
  return result;
}

async function main() {
  // Load the richest document (most events: the most highlights to render), found through
  // the API rather than by a fixed id.
  const docs = await new Promise((res, rej) => {
    http.get({ host: BASE.hostname, port: BASE.port, path: '/api/documents?limit=100', agent }, (r) => {
      let body = '';
      r.on('data', (c) => { body += c; });
      r.on('end', () => { try { res(JSON.parse(body)); } catch (e) { rej(e); } });
    }).on('error', rej);
  });
  if (!Array.isArray(docs) || !docs.length) throw new Error('the database holds no document to load');
  docs.sort((a, b) => b.events - a.events);
  const targets = [
    ['search page', '/search?q=Aserbaidschan'],
    ['document page', `/documents/${docs[0].id}`],
    ['search API', '/api/search?q=Artillerie'],
  ];
  const results = [];
  for (const [name, path] of targets) {
    const r = await run(name, path);
    results.push(r);
    console.log(`${name.padEnd(14)} ${String(r.requests).padStart(5)} requests in ${r.seconds}s: ` +
      `${r.requests_per_second} req/s, p50 ${r.p50_ms} ms, p99 ${r.p99_ms} ms, errors ${r.errors}`);
  }
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, JSON.stringify({ base: BASE.origin, concurrency: CONCURRENCY, results }, null, 2));
  agent.destroy();
  const errors = results.reduce((n, r) => n + r.errors, 0);
  if (errors) {
    console.error(`load test: ${errors} failed requests (${results.find((r) => r.errors).first_error})`);
    process.exit(1);
  }
  console.log(`load: ${results.length} passed, 0 failed`);
}

main().catch((err) => {
  console.error(`load test failed: ${err.stack || err}`);
  process.exit(1);
});
