// The attempts table: filters (outcome, status, agent, phone), 50 rows a page with "More", each row with what its
// contact is waiting for now. Follows new attempts on its first page, at most every 5 s.
import { api } from '../../lib/api.js';
import { append, html, render as show } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { fmtDuration, fmtTime } from '../../lib/format.js';
import { showError } from '../../lib/toast.js';

export const id = 'attempts';
const pageSize = 50;
const followEveryMs = 5000;
const outcomes = ['answered', 'no_answer', 'busy', 'rejected', 'failed', 'blacklisted', 'invalid', 'unknown'];
const statuses = ['dialing', 'placed', 'unknown', 'settled'];
const filterFields = ['outcome', 'status', 'agent_id', 'phone'];

export function render() {
  return html`<div class="panel"><h2>${t('attempts')}</h2>
    <form id="a-filter" class="row mb-8">
      <select name="outcome" data-testid="filter-outcome"><option value="">${t('outcome')}: ${t('any')}</option>${outcomes.map(o => html`<option>${o}</option>`)}</select>
      <select name="status"><option value="">${t('status')}: ${t('any')}</option>${statuses.map(s => html`<option>${s}</option>`)}</select>
      <input name="agent_id" placeholder="${t('agent')}" size="10">
      <input name="phone" placeholder="${t('phone')}" size="14" inputmode="tel">
      <button type="submit">${t('filter')}</button></form>
    <div class="scroll"><table class="responsive" data-testid="attempts"><thead><tr><th>${t('time')}</th><th>${t('phone')}</th><th>${t('agent')}</th>
      <th>${t('caller_number')}</th><th>${t('status')}</th><th>${t('outcome')}</th><th class="num">${t('ring')}</th><th class="num">${t('talk')}</th>
      <th>${t('contact_now')}</th></tr></thead><tbody id="a-rows"></tbody></table></div>
    <p><button type="button" class="secondary hidden" id="a-more">${t('more')}</button></p></div>`;
}

function row(a) {
  return html`<tr><td data-label="${t('time')}">${fmtTime(a.created_at)}</td><td data-label="${t('phone')}">${a.phone}</td>
    <td data-label="${t('agent')}">${a.agent_id}</td><td data-label="${t('caller_number')}">${a.caller_number}</td>
    <td data-label="${t('status')}">${a.status}</td>
    <td data-label="${t('outcome')}">${a.outcome && html`<span class="badge">${a.outcome}</span>`}${a.vendor_message && html` <span class="muted small">${a.vendor_code ?? ''} ${a.vendor_message}</span>`}</td>
    <td class="num" data-label="${t('ring')}">${a.ring_seconds == null ? '' : a.ring_seconds + 's'}</td>
    <td class="num" data-label="${t('talk')}">${a.talk_seconds == null ? '' : fmtDuration(a.talk_seconds)}</td>
    <td data-label="${t('contact_now')}" data-testid="contact-now">${a.contact_wait_reason && html`${t('reason_' + a.contact_wait_reason)}${a.contact_state === 'pending'
      && html` <span class="muted small">${t('next_at', { t: fmtTime(a.contact_next_due_at) })}</span>`}`}</td></tr>`;
}

export function mount(root, campaign, { signal }) {
  const rows = root.querySelector('#a-rows');
  const more = root.querySelector('#a-more');
  let filter = {}, offset = 0, followAt = 0;

  async function load(appending) {
    try {
      const found = await api(`campaigns/${campaign.id}/attempts/search`, { method: 'POST', json: { limit: pageSize, offset, ...filter }, signal });
      const content = html`${found.map(row)}`;
      if (appending) append(rows, content);
      else show(rows, found.length ? content : html`<tr><td colspan="9" class="muted">${t('no_data')}</td></tr>`);
      more.classList.toggle('hidden', found.length < pageSize);
    } catch (error) {
      showError(error);
    }
  }

  root.querySelector('#a-filter').addEventListener('submit', e => {
    e.preventDefault();
    filter = {};
    for (const field of filterFields) if (e.target[field].value) filter[field] = e.target[field].value;
    offset = 0;
    load(false);
  });
  more.addEventListener('click', () => { offset += pageSize; load(true); });
  load(false);

  return {
    update() {
      if (offset === 0 && Date.now() > followAt) { followAt = Date.now() + followEveryMs; load(false); }
    },
  };
}
