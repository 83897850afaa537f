// The national holiday calendar the campaign follows (schedule.holiday_calendar: its days off are closed all day), and
// whether its make-up working days (调休) are worked with a weekday's windows (schedule.make_up_workday_windows).
// Warns when the calendar's data ends within 30 days or has ended (api/holiday-calendars: coverage).
import { attrs, html, render as show } from '../../lib/html.js';
import { language, t } from '../../lib/i18n.js';
import { field } from './fields.js';

export const id = 'holidays';
export const titleKey = 'set_holidays';

const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const upcomingShown = 4;

function nameOf(item) {
  return language() === 'zh' ? item.name_zh : item.name_en;
}

function about(calendar) {
  if (!calendar) return html`<p class="muted small">${t('set_no_calendar')}</p>`;
  const today = new Date().toISOString().slice(0, 10);
  const upcoming = calendar.holidays.filter(h => h.to >= today).slice(0, upcomingShown);
  return html`${calendar.coverage !== 'covered' && html`<p class="badge warn" data-testid="calendar-warning">${t('set_calendar_' + calendar.coverage, { until: calendar.covered_until })}</p>`}
    <p class="muted small">${t('set_calendar_covers', { from: calendar.covered_from, until: calendar.covered_until, updated: calendar.updated })}</p>
    ${upcoming.length > 0 && html`<ul class="plain small" data-testid="upcoming-holidays">${upcoming.map(h => html`<li>${nameOf(h)}: ${h.from} – ${h.to}</li>`)}</ul>`}`;
}

export function render(settings, { calendars }) {
  const schedule = settings.schedule;
  const chosen = calendars.find(c => c.id === schedule.holiday_calendar);
  const makeUp = schedule.make_up_workday_windows;
  return html`${field('set_calendar', html`<select name="holiday_calendar" data-field="schedule.holiday_calendar" data-testid="holiday-calendar">
      <option value="">${t('set_calendar_none')}</option>
      ${calendars.map(c => html`<option ${attrs({ value: c.id, selected: c.id === schedule.holiday_calendar })}>${nameOf(c)}</option>`)}
      ${schedule.holiday_calendar && !chosen && html`<option ${attrs({ value: schedule.holiday_calendar, selected: true })}>${schedule.holiday_calendar}</option>`}
    </select>`)}
    <div id="calendar-about">${about(chosen)}</div>
    <div class="row field" data-field="schedule.make_up_workday_windows">
      <label><input type="checkbox" name="make_up_follow" data-testid="make-up-follow" ${attrs({ checked: makeUp != null })}> ${t('set_make_up_follow')}</label>
      <select name="make_up_day" data-testid="make-up-day">${days.map(d => html`<option ${attrs({ value: d, selected: d === (makeUp ?? 'monday') })}>${t('day_' + d)}</option>`)}</select>
    </div>
    <p class="muted small">${t('set_make_up_hint')}</p>`;
}

export function mount(root, { calendars }) {
  root.querySelector('[name=holiday_calendar]').addEventListener('change', e =>
    show(root.querySelector('#calendar-about'), about(calendars.find(c => c.id === e.target.value))));
}

export function read(form) {
  const section = form.querySelector('[data-section="holidays"]');
  const calendar = section.querySelector('[name=holiday_calendar]').value;
  const follow = section.querySelector('[name=make_up_follow]').checked;
  return {
    schedule: {
      holiday_calendar: calendar || null,
      make_up_workday_windows: follow ? section.querySelector('[name=make_up_day]').value : null,
    },
  };
}
