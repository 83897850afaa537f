namespace AutoDialer.Core.Preview;

/// <summary>How a preview offer ended on the agent's page.</summary>
internal enum PreviewAnswer
{
    /// <summary>The agent chose to dial now.</summary>
    Dial,

    /// <summary>The agent skipped the contact (a skip the offer allowed).</summary>
    Skip,

    /// <summary>The countdown ended without a decision.</summary>
    TimedOut,

    /// <summary>The page went away (or cannot show offers): nobody saw it to the end.</summary>
    Lost,
}
