namespace AutoDialer.Core.Settlement;

/// <summary>How far one attempt's call got, by the events stored for it.</summary>
internal enum StoredCallProgress
{
    /// <summary>No event of the call is stored.</summary>
    Nothing,

    /// <summary>Placed or ringing (Originated, Delivered), never answered.</summary>
    Ringing,

    /// <summary>Established is stored: the customer answered (as the call's classifier reads it).</summary>
    Answered,
}
