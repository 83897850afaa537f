// #/caller-numbers: each campaign's caller numbers with the city they are local to (and area code), today's use against
// the daily cap, the recent answer rate, short calls, rejects, and agents' complaint and wrong-number dispositions with
// the flags they raise, and whether the number is resting. Reloaded whenever the campaigns feed ticks (calls change the use).
import { api } from '../lib/api.js';
import { html, render } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { fmtInt, fmtPct, fmtTime } from '../lib/format.js';
import { live } from '../lib/live.js';
import { showError } from '../lib/toast.js';

export function mount(view, { signal }) {
  render(view, html`<h1>${t('numbers')}</h1><div class="panel scroll"><table class="responsive" data-testid="numbers"><thead><tr>
    <th>${t('number')}</th><th>${t('campaign')}</th><th>${t('area')}</th><th class="w-use">${t('use_today')}</th>
    <th class="num">${t('answer_rate')}</th><th class="num">${t('short_calls')}</th><th class="num">${t('rejects')}</th>
    <th class="num">${t('complaints')}</th><th class="num">${t('wrong_numbers')}</th><th>${t('status')}</th></tr></thead><tbody id="n-rows"><tr><td colspan="10" class="muted">${t('loading')}</td></tr></tbody></table></div>`);
  const rows = view.querySelector('#n-rows');

  async function load() {
    try {
      const list = await api('caller-numbers', { signal });
      render(rows, list.length ? html`${list.map(row)}` : html`<tr><td colspan="10" class="muted">${t('no_numbers')}</td></tr>`);
    } catch (error) {
      showError(error);
    }
  }
  load();
  live(['campaigns'], { campaigns: load }, signal);
}

function row(n) {
  const capped = n.daily_cap > 0, used = capped ? Math.min(1, n.used_today / n.daily_cap) : 0;
  return html`<tr data-number="${n.id}"><td data-label="${t('number')}">${n.number} <span class="muted small">${n.id}</span></td>
    <td data-label="${t('campaign')}">${n.campaign_name}</td><td data-label="${t('area')}">${[n.city, n.area_code].filter(Boolean).join(' ') || '—'}</td>
    <td data-label="${t('use_today')}"><div>${fmtInt(n.used_today)} / ${capped ? fmtInt(n.daily_cap) : t('unlimited')}</div>${capped
      && html`<div class="meter"><span class="${used >= 1 ? 'full' : ''}" data-width="${(100 * used).toFixed(1)}"></span></div>`}</td>
    <td class="num" data-label="${t('answer_rate')}">${fmtPct(n.answer_rate)} <span class="muted small">(${n.recent_answered}/${n.recent_calls})</span></td>
    <td class="num" data-label="${t('short_calls')}">${fmtPct(n.short_call_share)}</td>
    <td class="num" data-label="${t('rejects')}">${fmtPct(n.reject_share)}</td>
    <td class="num" data-label="${t('complaints')}" data-testid="number-complaints">${fmtInt(n.recent_complaints)}</td>
    <td class="num" data-label="${t('wrong_numbers')}" data-testid="number-wrong-numbers">${fmtInt(n.recent_wrong_numbers)}</td>
    <td data-label="${t('status')}" data-testid="number-health">${n.rested
      ? html`<span class="badge warn">${t('rested_until', { t: fmtTime(n.rested_until) })}</span>`
      : html`<span class="badge ok">${t('in_use')}</span>`}${n.flags.map(f => html` <span class="badge bad" data-flag="${f}">${t('flag_' + f)}</span>`)}</td></tr>`;
}
