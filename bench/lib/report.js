'use strict';
// Prints a bench's targets side by side and the ratio of the candidate to its baseline.

function fmt(n, digits = 1) {
  return Number(n).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/**
 * @param title e.g. 'GET /v1/me'
 * @param candidate summary from load.measure()
 * @param baseline summary from load.measure()
 * @param goal minimum acceptable candidate/baseline throughput ratio
 * @param rounds optional result of load.measureInterleaved(): the ratio is then the median of its rounds
 * @returns {{ratio: number, met: boolean}}
 */
function printComparison(title, candidate, baseline, goal, rounds) {
  const rows = [candidate, baseline];
  const width = Math.max(...rows.map((r) => r.label.length), 8);
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(width) : String(c).padStart(12))).join('  ');
  const out = [
    '',
    title,
    line(['target', 'req/s', 'p50 ms', 'p99 ms', 'requests']),
    ...rows.map((r) => line([r.label, fmt(r.rps), fmt(r.p50, 2), fmt(r.p99, 2), r.requests])),
  ];
  const ratio = rounds ? rounds.ratio : candidate.rps / baseline.rps;
  if (rounds) out.push(`ratio per round (alternating, ${rounds.ratios.length} rounds): ${rounds.ratios.map((r) => fmt(r, 2)).join(' ')}; median below`);
  const met = ratio >= goal;
  out.push(`ratio ${candidate.label} / ${baseline.label}: ${fmt(ratio, 2)} (goal >= ${goal}) ${met ? 'MET' : 'NOT MET'}`, '');
  process.stdout.write(out.join('\n') + '\n');
  return { ratio, met };
}

module.exports = { printComparison };
