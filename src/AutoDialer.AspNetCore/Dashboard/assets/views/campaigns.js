// #/campaigns: every campaign with its progress and lifecycle buttons, the new-campaign form (its first step: a name and
// a time zone; the second is the campaign's settings page), and the count of quarantined vendor events.
import { api } from '../lib/api.js';
import { html, render } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { fmtDuration, fmtInt } from '../lib/format.js';
import { live } from '../lib/live.js';
import { may } from '../lib/me.js';
import { showError } from '../lib/toast.js';
import { commandButtons, onCommandClick, stateBadge } from './parts/campaign-state.js';
import { progressBar, rateText } from './parts/progress.js';

export function mount(view, { signal }) {
  render(view, html`<h1>${t('campaigns')}</h1>
    ${may('edit_campaigns') && html`<div class="panel"><form id="new-campaign" class="row">
      <strong>${t('new_campaign')}</strong>
      <input name="name" required maxlength="200" placeholder="${t('name')}" data-testid="new-campaign-name">
      <input name="time_zone" value="Asia/Shanghai" placeholder="${t('time_zone')}" data-testid="new-campaign-zone">
      <button type="submit" data-testid="new-campaign-create">${t('create_and_set_up')}</button>
      <span class="muted small">${t('new_campaign_hint')}</span></form></div>`}
    <div class="panel scroll"><table class="responsive" data-testid="campaigns"><thead><tr>
      <th>${t('name')}</th><th>${t('state')}</th><th class="w-progress">${t('progress')}</th>
      <th class="num">${t('contacts')}</th><th class="num">${t('rate')}</th><th class="num">${t('eta')}</th><th>${t('actions')}</th>
      </tr></thead><tbody id="campaign-rows"><tr><td colspan="7" class="muted">${t('loading')}</td></tr></tbody></table></div>
    <p class="muted" id="quarantine" data-testid="quarantined-events"></p>`);
  const rows = view.querySelector('#campaign-rows');

  // Vendor events PostgreSQL refused: set aside so they block nothing, but an operator should know they exist.
  api('events/quarantine?limit=1', { signal }).then(q => {
    let text = t('quarantined', { n: fmtInt(q.count) });
    if (q.recent.length) text += ' — ' + t('quarantined_latest', { reason: q.recent[0].reason });
    const line = view.querySelector('#quarantine');
    line.textContent = text;
    line.className = q.count ? 'badge warn' : 'muted';
  }).catch(() => { /* the count is a courtesy: the list matters more */ });

  function renderRows(list) {
    if (!list.length) { render(rows, html`<tr><td colspan="7" class="muted">${t('no_campaigns')}</td></tr>`); return; }
    render(rows, html`${list.map(c => html`<tr data-campaign-id="${c.id}">
      <td data-label="${t('name')}"><a href="#/campaigns/${c.id}">${c.name}</a></td>
      <td data-label="${t('state')}">${stateBadge(c.state)}</td>
      <td data-label="${t('progress')}">${progressBar(c.progress, 'progress-' + c.id)}</td>
      <td class="num" data-label="${t('contacts')}">${fmtInt(c.progress.contacts)}</td>
      <td class="num" data-label="${t('rate')}">${rateText(c.progress)}</td>
      <td class="num" data-label="${t('eta')}">${fmtDuration(c.progress.eta_seconds)}</td>
      <td data-label="${t('actions')}"><div class="row">${commandButtons(c)}</div></td></tr>`)}`);
  }

  onCommandClick(rows);
  view.querySelector('#new-campaign')?.addEventListener('submit', async e => {
    e.preventDefault();
    const form = e.target;
    try {
      const created = await api('campaigns', { method: 'POST', json: { name: form.name.value, time_zone: form.time_zone.value } });
      location.hash = `#/campaigns/${created.id}/settings?new=1`;
    } catch (error) {
      showError(error);
    }
  });
  live(['campaigns'], { campaigns: renderRows }, signal);
}
