using System.Security.Claims;
using AutoDialer.AspNetCore.Access;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoDialer.AspNetCore.Tests;

/// <summary><c>AutoDialer:Auth</c> as configuration gives it: today's plain keys and the new key objects side by side, checked at start.</summary>
public sealed class AccessOptionsTests
{
    [Fact]
    public void Plain_keys_are_unscoped_admin_keys_named_by_position_and_objects_carry_name_role_and_agents()
    {
        var access = Bind(new Dictionary<string, string?>
        {
            ["AutoDialer:Auth:ApiKeys:0"] = "plain-key",
            ["AutoDialer:Auth:ApiKeys:1:Name"] = "crm",
            ["AutoDialer:Auth:ApiKeys:1:Key"] = "crm-key",
            ["AutoDialer:Auth:ApiKeys:1:Role"] = "operator",
            ["AutoDialer:Auth:ApiKeys:1:Agents:0"] = "1001",
            ["AutoDialer:Auth:ApiKeys:1:Agents:1"] = "1002",
            ["AutoDialer:Auth:ApiKeys:2:Key"] = "viewer-key",
            ["AutoDialer:Auth:ApiKeys:2:Role"] = "Viewer",
            ["AutoDialer:Auth:Users:0:Name"] = "ops",
            ["AutoDialer:Auth:Users:0:PasswordHash"] = "h",
            ["AutoDialer:Auth:Users:1:Name"] = "watcher",
            ["AutoDialer:Auth:Users:1:PasswordHash"] = "h",
            ["AutoDialer:Auth:Users:1:Role"] = "viewer",
        });

        Assert.Equal(
            [("api-key-1", "plain-key", AccessRole.Admin, ""), ("crm", "crm-key", AccessRole.Operator, "1001,1002"), ("api-key-3", "viewer-key", AccessRole.Viewer, "")],
            access.ApiKeys.Select(k => (k.Name, k.Key, AccessRoles.Parse(k.Role), string.Join(',', k.Agents))));
        Assert.Equal([AccessRole.Admin, AccessRole.Viewer], access.Users.Select(u => AccessRoles.Parse(u.Role)));

        var crm = AccessIdentities.ForKey(access.ApiKeys[1]);
        Assert.Equal("crm", crm.Name);
        Assert.Equal(AccessRoles.Operator, crm.FindFirst(ClaimTypes.Role)?.Value);
        Assert.Equal(["1001", "1002"], crm.FindAll(AccessClaims.Agent).Select(c => c.Value));
        Assert.Equal([AccessClaims.AllAgents], AccessIdentities.ForKey(access.ApiKeys[0]).FindAll(AccessClaims.Agent).Select(c => c.Value));
        Assert.Equal(AccessRoles.Admin, AccessIdentities.ForUser(access.Users[0]).FindFirst(ClaimTypes.Role)?.Value);
    }

    [Theory]
    [InlineData("AutoDialer:Auth:ApiKeys:0:Name", "crm", "AutoDialer:Auth:ApiKeys:0 (crm) has no Key")]
    [InlineData("AutoDialer:Auth:ApiKeys:1", "first-key", "AutoDialer:Auth:ApiKeys lists one key twice")]
    [InlineData("AutoDialer:Auth:ApiKeys:1:Name", "api-key-1", "two keys named 'api-key-1'")]
    [InlineData("AutoDialer:Auth:ApiKeys:0:Role", "superuser", "AutoDialer:Auth:ApiKeys:0:Role ('superuser') must be viewer, operator or admin")]
    public void A_key_entry_that_cannot_be_meant_stops_the_start_naming_it(string setting, string value, string message)
    {
        var settings = new Dictionary<string, string?> { ["AutoDialer:Auth:ApiKeys:0"] = "first-key", [setting] = value };
        if (setting == "AutoDialer:Auth:ApiKeys:0:Name") settings.Remove("AutoDialer:Auth:ApiKeys:0");
        if (setting == "AutoDialer:Auth:ApiKeys:1:Name") settings["AutoDialer:Auth:ApiKeys:1:Key"] = "second-key";
        if (setting == "AutoDialer:Auth:ApiKeys:0:Role") { settings.Remove("AutoDialer:Auth:ApiKeys:0"); settings["AutoDialer:Auth:ApiKeys:0:Key"] = "first-key"; }

        var failure = Assert.ThrowsAny<Exception>(() => Bind(settings));
        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_plain_entry_is_no_key_as_before()
    {
        var access = Bind(new Dictionary<string, string?> { ["AutoDialer:Auth:ApiKeys:0"] = "" });
        Assert.False(access.IsConfigured);
    }

    /// <summary>The options as AddAutoDialer binds, names and validates them (nothing is started).</summary>
    private static AccessOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddAutoDialer(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<AccessOptions>>().Value;
    }
}
