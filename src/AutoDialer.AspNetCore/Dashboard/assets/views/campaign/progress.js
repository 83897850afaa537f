// Progress bar and legend, rate and ETA, and the links to upload a list and export the results.
import { html, render as show } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { fmtDuration } from '../../lib/format.js';
import { may } from '../../lib/me.js';
import { legend, progressBar, rateText } from '../parts/progress.js';

export const id = 'progress';

export function render(campaign) {
  return html`<div class="panel"><div id="c-progress">${progressBar(campaign.progress, 'campaign-progress')}${legend(campaign.progress)}</div>
    <p class="muted small" id="c-rate"></p>
    <div class="row">${may('upload_lists') && html`<a class="button secondary" href="#/upload?campaign=${campaign.id}" data-testid="upload-list">${t('upload_list')}</a>`}<a class="button secondary" href="api/campaigns/${campaign.id}/export.csv" download data-testid="export">${t('export_csv')}</a></div></div>`;
}

export function mount(root) {
  const bar = root.querySelector('#c-progress');
  const rate = root.querySelector('#c-rate');
  return {
    update({ progress: p }) {
      show(bar, html`${progressBar(p, 'campaign-progress')}${legend(p)}`);
      rate.textContent = `${t('rate')}: ${rateText(p)} · ${t('eta')}: ${fmtDuration(p.eta_seconds)}`;
    },
  };
}
