// How calls reach agents (dialing_mode): progressive (placed at once) or preview (the agent sees the contact first,
// with a countdown, and dials or skips); preview's countdown, what its end does, and the skips allowed.
import { attrs, html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { durationOf, field, intOf, minutesOf } from './fields.js';

export const id = 'preview';
export const titleKey = 'set_preview';

/** "hh:mm:ss" → whole seconds as typed in the countdown's field. */
function secondsOf(duration) {
  const minutes = minutesOf(duration);
  return minutes === '' || Number.isNaN(Number(minutes)) ? minutes : String(Math.round(Number(minutes) * 60));
}

function durationOfSeconds(text) {
  const value = String(text).trim();
  return /^\d+$/.test(value) ? durationOf(String(Number(value) / 60)) : durationOf(value);
}

export function render(settings) {
  const preview = settings.preview;
  return html`<div class="row">
      ${field('set_dialing_mode', html`<select name="dialing_mode" data-field="dialing_mode" data-testid="dialing-mode">${['progressive', 'preview'].map(m =>
        html`<option value="${m}" ${attrs({ selected: m === settings.dialing_mode })}>${t('mode_' + m)}</option>`)}</select>`, 'set_dialing_mode_hint')}
      ${field('set_preview_timeout', html`<input name="timeout" class="w-int" inputmode="numeric" data-field="preview.timeout" data-testid="preview-timeout" ${attrs({ value: secondsOf(preview.timeout) })}>`)}
      ${field('set_preview_on_timeout', html`<select name="on_timeout" data-field="preview.on_timeout" data-testid="preview-on-timeout">${['dial', 'skip'].map(a =>
        html`<option value="${a}" ${attrs({ selected: a === preview.on_timeout })}>${t('preview_' + a)}</option>`)}</select>`)}
    </div>
    <div class="row">
      <label class="field"><span class="label">${t('set_preview_skip_allowed')}</span>
        <input type="checkbox" name="skip_allowed" data-field="preview.skip_allowed" data-testid="preview-skip-allowed" ${attrs({ checked: preview.skip_allowed })}></label>
      ${field('set_preview_max_skips', html`<input name="max_skips_per_agent_per_day" class="w-int" inputmode="numeric" data-field="preview.max_skips_per_agent_per_day" data-testid="preview-max-skips" ${attrs({ value: preview.max_skips_per_agent_per_day })}>`, 'set_zero_unlimited')}
      ${field('set_preview_skipped_due_after', html`<input name="skipped_due_after" class="w-int" inputmode="decimal" data-field="preview.skipped_due_after" data-testid="preview-skipped-due-after" ${attrs({ value: minutesOf(preview.skipped_due_after) })}>`)}
    </div>`;
}

export function read(form) {
  const section = form.querySelector('[data-section="preview"]');
  const value = name => section.querySelector(`[name=${name}]`);
  return {
    dialing_mode: value('dialing_mode').value,
    preview: {
      timeout: durationOfSeconds(value('timeout').value),
      on_timeout: value('on_timeout').value,
      skip_allowed: value('skip_allowed').checked,
      max_skips_per_agent_per_day: intOf(value('max_skips_per_agent_per_day')),
      skipped_due_after: durationOf(value('skipped_due_after').value),
    },
  };
}
