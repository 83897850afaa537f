using AutoDialer.Simulation;

namespace AutoDialer.AspNetCore.Tests.PlugIn;

/// <summary>
/// What an application can see of AutoDialer is its entry points and what calling them needs; everything else is
/// internal (the build freezes the same surface member by member in each library's PublicAPI.Shipped.txt).
/// </summary>
public sealed class PublicSurfaceTests
{
    [Fact]
    public void The_plug_in_exports_its_entry_points_their_options_and_the_access_names_only()
    {
        Assert.Equal(
            [
                "AutoDialer.AspNetCore.Access.AutoDialerAccess",
                "AutoDialer.AspNetCore.AutoDialerEndpointRouteBuilderExtensions",
                "AutoDialer.AspNetCore.AutoDialerHostApplicationBuilderExtensions",
                "AutoDialer.AspNetCore.AutoDialerOptions",
                "AutoDialer.AspNetCore.AutoDialerServiceCollectionExtensions",
            ],
            ExportedTypes(typeof(AutoDialerOptions)));
        Assert.Equal(
            ["AutoDialer.Simulation.SimulatorServiceCollectionExtensions", "AutoDialer.Simulation.SimulatorSettings"],
            ExportedTypes(typeof(SimulatorSettings)));
    }

    [Theory]
    [InlineData("AutoDialer.Core")]
    [InlineData("AutoDialer.PostgreSql")]
    [InlineData("AutoDialer.Telephony")]
    [InlineData("AutoDialer.Dialing")]
    public void The_libraries_behind_it_export_nothing(string assembly)
    {
        Assert.Empty(System.Reflection.Assembly.Load(assembly).GetExportedTypes().Select(t => t.FullName));
    }

    private static string[] ExportedTypes(Type member) =>
        member.Assembly.GetExportedTypes().Select(t => t.FullName!).Order(StringComparer.Ordinal).ToArray();
}
