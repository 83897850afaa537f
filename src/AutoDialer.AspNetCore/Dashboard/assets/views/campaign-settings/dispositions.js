// The wrap-up codes agents record after a call (dispositions): code, Chinese and English label, effect (and for
// retry_after the delay in minutes), whether it is a complaint (counted in the caller number's health), until when after the hang-up a disposition is taken, and whether dispatch waits
// for it before the agent's next call (wrap-up).
import { append, attrs, html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { durationOf, field, minutesOf } from './fields.js';

export const id = 'dispositions';
export const titleKey = 'set_dispositions';

const effects = ['final_success', 'final_failure', 'retry_after', 'callback', 'do_not_call', 'wrong_number'];

function codeRow(code) {
  return html`<tr data-disposition>
      <td><input name="code" class="w-code" ${attrs({ value: code.code, 'aria-label': t('set_disposition_code') })}></td>
      <td><input name="label_zh" ${attrs({ value: code.label_zh, 'aria-label': t('set_disposition_label_zh') })}></td>
      <td><input name="label_en" ${attrs({ value: code.label_en, 'aria-label': t('set_disposition_label_en') })}></td>
      <td><select name="effect" ${attrs({ 'aria-label': t('set_disposition_effect') })}>${effects.map(e =>
        html`<option value="${e}" ${attrs({ selected: e === code.effect })}>${t('effect_' + e)}</option>`)}</select></td>
      <td><input name="retry_after" class="w-int" inputmode="decimal" ${attrs({ value: minutesOf(code.retry_after), 'aria-label': t('set_delay_minutes') })}></td>
      <td><input type="checkbox" name="complaint" ${attrs({ checked: code.complaint === true, 'aria-label': t('set_disposition_complaint'), title: t('set_disposition_complaint_hint') })}></td>
      <td><button type="button" class="link" data-remove-disposition>${t('remove')}</button></td></tr>`;
}

export function render(settings) {
  const policy = settings.dispositions;
  return html`<table class="compact" data-field="dispositions.codes" data-testid="disposition-codes">
      <thead><tr><th>${t('set_disposition_code')}</th><th>${t('set_disposition_label_zh')}</th><th>${t('set_disposition_label_en')}</th>
        <th>${t('set_disposition_effect')}</th><th>${t('set_delay_minutes')}</th>
        <th title="${t('set_disposition_complaint_hint')}">${t('set_disposition_complaint')}</th><th></th></tr></thead>
      <tbody id="disposition-rows">${policy.codes.map(codeRow)}</tbody></table>
    <p class="row"><button type="button" class="secondary" id="add-disposition" data-testid="add-disposition">${t('set_add_disposition')}</button>
      <span class="muted small">${t('set_dispositions_hint')}</span></p>
    <div class="row">
      ${field('set_accept_for', html`<input name="accept_for" class="w-int" inputmode="decimal" data-field="dispositions.accept_for" data-testid="accept-for" ${attrs({ value: minutesOf(policy.accept_for) })}>`, 'set_accept_for_hint')}
      <label class="field"><span class="label">${t('set_wait_in_wrap_up')}</span>
        <input type="checkbox" name="wait_in_wrap_up" data-field="dispositions.wait_in_wrap_up" data-testid="wait-in-wrap-up" ${attrs({ checked: policy.wait_in_wrap_up })}></label>
      ${field('set_wrap_up_timeout', html`<input name="wrap_up_timeout" class="w-int" inputmode="decimal" data-field="dispositions.wrap_up_timeout" data-testid="wrap-up-timeout" ${attrs({ value: minutesOf(policy.wrap_up_timeout) })}>`)}
    </div>`;
}

export function mount(root) {
  const rows = root.querySelector('#disposition-rows');
  root.querySelector('#add-disposition').addEventListener('click', () => {
    append(rows, codeRow({ code: '', label_zh: '', label_en: '', effect: 'final_failure', retry_after: null, complaint: false }));
    rows.lastElementChild.querySelector('input').focus();
  });
  root.addEventListener('click', e => { if (e.target.closest('[data-remove-disposition]')) e.target.closest('tr').remove(); });
}

export function read(form) {
  const section = form.querySelector('[data-section="dispositions"]');
  const codes = [...section.querySelectorAll('tr[data-disposition]')].map((row, i) => {
    for (const input of row.querySelectorAll('input, select')) input.dataset.field = `dispositions.codes[${i}].${input.name}`;
    return {
      code: row.querySelector('[name=code]').value.trim(),
      label_zh: row.querySelector('[name=label_zh]').value.trim(),
      label_en: row.querySelector('[name=label_en]').value.trim(),
      effect: row.querySelector('[name=effect]').value,
      retry_after: durationOf(row.querySelector('[name=retry_after]').value),
      complaint: row.querySelector('[name=complaint]').checked,
    };
  });
  return {
    dispositions: {
      codes,
      accept_for: durationOf(section.querySelector('[name=accept_for]').value),
      wait_in_wrap_up: section.querySelector('[name=wait_in_wrap_up]').checked,
      wrap_up_timeout: durationOf(section.querySelector('[name=wrap_up_timeout]').value),
    },
  };
}
