namespace AutoDialer.AspNetCore.Access;

/// <summary>One entry of <c>AutoDialer:Auth:Users</c>: a person who may sign in to the dashboard.</summary>
internal sealed class DashboardUser
{
    public string Name { get; set; } = "";

    /// <summary>
    /// An ASP.NET Core Identity password hash (PBKDF2), as <c>autodialer auth hash-password</c> prints it; never the password.
    /// </summary>
    public string PasswordHash { get; set; } = "";

    /// <summary>Carried as the role claim of the sign-in: <c>viewer</c>, <c>operator</c> or <c>admin</c>. The default value is <c>admin</c>.</summary>
    /// <remarks>Text, checked when the host starts: an unknown word stops the start naming the setting (an enum would make the
    /// configuration binder drop the whole entry in silence).</remarks>
    public string Role { get; set; } = AccessRoles.Admin;

    public override string ToString() => Name;
}
