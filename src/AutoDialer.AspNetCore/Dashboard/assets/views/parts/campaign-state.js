// A campaign's state badge and its lifecycle buttons (start, pause, resume, cancel), on the list and on its page.
import { api } from '../../lib/api.js';
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { may } from '../../lib/me.js';
import { showError } from '../../lib/toast.js';

export function stateBadge(state) {
  return html`<span class="badge ${state}" data-state="${state}">${t('state_' + state)}</span>`;
}

/** What each state allows: the API refuses the rest (409), the buttons do not offer it. */
const commandsByState = { draft: ['start', 'cancel'], running: ['pause', 'cancel'], paused: ['resume', 'cancel'] };
const commandClass = { cancel: 'danger', pause: 'secondary' };

/** The permission each command needs (GET api/me): a role that may not gets no button. */
const commandPermission = { start: 'run_campaigns', pause: 'run_campaigns', resume: 'run_campaigns', cancel: 'cancel_campaigns' };

export function commandButtons(campaign) {
  return html`${(commandsByState[campaign.state] ?? []).filter(command => may(commandPermission[command])).map((command, i) => html`${i ? ' ' : ''}<button type="button" class="${commandClass[command] ?? ''}"
    data-command="${command}" data-campaign="${campaign.id}" data-name="${campaign.name}" data-testid="${command}-${campaign.id}">${t(command)}</button>`)}`;
}

/** One listener on container for every command button in it; after(campaign) gets the campaign the API answers with. */
export function onCommandClick(container, after) {
  container.addEventListener('click', async e => {
    const button = e.target.closest('button[data-command]');
    if (!button) return;
    const { command, campaign, name } = button.dataset;
    if (command === 'cancel' && !confirm(t('confirm_cancel', { name }))) return;
    button.disabled = true;
    try {
      const updated = await api(`campaigns/${campaign}/${command}`, { method: 'POST' });
      after?.(updated);
    } catch (error) {
      showError(error);
    } finally {
      button.disabled = false;
    }
  });
}
