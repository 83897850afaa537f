// Disposition codes as the dashboard names them: the campaign's label in the current language (the code itself when the
// campaign no longer has it), and the effect's name.
import { html } from '../../lib/html.js';
import { language, t } from '../../lib/i18n.js';

/** code: { code, label_zh, label_en } (a campaign's settings.dispositions.codes entry, or a summary row). */
export function codeLabel(code) {
  return (language() === 'zh' ? code.label_zh : code.label_en) || code.code;
}

/** The label, and the code beside it when the label is not the code itself. */
export function codeName(code) {
  const label = codeLabel(code);
  return html`<span>${label}</span>${label !== code.code && html` <code class="muted small">${code.code}</code>`}`;
}

/** The effect as words and a colour: final ones green or red, the rest neutral; nothing for an unknown effect. */
export function effectBadge(effect) {
  if (!effect) return html`<span class="muted small">${t('disp_retired')}</span>`;
  const tone = { final_success: 'ok', final_failure: 'bad', do_not_call: 'bad', wrong_number: 'bad', callback: 'warn' }[effect] ?? '';
  return html`<span class="badge ${tone}" data-effect="${effect}">${t('effect_' + effect)}</span>`;
}

/** A campaign's codes by code, to name the codes a report or an agent lists. */
export function codesOf(campaign) {
  return Object.fromEntries((campaign?.settings?.dispositions?.codes ?? []).map(c => [c.code, c]));
}
