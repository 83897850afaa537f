namespace AutoDialer.Telephony.Udesk;

/// <summary>
/// Where the answer to a page's <c>AppDataProvider.GetToken</c> comes from. The document says only that the CC PaaS
/// server side provides the method and the customer's back end generates the token ("客户提供相应后端接口;负责生成token给前端"):
/// either the tenant's own back end (<see cref="UdeskTokenUrlSource"/>) or our signer (<see cref="UdeskTokenSigner"/>),
/// whose algorithm is an assumption (<see cref="AutoDialer.Core.Telephony.Udesk.UdeskAssumptions"/>).
/// </summary>
internal interface IUdeskTokenSource
{
    /// <summary>The JSON object to hand the page, as UTF-8 text; throws <see cref="UdeskTokenSourceException"/> when there is none.</summary>
    Task<string> GetJsonAsync(string agentId, CancellationToken cancellationToken);
}
