// TPS control-room GUI (F3): sign-in with the operator (administrator) token, pick an AGR/BRP and
// a DSO, and follow plans, limits and their implications live (SSE over fetch).
import { ApiError, followEvents, getJson, session } from './api.js';
import { h, fill } from './dom.js';
import { localHms, zoneLine } from './format.js';
import { destroyCharts, PALETTE } from './charts.js';
import { renderPlans } from './plans-view.js';
import { renderLimits } from './limits-view.js';
import { renderImplications } from './implications-view.js';

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const TABS = ['plans', 'limits', 'impl'];

const state = {
  agr: /** @type {string | null} */ (null),
  dso: /** @type {string | null} */ (null),
  tab: 'plans',
  limit: /** @type {string | null} */ (null),
  onlyAgr: false,
  why: /** @type {{ series: string, index: number | string } | null} */ (null),
  parties: { agrs: [], dsos: [] },
  plans: null,
  dsoView: null,
  impl: null,
  updates: 0,
};
let stopEvents = null;

// Stable colours and names per asset for the whole session.
const colors = new Map();
const names = new Map();
const colorOf = (id) => {
  if (!colors.has(id)) colors.set(id, PALETTE[colors.size % PALETTE.length]);
  return colors.get(id);
};
const nameOf = (id) => names.get(id) ?? id;
const learnNames = (assets) => assets.forEach((a) => a.name && names.set(a.assetId, a.name));

// --- hash: the selection survives a reload and can be bookmarked for a wall screen ----------------
function readHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  state.agr = p.get('agr');
  state.dso = p.get('dso');
  if (TABS.includes(p.get('tab') ?? '')) state.tab = p.get('tab');
}
function writeHash() {
  const p = new URLSearchParams();
  if (state.agr) p.set('agr', state.agr);
  if (state.dso) p.set('dso', state.dso);
  p.set('tab', state.tab);
  history.replaceState(null, '', `#${p}`);
}

// --- sign-in ------------------------------------------------------------------------------------
async function signIn(token) {
  try {
    await getJson('/session', token);
    session.token = token;
    return null;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return 'That token was not accepted. Use the TPS administrator token (TPS_ADMIN_TOKEN).';
    if (err instanceof ApiError && err.status === 503) return 'The core has no administrator token configured (TPS_ADMIN_TOKEN); the GUI is disabled.';
    return `The core could not be reached: ${err.message}`;
  }
}

function showLogin(message = '') {
  stopEvents?.();
  stopEvents = null;
  destroyCharts();
  $('app').hidden = true;
  $('pickers').hidden = true;
  $('logout').hidden = true;
  $('login').hidden = false;
  setLive('signed out', 'off');
  $('login-error').textContent = message;
  /** @type {HTMLInputElement} */ ($('token')).focus();
}

async function showApp() {
  $('login').hidden = true;
  $('app').hidden = false;
  $('pickers').hidden = false;
  $('logout').hidden = false;
  readHash();
  selectTab(state.tab, false);
  await refresh();
  stopEvents = followEvents(onEvent, onStreamState);
}

// --- live updates ------------------------------------------------------------------------------
let pending = null;
function onEvent(name, data) {
  if (name !== 'change') return;
  // Bursts (a limit = document + acknowledgements) are read once, shortly after the last one.
  clearTimeout(pending);
  pending = setTimeout(async () => {
    await refresh();
    state.updates += 1;
    setLive(`live · updated ${localHms(Date.now())}`, 'on');
    $('live').title = `last change: ${data.businessType} from ${data.party}`;
    document.body.dataset.updates = String(state.updates);
  }, 250);
}
let streamWasDown = false;
function onStreamState(s) {
  if (s === 'live') {
    setLive(`live · since ${localHms(Date.now())}`, 'on');
    document.body.dataset.live = 'on';
    if (streamWasDown) refresh(); // catch up on what happened while the stream was down
    streamWasDown = false;
  } else if (s === 'reconnecting') {
    streamWasDown = true;
    document.body.dataset.live = 'off';
    setLive('reconnecting…', 'warn');
  } else showLogin('The session was refused; sign in again.');
}
function setLive(text, tone) {
  const el = $('live');
  el.textContent = text;
  el.dataset.tone = tone;
}

// --- data and rendering -------------------------------------------------------------------------
async function refresh() {
  // Tests and screen recorders can wait for body[data-busy="false"] after an action.
  document.body.dataset.busy = 'true';
  try {
    state.parties = await getJson('/parties');
    fillPickers();
    const [plans, dsoView, impl] = await Promise.all([
      state.agr ? getJson(`/agrs/${encodeURIComponent(state.agr)}`) : null,
      state.dso ? getJson(`/dsos/${encodeURIComponent(state.dso)}`) : null,
      state.dso ? getJson(`/dsos/${encodeURIComponent(state.dso)}/implications`) : null,
    ]);
    Object.assign(state, { plans, dsoView, impl });
    if (plans) learnNames(plans.assets);
    if (dsoView) learnNames(dsoView.assets);
    render();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return showLogin('The session expired or the token changed; sign in again.');
    setLive(`error: ${err.message}`, 'warn');
  } finally {
    document.body.dataset.busy = 'false';
  }
}

function fillPickers() {
  const fillSelect = (select, list, current, label) => {
    const value = current ?? list.find((p) => (p.assets ?? p.connectionPoints) > 0)?.party ?? list[0]?.party ?? null;
    fill(select, list.map((p) => h('option', { value: p.party, selected: p.party === value }, `${p.party} (${label(p)})`)));
    return value;
  };
  state.agr = fillSelect($('agr-select'), state.parties.agrs, state.agr, (p) => `${p.assets} asset${p.assets === 1 ? '' : 's'}`);
  state.dso = fillSelect($('dso-select'), state.parties.dsos, state.dso, (p) => `${p.connectionPoints} point${p.connectionPoints === 1 ? '' : 's'}`);
  writeHash();
}

function render() {
  const focusedId = document.activeElement?.id;
  const scroll = TABS.map((t) => $(`panel-${t}`).scrollTop);
  destroyCharts();
  const panels = { plans: $('panel-plans'), limits: $('panel-limits'), impl: $('panel-impl') };
  if (state.plans) renderPlans(panels.plans, state.plans, { colorOf, nameOf });
  else fill(panels.plans, h('p.empty', null, 'Pick an AGR/BRP.'));
  if (state.dsoView) renderLimits(panels.limits, state.dsoView, { selected: state.limit, select: selectLimit, nameOf });
  else fill(panels.limits, h('p.empty', null, 'Pick a DSO.'));
  if (state.impl) {
    renderImplications(panels.impl, state.impl, { agr: state.agr, onlyAgr: state.onlyAgr, setOnlyAgr, why: state.why, showWhy, colorOf, nameOf });
  } else fill(panels.impl, h('p.empty', null, 'Pick a DSO.'));
  const count = state.impl ? state.impl.conflicts.length : 0;
  const badge = $('conflict-badge');
  badge.textContent = String(count);
  badge.dataset.tone = count ? 'bad' : 'ok';
  $('tab-impl').setAttribute('aria-label', `Implications, ${count} conflict${count === 1 ? '' : 's'}`);
  TABS.forEach((t, i) => ($(`panel-${t}`).scrollTop = scroll[i]));
  if (focusedId && document.getElementById(focusedId)) document.getElementById(focusedId)?.focus({ preventScroll: true });
}

function selectLimit(mrid) {
  state.limit = mrid;
  render();
  document.querySelector(`#limits-table [data-limit="${CSS.escape(mrid)}"] button`)?.focus();
}
function setOnlyAgr(v) {
  state.onlyAgr = v;
  render();
  $('only-agr').focus();
}
function showWhy(series, index) {
  state.why = { series, index };
  selectTab('impl', false);
  render();
  const why = document.getElementById('why');
  why?.scrollIntoView({ block: 'nearest' });
  why?.focus({ preventScroll: true });
}

// --- tabs (WAI-ARIA tabs pattern: ←/→/Home/End move between tabs) --------------------------------
function selectTab(tab, focus = true) {
  state.tab = tab;
  for (const t of TABS) {
    const button = $(`tab-${t}`);
    const selected = t === tab;
    button.setAttribute('aria-selected', String(selected));
    button.tabIndex = selected ? 0 : -1;
    $(`panel-${t}`).hidden = !selected;
  }
  if (focus) $(`tab-${tab}`).focus();
  writeHash();
  // Charts in a hidden panel were laid out at zero width: render again at full width.
  if (state.plans || state.dsoView) render();
}

function wire() {
  $('tz').textContent = zoneLine();
  $('tz').title = 'Times are shown in this local time zone, with UTC alongside';
  $('login-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const input = /** @type {HTMLInputElement} */ ($('token'));
    const button = /** @type {HTMLButtonElement} */ ($('login-submit'));
    button.disabled = true;
    const error = await signIn(input.value.trim());
    button.disabled = false;
    if (error) {
      $('login-error').textContent = error;
      input.select();
      return;
    }
    input.value = '';
    await showApp();
  });
  $('logout').addEventListener('click', () => {
    session.token = null;
    showLogin('Signed out.');
  });
  $('agr-select').addEventListener('change', (e) => {
    state.agr = /** @type {HTMLSelectElement} */ (e.target).value;
    writeHash();
    refresh();
  });
  $('dso-select').addEventListener('change', (e) => {
    state.dso = /** @type {HTMLSelectElement} */ (e.target).value;
    state.limit = null;
    state.why = null;
    writeHash();
    refresh();
  });
  for (const t of TABS) {
    $(`tab-${t}`).addEventListener('click', () => selectTab(t));
    $(`tab-${t}`).addEventListener('keydown', (ev) => {
      const i = TABS.indexOf(t);
      const next = { ArrowRight: TABS[(i + 1) % TABS.length], ArrowLeft: TABS[(i + TABS.length - 1) % TABS.length], Home: TABS[0], End: TABS[TABS.length - 1] }[ev.key];
      if (!next) return;
      ev.preventDefault();
      selectTab(next);
    });
  }
}

wire();
if (session.token) {
  signIn(session.token).then((error) => (error ? showLogin(error) : showApp()));
} else showLogin();
