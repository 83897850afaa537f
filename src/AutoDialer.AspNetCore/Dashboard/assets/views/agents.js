// #/agents: every agent live in the engine, assigned to a campaign or called today, as a card, live: its state, its
// calls and talk time today, and the dispositions it recorded today (by code: the codes are its campaigns').
import { html, render } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { fmtDuration, fmtInt, fmtPct, fmtTime } from '../lib/format.js';
import { live } from '../lib/live.js';

export function mount(view, { signal }) {
  render(view, html`<h1>${t('agents')}</h1><div id="agents" class="cards" data-testid="agents"><p class="muted">${t('loading')}</p></div>`);
  const box = view.querySelector('#agents');
  live(['agents'], {
    agents(list) {
      render(box, list.length ? html`${list.map(card)}` : html`<p class="muted">${t('no_agents')}</p>`);
    },
  }, signal);
}

function card(a) {
  return html`<div class="card" data-agent="${a.agent_id}"><h3><span>${a.agent_id}</span><span class="badge ${a.state}">${t('agent_' + a.state)}</span></h3>
    <div class="muted small">${a.provider_account}${a.state_since && ' · ' + t('since', { t: fmtTime(a.state_since) })}</div>
    <dl class="kv"><dt>${t('current_call')}</dt><dd>${a.current_phone || '—'}</dd>
      <dt>${t('calls_today')}</dt><dd>${fmtInt(a.calls_today)} (${t('answered')} ${fmtInt(a.answered_today)})</dd>
      <dt>${t('talk_today')}</dt><dd>${fmtDuration(a.talk_seconds_today)}</dd>
      <dt>${t('utilisation')}</dt><dd>${fmtPct(a.utilisation)}</dd>
      <dt>${t('dispositions_today')}</dt><dd data-testid="agent-dispositions">${dispositions(a.dispositions_today)}</dd>
      <dt>${t('campaigns_of')}</dt><dd>${a.campaigns.join(', ') || '—'}</dd></dl></div>`;
}

/** Codes most used first: "success 3 · call_back 1"; "—" for none. */
function dispositions(counts) {
  const entries = Object.entries(counts ?? {}).sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  if (!entries.length) return '—';
  return html`${entries.map(([code, n], i) => html`${i ? ' · ' : ''}<span data-code="${code}">${code} ${fmtInt(n)}</span>`)}`;
}
