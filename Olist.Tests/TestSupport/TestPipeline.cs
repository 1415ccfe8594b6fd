using Microsoft.Extensions.Configuration;

namespace Olist.Tests.TestSupport;

/// <summary>
/// The pipeline's services as the app and the command line register them (<c>AddOlistPipeline</c>), over a test's data
/// directory and settings, so a harness builds what the app builds instead of assembling it by hand.
/// </summary>
internal static class TestPipeline
{
    /// <summary>
    /// The services over <paramref name="dataDirectory"/> with <paramref name="settings"/> (such as <c>Olist:Runs:Retries</c>)
    /// on top; <paramref name="replace"/> registers a test's own parts first, such as a fake clock, which the pipeline keeps.
    /// </summary>
    public static ServiceProvider Create(string dataDirectory, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? replace = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Olist:DataDirectory"] = dataDirectory })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        replace?.Invoke(services);
        services.AddOlistPipeline(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
