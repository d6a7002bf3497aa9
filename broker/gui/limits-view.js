// Limits tab (F3): the selected DSO's grid (connection points, assets without operator — what
// the DSO itself may see, NF3) and the capacity limits it sent: foreseen (available capacity over
// time) and unforeseen (start/stop/hold until a time), their status and revisions.
import { h, fill, table } from './dom.js';
import { kw, localAt, period, utcAt, utcHm } from './format.js';
import { stepChart, PALETTE } from './charts.js';

const STATUS_TEXT = { active: 'active', upcoming: 'upcoming', expired: 'expired', cancelled: 'cancelled' };

export function statusBadge(status) {
  return h(`span.badge.status-${status}`, null, STATUS_TEXT[status] ?? status);
}

/**
 * @param {HTMLElement} panel
 * @param {any} data  /ui/api/dsos/:party
 * @param {{ selected: string | null, select: (mrid: string) => void, nameOf: (id: string) => string }} ctx
 */
export function renderLimits(panel, data, ctx) {
  const selected = data.limits.find((l) => l.mrid === ctx.selected) ?? data.limits[0];
  const head = h(
    'div.panel-head',
    null,
    h('h2', null, 'Capacity limits of ', h('span.party', null, data.dso)),
    h('p.sub', null, `${data.connectionPoints.length} connection point${data.connectionPoints.length === 1 ? '' : 's'} · ${data.assets.length} asset${data.assets.length === 1 ? '' : 's'} on the grid · ${data.limits.length} limit${data.limits.length === 1 ? '' : 's'}`),
  );
  const limitsTable = table({
    id: 'limits-table',
    caption: 'Limits sent by this DSO (latest revision)',
    head: ['Limit', 'Kind', 'Status', { label: 'Rev.', num: true }, 'Period (local, UTC)', 'Received'],
    empty: 'This DSO has sent no capacity limit.',
    rows: data.limits.map((l) => ({
      attrs: { class: l === selected ? 'selected' : undefined, dataset: { limit: l.mrid } },
      cells: [
        h('button.link', { type: 'button', 'aria-pressed': String(l === selected), onclick: () => ctx.select(l.mrid) }, l.mrid),
        l.limitType,
        statusBadge(l.effectiveStatus),
        { cell: String(l.revision), class: 'num' },
        period(l.periodStart, l.periodEnd),
        `${localAt(l.receivedAt)} (${utcHm(l.receivedAt)})`,
      ],
    })),
  });
  const detail = h('section.card.limit-detail', { 'aria-labelledby': 'limit-detail-title', id: 'limit-detail' });
  fill(panel, head, h('div.grid-limits', null, h('div.stack', null, h('section.card', null, limitsTable), detail), grid(data, ctx)));
  if (selected) renderDetail(detail, selected, ctx);
  else detail.append(h('h3', { id: 'limit-detail-title' }, 'Limit detail'), h('p.empty', null, 'No limit selected.'));
}

function grid(data, ctx) {
  return h(
    'div.stack',
    null,
    h(
      'section.card',
      null,
      table({
        id: 'dso-points',
        caption: 'Connection points',
        head: ['Connection point (GSRN)', 'Registered'],
        empty: 'No connection points registered.',
        rows: data.connectionPoints.map((c) => [h('code', null, c.connectionPoint), `${localAt(c.registeredAt)} (${utcHm(c.registeredAt)})`]),
      }),
    ),
    h(
      'section.card',
      null,
      table({
        id: 'dso-assets',
        caption: 'Assets on this grid (no operator: the DSO’s view)',
        head: ['Asset', 'Connection point', { label: 'Prod. max', num: true }, { label: 'Cons. max', num: true }],
        empty: 'No assets on this grid.',
        rows: data.assets.map((a) => [
          h('span', null, h('strong', null, a.name ?? ctx.nameOf(a.assetId)), h('br'), h('code', null, a.assetId)),
          h('code', null, a.connectionPoint),
          { cell: a.produces ? kw(a.maxProductionW) : '–', class: 'num' },
          { cell: a.consumes ? kw(a.maxConsumptionW) : '–', class: 'num' },
        ]),
      }),
    ),
  );
}

function renderDetail(card, l, ctx) {
  card.append(
    h('h3', { id: 'limit-detail-title' }, `${l.limitType === 'foreseen' ? 'Foreseen' : 'Unforeseen'} limit `, h('code', null, l.mrid), ' ', statusBadge(l.effectiveStatus), h('span.rev', null, ` revision ${l.revision}`)),
    h('p.sub', null, period(l.periodStart, l.periodEnd), l.reasons.length ? ` · reason ${l.reasons.map((r) => r.code + (r.text ? ` (${r.text})` : '')).join(', ')}` : ''),
  );
  if (l.limitType === 'foreseen' && l.foreseen.length) {
    // Every series on one grid: quarter-hours over the union of their steps.
    const from = Math.min(...l.foreseen.map((s) => Date.parse(s.steps[0].start)));
    const to = Math.max(...l.foreseen.map((s) => Date.parse(s.steps[s.steps.length - 1].end)));
    const grid = [];
    for (let x = from; x <= to; x += 15 * 60_000) grid.push(x);
    const valueAt = (s, x) => {
      const step = s.steps.find((st) => Date.parse(st.start) <= x && x < Date.parse(st.end)) ?? (x === to ? s.steps[s.steps.length - 1] : undefined);
      return step ? step.availableW : null;
    };
    const lines = l.foreseen.map((s, i) => ({ label: `Available ${s.direction} (${s.assetIds.length} asset${s.assetIds.length === 1 ? '' : 's'})`, color: PALETTE[(i + 2) % PALETTE.length], w: grid.map((x) => valueAt(s, x)), fill: true }));
    stepChart(card, {
      title: `Available capacity of limit ${l.mrid}`,
      t: grid,
      lines,
      height: 200,
      describe: (i) => `${localAt(grid[i])} (${utcHm(grid[i])}): ` + lines.map((ln) => `${ln.label} ${kw(ln.w[i])}`).join('; '),
    });
    card.append(
      table({
        id: 'limit-steps',
        caption: 'Available capacity per step',
        head: ['Series', 'Direction', 'Affected assets', 'Step (local, UTC)', { label: 'Available', num: true }],
        rows: l.foreseen.flatMap((s) => s.steps.map((st) => [h('code', null, s.mRID), s.direction, s.assetIds.map(ctx.nameOf).join(', '), period(st.start, st.end), { cell: kw(st.availableW), class: 'num' }])),
      }),
    );
  }
  if (l.limitType === 'unforeseen') {
    card.append(
      table({
        id: 'limit-signals',
        caption: 'Required actions',
        head: ['Action', 'Direction', 'Affected assets', 'From', 'Until (back to normal)'],
        rows: l.unforeseen.map((s) => [
          h(`span.action.action-${s.action}`, null, s.action.toUpperCase()),
          s.direction,
          s.assetIds.map(ctx.nameOf).join(', '),
          `${localAt(l.periodStart)} (${utcHm(l.periodStart)})`,
          `${localAt(l.periodEnd)} (${utcAt(l.periodEnd)})`,
        ]),
      }),
    );
  }
  card.append(
    table({
      id: 'limit-revisions',
      caption: 'Revisions as the core decided them',
      head: [{ label: 'Rev.', num: true }, 'Decision', 'At (local, UTC)', 'Reason'],
      empty: 'No audit entries.',
      rows: l.revisions.map((r) => [{ cell: r.revision === null ? '–' : String(r.revision), class: 'num' }, r.decision, `${localAt(r.at)} (${utcHm(r.at)})`, r.reasonCode ? `${r.reasonCode} ${r.reasonText ?? ''}` : '']),
    }),
  );
}
