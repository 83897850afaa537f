namespace AutoDialer.Core.Preview;

/// <summary>What the end of a preview's countdown does when the agent did not decide; stored as <c>dial</c> or <c>skip</c>.</summary>
internal enum PreviewTimeoutAction
{
    Dial,
    Skip,
}
