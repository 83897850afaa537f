// Dates on which nothing is dialled (schedule.blackout_dates), in the campaign's (or the contact's) local time.
import { append, attrs, html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';

export const id = 'blackout';
export const titleKey = 'set_blackout';

function dateRow(date) {
  return html`<li data-blackout><input type="date" name="blackout_date" ${attrs({ value: date })}>
    <button type="button" class="link" data-remove-date>${t('remove')}</button></li>`;
}

export function render(settings) {
  return html`<ul class="plain" id="blackout-dates" data-field="schedule.blackout_dates" data-testid="blackout-dates">${settings.schedule.blackout_dates.map(dateRow)}</ul>
    <p class="row"><button type="button" class="secondary" id="add-date" data-testid="add-blackout-date">${t('set_add_date')}</button>
      <span class="muted small">${t('set_blackout_hint')}</span></p>`;
}

export function mount(root) {
  const list = root.querySelector('#blackout-dates');
  root.querySelector('#add-date').addEventListener('click', () => {
    append(list, dateRow(''));
    list.lastElementChild.querySelector('input').focus();
  });
  root.addEventListener('click', e => { if (e.target.closest('[data-remove-date]')) e.target.closest('li').remove(); });
}

export function read(form) {
  const inputs = [...form.querySelectorAll('[data-section="blackout"] [name=blackout_date]')].filter(i => i.value !== '');
  inputs.forEach((input, i) => { input.dataset.field = `schedule.blackout_dates[${i}]`; });
  return { schedule: { blackout_dates: inputs.map(i => i.value) } };
}
