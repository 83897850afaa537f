// How often one callee may be dialled, across every campaign (frequency_caps): the installation's caps, or the
// campaign's own three (0 turns one off).
import { attrs, html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { field, intOf } from './fields.js';

export const id = 'caps';
export const titleKey = 'set_caps';

const caps = [['per_24_hours', 'set_cap_24h'], ['per_7_days', 'set_cap_7d'], ['per_caller_number_per_24_hours', 'set_cap_per_number']];

export function render(settings) {
  const own = settings.frequency_caps;
  return html`<div class="row">
      <label><input type="radio" name="caps_mode" value="installation" data-testid="caps-installation" ${attrs({ checked: !own })}> ${t('set_caps_installation')}</label>
      <label><input type="radio" name="caps_mode" value="own" data-testid="caps-own" ${attrs({ checked: !!own })}> ${t('set_caps_own')}</label></div>
    <div class="row">${caps.map(([name, label]) => field(label, html`<input name="${name}" class="w-int" inputmode="numeric" data-field="frequency_caps.${name}"
      data-testid="cap-${name}" ${attrs({ value: own ? own[name] : '' })}>`))}</div>
    <p class="muted small">${t('set_caps_hint')}</p>`;
}

export function mount(root) {
  const inputs = [...root.querySelectorAll('[data-field^="frequency_caps."]')];
  const sync = () => { const own = root.querySelector('[name=caps_mode][value=own]').checked; for (const i of inputs) i.disabled = !own; };
  root.addEventListener('change', e => { if (e.target.name === 'caps_mode') sync(); });
  sync();
}

export function read(form) {
  const section = form.querySelector('[data-section="caps"]');
  if (!section.querySelector('[name=caps_mode][value=own]').checked) return { frequency_caps: null };
  const value = name => intOf(section.querySelector(`[name=${name}]`));
  return { frequency_caps: Object.fromEntries(caps.map(([name]) => [name, value(name)])) };
}
