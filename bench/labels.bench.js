'use strict';
/**
 * npm run bench:labels — 500 shipping labels printed into one PDF.
 *
 * Candidate: PdfRenderer.renderLabels (dist/): the batch split into one chunk per pooled Chromium page, printed in
 *   parallel and merged in order with pdf-lib. Timed from the views to the merged PDF bytes.
 * Baseline: the same browser (same binary, same warmed pool) printing the whole 500-label document in ONE page with the
 *   same PDF options, in the same run. Both include building the HTML (barcodes included).
 * Rounds alternate baseline and candidate; the medians are compared. Goals: baseline / candidate >= 1.0 and the
 *   candidate under 4 s. Peak memory: this Node process (VmHWM) and the Chromium process tree (RssAnon summed, sampled every 100 ms).
 * The candidate's PDF is checked before timing counts: page count, page size, first and last label in place.
 *
 * Knobs: BENCH_LABELS (500), BENCH_LABELS_FORMAT (4x6 | a4), BENCH_LABELS_POOL (4 pages), BENCH_LABELS_ROUNDS (3),
 *   BENCH_LABELS_MIN_CHUNK (renderer default), BENCH_STRICT=1 (exit 1 when a goal is missed),
 *   PUPPETEER_EXECUTABLE_PATH (default /usr/bin/chromium).
 */
const { readdirSync, readFileSync } = require('node:fs');
const os = require('node:os');
const { createCleanup } = require('./lib/cleanup');

const DOCUMENTS = '../dist/libs/shipping/src/infrastructure/documents';
const { BrowserPool } = require(`${DOCUMENTS}/browser-pool`);
const { PdfRenderer, LABEL_PDF_OPTIONS } = require(`${DOCUMENTS}/pdf-renderer`);
const { shippingLabelsHtml, LABELS_PER_PAGE } = require(`${DOCUMENTS}/shipping-label.template`);
const { sampleLabel, sampleAwb } = require(`${DOCUMENTS}/testing/sample-views`);
const { pdfPageTexts } = require(`${DOCUMENTS}/testing/pdf-text`);
const { PDFDocument } = require('pdf-lib');

const COUNT = Number(process.env.BENCH_LABELS || 500);
const FORMAT = process.env.BENCH_LABELS_FORMAT === 'a4' ? 'a4' : '4x6';
const POOL_SIZE = Number(process.env.BENCH_LABELS_POOL || 4);
const ROUNDS = Math.max(1, Number(process.env.BENCH_LABELS_ROUNDS || 3));
const MIN_CHUNK = process.env.BENCH_LABELS_MIN_CHUNK ? Number(process.env.BENCH_LABELS_MIN_CHUNK) : undefined;
const GOALS = { ratio: 1.0, seconds: 4 };
const PAGE_SIZE = { '4x6': [288, 432], a4: [595.28, 841.89] };

async function main() {
  const cleanup = createCleanup();
  const pool = new BrowserPool({ size: POOL_SIZE });
  cleanup.add('close Chromium', () => pool.close());
  try {
    const renderer = new PdfRenderer(pool, { minLabelsPerChunk: MIN_CHUNK });
    const views = Array.from({ length: COUNT }, (_, i) => sampleLabel(i));

    const candidate = () => renderer.renderLabels(views, FORMAT);
    const baseline = () =>
      pool.withPage(async (page) => {
        await page.setContent(shippingLabelsHtml(views, FORMAT), { waitUntil: 'load' });
        return Buffer.from(await page.pdf(LABEL_PDF_OPTIONS));
      });

    // Warm-up: launches Chromium, opens every pooled page, and checks the candidate's output.
    const warm = await candidate();
    await verify(warm);
    await baseline();
    const chromium = await pool.withPage(async (page) => page.browser().process()?.pid);
    log(`Chromium pid ${chromium}, pool of ${POOL_SIZE} pages, ${COUNT} labels (${FORMAT}), ${ROUNDS} rounds; output verified (${(warm.length / 1048576).toFixed(1)} MB)`);

    const times = { candidate: [], baseline: [] };
    const chromiumPeakMb = { candidate: 0, baseline: 0 };
    const measure = async (name, fn) => {
      const sampler = sampleRss(chromium && process.platform === 'linux' ? processTree(chromium) : []);
      times[name].push(await timed(fn));
      chromiumPeakMb[name] = Math.max(chromiumPeakMb[name], sampler.stop());
    };
    for (let round = 0; round < ROUNDS; round++) {
      await measure('baseline', baseline);
      await measure('candidate', candidate);
      log(`round ${round + 1}: baseline ${times.baseline[round].toFixed(2)} s, candidate ${times.candidate[round].toFixed(2)} s`);
    }

    const ours = median(times.candidate);
    const theirs = median(times.baseline);
    const ratio = theirs / ours;
    const nodePeakMb = peakRssMb();
    const met = ratio >= GOALS.ratio && ours < GOALS.seconds;
    process.stdout.write(
      [
        '',
        `${COUNT} shipping labels (${FORMAT}) into one PDF, median of ${ROUNDS} rounds`,
        `  candidate  PdfRenderer, ${POOL_SIZE} pooled pages + pdf-lib merge   ${ours.toFixed(2)} s   (${(ours * 1000 / COUNT).toFixed(1)} ms/label)`,
        `  baseline   the same HTML printed by one page                  ${theirs.toFixed(2)} s`,
        `  ratio      baseline / candidate ${ratio.toFixed(2)}        goal >= ${GOALS.ratio}   ${ratio >= GOALS.ratio ? 'met' : 'MISSED'}`,
        `  time       ${ours.toFixed(2)} s                        goal < ${GOALS.seconds} s     ${ours < GOALS.seconds ? 'met' : 'MISSED'}`,
        `  peak RSS   node ${nodePeakMb.toFixed(0)} MB; Chromium process tree (RssAnon) ${chromiumPeakMb.candidate.toFixed(0)} MB candidate, ${chromiumPeakMb.baseline.toFixed(0)} MB baseline`,
        `  machine    ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
        '',
      ].join('\n'),
    );
    if (!met && process.env.BENCH_STRICT === '1') process.exitCode = 1;
  } catch (error) {
    process.stderr.write(`bench:labels failed: ${error.stack || error.message}\n`);
    process.exitCode = 1;
  } finally {
    await cleanup.run();
  }
}

/** The merged PDF must be right before its time means anything: pages, size, and labels in their order. */
async function verify(pdf) {
  const document = await PDFDocument.load(pdf);
  const pages = Math.ceil(COUNT / LABELS_PER_PAGE[FORMAT]);
  if (document.getPageCount() !== pages) throw new Error(`expected ${pages} pages, got ${document.getPageCount()}`);
  const { width, height } = document.getPage(0).getSize();
  const [w, h] = PAGE_SIZE[FORMAT];
  if (Math.abs(width - w) > 1 || Math.abs(height - h) > 1) throw new Error(`page size ${width} x ${height}, expected ${w} x ${h}`);
  const texts = await pdfPageTexts(pdf);
  const awbsOn = (text) => [...new Set(text.match(/SCA\d{10}/g))];
  const first = awbsOn(texts[0])[0];
  const last = awbsOn(texts[texts.length - 1]).pop();
  if (first !== sampleAwb(0) || last !== sampleAwb(COUNT - 1)) throw new Error(`labels out of order: first ${first}, last ${last}`);
}

async function timed(fn) {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function peakRssMb() {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) / 1024 : 0;
}

/** The Chromium browser process and its descendants (renderers, GPU, utilities), read from /proc (Linux). */
function processTree(rootPid) {
  const parents = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      parents.set(Number(entry), Number(readFileSync(`/proc/${entry}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')[1]));
    } catch {
      // The process ended between listing and reading.
    }
  }
  const tree = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (tree.has(parent) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return [...tree];
}

/**
 * Sums RssAnon (each process's own anonymous memory: heaps, layout, PDF buffers; not the shared Chromium binary,
 * which VmRSS would count once per process) over the given processes every 100 ms; stop() returns the peak in MB.
 * /proc/<pid>/status is cheap to read; smaps_rollup (PSS) would walk the page tables and slow Chromium down.
 */
function sampleRss(pids) {
  let peak = 0;
  const sample = () => {
    let kb = 0;
    for (const pid of pids) {
      try {
        kb += Number(/RssAnon:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      } catch {
        // That process has ended.
      }
    }
    peak = Math.max(peak, kb / 1024);
  };
  sample();
  const timer = setInterval(sample, 100);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

function log(message) {
  process.stdout.write(`bench:labels ${message}\n`);
}

main();
