using System.Text.Json;
using AutoDialer.Simulation.Pages;

namespace AutoDialer.Simulation.Tests.Pages;

/// <summary>
/// The simulated page's record of its make-calls across a reload, as the bridge script keeps it: in the tab's
/// sessionStorage, so the reloaded page still names its earlier sessions and what it handed to its SDK in them; a page
/// whose stored data is gone forgets them.
/// </summary>
public sealed class PageCallStateTests
{
    [Theory]
    [InlineData(false, new[] { "s1", "s2" }, new[] { "42" })]
    [InlineData(true, new[] { "s2" }, new string[0])]
    public void A_reload_keeps_the_record_of_make_calls_unless_the_page_has_no_stored_outbox(bool forgetsMakeCalls, string[] sessions, string[] dialled)
    {
        var state = new PageCallState();
        state.Welcomed("s1");
        state.Handed("42");

        state.Forget(makeCalls: forgetsMakeCalls);
        state.Welcomed("s2");

        var report = JsonDocument.Parse(state.Message("agent-1")).RootElement;
        Assert.Equal(sessions, report.GetProperty("sessions").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(dialled, report.GetProperty("dialled").EnumerateArray().Select(s => s.GetString()));
        Assert.False(report.GetProperty("known").GetBoolean());
    }
}
