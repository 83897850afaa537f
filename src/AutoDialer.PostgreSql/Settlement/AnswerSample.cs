namespace AutoDialer.PostgreSql.Settlement;

/// <summary>One call's sample for its caller number's answer record, kept over the campaign's <paramref name="Window"/> latest calls.</summary>
internal sealed record AnswerSample(long CampaignId, string NumberId, bool Answered, int Window)
{
    /// <summary>It was answered and shorter than the campaign's short call (<see cref="Core.Dispatch.NumberHealthPolicy.ShortCallSeconds"/>).</summary>
    public bool Short { get; init; }

    /// <summary>The customer rejected it.</summary>
    public bool Rejected { get; init; }
}
