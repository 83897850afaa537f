namespace AutoDialer.PostgreSql.Embedded;

/// <summary>The PostgreSQL server programs of one installation, all from the same directory.</summary>
internal sealed record PostgresBinaries(string Directory)
{
    private const string DistributionRoot = "/usr/lib/postgresql";

    private static readonly string[] Required = ["initdb", "pg_ctl", "postgres"];

    public string InitDb => Path.Combine(Directory, "initdb");

    public string PgCtl => Path.Combine(Directory, "pg_ctl");

    /// <summary>
    /// Looks in <see cref="EmbeddedPostgresOptions.BinDirectory"/>, then on PATH, then under
    /// /usr/lib/postgresql/*/bin (Debian and Ubuntu keep the server programs off PATH), highest version first.
    /// </summary>
    public static PostgresBinaries Locate(EmbeddedPostgresOptions options)
    {
        var searched = new List<string>();
        if (!string.IsNullOrEmpty(options.BinDirectory))
        {
            searched.Add(options.BinDirectory);
            if (TryDirectory(options.BinDirectory) is { } configured)
            {
                return configured;
            }
        }

        if (options.SearchDefaultLocations)
        {
            var path = Environment.GetEnvironmentVariable("PATH") ?? "";
            foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                if (TryDirectory(directory) is { } onPath)
                {
                    return onPath;
                }
            }

            searched.Add("PATH");
            searched.Add(DistributionRoot + "/*/bin");
            foreach (var directory in DistributionDirectories())
            {
                if (TryDirectory(directory) is { } distribution)
                {
                    return distribution;
                }
            }
        }

        throw new EmbeddedPostgresException(
            "PostgreSQL server programs (initdb, pg_ctl, postgres) were not found " +
            $"(looked in {string.Join(", ", searched)}). " +
            "Install them with `apt-get install postgresql`, or set AUTODIALER_DB to the connection string " +
            "of an existing PostgreSQL server.");
    }

    private static PostgresBinaries? TryDirectory(string directory)
    {
        var pgCtl = Path.Combine(directory, "pg_ctl");
        if (!File.Exists(pgCtl) || !File.Exists(Path.Combine(directory, "initdb")))
        {
            return null;
        }

        // PATH often holds symlinks (e.g. /usr/local/bin/pg_ctl); pg_ctl finds `postgres` next to its real
        // file, so that directory is the installation.
        var real = File.ResolveLinkTarget(pgCtl, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(pgCtl);
        var installation = Path.GetDirectoryName(real)!;
        return Required.All(name => File.Exists(Path.Combine(installation, name)))
            ? new PostgresBinaries(installation)
            : null;
    }

    private static IEnumerable<string> DistributionDirectories()
    {
        if (!System.IO.Directory.Exists(DistributionRoot))
        {
            return [];
        }

        return System.IO.Directory.EnumerateDirectories(DistributionRoot)
            .Select(versionDirectory => (
                Version: decimal.TryParse(
                    Path.GetFileName(versionDirectory),
                    System.Globalization.NumberStyles.Number,
                    System.Globalization.CultureInfo.InvariantCulture,
                    out var version) ? version : -1m,
                Bin: Path.Combine(versionDirectory, "bin")))
            .Where(candidate => candidate.Version >= 0)
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => candidate.Bin);
    }
}
