// When the campaign may call (schedule.time_zone_id, schedule.windows): its time zone, and per weekday the windows
// (start–end, local time; an end before the start runs past midnight, 24:00 is the end of the day), added and removed
// per day. Each window is listed under the day it starts on.
import { append, attrs, html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { field, storedTime, timeText } from './fields.js';

export const id = 'windows';
export const titleKey = 'set_windows';

const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const weekdays = days.slice(0, 5);

function zones() {
  try { return Intl.supportedValuesOf('timeZone'); } catch { return ['Asia/Shanghai', 'Asia/Urumqi', 'Asia/Hong_Kong', 'UTC']; }
}

function windowRow(window) {
  return html`<span class="window" data-window><input name="start" class="w-time" inputmode="numeric" placeholder="09:00" ${attrs({ value: timeText(window.start) })}>
    – <input name="end" class="w-time" inputmode="numeric" placeholder="21:00" ${attrs({ value: timeText(window.end) })}>
    <button type="button" class="link" data-remove-window ${attrs({ 'aria-label': t('remove') })}>✕</button></span>`;
}

export function render(settings) {
  const schedule = settings.schedule;
  return html`${field('time_zone', html`<input name="time_zone_id" list="time-zones" data-field="schedule.time_zone_id" ${attrs({ value: schedule.time_zone_id })}>
      <datalist id="time-zones">${zones().map(z => html`<option ${attrs({ value: z })}></option>`)}</datalist>`, 'set_zone_hint')}
    <table class="compact" data-field="schedule.windows" data-testid="windows"><tbody>${days.map(day => html`<tr data-day="${day}">
      <th>${t('day_' + day)}</th>
      <td><span class="windows">${schedule.windows.filter(w => w.day === day).map(windowRow)}</span>
        <button type="button" class="secondary small-button" data-add-window="${day}" data-testid="add-window-${day}">+ ${t('set_add_window')}</button></td></tr>`)}</tbody></table>
    <p class="row"><button type="button" class="secondary" id="copy-monday" data-testid="copy-monday">${t('set_copy_monday')}</button>
      <span class="muted small">${t('set_windows_hint')}</span></p>`;
}

export function mount(root) {
  root.addEventListener('click', e => {
    const add = e.target.closest('[data-add-window]');
    if (add) {
      const windows = add.closest('td').querySelector('.windows');
      append(windows, windowRow({ start: '09:00:00', end: '21:00:00' }));
      windows.lastElementChild.querySelector('[name=start]').focus();
      return;
    }
    if (e.target.closest('[data-remove-window]')) e.target.closest('[data-window]').remove();
  });
  root.querySelector('#copy-monday').addEventListener('click', () => {
    const monday = [...root.querySelectorAll('tr[data-day=monday] [data-window]')]
      .map(w => ({ start: storedTime(w.querySelector('[name=start]').value), end: storedTime(w.querySelector('[name=end]').value) }));
    for (const day of weekdays.slice(1)) {
      const windows = root.querySelector(`tr[data-day=${day}] .windows`);
      for (const old of [...windows.children]) old.remove();
      append(windows, html`${monday.map(windowRow)}`);
    }
  });
}

export function read(form) {
  const section = form.querySelector('[data-section="windows"]');
  const windows = [];
  for (const day of days) {
    for (const w of section.querySelectorAll(`tr[data-day=${day}] [data-window]`)) {
      const at = `schedule.windows[${windows.length}]`;
      w.dataset.field = at;
      w.querySelector('[name=start]').dataset.field = `${at}.start`;
      w.querySelector('[name=end]').dataset.field = `${at}.end`;
      windows.push({ day, start: storedTime(w.querySelector('[name=start]').value), end: storedTime(w.querySelector('[name=end]').value) });
    }
  }
  return { schedule: { time_zone_id: section.querySelector('[name=time_zone_id]').value.trim(), windows } };
}
