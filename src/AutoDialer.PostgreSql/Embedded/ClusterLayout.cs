using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace AutoDialer.PostgreSql.Embedded;

/// <summary>
/// Where the files of one embedded cluster live. Coordination files (lock, leases, password) always stay in
/// the home; the cluster itself (data directory and server log) lives in <see cref="ClusterRoot"/>, which is
/// the home unless the server account cannot reach it.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed record ClusterLayout(string Home, string ClusterRoot)
{
    public string DataDirectory => Path.Combine(ClusterRoot, "pg");

    /// <summary>initdb writes here first; renamed to <see cref="DataDirectory"/> once complete.</summary>
    public string PendingDataDirectory => Path.Combine(ClusterRoot, "pg.initdb");

    public string InitDbPasswordFile => Path.Combine(ClusterRoot, "pg.initdb-password");

    public string LogFile => Path.Combine(ClusterRoot, "pg.log");

    public string PasswordFile => Path.Combine(Home, "pg.password");

    public string LockFile => Path.Combine(Home, "pg.lock");

    public string LeaseDirectory => Path.Combine(Home, "pg.leases");

    public bool IsFallback => ClusterRoot != Home;

    public static async Task<ClusterLayout> ResolveAsync(
        EmbeddedPostgresOptions options, ServerAccount account, ILogger logger, CancellationToken cancellationToken)
    {
        var home = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Home));
        Directory.CreateDirectory(home);
        if (await account.CanTraverseAsync(home, cancellationToken).ConfigureAwait(false))
        {
            return new ClusterLayout(home, home);
        }

        // e.g. root's home: /root is mode 700, so the server account cannot reach ~/.autodialer/pg.
        // One directory per home keeps separate homes (tests, several users of root) apart.
        var fallbackRoot = Path.GetFullPath(options.FallbackRoot);
        var clusterRoot = Path.Combine(fallbackRoot, HomeKey(home));
        var layout = new ClusterLayout(home, clusterRoot);

        Directory.CreateDirectory(
            fallbackRoot,
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        Directory.CreateDirectory(clusterRoot, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await account.TakeOwnershipAsync([clusterRoot], cancellationToken).ConfigureAwait(false);
        if (!await account.CanTraverseAsync(clusterRoot, cancellationToken).ConfigureAwait(false))
        {
            throw new EmbeddedPostgresException(
                $"The '{account.Name}' account can reach neither {home} nor {clusterRoot}. Make one of them " +
                $"reachable (chmod o+x on each parent directory), set AUTODIALER_HOME elsewhere, or set AUTODIALER_DB.");
        }

        if (File.Exists(Path.Combine(home, "pg", "PG_VERSION")))
        {
            logger.LogWarning(
                "A cluster exists at {Ignored} but the '{Account}' account cannot reach it; using {DataDirectory} instead",
                Path.Combine(home, "pg"), account.Name, layout.DataDirectory);
        }

        logger.LogInformation(
            "The '{Account}' account cannot reach {Home}; the PostgreSQL cluster for it lives in {DataDirectory}",
            account.Name, home, layout.DataDirectory);
        return layout;
    }

    /// <summary>First 12 hex digits of the SHA-256 of the full home path.</summary>
    public static string HomeKey(string fullHomePath) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fullHomePath)))[..12];
}
