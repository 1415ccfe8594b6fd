using Microsoft.Extensions.Options;
using Olist.Pipeline.Configuration;
using Olist.Pipeline.Errors;
using Olist.Pipeline.Streaming.Bus;
using Olist.Pipeline.Streaming.Consuming;
using Olist.Pipeline.Streaming.DeadLetters;
using Olist.Pipeline.Streaming.Live;
using Olist.Web.Security;

namespace Olist.Web.Streaming;

/// <summary>
/// Registers the live order stream: the bus, the consumer as a hosted service, dead letters, live metrics, the publisher
/// key, the live feed behind the <see cref="Hubs.LiveOrdersHub"/> and the pages, and the demo publisher.
/// </summary>
public static class LiveStreamServices
{
    /// <summary>Adds the stream's services; the live feed is the consumer's <see cref="IAcceptedOrdersSink"/>.</summary>
    public static IServiceCollection AddLiveStream(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StreamConsumerOptions>().Bind(configuration.GetSection(StreamConsumerOptions.SectionName));
        services.AddOptions<BusOptions>().Bind(configuration.GetSection(BusOptions.SectionName));
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName));
        services.AddSingleton<IMessageBus>(sp => OpenBus(sp.GetRequiredService<IOptions<BusOptions>>().Value, sp));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<OrderStreamConsumer>(sp, sp.GetRequiredService<IOptions<StreamConsumerOptions>>().Value));
        services.AddSingleton<DeadLetterStore>();
        services.AddSingleton<LiveMetricsQuery>();
        services.AddSingleton(sp => new SecretStore(sp.GetRequiredService<DataPaths>().Secrets));
        HashedSecretsStartup.Register<PublisherKey>(services);
        services.AddHostedService<StreamConsumerService>();
        services.AddOptions<LiveFeedOptions>().Bind(configuration.GetSection(LiveFeedOptions.SectionName));
        services.AddSignalR();
        services.AddSingleton<LiveFeed>();
        services.AddSingleton<IAcceptedOrdersSink>(sp => sp.GetRequiredService<LiveFeed>());
        services.AddHostedService(sp => sp.GetRequiredService<LiveFeed>());
        services.AddOptions<LiveDemoOptions>()
            .Bind(configuration.GetSection(LiveDemoOptions.SectionName))
            .Validate(o => !o.Enabled || o.OrdersPerMinute > 0, $"{LiveDemoOptions.SectionName}:OrdersPerMinute must be above 0 when the demo is enabled.")
            .ValidateOnStart();
        services.AddHostedService<LiveDemoPublisher>();
        return services;
    }

    private static SqliteMessageBus OpenBus(BusOptions options, IServiceProvider services)
    {
        if (!string.Equals(options.Provider, BusOptions.Embedded, StringComparison.OrdinalIgnoreCase))
        {
            throw new PipelineException($"Olist:Bus:Provider '{options.Provider}' is not available; use '{BusOptions.Embedded}'.");
        }

        // Opening a local SQLite file is synchronous work underneath; the container has no async factories.
        return SqliteMessageBus.OpenAsync(
                services.GetRequiredService<DataPaths>().Bus,
                services.GetRequiredService<TimeProvider>(),
                services.GetRequiredService<ILogger<SqliteMessageBus>>(),
                CancellationToken.None)
            .GetAwaiter()
            .GetResult();
    }
}
