// How the caller numbers are rotated and rested (rotation): round robin, least used today, or local presence (a number
// of the callee's area); cooldown and rest in minutes, the answer rate in percent.
import { attrs, html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { durationOf, field, intOf, minutesOf, numberOf } from './fields.js';

export const id = 'rotation';
export const titleKey = 'set_rotation';

const kinds = ['round_robin', 'least_used', 'local_presence'];

function percent(rate) {
  return rate === null || rate === undefined ? '' : String(Math.round(rate * 10000) / 100);
}

export function render(settings) {
  const r = settings.rotation;
  return html`${field('set_rotation_kind', html`<select name="kind" data-field="rotation.kind" data-testid="rotation-kind">${kinds.map(k =>
      html`<option ${attrs({ value: k, selected: k === r.kind })}>${t('rotation_' + k)}</option>`)}</select>`, 'set_rotation_hint')}
    <div class="row">
      ${field('set_cooldown', html`<input name="cooldown" class="w-int" inputmode="decimal" data-field="rotation.cooldown" ${attrs({ value: minutesOf(r.cooldown) })}>`)}
      ${field('set_number_daily_cap', html`<input name="daily_cap" class="w-int" inputmode="numeric" data-field="rotation.daily_cap" ${attrs({ value: r.daily_cap })}>`, 'set_zero_unlimited')}
      ${field('set_answer_rate_window', html`<input name="answer_rate_window" class="w-int" inputmode="numeric" data-field="rotation.answer_rate_window" ${attrs({ value: r.answer_rate_window })}>`)}
      ${field('set_min_answer_rate', html`<input name="min_answer_rate" class="w-int" inputmode="decimal" data-field="rotation.min_answer_rate" ${attrs({ value: percent(r.min_answer_rate) })}>`, 'set_zero_off')}
      ${field('set_rest_for', html`<input name="rest_for" class="w-int" inputmode="decimal" data-field="rotation.rest_for" ${attrs({ value: minutesOf(r.rest_for) })}>`)}
    </div>`;
}

export function read(form) {
  const section = form.querySelector('[data-section="rotation"]');
  const input = name => section.querySelector(`[name=${name}]`);
  const rate = numberOf(input('min_answer_rate'));
  return {
    rotation: {
      kind: input('kind').value,
      cooldown: durationOf(input('cooldown').value) ?? '00:00:00',
      daily_cap: intOf(input('daily_cap')) ?? 0,
      answer_rate_window: intOf(input('answer_rate_window')),
      min_answer_rate: typeof rate === 'number' ? Math.round(rate * 100) / 10000 : rate,
      rest_for: durationOf(input('rest_for').value) ?? '00:00:00',
    },
  };
}
