namespace AutoDialer.Chaos.Judging;

/// <summary>
/// <c>dialled_outside_window</c>: no call reaches the call center outside its campaign's calling window, judged in the
/// campaign's time zone by the call center's clock. A make-call reaches it at most the campaign's
/// <see cref="JudgedCampaign.MakeCallLateness"/> (the make-call deadline) after the dial gate's last check, so a call that arrived within that span after the window closed passed
/// the gate while it was open; nothing excuses one before the window opens.
/// </summary>
internal static class CallingWindowRule
{
    public static long Count(IEnumerable<(TruthDial Call, long CampaignId)> placed, IReadOnlyDictionary<long, JudgedCampaign> campaigns,
        Action<string> example)
    {
        ArgumentNullException.ThrowIfNull(placed);
        ArgumentNullException.ThrowIfNull(campaigns);
        ArgumentNullException.ThrowIfNull(example);
        long outside = 0;
        foreach (var (call, campaignId) in placed)
        {
            if (!campaigns.TryGetValue(campaignId, out var campaign)) continue;
            var schedule = campaign.Schedule;
            if (schedule.IsOpen(call.At) || schedule.IsOpen(call.At - campaign.MakeCallLateness)) continue;
            outside++;
            var local = TimeZoneInfo.ConvertTime(call.At, TimeZoneInfo.FindSystemTimeZoneById(schedule.TimeZoneId));
            example($"dialled_outside_window: call {call.BusinessId} to {call.Number} at {call.At:O} ({local:ddd HH:mm:ss} in {schedule.TimeZoneId}) outside campaign {campaignId}'s calling window");
        }

        return outside;
    }
}
