// The campaign's settings at a glance, and the way to its settings page (#/campaigns/ID/settings).
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';

export const id = 'settings';

function windowsText(windows) {
  const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
  return days.filter(d => windows.some(w => w.day === d)).map(d => t('day_short_' + d)).join(' ');
}

export function render(campaign) {
  const s = campaign.settings;
  const calendar = s.schedule.holiday_calendar;
  return html`<div class="panel" data-testid="settings-summary"><h2>${t('settings')}
      <a class="button secondary" href="#/campaigns/${campaign.id}/settings" data-testid="edit-settings">${t('set_edit')}</a></h2>
    <dl class="kv summary">
      <dt>${t('set_provider_account')}</dt><dd data-summary="provider">${s.provider_account}</dd>
      <dt>${t('set_agents')}</dt><dd data-summary="agents">${s.agent_ids.length ? t('set_n_agents', { n: s.agent_ids.length }) : t('set_none')}</dd>
      <dt>${t('set_numbers')}</dt><dd data-summary="numbers">${s.caller_numbers.length ? t('set_n_numbers', { n: s.caller_numbers.length }) : t('set_none')}</dd>
      <dt>${t('set_windows')}</dt><dd data-summary="windows">${s.schedule.time_zone_id} · ${windowsText(s.schedule.windows)}</dd>
      <dt>${t('set_holidays')}</dt><dd data-summary="holidays">${calendar ? calendar.toUpperCase() : t('set_none')}${s.schedule.blackout_dates.length > 0
        && html` · ${t('set_n_blackout', { n: s.schedule.blackout_dates.length })}`}</dd>
      <dt>${t('set_retry')}</dt><dd data-summary="retry">${t('set_attempts_summary', { n: s.retry.max_attempts, d: s.retry.max_attempts_per_day })}</dd>
      <dt>${t('set_rotation')}</dt><dd data-summary="rotation">${t('rotation_' + s.rotation.kind)}</dd>
    </dl></div>`;
}
