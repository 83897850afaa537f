namespace AutoDialer.Telephony.Meiqia;

/// <summary>An SDK token of <c>POST /openapi/ent/v1/login</c> for one agent, with when it was issued and expires.</summary>
internal sealed record MeiqiaSdkToken(string AgentId, string Token, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)
{
    /// <summary>Half its lifetime, when the document asks for a new one.</summary>
    public DateTimeOffset RefreshAt => IssuedAt + (ExpiresAt - IssuedAt) / 2;

    /// <summary>The token must never be printed.</summary>
    public override string ToString() => $"Meiqia SDK token for agent {AgentId}, expires {ExpiresAt:O}";
}
