using AutoDialer.Core.Telephony.Udesk;

namespace AutoDialer.Core.Events;

/// <summary>
/// Release causes (Q.850 names as FreeSWITCH spells them) expected in the assumed
/// <see cref="UdeskAssumptions.HangupCauseField"/>; not documented by Udesk.
/// </summary>
internal static class HangupCauses
{
    public const string NormalClearing = "NORMAL_CLEARING";
    public const string UserBusy = "USER_BUSY";
    public const string NoUserResponse = "NO_USER_RESPONSE";
    public const string NoAnswer = "NO_ANSWER";
    public const string CallRejected = "CALL_REJECTED";
    public const string OriginatorCancel = "ORIGINATOR_CANCEL";
    public const string UnallocatedNumber = "UNALLOCATED_NUMBER";
    public const string NoRouteDestination = "NO_ROUTE_DESTINATION";
    public const string InvalidNumberFormat = "INVALID_NUMBER_FORMAT";
    public const string NormalTemporaryFailure = "NORMAL_TEMPORARY_FAILURE";
    public const string RecoveryOnTimerExpire = "RECOVERY_ON_TIMER_EXPIRE";
}
