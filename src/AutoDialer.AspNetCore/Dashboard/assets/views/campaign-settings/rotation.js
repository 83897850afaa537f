// How the caller numbers are rotated and rested (rotation): round robin, least used today, or local presence (a number
// of the callee's area); cooldown and rest in minutes, the answer rate in percent; and the thresholds of the numbers'
// health (rotation.health: short calls and rejects in percent, complaints and wrong numbers as counts), so that saving
// the page keeps a campaign's own.
import { attrs, html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { durationOf, field, intOf, minutesOf, numberOf } from './fields.js';

export const id = 'rotation';
export const titleKey = 'set_rotation';

const kinds = ['round_robin', 'least_used', 'local_presence'];

function percent(rate) {
  return rate === null || rate === undefined ? '' : String(Math.round(rate * 10000) / 100);
}

/** A percentage as typed → a share (0.08 for 8); anything not a number as typed, for the server to refuse by name. */
function shareOf(input) {
  const value = numberOf(input);
  return typeof value === 'number' ? Math.round(value * 100) / 10000 : value;
}

export function render(settings) {
  const r = settings.rotation;
  const h = r.health;
  return html`${field('set_rotation_kind', html`<select name="kind" data-field="rotation.kind" data-testid="rotation-kind">${kinds.map(k =>
      html`<option ${attrs({ value: k, selected: k === r.kind })}>${t('rotation_' + k)}</option>`)}</select>`, 'set_rotation_hint')}
    <div class="row">
      ${field('set_cooldown', html`<input name="cooldown" class="w-int" inputmode="decimal" data-field="rotation.cooldown" ${attrs({ value: minutesOf(r.cooldown) })}>`)}
      ${field('set_number_daily_cap', html`<input name="daily_cap" class="w-int" inputmode="numeric" data-field="rotation.daily_cap" ${attrs({ value: r.daily_cap })}>`, 'set_zero_unlimited')}
      ${field('set_answer_rate_window', html`<input name="answer_rate_window" class="w-int" inputmode="numeric" data-field="rotation.answer_rate_window" ${attrs({ value: r.answer_rate_window })}>`)}
      ${field('set_min_answer_rate', html`<input name="min_answer_rate" class="w-int" inputmode="decimal" data-field="rotation.min_answer_rate" ${attrs({ value: percent(r.min_answer_rate) })}>`, 'set_zero_off')}
      ${field('set_rest_for', html`<input name="rest_for" class="w-int" inputmode="decimal" data-field="rotation.rest_for" ${attrs({ value: minutesOf(r.rest_for) })}>`)}
    </div>
    <div class="row" data-testid="number-health-thresholds">
      ${field('set_health_min_calls', html`<input name="min_calls" class="w-int" inputmode="numeric" data-field="rotation.health.min_calls" ${attrs({ value: h.min_calls })}>`)}
      ${field('set_short_call_seconds', html`<input name="short_call_seconds" class="w-int" inputmode="numeric" data-field="rotation.health.short_call_seconds" ${attrs({ value: h.short_call_seconds })}>`)}
      ${field('set_max_short_call_share', html`<input name="max_short_call_share" class="w-int" inputmode="decimal" data-field="rotation.health.max_short_call_share" ${attrs({ value: percent(h.max_short_call_share) })}>`, 'set_hundred_off')}
      ${field('set_max_reject_share', html`<input name="max_reject_share" class="w-int" inputmode="decimal" data-field="rotation.health.max_reject_share" ${attrs({ value: percent(h.max_reject_share) })}>`, 'set_hundred_off')}
      ${field('set_max_complaints', html`<input name="max_complaints" class="w-int" inputmode="numeric" data-field="rotation.health.max_complaints" ${attrs({ value: h.max_complaints })}>`, 'set_max_dispositions_hint')}
      ${field('set_max_wrong_numbers', html`<input name="max_wrong_numbers" class="w-int" inputmode="numeric" data-field="rotation.health.max_wrong_numbers" ${attrs({ value: h.max_wrong_numbers })}>`, 'set_max_dispositions_hint')}
    </div>`;
}

export function read(form) {
  const section = form.querySelector('[data-section="rotation"]');
  const input = name => section.querySelector(`[name=${name}]`);
  return {
    rotation: {
      kind: input('kind').value,
      cooldown: durationOf(input('cooldown').value) ?? '00:00:00',
      daily_cap: intOf(input('daily_cap')) ?? 0,
      answer_rate_window: intOf(input('answer_rate_window')),
      min_answer_rate: shareOf(input('min_answer_rate')),
      rest_for: durationOf(input('rest_for').value) ?? '00:00:00',
      health: {
        min_calls: intOf(input('min_calls')),
        short_call_seconds: intOf(input('short_call_seconds')),
        max_short_call_share: shareOf(input('max_short_call_share')),
        max_reject_share: shareOf(input('max_reject_share')),
        max_complaints: intOf(input('max_complaints')),
        max_wrong_numbers: intOf(input('max_wrong_numbers')),
      },
    },
  };
}
