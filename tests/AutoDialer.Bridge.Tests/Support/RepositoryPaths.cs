namespace AutoDialer.Bridge.Tests.Support;

/// <summary>Files of the repository the tests run from: the stand-in SDKs are served as they are.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string StandIns => Path.Combine(Root, "tests", "AutoDialer.Bridge.Tests", "StandIns");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AutoDialer.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("AutoDialer.sln not found above " + AppContext.BaseDirectory);
    }
}
