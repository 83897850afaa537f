// Numbers, percentages, times, durations and sizes as the dashboard shows them, in the current language.
// Phone numbers arrive already masked where the screen may be shared (the agents board: the server's PhoneMask), so
// nothing here unmasks or re-masks them.
import { language, t } from './i18n.js';

export function fmtInt(n) {
  return Number(n || 0).toLocaleString(language() === 'zh' ? 'zh-CN' : 'en-US');
}

/** 0.1234 → "12.3%"; null → "—". */
export function fmtPct(x) {
  return x === null || x === undefined ? '—' : (Math.round(x * 1000) / 10) + '%';
}

/** An ISO time in the browser's zone, 24-hour clock; "—" when absent or unreadable. */
export function fmtTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return isNaN(d) ? '—' : d.toLocaleString(language() === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false });
}

/** Seconds as "2d 3h", "1h 5m", "4m 10s" or "9s" (the two largest units); null → the "no ETA" text. */
export function fmtDuration(seconds) {
  if (seconds === null || seconds === undefined) return t('eta_none');
  seconds = Math.max(0, Math.round(seconds));
  const d = Math.floor(seconds / 86400), h = Math.floor(seconds % 86400 / 3600), m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
  if (d) return `${d}d ${h}h`;
  if (h) return `${h}h ${m}m`;
  if (m) return `${m}m ${s}s`;
  return `${s}s`;
}

export function fmtBytes(n) {
  if (n >= 1 << 30) return (n / (1 << 30)).toFixed(2) + ' GB';
  if (n >= 1 << 20) return (n / (1 << 20)).toFixed(1) + ' MB';
  if (n >= 1024) return (n / 1024).toFixed(1) + ' KB';
  return n + ' B';
}
