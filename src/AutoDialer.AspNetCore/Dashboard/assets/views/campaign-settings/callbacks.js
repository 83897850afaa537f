// Owned callbacks (callbacks): how long a due callback waits for the agent who asked for it before any agent of the
// campaign may take it, the attempts a callback may use beyond the budget, and how far ahead one may be asked for.
import { attrs, html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { durationOf, field, intOf, minutesOf } from './fields.js';

export const id = 'callbacks';
export const titleKey = 'set_callbacks';

export function render(settings) {
  const callbacks = settings.callbacks;
  return html`<div class="row">
      ${field('set_owner_grace', html`<input name="owner_grace" class="w-int" inputmode="decimal" data-field="callbacks.owner_grace" data-testid="owner-grace" ${attrs({ value: minutesOf(callbacks.owner_grace) })}>`, 'set_owner_grace_hint')}
      ${field('set_callback_extra_attempts', html`<input name="extra_attempts" class="w-int" inputmode="numeric" data-field="callbacks.extra_attempts" data-testid="callback-extra-attempts" ${attrs({ value: callbacks.extra_attempts })}>`, 'set_callback_extra_attempts_hint')}
      ${field('set_callback_max_ahead', html`<input name="max_ahead" class="w-int" inputmode="decimal" data-field="callbacks.max_ahead" data-testid="callback-max-ahead" ${attrs({ value: minutesOf(callbacks.max_ahead) })}>`)}
    </div>
    <p class="muted small">${t('set_callbacks_hint')}</p>`;
}

export function read(form) {
  const section = form.querySelector('[data-section="callbacks"]');
  return {
    callbacks: {
      owner_grace: durationOf(section.querySelector('[name=owner_grace]').value),
      extra_attempts: intOf(section.querySelector('[name=extra_attempts]')),
      max_ahead: durationOf(section.querySelector('[name=max_ahead]').value),
    },
  };
}
