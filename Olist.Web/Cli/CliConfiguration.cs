using Olist.Pipeline.Configuration;
using Olist.Pipeline.Warehouse;

namespace Olist.Web.Cli;

/// <summary>Reads the same settings as the web app (appsettings.json, environment <c>Olist__*</c>) for the command-line verbs.</summary>
internal static class CliConfiguration
{
    /// <summary>The bound <see cref="OlistOptions"/>.</summary>
    public static OlistOptions Load()
    {
        var options = new OlistOptions();
        Build().GetSection(OlistOptions.SectionName).Bind(options);
        return options;
    }

    /// <summary>The warehouse of <paramref name="paths"/> with the bound <see cref="WarehouseOptions"/>, as the server opens it.</summary>
    public static DuckDbWarehouse Warehouse(DataPaths paths)
    {
        var options = new WarehouseOptions();
        Bind(WarehouseOptions.SectionName, options);
        return new DuckDbWarehouse(paths.Warehouse, options);
    }

    /// <summary>Binds the section <paramref name="section"/> (such as <c>Olist:Runs</c>) onto <paramref name="options"/>.</summary>
    public static void Bind(string section, object options) => Build().GetSection(section).Bind(options);

    /// <summary>One setting by its key (such as <c>Olist:Auth:PublisherApiKey</c>), or null when unset.</summary>
    public static string? LoadSection(string key) => Build()[key] is { Length: > 0 } value ? value : null;

    private static IConfigurationRoot Build() =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
}
