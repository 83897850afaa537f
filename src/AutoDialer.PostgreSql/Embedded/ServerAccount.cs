namespace AutoDialer.PostgreSql.Embedded;

/// <summary>
/// The operating-system account the server runs as. PostgreSQL refuses to run as root, so a root process
/// runs the server programs as an unprivileged account through runuser; anyone else runs them directly.
/// </summary>
internal sealed record ServerAccount(string Name, int UserId, int GroupId, bool IsOtherUser)
{
    public static async Task<ServerAccount> ResolveAsync(string accountName, CancellationToken cancellationToken)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return new ServerAccount(Environment.UserName, -1, -1, IsOtherUser: false);
        }

        var lookup = await new ExternalCommand("getent", ["passwd", accountName]).RunAsync(cancellationToken)
            .ConfigureAwait(false);
        // passwd line: name:password:uid:gid:gecos:home:shell
        var fields = lookup.Succeeded ? (lookup.Output.Count > 0 ? lookup.Output[0] : null)?.Split(':') : null;
        if (fields is not { Length: >= 4 }
            || !int.TryParse(fields[2], out var userId)
            || !int.TryParse(fields[3], out var groupId))
        {
            throw new EmbeddedPostgresException(
                $"Running as root, but PostgreSQL refuses to run as root and there is no '{accountName}' account " +
                "to run it as. Install PostgreSQL with `apt-get install postgresql` (it creates the account), " +
                "run AutoDialer as an ordinary user, or set AUTODIALER_DB to an existing server.");
        }

        return new ServerAccount(accountName, userId, groupId, IsOtherUser: true);
    }

    /// <summary>The command that runs <paramref name="program"/> as this account.</summary>
    public ExternalCommand Command(string program, params string[] arguments) =>
        IsOtherUser
            ? new ExternalCommand("runuser", ["-u", Name, "--", program, .. arguments])
            : new ExternalCommand(program, arguments);

    /// <summary>Hands files and directories we created to the account, so the server can write them.</summary>
    public async Task TakeOwnershipAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        if (!IsOtherUser)
        {
            return;
        }

        var result = await new ExternalCommand("chown", [$"{UserId}:{GroupId}", .. paths])
            .RunAsync(cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new EmbeddedPostgresException(
                $"Could not give {string.Join(", ", paths)} to the '{Name}' account:{Environment.NewLine}{result.LastLines()}");
        }
    }

    /// <summary>
    /// Whether the account can reach <paramref name="directory"/>: asking the kernel as that account
    /// covers every ancestor, group membership and ACLs, which reading mode bits would not.
    /// </summary>
    public async Task<bool> CanTraverseAsync(string directory, CancellationToken cancellationToken)
    {
        if (!IsOtherUser)
        {
            return true;
        }

        var result = await Command("test", "-x", directory).RunAsync(cancellationToken).ConfigureAwait(false);
        return result.Succeeded;
    }
}
