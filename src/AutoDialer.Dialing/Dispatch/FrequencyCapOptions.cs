using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Dispatch;

namespace AutoDialer.Dialing.Dispatch;

/// <summary>
/// The installation's frequency caps per callee (<c>AutoDialer:Dialing:FrequencyCaps</c>), for campaigns without their
/// own: dials of one number by any campaign in a rolling 24 hours and 7 days, and by one caller number in 24 hours. 0 = off.
/// </summary>
internal sealed class FrequencyCapOptions
{
    public int Per24Hours { get; set; } = FrequencyCaps.Default.Per24Hours;

    public int Per7Days { get; set; } = FrequencyCaps.Default.Per7Days;

    public int PerCallerNumberPer24Hours { get; set; } = FrequencyCaps.Default.PerCallerNumberPer24Hours;

    /// <summary>What is wrong with these caps, one sentence each naming the setting (none when they are valid).</summary>
    public IEnumerable<string> Errors() =>
        Caps().Validate().Select(e => e.Under("AutoDialer:Dialing:FrequencyCaps").ToString());

    private FrequencyCaps Caps() =>
        new() { Per24Hours = Per24Hours, Per7Days = Per7Days, PerCallerNumberPer24Hours = PerCallerNumberPer24Hours };

    /// <exception cref="SettingsValidationException">A cap is negative.</exception>
    public FrequencyCaps ToCaps()
    {
        var caps = Caps();
        var errors = caps.Validate();
        return errors.Count == 0 ? caps : throw new SettingsValidationException(errors.Select(e => e.Under("AutoDialer:Dialing:FrequencyCaps")).ToList());
    }
}
