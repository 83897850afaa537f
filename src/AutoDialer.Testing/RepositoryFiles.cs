namespace AutoDialer.Testing;

/// <summary>Files of the repository the tests run from (documentation a test holds the code to, sql/, samples/).</summary>
public static class RepositoryFiles
{
    /// <summary>The directory that holds AutoDialer.sln, above the test's output directory.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path under the repository root, e.g. <c>PathOf("docs", "campaign-settings.md")</c>.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AutoDialer.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException("the repository root (AutoDialer.sln) is not above " + AppContext.BaseDirectory);
    }
}
