namespace AutoDialer.PostgreSql.Campaigns;

public sealed class CampaignExistsException(string name) : InvalidOperationException($"a campaign named '{name}' already exists")
{
    public string Name { get; } = name;
}
