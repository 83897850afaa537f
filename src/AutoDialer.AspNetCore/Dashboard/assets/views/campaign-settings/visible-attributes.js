// The contact's attributes (the list's own columns) the agent's card shows (agent_visible_attributes), separated by
// commas in the order shown; nothing else of a contact leaves the server.
import { attrs, html } from '../../lib/html.js';
import { field } from './fields.js';

export const id = 'visible-attributes';
export const titleKey = 'set_visible_attributes';

export function render(settings) {
  return field('set_visible_attributes_names', html`<input name="agent_visible_attributes" class="w-wide" data-field="agent_visible_attributes" data-testid="visible-attributes" ${attrs({ value: settings.agent_visible_attributes.join(', ') })}>`, 'set_visible_attributes_hint');
}

export function read(form) {
  const text = form.querySelector('[data-section="visible-attributes"] [name=agent_visible_attributes]').value;
  return { agent_visible_attributes: text.split(',').map(s => s.trim()).filter(s => s !== '') };
}
