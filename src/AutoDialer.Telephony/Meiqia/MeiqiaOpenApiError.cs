namespace AutoDialer.Telephony.Meiqia;

/// <summary>Why a Meiqia Open API call failed.</summary>
internal enum MeiqiaOpenApiError
{
    /// <summary>HTTP 401: the access token is wrong or expired. Not retried; fix the setting.</summary>
    Unauthorized,

    /// <summary>Another 4xx: the request was refused. Not retried.</summary>
    Refused,

    /// <summary>5xx or a connection failure, after the retries allowed.</summary>
    Unavailable,

    /// <summary>No answer within the attempt timeout, after the retries allowed.</summary>
    Timeout,

    /// <summary>Too many recent failures: calls are not sent until the break is over.</summary>
    CircuitOpen,

    /// <summary>An answer that is not the JSON the document describes.</summary>
    MalformedResponse,
}
