using System.Net;

namespace AutoDialer.Telephony.Meiqia;

/// <summary>A Meiqia Open API call failed; <see cref="Error"/> says how, so callers can tell a setting to fix
/// (<see cref="MeiqiaOpenApiError.Unauthorized"/>) from an outage.</summary>
internal sealed class MeiqiaOpenApiException(MeiqiaOpenApiError error, string message, HttpStatusCode? status = null, Exception? inner = null)
    : Exception(message, inner)
{
    public MeiqiaOpenApiError Error { get; } = error;

    public HttpStatusCode? StatusCode { get; } = status;
}
