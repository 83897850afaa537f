// What the agents recorded: each disposition code of the campaign (its label in the current language and its effect)
// with the calls that carry it today and in all, and the way to the campaign's callbacks (#/callbacks?campaign=ID).
// Asked again with the live snapshots, at most every 15 s.
import { api } from '../../lib/api.js';
import { html, render as show } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { fmtInt } from '../../lib/format.js';
import { showError } from '../../lib/toast.js';
import { codeName, effectBadge } from '../parts/dispositions.js';

export const id = 'dispositions';
const refreshMs = 15000;

export function render(campaign) {
  return html`<div class="panel"><h2>${t('dispositions')} <span class="muted small" id="c-disp-day"></span>
      <a class="button secondary" href="#/callbacks?campaign=${campaign.id}" data-testid="open-callbacks">${t('callbacks')}</a></h2>
    <div class="scroll" id="c-disp"><p class="muted">${t('loading')}</p></div></div>`;
}

function table(summary) {
  if (!summary.codes.length) return html`<p class="muted">${t('disp_none')}</p>`;
  return html`<table class="responsive" data-testid="dispositions"><thead><tr><th>${t('disp_code')}</th><th>${t('set_disposition_effect')}</th>
      <th class="num">${t('disp_today')}</th><th class="num">${t('disp_total')}</th></tr></thead>
    <tbody>${summary.codes.map(c => html`<tr data-code="${c.code}"><td data-label="${t('disp_code')}">${codeName(c)}</td>
      <td data-label="${t('set_disposition_effect')}">${effectBadge(c.effect)}</td>
      <td class="num" data-label="${t('disp_today')}" data-count="today">${fmtInt(c.today)}</td>
      <td class="num" data-label="${t('disp_total')}" data-count="total">${fmtInt(c.total)}</td></tr>`)}</tbody></table>`;
}

export function mount(root, campaign, { signal }) {
  const box = root.querySelector('#c-disp');
  const day = root.querySelector('#c-disp-day');
  let nextAt = 0;

  async function load() {
    nextAt = Date.now() + refreshMs;
    try {
      const summary = await api(`campaigns/${campaign.id}/dispositions/summary`, { signal });
      show(box, table(summary));
      day.textContent = t('disp_day', { day: summary.day });
    } catch (error) {
      showError(error);
    }
  }
  load();

  return { update() { if (Date.now() > nextAt) load(); } };
}
