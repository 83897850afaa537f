// #/audit: the audit trail (admins): who did what, when, from where, newest first; filters by time, actor, action and
// campaign; "More" continues after the last entry shown (the API's keyset cursor).
import { api } from '../lib/api.js';
import { append, html, render } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { fmtTime } from '../lib/format.js';
import { showError } from '../lib/toast.js';

const pageSize = 50;
const actions = ['campaign_create', 'campaign_delete', 'campaign_settings_change', 'campaign_start', 'campaign_pause', 'campaign_resume',
  'campaign_cancel', 'list_upload', 'do_not_call_add', 'do_not_call_remove', 'job_trigger', 'job_requeue', 'sign_in', 'sign_in_failure', 'disposition_record'];

export function mount(view, { query, signal }) {
  render(view, html`<h1>${t('audit')}</h1>
    <div class="panel"><form id="a-filter" class="row" data-testid="audit-filter">
      <label>${t('audit_from')} <input type="datetime-local" name="from"></label>
      <label>${t('audit_until')} <input type="datetime-local" name="until"></label>
      <input name="actor" placeholder="${t('audit_actor')}" maxlength="200">
      <select name="action"><option value="">${t('any')}</option>${actions.map(a => html`<option value="${a}">${t('audit_action_' + a)}</option>`)}</select>
      <input name="campaign_id" type="number" min="1" placeholder="${t('campaign')} ID" value="${query.campaign ?? ''}">
      <button type="submit">${t('filter')}</button></form></div>
    <div class="panel scroll"><table class="responsive" data-testid="audit"><thead><tr><th>${t('time')}</th><th>${t('audit_actor')}</th>
      <th>${t('audit_address')}</th><th>${t('audit_action')}</th><th>${t('audit_target')}</th><th>${t('audit_details')}</th></tr></thead>
      <tbody id="a-rows"></tbody></table>
      <p><button type="button" class="secondary hidden" id="a-more">${t('more')}</button></p></div>`);

  const form = view.querySelector('#a-filter');
  const rows = view.querySelector('#a-rows');
  const more = view.querySelector('#a-more');
  let next = null;

  function filters() {
    const params = new URLSearchParams({ limit: String(pageSize) });
    for (const name of ['from', 'until']) if (form[name].value) params.set(name, new Date(form[name].value).toISOString());
    for (const name of ['actor', 'action', 'campaign_id']) if (form[name].value.trim()) params.set(name, form[name].value.trim());
    return params;
  }

  async function load(cursor) {
    const params = filters();
    if (cursor) params.set('cursor', cursor);
    try {
      const page = await api('audit?' + params, { signal });
      const entries = html`${page.entries.map(row)}`;
      if (cursor) append(rows, entries);
      else render(rows, page.entries.length ? entries : html`<tr><td colspan="6" class="muted">${t('audit_none')}</td></tr>`);
      next = page.next_cursor;
      more.classList.toggle('hidden', !next);
    } catch (error) {
      showError(error);
    }
  }

  form.addEventListener('submit', e => { e.preventDefault(); load(null); });
  more.addEventListener('click', () => { if (next) load(next); });
  load(null);
}

function row(e) {
  return html`<tr data-audit-id="${e.id}" data-action="${e.action}">
    <td data-label="${t('time')}">${fmtTime(e.at)}</td>
    <td data-label="${t('audit_actor')}">${e.actor} <span class="muted small">${t('audit_kind_' + e.actor_kind)}</span></td>
    <td data-label="${t('audit_address')}">${e.address ?? ''}</td>
    <td data-label="${t('audit_action')}">${t('audit_action_' + e.action)}</td>
    <td data-label="${t('audit_target')}">${target(e)}</td>
    <td data-label="${t('audit_details')}" class="small">${details(e)}</td></tr>`;
}

function target(e) {
  if (e.target_type === 'campaign') return html`<a href="#/campaigns/${e.target_id}">${t('campaign')} ${e.target_id}</a>`;
  if (e.target_type === 'attempt' && e.campaign_id) {
    return html`${t('audit_target_attempt')} ${e.target_id} · <a href="#/campaigns/${e.campaign_id}">${t('campaign')} ${e.campaign_id}</a>`;
  }
  if (!e.target_type) return '';
  return html`${t('audit_target_' + e.target_type)}${e.target_id ? ' ' + e.target_id : ''}`;
}

/** A settings change as one line per field (path: old → new); anything else as its details' members. */
function details(e) {
  if (Array.isArray(e.details.changes)) {
    return html`${e.details.changes.map(c => html`<div><code>${c.path}</code>: ${JSON.stringify(c.old)} → ${JSON.stringify(c.new)}</div>`)}`;
  }
  return html`${Object.entries(e.details).filter(([key]) => key !== 'settings')
    .map(([key, value]) => html`<div>${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}</div>`)}`;
}
