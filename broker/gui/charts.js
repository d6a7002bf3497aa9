// uPlot charts of the TPS GUI (F3), all on the quarter-hour grid: stacked per-asset layers drawn
// as steps (a value holds for its whole quarter-hour), stepped lines for limits, red columns with
// the amount where plans exceed the grants. The time axis shows local time over UTC. Every chart
// is keyboard-operable: focus it and use ←/→ (Home/End) to move the cursor by one quarter-hour;
// the legend and a live region read out the values.
import uPlot from '/ui/vendor/uPlot.esm.js';
import { h } from './dom.js';
import { kw, localAt, localHm, utcHm } from './format.js';

export const PALETTE = ['#f5b400', '#36c48f', '#4ea1ff', '#c77dff', '#ff8c42', '#2ec4d6', '#e56bae', '#9bd14b'];
const AXIS = '#9fb0c0';
const GRID = 'rgba(159,176,192,0.14)';
const CONFLICT = '#ff5a5f';

const live = new Set();

/** Destroys the charts inside a root element (before it is re-rendered). */
export function destroyCharts(root) {
  for (const entry of [...live]) {
    if (!root || root.contains(entry.el)) {
      entry.observer.disconnect();
      entry.u.destroy();
      live.delete(entry);
    }
  }
}

const kwValue = (_u, v) => (v === null || v === undefined ? '–' : kw(v * 1000));

function withAlpha(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`;
}

/**
 * @param {HTMLElement} container
 * @param {{
 *   title: string,
 *   t: number[],                                  // ms; quarter-hour starts plus the end of the last
 *   layers?: Array<{ label: string, color: string, w: Array<number|null> }>,   // stacked, signed W
 *   lines?: Array<{ label: string, color: string, w: number[], dash?: number[], fill?: boolean }>, // stepped W
 *   exceed?: number[],                            // W per point; > 0 = highlighted column + amount
 *   height?: number,
 *   describe: (idx: number) => string,           // text read out for the quarter-hour at idx
 * }} spec
 */
export function stepChart(container, spec) {
  const layers = spec.layers ?? [];
  const lines = spec.lines ?? [];
  const xs = spec.t.map((t) => t / 1000);
  const toKw = (arr) => arr.map((v) => (v === null || v === undefined ? null : v / 1000));
  const data = [xs, ...layers.map((l) => toKw(l.w)), ...lines.map((l) => toKw(l.w))];
  if (spec.exceed) data.push(toKw(spec.exceed));

  // The stacked extent decides the y range (uPlot only knows the raw layer values).
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < xs.length; i++) {
    let pos = 0;
    let neg = 0;
    for (const l of layers) {
      const v = l.w[i] ?? 0;
      if (v >= 0) pos += v;
      else neg += v;
    }
    for (const l of lines) {
      hi = Math.max(hi, l.w[i] ?? 0);
      lo = Math.min(lo, l.w[i] ?? 0);
    }
    hi = Math.max(hi, pos);
    lo = Math.min(lo, neg);
  }
  const pad = Math.max((hi - lo) * 0.12, 1000);
  const range = [lo < 0 ? (lo - pad) / 1000 : 0, (hi + pad) / 1000];

  const series = [
    { label: 'Time', value: (_u, v) => (v === null || v === undefined ? '–' : `${localAt(v * 1000)} (${utcHm(v * 1000)})`) },
    ...layers.map((l) => ({ label: l.label, stroke: l.color, fill: withAlpha(l.color, 0.75), width: 0, paths: () => null, points: { show: false }, value: kwValue })),
    ...lines.map((l) => ({
      label: l.label,
      stroke: l.color,
      width: 2,
      dash: l.dash,
      fill: l.fill ? withAlpha(l.color, 0.12) : undefined,
      paths: uPlot.paths.stepped({ align: 1 }),
      points: { show: false },
      value: kwValue,
    })),
  ];
  if (spec.exceed) series.push({ label: 'Exceeds grants by', stroke: CONFLICT, width: 0, paths: () => null, points: { show: false }, value: kwValue, class: 'exceed' });

  const help = h('p.chart-help', { id: `help-${Math.random().toString(36).slice(2)}` }, 'Focus the chart and use ← → (Home, End) to step through quarter-hours.');
  const announce = h('p.chart-readout', { 'aria-live': 'polite' });
  const plot = h('div.chart-plot');
  const wrap = h('div.chart', { tabindex: '0', role: 'group', 'aria-label': spec.title, 'aria-describedby': help.id }, plot);
  container.append(wrap, announce, help);

  const lastAtOrBefore = (x) => {
    let idx = 0;
    for (let i = 0; i < xs.length; i++) if (xs[i] <= x) idx = i;
    return Math.min(idx, Math.max(0, xs.length - 2));
  };

  const drawLayers = (u) => {
    const { ctx } = u;
    const { left, top, width, height } = u.bbox;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();
    for (let i = 0; i + 1 < xs.length; i++) {
      const x0 = u.valToPos(xs[i], 'x', true);
      const x1 = u.valToPos(xs[i + 1], 'x', true);
      if (spec.exceed && (spec.exceed[i] ?? 0) > 0) {
        ctx.fillStyle = withAlpha(CONFLICT, 0.2);
        ctx.fillRect(x0, top, x1 - x0, height);
      }
      let pos = 0;
      let neg = 0;
      for (const l of layers) {
        const v = (l.w[i] ?? 0) / 1000;
        if (v === 0) continue;
        const base = v > 0 ? pos : neg;
        const y0 = u.valToPos(base, 'y', true);
        const y1 = u.valToPos(base + v, 'y', true);
        ctx.fillStyle = withAlpha(l.color, 0.78);
        ctx.fillRect(x0, Math.min(y0, y1), Math.max(1, x1 - x0 - 1), Math.abs(y1 - y0));
        if (v > 0) pos += v;
        else neg += v;
      }
    }
    ctx.restore();
  };

  const drawAmounts = (u) => {
    if (!spec.exceed) return;
    const { ctx } = u;
    const { top } = u.bbox;
    ctx.save();
    ctx.font = `${Math.round(12 * devicePixelRatio)}px system-ui, sans-serif`;
    ctx.fillStyle = CONFLICT;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    // One label per run of equal amounts.
    for (let i = 0; i + 1 < xs.length; ) {
      const v = spec.exceed[i] ?? 0;
      let j = i + 1;
      while (j + 1 < xs.length && (spec.exceed[j] ?? 0) === v) j++;
      if (v > 0) {
        const x0 = u.valToPos(xs[i], 'x', true);
        const x1 = u.valToPos(xs[j], 'x', true);
        const text = x1 - x0 > 110 * devicePixelRatio ? `exceeds by ${kw(v)}` : `+${kw(v)}`;
        ctx.fillText(text, (x0 + x1) / 2, top + 4 * devicePixelRatio);
      }
      i = j;
    }
    ctx.restore();
  };

  const opts = {
    width: Math.max(320, container.clientWidth || 600),
    height: spec.height ?? 280,
    padding: [8, 28, null, null],
    series,
    scales: { x: { time: true, range: [xs[0], xs[xs.length - 1]] }, y: { range } },
    axes: [
      { stroke: AXIS, grid: { stroke: GRID }, ticks: { stroke: GRID }, space: 64, size: 46, values: (_u, splits) => splits.map((s) => `${localHm(s * 1000)}\n${utcHm(s * 1000)}`) },
      { stroke: AXIS, grid: { stroke: GRID }, ticks: { stroke: GRID }, size: 70, label: 'kW', labelSize: 18, values: (_u, splits) => splits.map((v) => `${v}`) },
    ],
    cursor: { dataIdx: (_u, _s, _closest, x) => lastAtOrBefore(x), points: { show: false }, drag: { x: false, y: false } },
    legend: { live: true },
    hooks: { drawAxes: [drawLayers], draw: [drawAmounts] },
  };
  const u = new uPlot(opts, data, plot);

  let idx = -1;
  const moveTo = (i) => {
    idx = Math.max(0, Math.min(xs.length - 2, i));
    const midX = (xs[idx] + xs[idx + 1]) / 2;
    u.setCursor({ left: u.valToPos(midX, 'x'), top: u.over.clientHeight / 2 });
    announce.textContent = spec.describe(idx);
  };
  wrap.addEventListener('keydown', (ev) => {
    const steps = { ArrowRight: 1, ArrowLeft: -1, PageDown: 4, PageUp: -4 };
    if (ev.key in steps) moveTo(idx < 0 ? 0 : idx + steps[ev.key]);
    else if (ev.key === 'Home') moveTo(0);
    else if (ev.key === 'End') moveTo(xs.length - 2);
    else return;
    ev.preventDefault();
  });
  wrap.addEventListener('focus', () => {
    if (idx < 0) moveTo(0);
  });

  const observer = new ResizeObserver(() => {
    const width = Math.max(320, container.clientWidth);
    if (Math.abs(width - u.width) > 2) u.setSize({ width, height: u.height });
  });
  observer.observe(container);
  live.add({ el: wrap, u, observer });
  return { u, moveTo, el: wrap };
}
