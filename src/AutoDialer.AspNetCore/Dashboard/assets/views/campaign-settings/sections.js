// The campaign settings page (issue 20, item 1) is to be built in this folder the way the campaign page is built from
// views/campaign/: one module per part of the settings (provider account, agents, caller numbers, windows, blackout
// dates, retry, frequency caps, rotation, nightly batch), each owning some members of the settings body that
// PUT api/campaigns/ID/settings takes (docs/campaign-settings.md), listed below in page order. docs/dashboard.md says
// how a section is written.

/**
 * @typedef {object} SettingsSection
 * @property {string} id         unique on the page; the section's wrapper carries data-section="id"
 * @property {string} titleKey   the lib/i18n.js key of its heading (every key in zh and en)
 * @property {(settings: object) => object} render   its fields as html`…`, filled from the campaign's settings
 * @property {(form: HTMLFormElement) => object} read the members of the settings body it owns, read from its fields
 */

/** @type {SettingsSection[]} the sections, in page order: none yet. */
export const sections = [];

/**
 * The settings body: every section's members, read from form. Two sections never own the same member, so the order
 * cannot decide which one wins; a clash is a mistake in the sections and is refused.
 */
export function readSettings(form, list = sections) {
  const body = {};
  for (const section of list) {
    for (const [member, value] of Object.entries(section.read(form))) {
      if (Object.hasOwn(body, member)) throw new Error(`settings section ${section.id}: "${member}" belongs to another section`);
      body[member] = value;
    }
  }
  return body;
}
