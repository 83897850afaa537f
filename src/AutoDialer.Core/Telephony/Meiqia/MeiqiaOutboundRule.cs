namespace AutoDialer.Core.Telephony.Meiqia;

/// <summary>
/// Meiqia's outbound caller-number rule (<c>default_rule</c> of <c>getAgentRule</c>, <c>rule</c> of
/// <c>setOutNumber</c>): 1 人工指定号码 (manual numbers), 2 动态号码组 (dynamic number groups). The port speaks of
/// trunk numbers and pools; see <see cref="MeiqiaAssumptions"/> for how the two line up.
/// </summary>
internal static class MeiqiaOutboundRule
{
    public const int ManualNumbers = 1;
    public const int DynamicGroups = 2;

    public static int Of(NumberSourceType type) => type switch
    {
        NumberSourceType.TrunkNumber => ManualNumbers,
        NumberSourceType.NumberPool => DynamicGroups,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a number source type."),
    };

    public static NumberSourceType? ToNumberSourceType(int? rule) => rule switch
    {
        ManualNumbers => NumberSourceType.TrunkNumber,
        DynamicGroups => NumberSourceType.NumberPool,
        _ => null,
    };
}
