// "Why isn't it dialling?": how many contacts could be dialled now, and what holds the others back, by reason.
// Counted by the server at most every 15 s; asked again when the state changes.
import { api } from '../../lib/api.js';
import { html, render as show } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { fmtInt, fmtTime } from '../../lib/format.js';
import { showError } from '../../lib/toast.js';

export const id = 'diagnostics';
const refreshMs = 15000;

export function render() {
  return html`<div class="panel"><h2>${t('why_title')} <span class="muted small" id="c-why-at"></span></h2><div id="c-why" data-testid="diagnostics"></div></div>`;
}

export function mount(root, campaign, { signal }) {
  const box = root.querySelector('#c-why');
  const countedAt = root.querySelector('#c-why-at');
  let nextAt = 0, state = campaign.state;

  async function load() {
    nextAt = Date.now() + refreshMs;
    try {
      const d = await api(`campaigns/${campaign.id}/diagnostics`, { signal });
      const reasons = Object.keys(d.reasons).filter(r => d.reasons[r] > 0);
      show(box, html`<p data-testid="diagnostics-ready">${t('why_ready', { n: fmtInt(d.ready) })}</p>${reasons.length === 0
        ? html`<p class="muted">${t('why_none')}</p>`
        : html`<table><tbody>${reasons.map(r => html`<tr data-reason="${r}"><td>${t('reason_' + r)}</td><td class="num">${fmtInt(d.reasons[r])}</td></tr>`)}</tbody></table>`}`);
      countedAt.textContent = t('why_counted', { t: fmtTime(d.computed_at) });
    } catch (error) {
      showError(error);
    }
  }
  load();

  return {
    update({ progress }) {
      if (progress.state !== state) { state = progress.state; load(); }
      else if (Date.now() > nextAt) load();
    },
  };
}
