using AutoDialer.Testing;

namespace AutoDialer.Bridge.Tests.Support;

/// <summary>Files of the repository the tests run from: the stand-in SDKs are served as they are.</summary>
public static class RepositoryPaths
{
    public static string StandIns => RepositoryFiles.PathOf("tests", "AutoDialer.Bridge.Tests", "StandIns");
}
