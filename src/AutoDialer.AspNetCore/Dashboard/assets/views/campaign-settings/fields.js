// What the settings sections share: a labelled field, the forms of values (durations in minutes, times of day, whole
// numbers) between the settings body and the inputs, and the server's field errors shown beside their fields.
// Values are read as typed: what is not a number goes to the server as it is, and the server's 400 names the field.
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';

/** A labelled field: the label, the control (an html`` result) and an optional hint under it. */
export function field(labelKey, control, hintKey) {
  return html`<label class="field"><span class="label">${t(labelKey)}</span>${control}${hintKey && html`<span class="hint muted small">${t(hintKey)}</span>`}</label>`;
}

/** "[-][d.]hh:mm:ss[.fffffff]" (a duration as the API writes it) → minutes, possibly fractional; null → ''. */
export function minutesOf(duration) {
  if (duration === null || duration === undefined) return '';
  const m = /^(-)?(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(String(duration));
  if (!m) return String(duration);
  const minutes = (Number(m[2] ?? 0) * 1440) + (Number(m[3]) * 60) + Number(m[4]) + (Number(m[5]) / 60);
  return String((m[1] ? -1 : 1) * Math.round(minutes * 1000) / 1000);
}

/** Minutes as typed → a duration for the API ("1.02:30:00"); '' → null; anything not a number is sent as typed. */
export function durationOf(text) {
  const value = String(text).trim();
  if (value === '') return null;
  if (!/^-?\d+(\.\d+)?$/.test(value)) return value;
  let seconds = Math.round(Math.abs(Number(value)) * 60);
  const sign = Number(value) < 0 ? '-' : '';
  const days = Math.floor(seconds / 86400); seconds %= 86400;
  const two = n => String(n).padStart(2, '0');
  const clock = `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds % 3600 / 60))}:${two(seconds % 60)}`;
  return sign + (days ? `${days}.${clock}` : clock);
}

/** The end of a day (TimeOnly.MaxValue) is written "24:00"; whole minutes without their seconds. */
const endOfDay = '23:59:59.9999999';

export function timeText(stored) {
  if (!stored) return '';
  if (stored === endOfDay) return '24:00';
  return String(stored).replace(/^(\d\d:\d\d):00$/, '$1');
}

export function storedTime(text) {
  const value = String(text).trim();
  if (value === '24:00') return endOfDay;
  return /^\d:\d\d/.test(value) ? '0' + value : value;
}

/** An input's whole number; '' → null; anything else as typed, for the server to refuse by name. */
export function intOf(input) {
  const value = input.value.trim();
  if (value === '') return null;
  return /^-?\d+$/.test(value) ? Number(value) : value;
}

/** An input's number (decimals allowed); '' → null; anything else as typed. */
export function numberOf(input) {
  const value = input.value.trim();
  if (value === '') return null;
  return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
}

/** Removes the errors shown by showFieldErrors. */
export function clearFieldErrors(form) {
  for (const node of form.querySelectorAll('.field-error')) node.remove();
  for (const node of form.querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid');
  const general = form.querySelector('#settings-errors');
  if (general) general.textContent = '';
}

/**
 * Shows each of the server's field errors (its JSON path → messages, e.g. "retry.max_attempts") beside the element
 * carrying data-field with that path, else beside the nearest enclosing path ("schedule.windows[2].start" →
 * "schedule.windows[2]" → "schedule.windows"), else at the top of the form. Returns the first element marked.
 */
export function showFieldErrors(form, fieldErrors, prefix = '') {
  let first = null;
  for (const [key, messages] of Object.entries(fieldErrors)) {
    const path = prefix && key.startsWith(prefix) ? key.slice(prefix.length) : key;
    const target = nearest(form, path);
    const note = document.createElement('p');
    note.className = 'field-error';
    note.dataset.errorFor = path;
    note.setAttribute('role', 'alert');
    note.textContent = [].concat(messages).join(' ');
    if (target) {
      target.setAttribute('aria-invalid', 'true');
      place(target, note);
      first ??= target;
    } else {
      const general = form.querySelector('#settings-errors');
      note.textContent = `${path}: ${note.textContent}`;
      general.append(note);
      first ??= general;
    }
  }
  return first;
}

/** Beside the field: inside its labelled field or table cell (a row's error in its last cell), else after its chip or window. */
function place(target, note) {
  const holder = target.tagName === 'TR' ? target.lastElementChild : target.closest('.field, td');
  if (holder) holder.append(note);
  else (target.closest('li, .window') ?? target).after(note);
}

function nearest(form, path) {
  for (let p = path; p; p = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '')) {
    const found = [...form.querySelectorAll('[data-field]')].find(e => e.dataset.field === p);
    if (found) return found;
    if (!/(\.[^.[\]]+|\[\d+\])$/.test(p)) break;
  }
  return null;
}
