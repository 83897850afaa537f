namespace AutoDialer.Core.Telephony;

/// <summary>
/// The <c>type</c> of Udesk's <c>GetNumberPoolAndSpNumAsync</c>/<c>SetSpNumberPoolNumAsync</c>. The document
/// says, for both methods: 1 = trunk number (中继号), 2 = number pool (号码池).
/// </summary>
internal enum NumberSourceType
{
    TrunkNumber = 1,
    NumberPool = 2,
}
