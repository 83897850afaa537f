using System.ComponentModel;

namespace AutoDialer.AspNetCore.Access;

/// <summary>
/// One entry of <c>AutoDialer:Auth:ApiKeys</c>: <c>{ "Name": "crm", "Key": "…", "Role": "operator", "Agents": ["1001"] }</c>,
/// or, as before roles and scopes existed, just the key text: an unscoped admin key named <c>api-key-N</c> (its position,
/// from 1).
/// </summary>
[TypeConverter(typeof(ApiKeyCredentialConverter))]
internal sealed class ApiKeyCredential
{
    /// <summary>How logs, audit trails and bridge tokens name this key (never by its text). Default <c>api-key-N</c>; unique.</summary>
    public string Name { get; set; } = "";

    /// <summary>The secret sent in <c>X-Api-Key</c>. Give each client its own, so one can be revoked alone.</summary>
    public string Key { get; set; } = "";

    /// <summary>Carried as the role claim: <c>viewer</c>, <c>operator</c> or <c>admin</c>. The default value is <c>admin</c>.</summary>
    /// <remarks>Text, checked when the host starts: an unknown word stops the start naming the setting (an enum would make the
    /// configuration binder drop the whole entry in silence).</remarks>
    public string Role { get; set; } = AccessRoles.Admin;

    /// <summary>
    /// The agents this key may act for: mint their bridge tokens and vendor tokens. Empty (the default) means every agent.
    /// </summary>
    public List<string> Agents { get; set; } = [];

    public bool IsScoped => Agents.Count > 0;

    public bool MayActFor(string agentId) => !IsScoped || Agents.Contains(agentId, StringComparer.Ordinal);

    /// <summary>The name a key without one gets: its position in the list, from 1, as keys have always been named.</summary>
    public static string DefaultName(int index) => $"api-key-{index + 1}";

    public override string ToString() => Name;
}
