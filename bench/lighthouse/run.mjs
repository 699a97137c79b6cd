// Lighthouse (the version package-lock.json pins) on the dashboard's pages of a running app: its default mobile
// preset (a mid-range phone, simulated slow 4G and a 4x slower CPU), categories performance and accessibility,
// each page --runs times in a fresh headless chromium, then the medians and the biggest downloads.
// Usage: node bench/lighthouse/run.mjs --url http://127.0.0.1:5080 [--api http://127.0.0.1:5081] [--runs 3]
//        [--pages /,/clusters,/twins/{id},/live] [--chrome /usr/bin/chromium] [--out <folder for the JSON reports>]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const { values: options } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:5080' },
    api: { type: 'string', default: 'http://127.0.0.1:5081' },
    runs: { type: 'string', default: '3' },
    pages: { type: 'string', default: '/,/clusters,/twins/{id},/live' },
    chrome: { type: 'string', default: process.env.CHROME_PATH || '/usr/bin/chromium' },
    out: { type: 'string' },
  },
});
const base = options.url.replace(/\/$/, '');
const runs = Number.parseInt(options.runs, 10);
const out = options.out ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sd-lighthouse-'));
fs.mkdirSync(out, { recursive: true });
const target = 0.9;

const median = (values) => {
  const sorted = values.filter((v) => typeof v === 'number').sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.floor(sorted.length / 2)];
};

// A twin page needs a real student: the first point of the class's map.
async function firstResponseId() {
  const answer = await fetch(`${options.api.replace(/\/$/, '')}/api/clusters`);
  if (!answer.ok) throw new Error(`${options.api}/api/clusters answered ${answer.status}: is the api running?`);
  const points = (await answer.json()).points ?? [];
  if (points.length === 0) throw new Error('The class has no analysed student yet: wait for the analysis, then run again.');
  return points[0].id;
}

async function audit(url) {
  // A fresh browser per run: an empty cache, as a phone's first visit from the QR code.
  const chrome = await chromeLauncher.launch({
    chromePath: options.chrome,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
    });
    return result.lhr;
  } finally {
    await chrome.kill();
  }
}

function figures(lhr) {
  const audits = lhr.audits;
  const value = (id) => audits[id]?.numericValue;
  return {
    performance: lhr.categories.performance?.score,
    accessibility: lhr.categories.accessibility?.score,
    fcpMs: value('first-contentful-paint'),
    lcpMs: value('largest-contentful-paint'),
    tbtMs: value('total-blocking-time'),
    cls: value('cumulative-layout-shift'),
    ttiMs: value('interactive'),
    bytes: value('total-byte-weight'),
    runtimeError: lhr.runtimeError?.message,
  };
}

function biggest(lhr, count = 5) {
  const items = lhr.audits['total-byte-weight']?.details?.items ?? [];
  return items.slice(0, count).map((item) => ({ url: item.url.replace(base, ''), kb: Math.round(item.totalBytes / 1024) }));
}

function failedAccessibility(lhr) {
  return Object.values(lhr.audits)
    .filter((a) => a.score === 0 && lhr.categories.accessibility?.auditRefs.some((r) => r.id === a.id && r.weight > 0))
    .map((a) => a.id);
}

const id = options.pages.includes('{id}') ? await firstResponseId() : '';
const pages = options.pages.split(',').map((p) => p.trim()).filter(Boolean);
const summary = [];
let version = '';
for (const page of pages) {
  const resolved = page.replace('{id}', encodeURIComponent(id));
  const results = [];
  for (let run = 0; run < runs; run++) {
    const lhr = await audit(base + resolved);
    version = lhr.lighthouseVersion;
    const file = path.join(out, `${page.replace(/[^a-z0-9]+/gi, '_') || 'root'}-${run + 1}.json`);
    fs.writeFileSync(file, JSON.stringify(lhr));
    results.push({ lhr, ...figures(lhr) });
    process.stderr.write(`${page} run ${run + 1}: performance ${results.at(-1).performance} accessibility ${results.at(-1).accessibility}\n`);
  }

  const med = (key) => median(results.map((r) => r[key]));
  // The biggest downloads and the failed checks of the run with the median score.
  const middle = results.slice().sort((a, b) => (a.performance ?? 0) - (b.performance ?? 0))[Math.floor(results.length / 2)];
  summary.push({
    page,
    runs: results.length,
    performance: med('performance'),
    performanceRange: `${Math.min(...results.map((r) => r.performance ?? 0))}–${Math.max(...results.map((r) => r.performance ?? 0))}`,
    accessibility: med('accessibility'),
    fcpMs: Math.round(med('fcpMs')),
    lcpMs: Math.round(med('lcpMs')),
    tbtMs: Math.round(med('tbtMs')),
    cls: Number(med('cls').toFixed(3)),
    ttiMs: Math.round(med('ttiMs')),
    kb: Math.round(med('bytes') / 1024),
    biggest: biggest(middle.lhr),
    accessibilityFailures: failedAccessibility(middle.lhr),
    errors: [...new Set(results.map((r) => r.runtimeError).filter(Boolean))],
  });
}

const pad = (text, width) => String(text).padStart(width);
console.log(`Lighthouse ${version}, mobile preset (simulated throttling), ${runs} run(s) per page, medians; ${base}`);
console.log(`${'page'.padEnd(16)} ${pad('perf', 5)} ${pad('range', 10)} ${pad('a11y', 5)} ${pad('FCP ms', 7)} ${pad('LCP ms', 7)} ${pad('TBT ms', 7)} ${pad('CLS', 6)} ${pad('TTI ms', 7)} ${pad('KB', 6)}  target perf >= ${target}`);
for (const s of summary) {
  console.log(`${s.page.padEnd(16)} ${pad(s.performance, 5)} ${pad(s.performanceRange, 10)} ${pad(s.accessibility, 5)} ${pad(s.fcpMs, 7)} ${pad(s.lcpMs, 7)} ${pad(s.tbtMs, 7)} ${pad(s.cls, 6)} ${pad(s.ttiMs, 7)} ${pad(s.kb, 6)}  ${s.performance >= target ? 'met' : 'NOT met'}`);
}

console.log('\nBiggest downloads (KB on the wire) and failed accessibility checks, of the median run:');
for (const s of summary) {
  console.log(`${s.page}: ${s.biggest.map((b) => `${b.url} ${b.kb}`).join(', ')}`);
  if (s.accessibilityFailures.length > 0) console.log(`  accessibility: ${s.accessibilityFailures.join(', ')}`);
  if (s.errors.length > 0) console.log(`  errors: ${s.errors.join('; ')}`);
}

fs.writeFileSync(path.join(out, 'summary.json'), JSON.stringify(summary, null, 2));
console.log(`\nreports: ${out}`);
