namespace AutoDialer.PostgreSql.Tests;

/// <summary>Where the repository's files are, for tests that read them (the schema file, the sources).</summary>
internal static class Repository
{
    /// <summary>The directory that holds AutoDialer.sln, above the test's own directory.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AutoDialer.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException("the repository root (AutoDialer.sln) is not above " + AppContext.BaseDirectory);
    }
}
