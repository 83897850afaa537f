using AutoDialer.PostgreSql.DataProtection;
using AutoDialer.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AutoDialer.PostgreSql.Tests.DataProtection;

/// <summary>ASP.NET Core Data Protection's key ring in <c>data_protection_keys</c>: what one node protects, another reads.</summary>
[Collection("postgres")]
public sealed class DataProtectionKeyTableTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_key_made_by_one_node_is_in_the_table_and_another_node_unprotects_with_it()
    {
        var database = await postgres.CreateDatabaseAsync("data_protection");
        Assert.Empty(new DataProtectionKeyTable(database).GetAllElements());

        using var nodeA = Node(database);
        var secret = nodeA.GetDataProtector("sign-in").Protect("ops");
        using var nodeB = Node(database);

        Assert.Equal("ops", nodeB.GetDataProtector("sign-in").Unprotect(secret));
        var key = Assert.Single(new DataProtectionKeyTable(database).GetAllElements());
        Assert.Equal("key", key.Name.LocalName);
        await using var friendlyName = database.CreateCommand("select friendly_name from data_protection_keys");
        Assert.StartsWith("key-", (string)(await friendlyName.ExecuteScalarAsync())!, StringComparison.Ordinal);
    }

    /// <summary>A node's Data Protection as AddAutoDialer configures it: one application name, the key ring in the table.</summary>
    private static ServiceProvider Node(NpgsqlDataSource database)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("AutoDialer");
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new DataProtectionKeyTable(database));
        return services.BuildServiceProvider();
    }
}
