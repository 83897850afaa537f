// #/callbacks?campaign=ID: a campaign's callbacks still to be dialled, soonest first — when, the contact, its owner, and
// where each stands (scheduled; due, for its owner alone until the grace ends; overdue, open to any agent), with why the
// dial gate holds one back. Counted by state at the top; asked again every 15 s while shown.
import { api } from '../lib/api.js';
import { html, render } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { fmtInt, fmtTime } from '../lib/format.js';
import { showError } from '../lib/toast.js';

const refreshMs = 15000;
const listed = 500; // the API's most
const states = ['due', 'overdue', 'scheduled'];
const stateTone = { due: 'warn', overdue: 'bad', scheduled: '' };

export function mount(view, { query, signal }) {
  render(view, html`<h1>${t('callbacks')}</h1>
    <div class="panel"><div class="row">
      <label>${t('campaign')} <select id="cb-campaign" data-testid="callbacks-campaign"><option value="">${t('choose_campaign')}</option></select></label>
      ${query.campaign && html`<a href="#/campaigns/${query.campaign}" data-testid="back-to-campaign">${t('cb_back')}</a>`}</div></div>
    <div id="cb-body"></div>`);
  const select = view.querySelector('#cb-campaign');
  const body = view.querySelector('#cb-body');
  select.addEventListener('change', () => { if (select.value) location.hash = `#/callbacks?campaign=${select.value}`; });

  api('campaigns', { signal }).then(list => {
    for (const c of list) select.append(new Option(c.name, c.id));
    if (!/^\d+$/.test(query.campaign ?? '')) return;
    select.value = query.campaign;
    render(body, html`<p class="muted">${t('loading')}</p>`);
    const load = () => api(`callbacks?campaign_id=${query.campaign}&limit=${listed}`, { signal })
      .then(callbacks => render(body, page(callbacks)))
      .catch(showError);
    load();
    const timer = setInterval(load, refreshMs);
    signal.addEventListener('abort', () => clearInterval(timer));
  }).catch(showError);
}

function page(callbacks) {
  const counts = Object.fromEntries(states.map(s => [s, callbacks.filter(c => c.state === s).length]));
  return html`<div class="cards counts mb-12" data-testid="callback-counts">${states.map(s =>
      html`<div class="card"><div class="muted small">${t('cb_state_' + s)}</div><div class="big-number" data-state-count="${s}">${fmtInt(counts[s])}</div></div>`)}</div>
    <div class="panel scroll">${callbacks.length === 0 ? html`<p class="muted" data-testid="no-callbacks">${t('cb_none')}</p>`
      : html`<table class="responsive" data-testid="callbacks"><thead><tr><th>${t('cb_at')}</th><th>${t('name')}</th><th>${t('phone')}</th>
        <th>${t('cb_owner')}</th><th>${t('state')}</th><th>${t('cb_waiting')}</th><th>${t('cb_note')}</th></tr></thead>
        <tbody>${callbacks.map(row)}</tbody></table>`}</div>`;
}

function row(c) {
  return html`<tr data-contact-id="${c.contact_id}" data-state="${c.state}">
    <td data-label="${t('cb_at')}">${fmtTime(c.at)}</td>
    <td data-label="${t('name')}">${c.contact_name ?? '—'}</td>
    <td data-label="${t('phone')}">${c.number}</td>
    <td data-label="${t('cb_owner')}" data-testid="callback-owner">${c.owner_agent_id}</td>
    <td data-label="${t('state')}"><span class="badge ${stateTone[c.state] ?? ''}">${t('cb_state_' + c.state)}</span>
      ${c.state !== 'overdue' && html` <span class="muted small">${t('cb_owner_until', { t: fmtTime(c.owner_until) })}</span>`}</td>
    <td data-label="${t('cb_waiting')}">${c.wait_reason ? t('reason_' + c.wait_reason) : ''}</td>
    <td data-label="${t('cb_note')}" class="small">${c.note ?? ''}</td></tr>`;
}
