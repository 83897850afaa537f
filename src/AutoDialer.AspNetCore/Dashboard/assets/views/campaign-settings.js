// #/campaigns/ID/settings: everything that configures how the campaign dials, as a form of the sections listed in
// campaign-settings/sections.js. Saved as a whole with PUT api/campaigns/ID/settings; a refusal's field errors are shown
// beside their fields. ?new=1 is the second step of "New campaign"; ?section=ID scrolls to the section that fixes a
// fault the diagnostics named.
import { api } from '../lib/api.js';
import { html, render } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { toast } from '../lib/toast.js';
import { readSettings, sections } from './campaign-settings/sections.js';
import { clearFieldErrors, showFieldErrors } from './campaign-settings/fields.js';

/** A list the page can do without (it offers choices): an empty one when it cannot be read. */
async function optional(path, signal) {
  try { return await api(path, { signal }); } catch (error) { if (error.name === 'AbortError') throw error; return []; }
}

export async function mount(view, { parts, query, signal }) {
  const id = parts[1];
  if (!/^\d+$/.test(id)) { render(view, html`<p class="error">${t('error')}: ${id}</p>`); return; }
  render(view, html`<p class="muted">${t('loading')}</p>`);
  let campaign, accounts, seenAgents, calendars;
  try {
    [campaign, accounts, seenAgents, calendars] = await Promise.all([api('campaigns/' + id, { signal }),
      optional('provider-accounts', signal), optional('agents/seen', signal), optional('holiday-calendars', signal)]);
  } catch (error) {
    if (error.name !== 'AbortError') render(view, html`<p class="error">${error.message}</p>`);
    return;
  }

  const context = { campaign, accounts, seenAgents, calendars };
  const isNew = query.new === '1';
  render(view, html`<h1><span>${t('settings_of')}</span> <a href="#/campaigns/${campaign.id}" data-testid="campaign-name">${campaign.name}</a></h1>
    ${isNew && html`<p class="notice" data-testid="new-campaign-step">${t('set_new_step')}</p>`}
    ${campaign.state === 'running' && html`<p class="notice" data-testid="settings-running">${t('set_running')}</p>`}
    <nav class="row small mb-12">${sections.map(s => html`<a href="#/campaigns/${campaign.id}/settings?section=${s.id}" data-jump="${s.id}">${t(s.titleKey)}</a>`)}</nav>
    <form id="settings-form" novalidate data-testid="settings-form">
      <div id="settings-errors" class="error" data-testid="settings-errors"></div>
      ${sections.map(s => html`<section class="panel settings-section" data-section="${s.id}" id="section-${s.id}"><h2>${t(s.titleKey)}</h2>${s.render(campaign.settings, context)}</section>`)}
      <div class="panel row save-bar"><button type="submit" data-testid="settings-save">${t('set_save')}</button>
        <a class="button secondary" href="#/campaigns/${campaign.id}">${t(isNew ? 'set_later' : 'set_back')}</a>
        <span class="muted" id="settings-saved" data-testid="settings-saved" role="status"></span></div>
    </form>`);

  const form = view.querySelector('#settings-form');
  for (const section of sections) section.mount?.(form.querySelector(`[data-section="${section.id}"]`), context);

  // The section a link named: brought into view and marked, without leaving the page.
  const focus = name => {
    const target = form.querySelector(`[data-section="${name}"]`);
    if (!target) return;
    for (const s of form.querySelectorAll('.settings-section.focus')) s.classList.remove('focus');
    target.classList.add('focus');
    target.scrollIntoView({ block: 'start' });
  };
  view.querySelector('nav').addEventListener('click', e => {
    const jump = e.target.closest('[data-jump]');
    if (!jump) return;
    e.preventDefault();
    focus(jump.dataset.jump);
  });
  if (query.section) focus(query.section);

  const saved = view.querySelector('#settings-saved');
  form.addEventListener('input', () => { saved.textContent = ''; });
  form.addEventListener('submit', async e => {
    e.preventDefault();
    clearFieldErrors(form);
    saved.textContent = '';
    const button = form.querySelector('[data-testid=settings-save]');
    button.disabled = true;
    try {
      const updated = await api(`campaigns/${campaign.id}/settings`, { method: 'PUT', json: readSettings(form), signal });
      saved.textContent = t('saved');
      toast(t('saved'));
      if (isNew) location.hash = '#/campaigns/' + updated.id;
    } catch (error) {
      if (error.name === 'AbortError') return;
      const first = showFieldErrors(form, error.fieldErrors ?? {});
      if (!first) form.querySelector('#settings-errors').textContent = error.message;
      (first ?? form).scrollIntoView({ block: 'center' });
      saved.textContent = t('set_not_saved');
    } finally {
      button.disabled = false;
    }
  });
}
