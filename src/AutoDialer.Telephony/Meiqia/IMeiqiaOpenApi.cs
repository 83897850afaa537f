namespace AutoDialer.Telephony.Meiqia;

/// <summary>The two Meiqia Open API calls the dialer makes. Failures throw <see cref="MeiqiaOpenApiException"/>.</summary>
internal interface IMeiqiaOpenApi
{
    /// <summary><c>GET /openapi/ent/v1/sip/configs</c>.</summary>
    Task<IReadOnlyList<MeiqiaAgent>> GetAgentsAsync(CancellationToken cancellationToken);

    /// <summary><c>POST /openapi/ent/v1/login</c> with <c>{ agent_id }</c>.</summary>
    Task<MeiqiaSdkToken> LoginAsync(string agentId, CancellationToken cancellationToken);
}
