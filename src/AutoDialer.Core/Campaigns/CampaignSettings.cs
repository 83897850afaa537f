using System.Text.Json;
using System.Text.Json.Serialization;
using AutoDialer.Core.Callbacks;
using AutoDialer.Core.Campaigns.Holidays;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.Dispositions;
using AutoDialer.Core.Preview;
using AutoDialer.Core.Settlement;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Campaigns;

/// <summary>
/// Everything that configures how one campaign dials; stored as JSON in <c>campaigns.settings</c> (see <see cref="ToJson"/>).
/// </summary>
internal sealed record CampaignSettings
{
    /// <summary>
    /// The stored form: snake_case names, enums as snake_case strings (never numbers), and nulls, missing required
    /// members or members the settings do not have refused when reading, so a damaged document fails on load instead
    /// of deep inside dispatch, and a setting stored under a name the code does not know (a cap written as
    /// <c>per24_hours</c> by a version before migration 015) is never read as its default. docs/campaign-settings.md
    /// lists every member.
    /// </summary>
    public static JsonSerializerOptions JsonOptions { get; } = CreateJsonOptions();

    public required CallingSchedule Schedule { get; init; }

    public RetryPolicy Retry { get; init; } = new();

    public RotationPolicy Rotation { get; init; } = new();

    public IReadOnlyList<CallerNumber> CallerNumbers { get; init; } = [];

    /// <summary>How often a callee may be dialled across campaigns; null: the installation's defaults (<c>AutoDialer:Dialing:FrequencyCaps</c>).</summary>
    public FrequencyCaps? FrequencyCaps { get; init; }

    /// <summary>Agents assigned to the campaign, by the provider's agent id.</summary>
    public IReadOnlyList<string> AgentIds { get; init; } = [];

    /// <summary>Which configured call-center account places the calls.</summary>
    public string ProviderAccount { get; init; } = "simulator";

    /// <summary>When the nightly retry batch runs, as a Quartz cron in the campaign's time zone (run by Hangfire through <see cref="QuartzCron.ToCronos"/>).</summary>
    public string NightlyBatchCron { get; init; } = "0 0 2 * * ?";

    /// <summary>Progressive (the call is placed at once) or preview (the agent sees the contact first). The default value is progressive.</summary>
    public DialingMode DialingMode { get; init; } = DialingMode.Progressive;

    /// <summary>The custom attributes (list columns) the agent's card shows; nothing else of a contact leaves the server. None by default.</summary>
    public IReadOnlyList<string> AgentVisibleAttributes { get; init; } = [];

    /// <summary>The wrap-up codes agents record, and when.</summary>
    public DispositionPolicy Dispositions { get; init; } = new();

    /// <summary>Owned callbacks: the owner's grace, and the attempts a callback may use beyond the budget.</summary>
    public CallbackPolicy Callbacks { get; init; } = new();

    /// <summary>Preview mode's offers (used when <see cref="DialingMode"/> is preview).</summary>
    public PreviewPolicy Preview { get; init; } = new();

    /// <summary>How many attributes <see cref="AgentVisibleAttributes"/> may name.</summary>
    public const int MaxVisibleAttributes = 50;

    /// <summary>Every day 09:00–21:00 in <paramref name="timeZone"/>, default retry and rotation, no numbers or agents yet.</summary>
    public static CampaignSettings Default(string timeZone) => new() { Schedule = CallingSchedule.Default(timeZone) };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <exception cref="JsonException">The text is not settings JSON (malformed, a required member missing or null, a member the settings do not have, an unknown enum name).</exception>
    public static CampaignSettings FromJson(string json) =>
        JsonSerializer.Deserialize<CampaignSettings>(json, JsonOptions)
        ?? throw new JsonException("Campaign settings must be a JSON object, not null.");

    /// <summary>These settings with their schedule carrying its holiday calendar's data (see <see cref="CallingSchedule.Calendar"/>).</summary>
    public CampaignSettings WithCalendarFrom(HolidayCalendars calendars) => this with { Schedule = Schedule.WithCalendarFrom(calendars) };

    /// <summary>Every problem in these settings, named by its JSON path; empty when they can be used.</summary>
    /// <param name="calendars">The holiday calendars that exist (default: those shipped).</param>
    public IReadOnlyList<SettingsError> Validate(HolidayCalendars? calendars = null)
    {
        // Nulls only arrive through deserialisation that skipped the nullable checks; report them instead of crashing.
        var errors = new List<SettingsError>();
        AddPart(errors, "schedule", Schedule?.Validate(calendars));
        AddPart(errors, "retry", Retry?.Validate());
        AddPart(errors, "rotation", Rotation?.Validate());
        if (FrequencyCaps is not null)
            AddPart(errors, "frequency_caps", FrequencyCaps.Validate());
        AddPart(errors, "dispositions", Dispositions?.Validate());
        AddPart(errors, "callbacks", Callbacks?.Validate());
        AddPart(errors, "preview", Preview?.Validate());
        ValidateCallerNumbers(errors);
        ValidateAgentIds(errors);
        ValidateVisibleAttributes(errors);
        if (!Enum.IsDefined(DialingMode))
        {
            errors.Add(new SettingsError("dialing_mode", $"Mode {(int)DialingMode} is not progressive or preview."));
        }

        if (string.IsNullOrWhiteSpace(ProviderAccount))
        {
            errors.Add(new SettingsError("provider_account", "A provider account is required."));
        }

        if (QuartzCron.Problem(NightlyBatchCron) is { } cronProblem)
        {
            errors.Add(new SettingsError("nightly_batch_cron", cronProblem));
        }

        return errors;
    }

    private static void AddPart(List<SettingsError> errors, string part, IReadOnlyList<SettingsError>? partErrors)
    {
        if (partErrors is null)
        {
            errors.Add(new SettingsError(part, "Required."));
            return;
        }

        errors.AddRange(partErrors.Select(error => error.Under(part)));
    }

    private void ValidateCallerNumbers(List<SettingsError> errors)
    {
        if (CallerNumbers is null)
        {
            errors.Add(new SettingsError("caller_numbers", "Required; use an empty list for none."));
            return;
        }

        var firstIndexById = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < CallerNumbers.Count; i++)
        {
            var field = $"caller_numbers[{i}]";
            if (CallerNumbers[i] is not { } number)
            {
                errors.Add(new SettingsError(field, "Required."));
                continue;
            }

            if (string.IsNullOrWhiteSpace(number.Id))
            {
                errors.Add(new SettingsError($"{field}.id", "An id is required."));
            }
            else if (!firstIndexById.TryAdd(number.Id, i))
            {
                // Usage is tracked by id: two numbers with one id would share a daily count and a rest.
                errors.Add(new SettingsError($"{field}.id", $"'{number.Id}' is already the id of caller_numbers[{firstIndexById[number.Id]}]."));
            }

            if (!IsE164(number.Number))
            {
                errors.Add(new SettingsError($"{field}.number", $"'{number.Number}' is not an E.164 number such as +861062345678."));
            }

            if (number.DailyCap < 0)
            {
                errors.Add(new SettingsError($"{field}.daily_cap", $"Must be 0 (the campaign's default) or more, not {number.DailyCap}."));
            }
        }
    }

    private void ValidateAgentIds(List<SettingsError> errors)
    {
        if (AgentIds is null)
        {
            errors.Add(new SettingsError("agent_ids", "Required; use an empty list for none."));
            return;
        }

        for (var i = 0; i < AgentIds.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(AgentIds[i]))
            {
                errors.Add(new SettingsError($"agent_ids[{i}]", "An agent id must not be empty."));
            }
        }
    }

    private void ValidateVisibleAttributes(List<SettingsError> errors)
    {
        if (AgentVisibleAttributes is null)
        {
            errors.Add(new SettingsError("agent_visible_attributes", "Required; use an empty list for none."));
            return;
        }

        if (AgentVisibleAttributes.Count > MaxVisibleAttributes)
        {
            errors.Add(new SettingsError("agent_visible_attributes", $"At most {MaxVisibleAttributes} attributes, not {AgentVisibleAttributes.Count}."));
        }

        for (var i = 0; i < AgentVisibleAttributes.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(AgentVisibleAttributes[i]))
            {
                errors.Add(new SettingsError($"agent_visible_attributes[{i}]", "An attribute name must not be empty."));
            }
        }
    }

    // The form the contact importer produces: '+', then 8 to 15 digits, the first not 0.
    private static bool IsE164(string? number) =>
        number is ['+', >= '1' and <= '9', ..]
        && number.Length is >= 9 and <= 16
        && !number.AsSpan(1).ContainsAnyExceptInRange('0', '9');

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            TypeInfoResolver = StrictJsonContract.Over(null),
            Converters =
            {
                // Ahead of the general enum converter, which would otherwise claim CallOutcome too.
                new CallOutcomeJsonConverter(),
                new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false),
            },
        };

        // Shared by every caller: freeze it so nobody can change how settings are stored.
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
