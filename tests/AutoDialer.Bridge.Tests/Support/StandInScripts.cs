namespace AutoDialer.Bridge.Tests.Support;

/// <summary>A stand-in SDK as the browser loads it: the fake call center followed by the vendor's surface, as one script like the real SDK.</summary>
public static class StandInScripts
{
    public static async Task<string?> ReadAsync(string vendor)
    {
        var path = Path.Combine(RepositoryPaths.StandIns, vendor + "-standin.js");
        if (!File.Exists(path))
        {
            return null;
        }

        return await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.StandIns, "fake-call-center.js")) + "\n" + await File.ReadAllTextAsync(path);
    }
}
