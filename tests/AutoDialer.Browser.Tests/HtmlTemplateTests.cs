using AutoDialer.AspNetCore.Tests;
using AutoDialer.Testing;
using Microsoft.Playwright;

namespace AutoDialer.Browser.Tests;

/// <summary>
/// assets/lib/html.js, the dashboard's only way from data to markup, run in Chromium as the dashboard loads it (an ES
/// module from the server, under the page's Content-Security-Policy).
/// </summary>
[Collection("browser")]
[Trait("Category", "Browser")]
public sealed class HtmlTemplateTests(PostgresFixture postgres, BrowserFixture browser) : IAsyncLifetime
{
    private ApiServer server = null!;
    private IPage page = null!;

    public async Task InitializeAsync()
    {
        server = await ApiServer.StartAsync(postgres);
        page = await browser.NewPageAsync(server.Address);
        await page.GotoAsync("#/dnc");
    }

    public async Task DisposeAsync()
    {
        await page.Context.CloseAsync();
        await server.DisposeAsync();
    }

    /// <summary>Evaluates a JavaScript expression with html, attrs, trusted and render in scope; a refusal reads "refused TypeError".</summary>
    private Task<string> RunAsync(string expression) => page.EvaluateAsync<string>($$"""
        async () => {
          const { html, attrs, trusted, render, append } = await import(new URL('assets/lib/html.js', document.baseURI));
          try { return String({{expression}}); } catch (e) { return 'refused ' + e.name; }
        }
        """);

    [Theory]
    // Text: every character that could start markup or end a quoted attribute.
    [InlineData("html`<p>${`&<>\"'\\``}</p>`", "<p>&amp;&lt;&gt;&quot;&#39;&#96;</p>")]
    [InlineData("html`<p>${'<img src=x onerror=alert(1)>'}</p>`", "<p>&lt;img src=x onerror=alert(1)&gt;</p>")]
    // Attributes, double- and single-quoted: the value cannot close its quotes.
    [InlineData("html`<p title=\"${'\" onmouseover=\"alert(1)'}\"></p>`", "<p title=\"&quot; onmouseover=&quot;alert(1)\"></p>")]
    [InlineData("html`<p title='${\"' onmouseover='alert(1)\"}'></p>`", "<p title='&#39; onmouseover=&#39;alert(1)'></p>")]
    // Composition: a nested result is not escaped again; arrays are their items; nothing is nothing.
    [InlineData("html`<ul>${html`<li>${'<b>'}</li>`}</ul>`", "<ul><li>&lt;b&gt;</li></ul>")]
    [InlineData("html`<ul>${['<a>', 'b'].map(x => html`<li>${x}</li>`)}</ul>`", "<ul><li>&lt;a&gt;</li><li>b</li></ul>")]
    [InlineData("html`<ul>${['<a>', html`<li>b</li>`]}</ul>`", "<ul>&lt;a&gt;<li>b</li></ul>")]
    [InlineData("html`${null}|${undefined}|${false}|${0}|${''}`", "|||0|")]
    [InlineData("html`<p class=\"${['a', '\"b']}\"></p>`", "<p class=\"a &quot;b\"></p>")]
    // The one escape hatch.
    [InlineData("html`<p>${trusted('<b>bold</b>')}</p>`", "<p><b>bold</b></p>")]
    // URL attributes keep to the web's schemes, however the scheme is spelled or assembled.
    [InlineData("html`<a href=\"${'javascript:alert(1)'}\">x</a>`", "<a href=\"about:invalid#blocked\">x</a>")]
    [InlineData("html`<a href=\"${' JaVaScRiPt:alert(1)'}\">x</a>`", "<a href=\"about:invalid#blocked\">x</a>")]
    [InlineData("html`<a href=\"${'java\\tscript:alert(1)'}\">x</a>`", "<a href=\"about:invalid#blocked\">x</a>")]
    [InlineData("html`<a href=\"${'\\u0001javascript:alert(1)'}\">x</a>`", "<a href=\"about:invalid#blocked\">x</a>")]
    [InlineData("html`<a href=\"${'java'}${'script:alert(1)'}\">x</a>`", "<a href=\"about:invalid#blocked\">x</a>")]
    [InlineData("html`<img src='${'data:text/html,<script>alert(1)</script>'}'>`", "<img src='about:invalid#blocked'>")]
    [InlineData("html`<form action=\"${'vbscript:x'}\"></form>`", "<form action=\"about:invalid#blocked\"></form>")]
    [InlineData("html`<a href=\"${'https://example.org/?a=1&b=2'}\">x</a>`", "<a href=\"https://example.org/?a=1&amp;b=2\">x</a>")]
    [InlineData("html`<a href=\"api/uploads/${'7'}/rejects.csv\">x</a>`", "<a href=\"api/uploads/7/rejects.csv\">x</a>")]
    [InlineData("html`<a href=\"#/campaigns/${'javascript:alert(1)'}\">x</a>`", "<a href=\"#/campaigns/javascript:alert(1)\">x</a>")]
    [InlineData("html`<a href=\"${'mailto:ops@example.org'}\">x</a>`", "<a href=\"mailto:ops@example.org\">x</a>")]
    // Attributes from data.
    [InlineData("html`<option ${attrs({ value: '\"x', selected: true, disabled: false, title: null })}>x</option>`", "<option value=\"&quot;x\" selected>x</option>")]
    [InlineData("html`<a ${attrs({ href: 'javascript:alert(1)' })}>x</a>`", "<a href=\"about:invalid#blocked\">x</a>")]
    [InlineData("attrs({ onclick: 'alert(1)' })", "refused TypeError")]
    [InlineData("attrs({ style: 'color:red' })", "refused TypeError")]
    // Places where no value belongs: found the first time the template renders.
    [InlineData("html`<a href=${'x onmouseover=alert(1)'}>x</a>`", "refused TypeError")]
    [InlineData("html`<a onclick=\"${'alert(1)'}\">x</a>`", "refused TypeError")]
    [InlineData("html`<p style=\"${'color:red'}\"></p>`", "refused TypeError")]
    [InlineData("html`<p ${'onclick=alert(1)'}></p>`", "refused TypeError")]
    [InlineData("html`<${'img src=x onerror=alert(1)'}>`", "refused TypeError")]
    [InlineData("html`<!-- ${'--><img src=x onerror=alert(1)>'} -->`", "refused TypeError")]
    [InlineData("html`<script>${'alert(1)'}</script>`", "refused TypeError")]
    [InlineData("html`<style>p{}</style><p>${'<b>'}</p>`", "<style>p{}</style><p>&lt;b&gt;</p>")]
    // Only html`…` results reach the page.
    [InlineData("render(document.createElement('div'), '<b>x</b>')", "refused TypeError")]
    public async Task A_template_escapes_its_values_for_where_they_stand(string expression, string expected) =>
        Assert.Equal(expected, await RunAsync(expression));

    [Fact]
    public async Task Rendered_markup_from_data_stays_text_in_the_document()
    {
        var result = await page.EvaluateAsync<string[]>("""
            async () => {
              const { html, render, append } = await import(new URL('assets/lib/html.js', document.baseURI));
              const payload = '<img src=x onerror=window.__xss=1>"><script>window.__xss=1</script>';
              const box = document.createElement('div');
              render(box, html`<table><tbody><tr><td title="${payload}">${payload}</td></tr></tbody></table>`);
              append(box.querySelector('tbody'), html`<tr><td>${payload}</td></tr>`);
              const cells = [...box.querySelectorAll('td')];
              return [String(box.querySelectorAll('img, script').length), cells[0].title, cells[0].textContent, cells[1].textContent];
            }
            """);
        const string payload = "<img src=x onerror=window.__xss=1>\"><script>window.__xss=1</script>";
        Assert.Equal(["0", payload, payload, payload], result);
    }

    [Fact]
    public async Task Widths_that_follow_data_are_set_through_the_CSSOM()
    {
        var width = await page.EvaluateAsync<string>("""
            async () => {
              const { html, render } = await import(new URL('assets/lib/html.js', document.baseURI));
              const box = document.createElement('div');
              render(box, html`<span data-width="${'37.5'}"></span>`);
              return box.firstChild.style.width;
            }
            """);
        Assert.Equal("37.5%", width);
    }

    [Fact]
    public async Task Chinese_and_English_have_every_text()
    {
        var missing = await page.EvaluateAsync<string[]>("""
            async () => {
              const { texts } = await import(new URL('assets/lib/i18n.js', document.baseURI));
              const en = Object.keys(texts.en), zh = Object.keys(texts.zh);
              return [...en.filter(k => !zh.includes(k)).map(k => 'zh lacks ' + k), ...zh.filter(k => !en.includes(k)).map(k => 'en lacks ' + k),
                      ...en.filter(k => !texts.en[k] || !texts.zh[k]).map(k => 'empty ' + k)];
            }
            """);
        Assert.Empty(missing);
    }
}
