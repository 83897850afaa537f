namespace AutoDialer.Telephony.Udesk;

/// <summary>The configured token source gave no usable answer; the message says which source and why (never a secret).</summary>
internal sealed class UdeskTokenSourceException(string message, bool timedOut = false, Exception? inner = null)
    : Exception(message, inner)
{
    public bool TimedOut { get; } = timedOut;
}
