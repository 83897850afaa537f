namespace AutoDialer.PostgreSql.Campaigns;

internal sealed class CampaignExistsException(string name) : InvalidOperationException($"a campaign named '{name}' already exists")
{
    public string Name { get; } = name;
}
