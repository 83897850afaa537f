-- Frequency caps under the names the documentation always gave them. Versions before this one stored them as
-- SnakeCaseLower spelt them (per24_hours, per7_days, per_caller_number_per24_hours), with two derived values beside
-- them (lookback, any_on); the API now takes per_24_hours, per_7_days, per_caller_number_per_24_hours and stored
-- settings are read strictly (a member the settings do not have fails the load), so every stored document is renamed
-- here with its values kept; a name already in the new form wins. Only documents with a caps object change: '{}' (a
-- campaign an import created) and "frequency_caps": null stay as they are.
-- Upgrade: stop every node of an earlier version before the first node of this version starts (README, "Upgrading"):
-- an earlier node would read the renamed caps as 0, off, and its settings writes would bring the old names back.
update campaigns
set settings = jsonb_set(
    settings,
    '{frequency_caps}',
    jsonb_strip_nulls(jsonb_build_object(
        'per_24_hours', settings -> 'frequency_caps' -> 'per24_hours',
        'per_7_days', settings -> 'frequency_caps' -> 'per7_days',
        'per_caller_number_per_24_hours', settings -> 'frequency_caps' -> 'per_caller_number_per24_hours'))
    || ((settings -> 'frequency_caps') - array['per24_hours', 'per7_days', 'per_caller_number_per24_hours', 'lookback', 'any_on']))
where jsonb_typeof(settings -> 'frequency_caps') = 'object';
