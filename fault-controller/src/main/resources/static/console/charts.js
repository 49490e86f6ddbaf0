// A run report's pictures as inline SVG, drawn from GET /api/v1/runs/{id}/report.
const NS = 'http://www.w3.org/2000/svg';
const COLOURS = { fault: '#d9822b', write: '#c23030', read: '#7157d9' };
const FATE_COLOURS = { applied: '#0d8050', lost: '#c23030', dead_lettered: '#a82a7a', applied_twice: '#d9822b',
  overtaken: '#7157d9', reordered: '#4a90d9', delayed: '#bf7326', applied_late: '#8a6d3b', rejected: '#5c7080' };

/** A chart that shrinks to its column: drawn at width x height, shown at most 100% wide. */
function chartSvg(id, width, height, label) {
  return svg('svg', { id, viewBox: `0 0 ${width} ${height}`, width: '100%', style: `max-width:${width}px`, role: 'img', 'aria-label': label });
}

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  Object.entries(attrs).forEach(([k, v]) => el.setAttribute(k, v));
  children.forEach(c => el.append(typeof c === 'string' ? document.createTextNode(c) : c));
  return el;
}

function withTitle(el, text) {
  el.append(svg('title', {}, text));
  return el;
}

/** One row per kind (fault, write anomaly, read anomaly), a tick per entry, against time from the run's start. */
export function timeline(report) {
  const entries = report.timeline || [];
  const width = 1000, left = 90;
  const span = Math.max(1, report.summary?.duration_millis || 0, ...entries.map(e => e.at_millis));
  const chart = chartSvg('chart-timeline', left + width + 20, 130, 'timeline of faults against anomalies');
  ['fault', 'write', 'read'].forEach((kind, i) => {
    const y = 10 + i * 32;
    chart.append(svg('text', { x: 0, y: y + 14, 'font-size': 12 }, kind === 'fault' ? 'faults' : `${kind} anomalies`));
    chart.append(svg('line', { x1: left, x2: left + width, y1: y + 22, y2: y + 22, stroke: '#d8e1e8' }));
    entries.filter(e => e.kind === kind).forEach(e => {
      const x = left + Math.max(0, e.at_millis) * width / span;
      chart.append(withTitle(svg('line', { x1: x, x2: x, y1: y, y2: y + 20, stroke: COLOURS[kind], 'stroke-width': 2 }),
        `${(e.at_millis / 1000).toFixed(2)} s ${e.label} ${e.bucket || ''}/${e.key || ''}`));
    });
  });
  chart.append(svg('text', { x: left, y: 122, 'font-size': 11 }, '0 s'),
    svg('text', { x: left + width - 40, y: 122, 'font-size': 11 }, `${(span / 1000).toFixed(1)} s`));
  return chart;
}

/** Per prefix, how long acknowledged writes took to be read back: one bar per bin. */
export function lagHistogram(report) {
  const lag = report.reads?.read_after_write_lag || {};
  const prefixes = Object.entries(lag);
  const chart = chartSvg('chart-lag', 960, Math.max(1, prefixes.length) * 120 + 10, 'read-after-write lag histogram');
  if (!prefixes.length) {
    chart.append(svg('text', { x: 0, y: 40, 'font-size': 13, fill: '#5c7080' }, 'No acknowledged write was read back during the run.'));
  }
  prefixes.forEach(([prefix, s], i) => {
    const y = 5 + i * 120;
    const p50 = s.p50_millis ?? s.p50Millis, p99 = s.p99_millis ?? s.p99Millis, max = s.max_millis ?? s.maxMillis;
    chart.append(svg('text', { x: 0, y: y + 12, 'font-size': 12 },
      `${prefix || '(no prefix)'}: ${s.count} writes read back; p50 ${p50} ms, p99 ${p99} ms, max ${max} ms`));
    const bins = Object.entries(s.histogram || {});
    const most = Math.max(1, ...bins.map(([, n]) => n));
    bins.forEach(([bin, n], j) => {
      const hgt = Math.max(1, n * 70 / most), x = 10 + j * 100;
      chart.append(withTitle(svg('rect', { x, y: y + 90 - hgt, width: 84, height: hgt, fill: '#4a90d9' }), `${bin}: ${n}`),
        svg('text', { x, y: y + 104, 'font-size': 10 }, `${bin} (${n})`));
    });
  });
  return chart;
}

/** What became of the acknowledged writes: one bar per fate, the count beside it. */
export function writeFates(report) {
  const fates = Object.entries(report.writes?.fates || {}).sort((a, b) => b[1] - a[1]);
  const total = Math.max(1, ...fates.map(([, n]) => n));
  const chart = chartSvg('chart-fates', 760, Math.max(1, fates.length) * 26 + 14, 'fate of acknowledged writes');
  if (!fates.length) {
    chart.append(svg('text', { x: 0, y: 20, 'font-size': 13, fill: '#5c7080' }, 'No acknowledged write in this run.'));
  }
  fates.forEach(([fate, n], i) => {
    const y = 6 + i * 26, w = Math.max(2, n * 520 / total);
    chart.append(svg('text', { x: 0, y: y + 14, 'font-size': 12 }, fate.replace(/_/g, ' ')),
      withTitle(svg('rect', { x: 130, y, width: w, height: 18, fill: FATE_COLOURS[fate] || '#5c7080' }), `${fate}: ${n}`),
      svg('text', { x: 136 + w, y: y + 14, 'font-size': 12 }, String(n)));
  });
  return chart;
}
