using System.Text.Json;
using System.Text.Json.Nodes;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.Settlement;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Tests.Campaigns;

public class CampaignSettingsTests
{
    /// <summary>Every member away from its default, so a member lost on the way shows up.</summary>
    private static readonly CampaignSettings Custom = new()
    {
        Schedule = new CallingSchedule(
            "America/New_York",
            [
                new CallingWindow(DayOfWeek.Monday, new TimeOnly(9, 30), new TimeOnly(17, 45)),
                new CallingWindow(DayOfWeek.Friday, new TimeOnly(20, 0), new TimeOnly(2, 0)),
            ],
            [new DateOnly(2025, 12, 25), new DateOnly(2026, 1, 1)]),
        Retry = new RetryPolicy
        {
            Delays = new Dictionary<CallOutcome, TimeSpan>
            {
                [CallOutcome.Busy] = TimeSpan.FromMinutes(15),
                [CallOutcome.NoAnswer] = TimeSpan.FromHours(3),
                [CallOutcome.Failed] = TimeSpan.FromSeconds(90),
                [CallOutcome.Unknown] = TimeSpan.FromMinutes(45),
            },
            MaxAttempts = 6,
            MaxAttemptsPerDay = 3,
            FinalOutcomes = new HashSet<CallOutcome> { CallOutcome.Invalid, CallOutcome.Rejected, CallOutcome.Answered, CallOutcome.Blacklisted },
        },
        Rotation = new RotationPolicy
        {
            Kind = RotationKind.LocalPresence,
            Cooldown = TimeSpan.FromSeconds(20),
            DailyCap = 300,
            AnswerRateWindow = 40,
            MinAnswerRate = 0.08,
            RestFor = TimeSpan.FromHours(6),
        },
        CallerNumbers =
        [
            new CallerNumber("pool-bj-1", "+861062345678", "010", 500),
            new CallerNumber("pool-sz-1", "+8675512345678", "0755"),
        ],
        FrequencyCaps = new FrequencyCaps { Per24Hours = 1, Per7Days = 4, PerCallerNumberPer24Hours = 1 },
        AgentIds = ["agent-7", "agent-9"],
        ProviderAccount = "udesk-main",
        NightlyBatchCron = "0 30 1 ? * MON-FRI",
    };

    [Fact]
    public void Json_round_trip_keeps_every_setting()
    {
        var json = Custom.ToJson();

        var read = CampaignSettings.FromJson(json);

        Assert.Equal(json, read.ToJson());
        Assert.Equal(Custom.Schedule.TimeZoneId, read.Schedule.TimeZoneId);
        Assert.Equal(Custom.Schedule.Windows, read.Schedule.Windows);
        Assert.Equal(Custom.Schedule.BlackoutDates, read.Schedule.BlackoutDates);
        Assert.Equal(Custom.Retry.Delays.OrderBy(d => d.Key), read.Retry.Delays.OrderBy(d => d.Key));
        Assert.Equal((6, 3), (read.Retry.MaxAttempts, read.Retry.MaxAttemptsPerDay));
        Assert.True(Custom.Retry.FinalOutcomes.SetEquals(read.Retry.FinalOutcomes));
        Assert.Equal(Custom.Rotation, read.Rotation);
        Assert.Equal(Custom.CallerNumbers, read.CallerNumbers);
        Assert.Equal(Custom.FrequencyCaps, read.FrequencyCaps);
        Assert.Equal(Custom.AgentIds, read.AgentIds);
        Assert.Equal(("udesk-main", "0 30 1 ? * MON-FRI"), (read.ProviderAccount, read.NightlyBatchCron));
        Assert.Empty(read.Validate());
    }

    [Fact]
    public void Json_uses_snake_case_names_and_string_enums()
    {
        var json = JsonNode.Parse(Custom.ToJson())!;

        Assert.Equal("America/New_York", (string?)json["schedule"]!["time_zone_id"]);
        Assert.Equal("friday", (string?)json["schedule"]!["windows"]![1]!["day"]);
        Assert.Equal("02:00:00", (string?)json["schedule"]!["windows"]![1]!["end"]);
        // Only what was entered is stored, nothing derived from it.
        Assert.Equal(["day", "start", "end"], json["schedule"]!["windows"]![1]!.AsObject().Select(p => p.Key));
        Assert.Equal("2025-12-25", (string?)json["schedule"]!["blackout_dates"]![0]);
        Assert.Equal("03:00:00", (string?)json["retry"]!["delays"]!["no_answer"]);
        Assert.Equal(6, (int?)json["retry"]!["max_attempts"]);
        // Sorted, so the same set is always stored as the same text.
        Assert.Equal("""["answered","rejected","blacklisted","invalid"]""", json["retry"]!["final_outcomes"]!.ToJsonString());
        Assert.Equal("local_presence", (string?)json["rotation"]!["kind"]);
        Assert.Equal(0.08, (double?)json["rotation"]!["min_answer_rate"]);
        Assert.Equal("0755", (string?)json["caller_numbers"]![1]!["area_code"]);
        Assert.Equal(500, (int?)json["caller_numbers"]![0]!["daily_cap"]);
        // The names the documentation gives (docs/campaign-settings.md), not SnakeCaseLower's per24_hours; nothing derived.
        Assert.Equal(["per_24_hours", "per_7_days", "per_caller_number_per_24_hours"], json["frequency_caps"]!.AsObject().Select(p => p.Key));
        Assert.Equal((1, 4, 1), ((int)json["frequency_caps"]!["per_24_hours"]!, (int)json["frequency_caps"]!["per_7_days"]!,
            (int)json["frequency_caps"]!["per_caller_number_per_24_hours"]!));
        Assert.Equal("agent-9", (string?)json["agent_ids"]![1]);
        Assert.Equal("udesk-main", (string?)json["provider_account"]);
        Assert.Equal("0 30 1 ? * MON-FRI", (string?)json["nightly_batch_cron"]);
    }

    [Fact]
    public void Missing_optional_members_read_as_their_defaults()
    {
        var read = CampaignSettings.FromJson("""
            {
              "schedule": {
                "time_zone_id": "Asia/Shanghai",
                "windows": [{ "day": "saturday", "start": "10:00", "end": "16:00" }]
              },
              "retry": { "max_attempts": 5 },
              "caller_numbers": [{ "id": "n1", "number": "+8613800138000" }]
            }
            """);

        Assert.Equal([new CallingWindow(DayOfWeek.Saturday, new TimeOnly(10, 0), new TimeOnly(16, 0))], read.Schedule.Windows);
        Assert.Empty(read.Schedule.BlackoutDates);
        Assert.Equal(5, read.Retry.MaxAttempts);
        Assert.Equal(2, read.Retry.MaxAttemptsPerDay);
        Assert.Equal(TimeSpan.FromHours(2), read.Retry.Delays[CallOutcome.NoAnswer]);
        Assert.Equal(new RotationPolicy(), read.Rotation);
        Assert.Equal(new CallerNumber("n1", "+8613800138000", null, 0), Assert.Single(read.CallerNumbers));
        Assert.Empty(read.AgentIds);
        Assert.Equal(("simulator", "0 0 2 * * ?"), (read.ProviderAccount, read.NightlyBatchCron));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("{}")]                                                                       // no schedule
    [InlineData("""{"schedule":null}""")]
    [InlineData("""{"schedule":{"windows":[]}}""")]                                          // no time zone
    [InlineData("""{"schedule":{"time_zone_id":"UTC","windows":[{"day":1,"start":"09:00","end":"10:00"}]}}""")]
    [InlineData("""{"schedule":{"time_zone_id":"UTC","windows":[{"day":"someday","start":"09:00","end":"10:00"}]}}""")]
    [InlineData("""{"schedule":{"time_zone_id":"UTC","windows":[]},"retry":{"delays":{"engaged":"00:10:00"}}}""")]
    [InlineData("""{"schedule":{"time_zone_id":"UTC","windows":[]},"retry":{"final_outcomes":[6]}}""")]
    [InlineData("""{"schedule":{"time_zone_id":"UTC","windows":[]},"rotation":{"kind":"random"}}""")]
    [InlineData("""{"schedule":{"time_zone_id":"UTC","windows":[]},"agent_ids":null}""")]
    [InlineData("""{"schedule":{"time_zone_id":"UTC","windows":[]},"caller_numbers":[{"id":"a"}]}""")] // no number
    public void Json_that_is_not_settings_is_refused_on_load(string json)
    {
        Assert.ThrowsAny<JsonException>(() => CampaignSettings.FromJson(json));
    }

    /// <summary>
    /// A member the settings do not have is a damaged document, not one to read around: a cap stored under another name
    /// would otherwise load as 0, off.
    /// </summary>
    [Theory]
    [InlineData("frequency_caps", "per24_hours", "$.frequency_caps.per24_hours")]   // the names before migration 015
    [InlineData("frequency_caps", "lookback", "$.frequency_caps.lookback")]         // derived, once stored
    [InlineData("retry", "max_atempts", "$.retry.max_atempts")]
    [InlineData("schedule", "timezone", "$.schedule.timezone")]
    [InlineData("", "frequencycaps", "$.frequencycaps")]
    public void A_stored_document_with_a_member_the_settings_do_not_have_fails_on_load(string parent, string member, string path)
    {
        var json = JsonNode.Parse(Custom.ToJson())!.AsObject();
        (parent.Length == 0 ? json : json[parent]!.AsObject())[member] = 2;

        var failure = Assert.ThrowsAny<JsonException>(() => CampaignSettings.FromJson(json.ToJsonString()));

        Assert.Equal(path, failure.Path);
    }

    [Fact]
    public void The_shared_json_options_cannot_be_changed()
    {
        Assert.True(CampaignSettings.JsonOptions.IsReadOnly);
        Assert.Throws<InvalidOperationException>(() => CampaignSettings.JsonOptions.WriteIndented = true);
    }

    [Fact]
    public void Default_dials_every_day_from_nine_to_nine_with_default_policies()
    {
        var settings = CampaignSettings.Default("Asia/Shanghai");

        Assert.Empty(settings.Validate());
        Assert.Equal("Asia/Shanghai", settings.Schedule.TimeZoneId);
        Assert.Equal(
            [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday],
            settings.Schedule.Windows.Select(w => w.Day));
        Assert.All(settings.Schedule.Windows, w => Assert.Equal((new TimeOnly(9, 0), new TimeOnly(21, 0)), (w.Start, w.End)));
        Assert.Equal(3, settings.Retry.MaxAttempts);
        Assert.Equal(RotationKind.RoundRobin, settings.Rotation.Kind);
        Assert.Equal(("simulator", "0 0 2 * * ?"), (settings.ProviderAccount, settings.NightlyBatchCron));
    }

    [Fact]
    public void Validate_gathers_every_error_with_its_json_path()
    {
        var settings = CampaignSettings.Default("Nowhere/Atlantis") with
        {
            Schedule = new CallingSchedule("Nowhere/Atlantis", [new CallingWindow(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(9, 0))]),
            Retry = new RetryPolicy { MaxAttempts = 0 },
            Rotation = new RotationPolicy { MinAnswerRate = 2 },
            CallerNumbers =
            [
                new CallerNumber("a", "+861062345678"),
                new CallerNumber("a", "010-62345678"),
                new CallerNumber(" ", "+8675512345678", DailyCap: -1),
            ],
            AgentIds = ["agent-1", ""],
            ProviderAccount = " ",
            NightlyBatchCron = "0 2 * * *",
        };

        var errors = settings.Validate();

        Assert.Equal(
        [
            "schedule.time_zone_id",
            "schedule.windows[0]",
            "retry.max_attempts",
            "rotation.min_answer_rate",
            "caller_numbers[1].id",
            "caller_numbers[1].number",
            "caller_numbers[2].id",
            "caller_numbers[2].daily_cap",
            "agent_ids[1]",
            "provider_account",
            "nightly_batch_cron",
        ], errors.Select(e => e.Field));
        Assert.Contains("caller_numbers[0]", errors[4].Message);
    }

    [Fact]
    public void Validate_reports_parts_missing_from_a_careless_document_instead_of_crashing()
    {
        var settings = CampaignSettings.Default("UTC") with { Schedule = null!, Retry = null!, CallerNumbers = null!, AgentIds = [null!] };

        Assert.Equal(["schedule", "retry", "caller_numbers", "agent_ids[0]"], settings.Validate().Select(e => e.Field));
    }

    [Theory]
    [InlineData("+861062345678", true)]
    [InlineData("+12025550100", true)]
    [InlineData("+12345678", true)]           // 8 digits
    [InlineData("+123456789012345", true)]    // 15 digits
    [InlineData("+1234567", false)]           // 7 digits
    [InlineData("+1234567890123456", false)]  // 16 digits
    [InlineData("+0861062345678", false)]
    [InlineData("861062345678", false)]
    [InlineData("+86 10 6234 5678", false)]
    [InlineData("", false)]
    public void Caller_numbers_must_be_e164(string number, bool valid)
    {
        var settings = CampaignSettings.Default("UTC") with { CallerNumbers = [new CallerNumber("n", number)] };

        Assert.Equal(valid ? Array.Empty<string>() : ["caller_numbers[0].number"], settings.Validate().Select(e => e.Field));
    }

    [Theory]
    [InlineData("0 0 2 * * ?", true)]
    [InlineData("0 30 1 ? * MON-FRI", true)]
    [InlineData("0 0/15 8-20 * * ?", true)]
    [InlineData("0 0 2 L * ? 2030", false)] // a year: Hangfire's crons repeat every year
    [InlineData("  0  0 2 * * ?  ", true)]
    [InlineData("0 2 * * *", false)]          // Unix cron: no seconds
    [InlineData("0 0 2 * * MON", false)]      // both day fields set
    [InlineData("0 0 2 ? * ?", false)]        // neither day field set
    [InlineData("0 ? 2 * * ?", false)]        // '?' outside the day fields
    [InlineData("0 0 2 * * ? 2030 x", false)] // 8 fields
    [InlineData("0 0 2 * * ; ?", false)]
    [InlineData("0 0 25 * * ?", false)]       // no 25th hour: now checked when saved
    [InlineData("", false)]
    public void The_nightly_batch_cron_must_have_quartz_shape(string cron, bool valid)
    {
        var settings = CampaignSettings.Default("UTC") with { NightlyBatchCron = cron };

        Assert.Equal(valid ? Array.Empty<string>() : ["nightly_batch_cron"], settings.Validate().Select(e => e.Field));
    }
}
