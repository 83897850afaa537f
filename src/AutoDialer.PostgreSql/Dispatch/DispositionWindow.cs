using AutoDialer.Core.Dispatch;
using AutoDialer.Core.Dispositions;

namespace AutoDialer.PostgreSql.Dispatch;

/// <summary>
/// Which of a caller number's calls its disposition figures count: its last <paramref name="Size"/> calls (the
/// campaign's <c>rotation.answer_rate_window</c>), and which of the campaign's codes are complaints.
/// </summary>
internal sealed record DispositionWindow(long CampaignId, string NumberId, int Size, IReadOnlyList<string> ComplaintCodes)
{
    /// <summary>The window of <paramref name="numberId"/> by its campaign's settings as they are now.</summary>
    public static DispositionWindow Of(long campaignId, string numberId, RotationPolicy rotation, DispositionPolicy dispositions)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        ArgumentNullException.ThrowIfNull(dispositions);
        return new(campaignId, numberId, rotation.AnswerRateWindow, dispositions.Codes.Where(c => c.Complaint).Select(c => c.Code).ToList());
    }
}
