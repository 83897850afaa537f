using AutoDialer.Core.Telephony;
using AutoDialer.Telephony.Meiqia;
using Microsoft.Playwright;

namespace AutoDialer.Bridge.Tests.Support;

/// <summary>
/// One vendor's sample workbench page as the browser tests open it, over its stand-in SDK: the account it belongs to,
/// the card's language (Udesk's page in Chinese, Meiqia's in English), and where its stand-in call center records the
/// make-calls the dialer sent (Udesk: <c>MakeCallAsync(number, { BizId })</c>; Meiqia: <c>call({ client: { number, userData } })</c>).
/// </summary>
internal sealed record VendorPage(string Vendor, string Account, string Lang, string Locale, string DialMethod, string DialOf)
{
    public static readonly VendorPage Udesk = new("udesk", BridgeHost.UdeskAccount, "zh", "zh-CN",
        "MakeCallAsync", "c => [String(c.args[0]), String((c.args[1] || {}).BizId)]");

    public static readonly VendorPage Meiqia = new("meiqia", BridgeHost.MeiqiaAccount, "en", "en-US",
        "call", "c => [String(c.args[0].client.number), String(c.args[0].client.userData)]");

    public static VendorPage Named(string vendor) => vendor switch
    {
        "udesk" => Udesk,
        "meiqia" => Meiqia,
        _ => throw new ArgumentOutOfRangeException(nameof(vendor), vendor, "udesk or meiqia"),
    };

    /// <summary>The page for <paramref name="agentId"/> in this vendor's language.</summary>
    public string Url(BridgeHost host, string agentId) =>
        (this == Udesk ? host.UdeskWorkbench(agentId) : host.MeiqiaWorkbench(agentId)) + "&lang=" + Lang;

    public ICallCenter CallCenter(BridgeHost host) => this == Udesk ? host.Udesk : host.MeiqiaCenter;

    /// <summary>
    /// Meiqia's Open API lists <paramref name="agentIds"/> registered and free. Meiqia reports no status after a call:
    /// an agent is free again once a listing fetched after its hang-up says so (the engine's sweep fetches it).
    /// </summary>
    public static void ListedFree(BridgeHost host, params string[] agentIds) =>
        host.Meiqia.OnJson(MeiqiaOpenApiClient.AgentsPath, 200,
            "[" + string.Join(',', agentIds.Select(id => $$"""{"agent_id":{{id}},"register_status":"register","worker_status":""}""")) + "]");

    /// <summary>
    /// The agent list the sweep fetches before it dispatches, fetched now: Meiqia's (from the Open API) is what frees its
    /// agents after a call. Udesk's pages report their agents' state themselves, and its list is asked through a
    /// connected page (which a bare socket never answers), so nothing is fetched for it.
    /// </summary>
    public async Task ListAgentsAsync(BridgeHost host)
    {
        if (this != Meiqia) return;
        var listed = await host.MeiqiaCenter.GetOtherAgentsAsync(null, CancellationToken.None);
        Assert.True(listed.IsSuccess, listed.Code + " " + listed.Message);
    }

    /// <summary>The make-calls the page's call center received, in order: (number as dialled, business id).</summary>
    public async Task<IReadOnlyList<(string Number, string BizId)>> MakeCallsAsync(IPage page)
    {
        var calls = await page.EvaluateAsync<string[][]>($"() => FakeCallCenter.callsOf('{DialMethod}').map({DialOf})");
        return calls.Select(c => (c[0], c[1])).ToList();
    }

    /// <summary>Waits until the page's call center has received <paramref name="count"/> make-calls.</summary>
    public Task UntilMakeCallsAsync(IPage page, int count) =>
        page.WaitForFunctionAsync($"() => FakeCallCenter.callsOf('{DialMethod}').length >= {count}");

    public override string ToString() => Vendor;
}
