namespace AutoDialer.Core.StoredWords;

/// <summary>Which of its two checks the dial gate refused a contact at; stored by its name in <see cref="DialGateStages"/>.</summary>
internal enum DialGateStage
{
    /// <summary>In the lease, before an attempt was written.</summary>
    Lease,

    /// <summary>Just before make-call: the lease was given back.</summary>
    Dial,
}
