namespace AutoDialer.Core.Tests.Docs;

/// <summary>The anchors links in the documentation point at are the ones GitHub gives the headings.</summary>
public sealed class GitHubAnchorsTests
{
    [Theory]
    [InlineData("The data's path", "the-datas-path")]
    [InlineData("\"Why isn't it dialling?\"", "why-isnt-it-dialling")]
    [InlineData("autodialer simulate", "autodialer-simulate")]
    [InlineData("2026-11-21: a quiet machine", "2026-11-21-a-quiet-machine")]
    [InlineData("Agents and the bridge", "agents-and-the-bridge")]
    [InlineData("Create a campaign: POST /api/campaigns", "create-a-campaign-post-apicampaigns")]
    [InlineData("Vendors: Udesk and Meiqia", "vendors-udesk-and-meiqia")]
    [InlineData("AutoDialer (AutoDialerOptions, OperationsOptions)", "autodialer-autodialeroptions-operationsoptions")]
    [InlineData("stored_words — one home", "stored_words--one-home")]
    [InlineData("中文 标题", "中文-标题")]
    public void A_heading_s_slug_is_lower_case_without_punctuation_and_with_hyphens_for_spaces(string heading, string slug)
    {
        Assert.Equal(slug, GitHubAnchors.Slug(heading));
    }

    [Fact]
    public void A_repeated_heading_is_numbered_from_one()
    {
        Assert.Equal(new[] { "udesk", "meiqia", "udesk-1", "udesk-2" }, GitHubAnchors.For(["Udesk", "Meiqia", "Udesk", "Udesk"]));
    }

    [Fact]
    public void A_heading_is_read_as_rendered_code_spans_and_links_by_their_text()
    {
        var file = Path.Combine(Path.GetTempPath(), $"anchors-{Guid.NewGuid():N}.md");
        File.WriteAllLines(file,
        [
            "# Title",
            "## `autodialer simulate`",
            "## See [the API](api.md) *now* ##",
            "```",
            "## not a heading",
            "```",
            "### Both",
        ]);
        try
        {
            var document = MarkdownDocument.Read(file);

            Assert.Equal(new[] { "title", "autodialer-simulate", "see-the-api-now", "both" }, document.Anchors);
            Assert.Equal(new[] { new MarkdownLink(3, "api.md") }, document.Links);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
