using AutoDialer.AspNetCore.Access;

namespace AutoDialer.AspNetCore.Tests;

/// <summary>The role rule as a table: what a request needs, and who holds it.</summary>
public sealed class RoleRuleTests
{
    public static IEnumerable<object[]> Needs => new TheoryData<Permission?, string, AccessRole>()
    {
        // declared, method, role needed
        { null, "GET", AccessRole.Viewer },
        { null, "HEAD", AccessRole.Viewer },
        { null, "POST", AccessRole.Admin },       // nothing declared: a change is admin's until someone decides otherwise
        { null, "PUT", AccessRole.Admin },
        { null, "DELETE", AccessRole.Admin },
        { null, "PATCH", AccessRole.Admin },
        { Permission.Read, "POST", AccessRole.Viewer },
        { Permission.RunCampaigns, "POST", AccessRole.Operator },
        { Permission.UploadLists, "POST", AccessRole.Operator },
        { Permission.AddDoNotCall, "POST", AccessRole.Operator },
        { Permission.ActForAgents, "POST", AccessRole.Operator },
        { Permission.EditCampaigns, "PUT", AccessRole.Admin },
        { Permission.CancelCampaigns, "POST", AccessRole.Admin },
        { Permission.RemoveDoNotCall, "POST", AccessRole.Admin },
        { Permission.RunJobs, "POST", AccessRole.Admin },
        { Permission.ReadAudit, "GET", AccessRole.Admin },
    };

    [Theory]
    [MemberData(nameof(Needs))]
    internal void A_request_needs_its_declared_permissions_role_else_viewer_to_read_and_admin_to_change(Permission? declared, string method, AccessRole needed) =>
        Assert.Equal(needed, RoleRequirement.NeededRole(declared, method));

    [Theory]
    [InlineData(AccessRole.Viewer, false, Permission.ActForAgents, false)]
    [InlineData(AccessRole.Viewer, true, Permission.ActForAgents, true)]     // a key scoped to agents, for those agents
    [InlineData(AccessRole.Viewer, true, Permission.RunCampaigns, false)]    // its scope grants nothing else
    [InlineData(AccessRole.Operator, false, Permission.ActForAgents, true)]
    [InlineData(AccessRole.Operator, false, Permission.CancelCampaigns, false)]
    [InlineData(AccessRole.Admin, false, Permission.ReadAudit, true)]
    internal void A_role_holds_what_the_table_grants_it(AccessRole held, bool scopedKey, Permission declared, bool allowed) =>
        Assert.Equal(allowed, RoleRequirement.Allows(held, scopedKey, declared, "POST"));

    [Fact]
    public void Every_permission_has_a_name_and_a_role_and_each_role_holds_the_lesser_ones_permissions()
    {
        Assert.Equal(Permissions.All.Count, Permissions.All.Select(p => p.ToName()).Distinct().Count());
        Assert.Equal([Permission.Read], Permissions.Of(AccessRole.Viewer));
        Assert.Subset(Permissions.Of(AccessRole.Operator).ToHashSet(), Permissions.Of(AccessRole.Viewer).ToHashSet());
        Assert.Equal(Permissions.All, Permissions.Of(AccessRole.Admin));
    }
}
