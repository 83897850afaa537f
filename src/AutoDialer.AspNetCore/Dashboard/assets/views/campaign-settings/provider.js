// Which provider account places the calls (provider_account): chosen among the accounts the cluster's dialling nodes
// serve (api/provider-accounts), each with its circuit and the workbench pages connected for it, on any node.
import { attrs, html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { field } from './fields.js';

export const id = 'provider';
export const titleKey = 'set_provider';

function label(account) {
  const pages = account.bridge ? t('set_pages', { n: account.connected_pages, ready: account.available_pages }) : t('set_in_process');
  return `${account.provider_account} (${account.provider}) · ${t('set_circuit_' + account.circuit)} · ${pages}`;
}

export function render(settings, { accounts }) {
  const chosen = settings.provider_account;
  const known = accounts.some(a => a.provider_account === chosen);
  return html`${field('set_provider_account', html`<select name="provider_account" data-field="provider_account" data-testid="provider-account">
      ${accounts.map(a => html`<option ${attrs({ value: a.provider_account, selected: a.provider_account === chosen })}>${label(a)}</option>`)}
      ${!known && html`<option ${attrs({ value: chosen, selected: true })}>${chosen} · ${t('set_not_configured')}</option>`}
    </select>`, 'set_provider_hint')}
    ${accounts.length === 0 && html`<p class="badge warn">${t('set_no_accounts')}</p>`}
    ${accounts.length > 0 && html`<table class="compact" data-testid="provider-accounts"><thead><tr><th>${t('set_account')}</th><th>${t('set_circuit')}</th>
      <th class="num">${t('set_pages_connected')}</th><th class="num">${t('set_nodes')}</th></tr></thead><tbody>${accounts.map(a => html`<tr data-account="${a.provider_account}">
      <td>${a.provider_account} <span class="muted small">${a.provider}</span></td>
      <td><span class="badge ${a.circuit === 'open' ? 'bad' : 'ok'}">${t('set_circuit_' + a.circuit)}</span>${a.circuit_reason && html` <span class="muted small">${a.circuit_reason}</span>`}</td>
      <td class="num">${a.bridge ? `${a.available_pages} / ${a.connected_pages}` : t('set_in_process')}</td><td class="num">${a.nodes}</td></tr>`)}</tbody></table>`}`;
}

export function read(form) {
  return { provider_account: form.querySelector('[data-section="provider"] [name=provider_account]').value };
}
