using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Dispatch;
using Microsoft.Extensions.Options;

namespace AutoDialer.Dialing.Dispatch;

/// <summary>The frequency caps in force for a campaign: its own, else the installation's (<see cref="DialingOptions.FrequencyCaps"/>).</summary>
internal sealed class FrequencyCapsInForce(IOptions<DialingOptions> options)
{
    private readonly FrequencyCaps _installation = options.Value.FrequencyCaps.ToCaps();

    public FrequencyCaps For(CampaignSettings settings) => settings.FrequencyCaps ?? _installation;
}
