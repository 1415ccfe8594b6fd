using Olist.Pipeline.Configuration;

namespace Olist.Web.Cli;

/// <summary>Reads the same settings as the web app (appsettings.json, environment <c>Olist__*</c>) for the command-line verbs.</summary>
internal static class CliConfiguration
{
    /// <summary>The bound <see cref="OlistOptions"/>.</summary>
    public static OlistOptions Load()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var options = new OlistOptions();
        configuration.GetSection(OlistOptions.SectionName).Bind(options);
        return options;
    }
}
