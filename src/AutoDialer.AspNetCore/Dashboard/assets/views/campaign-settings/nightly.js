// When the nightly retry batch runs (nightly_batch_cron), in the campaign's time zone: a time of day, written as the
// Quartz cron the API takes ("0 30 2 * * ?" is 02:30 every day); any other cron can be written by hand.
import { attrs, html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { field } from './fields.js';

export const id = 'nightly';
export const titleKey = 'set_nightly';

/** "0 m h * * ?" → "hh:mm"; any other cron → ''. */
function timeOf(cron) {
  const m = /^0 (\d{1,2}) (\d{1,2}) \* \* \?$/.exec(cron ?? '');
  return m ? `${m[2].padStart(2, '0')}:${m[1].padStart(2, '0')}` : '';
}

export function render(settings) {
  const cron = settings.nightly_batch_cron;
  return html`<div class="row">
      ${field('set_nightly_time', html`<input name="nightly_time" class="w-time" inputmode="numeric" placeholder="02:00" data-testid="nightly-time" ${attrs({ value: timeOf(cron) })}>`, 'set_nightly_hint')}
      ${field('set_nightly_cron', html`<input name="nightly_batch_cron" data-field="nightly_batch_cron" data-testid="nightly-cron" ${attrs({ value: cron })}>`, 'set_nightly_cron_hint')}
    </div>`;
}

export function mount(root) {
  const cron = root.querySelector('[name=nightly_batch_cron]');
  root.querySelector('[name=nightly_time]').addEventListener('input', e => {
    const m = /^(\d{1,2}):(\d{2})$/.exec(e.target.value.trim());
    if (m) cron.value = `0 ${Number(m[2])} ${Number(m[1])} * * ?`;
  });
  cron.addEventListener('input', () => { root.querySelector('[name=nightly_time]').value = timeOf(cron.value.trim()); });
}

export function read(form) {
  return { nightly_batch_cron: form.querySelector('[data-section="nightly"] [name=nightly_batch_cron]').value.trim() };
}
