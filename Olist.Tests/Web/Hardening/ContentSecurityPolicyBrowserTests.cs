namespace Olist.Tests.Web.Hardening;

/// <summary>
/// Chromium enforces the policy on the real app: the sign-in page loads its styles, scripts and import map without a
/// violation, and a script injected into the page (as an XSS payload would be) does not run.
/// </summary>
public sealed class ContentSecurityPolicyBrowserTests(HardenedServer server) : IClassFixture<HardenedServer>
{
    [Fact]
    public async Task The_sign_in_page_runs_its_own_scripts_and_refuses_an_injected_one()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        var problems = Chromium.CollectProblems(page);

        await page.GotoAsync(new Uri(server.Address, "/signin").ToString());
        await Assertions.Expect(page.Locator("[data-testid=signin]")).ToBeVisibleAsync();
        var ownScriptsRan = await page.EvaluateAsync<bool>("() => typeof window.Blazor === 'object' && typeof window.ApexCharts === 'function'");
        Assert.Empty(problems);

        var injectedRan = await page.EvaluateAsync<bool>("""
            () => new Promise(resolve => {
                document.addEventListener('securitypolicyviolation', () => resolve(window.injected === true), { once: true });
                const script = document.createElement('script');
                script.textContent = 'window.injected = true;';
                document.body.appendChild(script);
                // An inline script that is allowed runs during appendChild; a refused one fires the violation event instead.
                if (window.injected === true) resolve(true);
            })
            """);

        Assert.True(ownScriptsRan, "blazor.web.js and apexcharts did not load");
        Assert.False(injectedRan);
        Assert.Contains(problems, p => p.Contains("Content Security Policy", StringComparison.Ordinal));
    }
}
