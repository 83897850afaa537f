// "Why isn't it dialling?": what holds the whole campaign back (its set-up, its schedule now), each with what to do and
// a link to the settings section that fixes it; then how many contacts could be dialled now, and what holds the others
// back, by reason. Counted by the server at most every 15 s; asked again when the state changes.
import { api } from '../../lib/api.js';
import { html, render as show } from '../../lib/html.js';
import { language, t } from '../../lib/i18n.js';
import { fmtInt, fmtTime } from '../../lib/format.js';
import { showError } from '../../lib/toast.js';

export const id = 'diagnostics';
const refreshMs = 15000;

/** The words a fault's text is filled with, from the members the server gave it. */
function params(f) {
  return {
    account: f.provider_account ?? '',
    reason: f.reason ?? '',
    assigned: f.assigned ?? 0,
    connected: f.connected ?? 0,
    why: Object.entries(f.not_ready ?? {}).map(([why, n]) => `${t('unavailable_' + why)}: ${n}`).join(', '),
    rotation: f.rotation ? t('rotation_' + f.rotation) : '',
    next: f.next_opening ? fmtTime(f.next_opening) : t('why_no_opening'),
    holiday: (language() === 'zh' ? f.holiday_name_zh : f.holiday_name_en) ?? '',
    until: f.covered_until ?? '',
    codes: Object.entries(f.failed_by_code ?? {}).map(([code, n]) => `${code} × ${n}`).join(', '),
  };
}

function faultItem(campaign, f) {
  const p = params(f);
  return html`<li class="fault" data-fault="${f.code}"><strong>${t('fault_' + f.code, p)}</strong>
    <span class="muted">${t('fix_' + f.code, p)}</span>
    <a href="#/campaigns/${campaign.id}/settings?section=${f.section}" data-testid="fix-${f.code}">${t('fix_link')}</a></li>`;
}

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
      const faults = d.faults ?? [];
      show(box, html`${faults.length > 0 && html`<ul class="faults" data-testid="faults">${faults.map(f => faultItem(campaign, f))}</ul>`}
        <p data-testid="diagnostics-ready">${t('why_ready', { n: fmtInt(d.ready) })}</p>${reasons.length === 0
        ? html`<p class="muted">${t(faults.length ? 'why_no_contact_reason' : 'why_none')}</p>`
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
