// Implications tab (F3): plans against limits for the same assets and intervals. Conflicts (a plan
// above its grant, or any plan during an unforeseen 'stop') are listed with the amount and shown
// as red columns on the overlay chart; the split per AGR/BRP with its fairness metrics, and a
// "why" view that reads the splitter's trace for one interval.
import { h, fill, table } from './dom.js';
import { kw, localAt, period, ratio, utcHm } from './format.js';
import { stepChart } from './charts.js';
import { statusBadge } from './limits-view.js';
import { swatch } from './plans-view.js';

/**
 * @param {HTMLElement} panel
 * @param {any} data  /ui/api/dsos/:party/implications
 * @param {{ agr: string | null, onlyAgr: boolean, setOnlyAgr: (v: boolean) => void, why: { series: string, index: number } | null,
 *           showWhy: (series: string, index: number) => void, colorOf: (id: string) => string, nameOf: (id: string) => string }} ctx
 */
export function renderImplications(panel, data, ctx) {
  const conflicts = ctx.onlyAgr && ctx.agr ? data.conflicts.filter((c) => c.operator === ctx.agr) : data.conflicts;
  const largest = conflicts.reduce((m, c) => Math.max(m, c.exceedW), 0);
  const operators = new Set(conflicts.map((c) => c.operator));
  const kpis = h(
    'div.kpis',
    { role: 'group', 'aria-label': 'Summary' },
    kpi('Conflicts', String(conflicts.length), conflicts.length ? 'bad' : 'ok', 'kpi-conflicts'),
    kpi('Largest excess', conflicts.length ? kw(largest) : '–', conflicts.length ? 'bad' : 'ok', 'kpi-largest'),
    kpi('AGR/BRPs concerned', String(operators.size), '', 'kpi-operators'),
    kpi('Limits compared', String(data.foreseen.length + data.unforeseen.length), '', 'kpi-limits'),
    h(
      'label.only-agr',
      null,
      h('input', { type: 'checkbox', id: 'only-agr', checked: ctx.onlyAgr, disabled: !ctx.agr, onchange: (e) => ctx.setOnlyAgr(e.target.checked) }),
      ` Only the selected AGR/BRP`,
    ),
  );
  const head = h('div.panel-head', null, h('h2', null, 'Implications: plans against the limits of ', h('span.party', null, data.dso)));
  fill(panel, head, kpis, conflictTable(conflicts, ctx));
  for (const f of data.foreseen) panel.append(foreseenCard(f, ctx));
  for (const u of data.unforeseen) panel.append(unforeseenCard(u, ctx));
  if (data.cancelled.length) panel.append(h('p.sub', null, `Cancelled limits, not compared: ${data.cancelled.join(', ')}`));
  if (!data.foreseen.length && !data.unforeseen.length) panel.append(h('p.empty', null, 'This DSO has no live limit to compare plans with.'));
}

function kpi(label, value, tone, id) {
  return h(`div.kpi${tone ? '.' + tone : ''}`, { id }, h('span.kpi-label', null, label), h('span.kpi-value', null, value));
}

function conflictTable(conflicts, ctx) {
  return h(
    'section.card',
    { 'aria-labelledby': 'conflicts-title' },
    h('h3', { id: 'conflicts-title' }, 'Where plans exceed the granted capacity'),
    table({
      id: 'conflicts',
      className: 'conflicts',
      head: ['When (local, UTC)', 'Limit', 'Asset', 'AGR/BRP', 'Direction', { label: 'Planned', num: true }, { label: 'Granted', num: true }, { label: 'Exceeds by', num: true }, ''],
      empty: 'No conflicts: every plan fits within its grant.',
      rows: conflicts.map((c) => ({
        attrs: { class: c.operator === ctx.agr ? 'mine' : undefined, dataset: { asset: c.assetId, limit: c.limitMrid } },
        cells: [
          period(c.start, c.end),
          h('span', null, h('code', null, c.limitMrid), c.kind === 'unforeseen' ? h(`span.action.action-${c.action}`, null, ` ${String(c.action).toUpperCase()}`) : ''),
          h('span.asset', null, swatch(ctx.colorOf(c.assetId)), c.assetName ?? c.assetId),
          c.operator ?? '–',
          c.direction,
          { cell: kw(c.plannedW), class: 'num' },
          { cell: c.kind === 'unforeseen' ? `${kw(0)} (stop)` : kw(c.allowedW), class: 'num' },
          { cell: kw(c.exceedW), class: 'num exceed' },
          c.kind === 'foreseen'
            ? h('button.small', { type: 'button', onclick: () => ctx.showWhy(c.seriesMrid, intervalIndex(c)), 'aria-label': `Why: split of ${c.limitMrid} at ${localAt(c.start)}` }, 'Why?')
            : '',
        ],
      })),
    }),
  );
}

/** Conflicts carry their interval's start; the card finds the index again. */
function intervalIndex(c) {
  return c.start;
}

function foreseenCard(f, ctx) {
  const key = f.seriesMrid;
  const title = h('h3', { id: `series-${key}` }, 'Foreseen limit ', h('code', null, f.limitMrid), ` · ${f.direction} · `, statusBadge(f.effectiveStatus), ` · revision ${f.revision} · policy ${f.policy ?? '–'}`);
  const card = h('section.card.series', { 'aria-labelledby': `series-${key}`, dataset: { series: key } }, title);
  const named = (id) => ctx.nameOf(id);
  const layers = f.assets.map((a, i) => ({ label: `${named(a.assetId)} planned`, color: ctx.colorOf(a.assetId), w: f.timeline.plannedW[i] }));
  const granted = f.timeline.t.map((_t, q) => f.timeline.grantW.reduce((s, g) => s + (g[q] ?? 0), 0));
  card.append(h('p.sub', null, `Plans of the ${f.assets.length} affected assets (stacked) against the available capacity; red columns: plans above their grants, with the amount.`));
  const chartBox = h('div');
  card.append(chartBox);
  stepChart(chartBox, {
    title: `Plans against limit ${f.limitMrid} (${f.direction})`,
    t: f.timeline.t,
    layers,
    lines: [
      { label: 'Available (limit)', color: '#e6edf3', w: f.timeline.limitW, dash: [6, 4] },
      { label: 'Granted in total', color: '#2ec4d6', w: granted },
    ],
    exceed: f.timeline.exceedW,
    height: 260,
    describe: (q) =>
      `${localAt(f.timeline.t[q])} (${utcHm(f.timeline.t[q])}): limit ${kw(f.timeline.limitW[q])}; ` +
      f.assets.map((a, i) => `${named(a.assetId)} plans ${kw(f.timeline.plannedW[i][q])}, granted ${kw(f.timeline.grantW[i][q])}`).join('; ') +
      (f.timeline.exceedW[q] > 0 ? `; exceeds grants by ${kw(f.timeline.exceedW[q])}` : '; within grants'),
  });

  // Split per AGR/BRP.
  card.append(
    table({
      id: `split-${key}`,
      className: 'split',
      caption: 'Split per AGR/BRP (per interval: granted / planned)',
      head: ['AGR/BRP', 'Assets', ...f.intervals.map((iv) => ({ label: `${localAt(iv.start).slice(4)} (${utcHm(iv.start)})`, num: true })), { label: 'Max excess', num: true }],
      rows: f.operators.map((o) => ({
        attrs: { class: o.operator === ctx.agr ? 'mine' : undefined, dataset: { operator: o.operator } },
        cells: [
          o.operator,
          o.assetIds.map(named).join(', '),
          ...o.grantsW.map((g, i) => ({ cell: `${kw(g)} / ${kw(o.plannedW[i])}`, class: o.exceedW[i] > 0 ? 'num exceed' : 'num' })),
          { cell: kw(Math.max(0, ...o.exceedW)), class: Math.max(0, ...o.exceedW) > 0 ? 'num exceed' : 'num' },
        ],
      })),
    }),
  );

  // Fairness metrics per interval, each with its "why".
  card.append(
    table({
      id: `metrics-${key}`,
      className: 'metrics',
      caption: `Fairness per interval${f.summary ? ` — Jain index min ${ratio(f.summary.jainIndex.min)}, mean ${ratio(f.summary.jainIndex.mean)}; stranded max ${kw(f.summary.strandedW.max)}` : ''}`,
      head: ['Interval (local, UTC)', { label: 'Limit', num: true }, { label: 'Planned', num: true }, { label: 'Granted', num: true }, { label: 'Section excess', num: true }, { label: 'Jain', num: true }, { label: 'Min sat.', num: true }, { label: 'Stranded', num: true }, ''],
      rows: f.intervals.map((iv) => [
        period(iv.start, iv.end),
        { cell: kw(iv.limitW), class: 'num' },
        { cell: kw(iv.plannedW), class: 'num' },
        { cell: kw(iv.grantedW), class: 'num' },
        { cell: kw(iv.exceedW), class: iv.exceedW > 0 ? 'num exceed' : 'num' },
        { cell: ratio(iv.metrics?.jainIndex), class: 'num' },
        { cell: ratio(iv.metrics?.minSatisfaction), class: 'num' },
        { cell: kw(iv.metrics?.strandedW), class: 'num' },
        h('button.small', { type: 'button', 'aria-expanded': String(ctx.why?.series === key && ctx.why.index === iv.index), onclick: () => ctx.showWhy(key, iv.index), 'aria-label': `Why: split at ${localAt(iv.start)}` }, 'Why?'),
      ]),
    }),
  );
  if (ctx.why && ctx.why.series === key) {
    const index = typeof ctx.why.index === 'string' ? f.intervals.findIndex((iv) => iv.start === ctx.why.index) : ctx.why.index;
    if (index >= 0 && f.intervals[index]) card.append(whyView(f, index, ctx));
  }
  return card;
}

function whyView(f, index, ctx) {
  const iv = f.intervals[index];
  const named = (id) => ctx.nameOf(id);
  const ids = (e) => [...e.ids.map(named), ...(e.moreIds ? [`and ${e.moreIds} more`] : [])].join(', ');
  const lines = iv.trace.map((e) => {
    switch (e.step) {
      case 'start':
        return `Policy ${e.policy}: ${kw(e.limitW)} to share among ${e.assets} asset${e.assets === 1 ? '' : 's'}; what they may get at most (their caps) adds up to ${kw(e.capsW)}${e.floorsW ? `, guaranteed floors ${kw(e.floorsW)}` : ''}.`;
      case 'all-capped':
        return `The limit covers every cap: all ${e.count} assets get their cap, ${kw(e.grantedW)} in total.`;
      case 'round':
        return `Round ${e.round}: ${kw(e.remainingW)} left for ${e.active} asset${e.active === 1 ? '' : 's'} — ${e.level.toFixed(3)} W per unit of weight. ${e.capped ? `${e.capped} asset${e.capped === 1 ? ' needs' : 's need'} no more than that and ${e.capped === 1 ? 'gets its' : 'get their'} cap (${kw(e.cappedW)}): ${ids(e)}.` : 'Nobody is full at this level.'}`;
      case 'capped':
        return `${e.count} asset${e.count === 1 ? '' : 's'} keep${e.count === 1 ? 's' : ''} only the cap (${kw(e.cappedW)}): ${ids(e)}.`;
      case 'share':
        return `${kw(e.remainingW)} shared in proportion to weight among ${e.count} asset${e.count === 1 ? '' : 's'} (${e.level.toFixed(3)} W per unit); rounding down left ${e.remainderW} W.`;
      case 'remainder':
        return `${e.watts} W of rounding remainder handed out one watt each: ${ids(e)}.`;
      case 'floors-scaled':
        return `Floors (${kw(e.floorsW)}) exceed the limit (${kw(e.limitW)}) and were scaled down.`;
      case 'floors-pinned':
        return `Pass ${e.pass}: ${e.count} asset${e.count === 1 ? '' : 's'} pinned at their floor (${kw(e.pinnedW)}): ${ids(e)}.`;
      case 'omitted':
        return `… ${e.entries} steps omitted …`;
      default:
        return JSON.stringify(e);
    }
  });
  return h(
    'section.why',
    { id: 'why', 'aria-live': 'polite', 'aria-labelledby': 'why-title', tabindex: '-1' },
    h('h4', { id: 'why-title' }, `Why this split? ${period(iv.start, iv.end)} — limit ${kw(iv.limitW)}, policy ${f.policy ?? '–'}`),
    h('ol.trace', null, lines.map((l) => h('li', null, l))),
    table({
      id: 'why-assets',
      head: ['Asset', 'AGR/BRP', { label: 'Planned', num: true }, { label: 'Granted', num: true }, { label: 'Satisfaction', num: true }, { label: 'Exceeds by', num: true }],
      rows: f.assets.map((a) => {
        const p = a.plannedW[index];
        const g = a.grantsW[index];
        return [named(a.assetId), a.operator ?? '–', { cell: p === null ? 'no plan' : kw(p), class: 'num' }, { cell: kw(g), class: 'num' }, { cell: p ? ratio(Math.min(1, g / p)) : '–', class: 'num' }, { cell: kw(a.exceedW[index]), class: a.exceedW[index] > 0 ? 'num exceed' : 'num' }];
      }),
    }),
  );
}

function unforeseenCard(u, ctx) {
  return h(
    'section.card.unforeseen',
    { 'aria-labelledby': `unforeseen-${u.limitMrid}`, dataset: { limit: u.limitMrid } },
    h('h3', { id: `unforeseen-${u.limitMrid}` }, 'Unforeseen limit ', h('code', null, u.limitMrid), ' · ', statusBadge(u.effectiveStatus), ` · revision ${u.revision} · ${period(u.periodStart, u.periodEnd)}`),
    table({
      id: `signals-${u.limitMrid}`,
      head: ['Action', 'Direction', 'Asset', 'AGR/BRP', { label: 'Planned in window', num: true }, { label: 'Exceeds by', num: true }],
      rows: u.signals.flatMap((s) =>
        s.assets.map((a) => ({
          attrs: { class: a.operator === ctx.agr ? 'mine' : undefined },
          cells: [
            h(`span.action.action-${s.action}`, null, s.action.toUpperCase()),
            s.direction,
            h('span.asset', null, swatch(ctx.colorOf(a.assetId)), a.name ?? a.assetId),
            a.operator ?? '–',
            { cell: a.plannedW === null ? 'no plan' : kw(a.plannedW), class: 'num' },
            { cell: s.action === 'stop' ? kw(a.exceedW) : 'n/a', class: a.exceedW > 0 ? 'num exceed' : 'num' },
          ],
        })),
      ),
    }),
  );
}
