// Plans tab (F3): the selected AGR/BRP's assets and operational schedules, stacked per asset on
// the quarter-hour grid (production above zero, consumption below, F8 sign convention).
import { h, fill, table } from './dom.js';
import { kw, localAt, period, utcHm } from './format.js';
import { stepChart } from './charts.js';

const signed = (w) => (w === null || w === undefined ? 'no plan' : w > 0 ? `${kw(w)} production` : w < 0 ? `${kw(-w)} consumption` : '0 kW');

/**
 * @param {HTMLElement} panel
 * @param {any} data  /ui/api/agrs/:party
 * @param {{ colorOf: (assetId: string) => string, nameOf: (assetId: string) => string }} ctx
 */
export function renderPlans(panel, data, ctx) {
  const named = (id) => ctx.nameOf(id);
  const layers = data.timeline.assets.map((a) => ({ label: named(a.assetId), color: ctx.colorOf(a.assetId), w: a.w }));
  const net = data.timeline.t.map((_t, i) => data.timeline.assets.reduce((s, a) => s + (a.w[i] ?? 0), 0));
  const head = h(
    'div.panel-head',
    null,
    h('h2', null, 'Operational plans of ', h('span.party', null, data.operator)),
    h('p.sub', null, `${data.assets.length} asset${data.assets.length === 1 ? '' : 's'} · ${data.schedules.length} schedule series`, data.timeline.t.length ? ` · ${period(data.timeline.t[0], data.timeline.t[data.timeline.t.length - 1])}` : ''),
  );

  const chartCard = h('section.card.chart-card', { 'aria-labelledby': 'plans-chart-title' }, h('h3', { id: 'plans-chart-title' }, 'Planned power per asset — stacked, quarter-hours (production +, consumption −)'));
  fill(panel, head, h('div.grid-plans', null, chartCard, assetTable(data, ctx)), scheduleTable(data, named));
  if (data.timeline.t.length === 0) {
    chartCard.append(h('p.empty', null, 'This AGR/BRP has sent no operational schedule yet.'));
    return;
  }
  stepChart(chartCard, {
    title: `Planned power of ${data.operator} per asset`,
    t: data.timeline.t,
    layers,
    lines: [{ label: 'Net', color: '#e6edf3', w: net, dash: [4, 3] }],
    height: 300,
    describe: (i) =>
      `${localAt(data.timeline.t[i])} (${utcHm(data.timeline.t[i])}): ` +
      data.timeline.assets.map((a) => `${named(a.assetId)} ${signed(a.w[i])}`).join('; ') +
      `; net ${kw(net[i])}`,
  });
}

function assetTable(data, ctx) {
  return h(
    'section.card',
    { 'aria-labelledby': 'plans-assets-title' },
    h('h3', { id: 'plans-assets-title' }, 'Assets'),
    table({
      id: 'plans-assets',
      head: ['Asset', 'Connection point', { label: 'Produce max', num: true }, { label: 'Consume max', num: true }],
      empty: 'No assets registered.',
      rows: data.assets.map((a) => [
        h('span.asset', null, swatch(ctx.colorOf(a.assetId)), h('span', null, h('strong', null, a.name ?? a.assetId), h('br'), h('code', null, a.assetId))),
        h('code', null, a.connectionPoint),
        { cell: a.produces ? kw(a.maxProductionW) : '–', class: 'num' },
        { cell: a.consumes ? kw(a.maxConsumptionW) : '–', class: 'num' },
      ]),
    }),
  );
}

function scheduleTable(data, named) {
  return h(
    'section.card',
    { 'aria-labelledby': 'plans-schedules-title' },
    h('h3', { id: 'plans-schedules-title' }, 'Schedule series (current revision)'),
    table({
      id: 'plans-schedules',
      head: ['Asset', 'Document', { label: 'Rev.', num: true }, 'Resolution', 'Period (local, UTC)', { label: 'Min', num: true }, { label: 'Max', num: true }],
      empty: 'No schedules.',
      rows: data.schedules.map((s) => [
        named(s.assetId),
        h('code', null, s.documentMrid),
        { cell: String(s.revision), class: 'num' },
        s.resolution === 'PT15M' ? '15 min' : '60 min',
        period(s.start, s.end),
        { cell: kw(s.minW), class: 'num' },
        { cell: kw(s.maxW), class: 'num' },
      ]),
    }),
  );
}

export function swatch(color) {
  const el = h('span.swatch', { 'aria-hidden': 'true' });
  el.style.background = color; // CSSOM, allowed by the CSP (no inline style attribute)
  return el;
}
