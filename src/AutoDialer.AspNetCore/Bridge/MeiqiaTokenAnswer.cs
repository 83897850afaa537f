namespace AutoDialer.AspNetCore.Bridge;

/// <summary><c>GET /api/providers/meiqia/token</c>'s answer, written with <see cref="PageJson"/>: <c>{ token, expiresAt }</c>.</summary>
internal sealed record MeiqiaTokenAnswer(string Token, DateTimeOffset ExpiresAt);
