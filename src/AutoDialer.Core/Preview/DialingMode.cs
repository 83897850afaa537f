namespace AutoDialer.Core.Preview;

/// <summary>How a campaign hands contacts to its agents; stored in its settings as <c>progressive</c> or <c>preview</c>.</summary>
internal enum DialingMode
{
    /// <summary>The call is placed for the agent at once; the page shows the contact as it rings.</summary>
    Progressive,

    /// <summary>The page shows the contact first, with a countdown; the agent dials now or skips, and the campaign says what the countdown's end does.</summary>
    Preview,
}
