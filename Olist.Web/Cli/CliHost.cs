using System.Text.RegularExpressions;
using Olist.Pipeline.Hosting;

namespace Olist.Web.Cli;

/// <summary>
/// The generic host a command-line verb runs in, so a verb reads its settings as the web app does (appsettings.json
/// beside the executable, then <c>appsettings.{Environment}.json</c>, environment variables such as
/// <c>Olist__DataDirectory</c>, and last the <c>--Section:Key=value</c> switches of the command line) and resolves the
/// pipeline's services from the same registration (<c>AddOlistPipeline</c>). It writes no log lines: verbs print their
/// own, and their output is for scripts too.
/// </summary>
/// <param name="TimeProvider">The clock the verbs run on.</param>
/// <param name="Settings">The command line's <c>--Section:Key=value</c> switches, in order.</param>
internal sealed partial record CliHost(TimeProvider TimeProvider, IReadOnlyList<string> Settings)
{
    /// <summary>Splits the settings switches (<c>--Olist:DataDirectory=/srv/olist</c>) from the verb and its options.</summary>
    public static (IReadOnlyList<string> Settings, string[] Verb) Split(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return ([.. args.Where(a => SettingSwitch().IsMatch(a))], [.. args.Where(a => !SettingSwitch().IsMatch(a))]);
    }

    /// <summary>
    /// Builds the host, with <paramref name="verbSettings"/> (a verb's own options that are settings, such as
    /// <c>--project-dir</c>) over the command line's, then runs <paramref name="work"/> on its services.
    /// </summary>
    public async Task<int> RunAsync(Func<IServiceProvider, Task<int>> work, params string[] verbSettings)
    {
        ArgumentNullException.ThrowIfNull(work);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [.. Settings, .. verbSettings],
            ApplicationName = typeof(CliHost).Assembly.GetName().Name,
            // appsettings.json sits beside the assembly, wherever the verb is started from, as for the web app.
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(TimeProvider);
        builder.Services.AddOlistPipeline(builder.Configuration);
        var host = builder.Build();
        try
        {
            return await work(host.Services);
        }
        finally
        {
            // Async disposal: the bus and other stores only dispose asynchronously.
            await ((IAsyncDisposable)host).DisposeAsync();
        }
    }

    [GeneratedRegex(@"^--[A-Za-z][\w.]*:[\w.:]*=", RegexOptions.CultureInvariant)]
    private static partial Regex SettingSwitch();
}
