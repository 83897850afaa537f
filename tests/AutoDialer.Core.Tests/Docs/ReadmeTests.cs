using AutoDialer.Testing;

namespace AutoDialer.Core.Tests.Docs;

/// <summary>
/// The README is an entry point, not a manual: short, and opening with the two commands a newcomer runs first (the main
/// job, and every test); the depth is in docs/.
/// </summary>
public sealed class ReadmeTests
{
    private const int MostLines = 149;

    private static readonly string[] Readme = File.ReadAllLines(RepositoryFiles.PathOf("README.md"));

    [Fact]
    public void The_readme_is_under_150_lines()
    {
        Assert.True(Readme.Length <= MostLines, $"README.md has {Readme.Length} lines; keep it under 150 and move the depth to docs/.");
    }

    [Fact]
    public void The_readme_opens_with_the_two_commands_after_its_title()
    {
        var opening = Readme.Where(line => line.Trim().Length > 0).Take(5).ToArray();

        Assert.Equal(new[] { "# AutoDialer", "```sh", "./autodialer demo", "./build.sh test", "```" }, opening);
    }

    [Theory]
    [InlineData("autodialer")]
    [InlineData("build.sh")]
    public void The_scripts_the_two_commands_run_are_at_the_repository_root(string script)
    {
        Assert.True(File.Exists(RepositoryFiles.PathOf(script)), $"{script} is not at the repository root");
    }
}
