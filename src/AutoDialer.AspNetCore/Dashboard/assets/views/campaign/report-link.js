// A link to the campaign's daily reports (#/reports): today's, and the days the nightly batch closed.
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';

export const id = 'report-link';

export function render(campaign) {
  return html`<p><a class="button secondary" href="#/reports?campaign=${campaign.id}" data-testid="open-report">${t('day_report')}</a></p>`;
}
