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
        AddBus(services, configuration.GetSection(BusOptions.SectionName).Get<BusOptions>() ?? new BusOptions());
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

    /// <summary>
    /// The embedded bus, or Pub/Sub with its dead-letter topic; the choice is made when the app is built, so a provider
    /// that does not exist stops the start with the reason.
    /// </summary>
    private static void AddBus(IServiceCollection services, BusOptions options)
    {
        if (options.IsPubSub)
        {
            services.AddSingleton(sp => CreatePubSubBus(sp.GetRequiredService<IOptions<BusOptions>>().Value, sp));
            services.AddSingleton<IMessageBus>(sp => sp.GetRequiredService<PubSubMessageBus>());
            services.AddSingleton<IDeadLetterTopic>(sp => sp.GetRequiredService<PubSubMessageBus>());
            return;
        }

        if (!string.Equals(options.Provider, BusOptions.Embedded, StringComparison.OrdinalIgnoreCase))
        {
            throw new PipelineException($"Olist:Bus:Provider '{options.Provider}' is not a bus; use '{BusOptions.Embedded}' or '{BusOptions.PubSub}'.");
        }

        services.AddSingleton<IMessageBus>(sp => OpenEmbeddedBus(sp));
    }

    private static PubSubMessageBus CreatePubSubBus(BusOptions options, IServiceProvider services) =>
        // Application Default Credentials read a file or ask the metadata server; the container has no async factories.
        PubSubMessageBus.CreateAsync(
                options,
                options.EffectiveEmulatorHost,
                services.GetRequiredService<IOptions<StreamConsumerOptions>>().Value.AckDeadline,
                services.GetRequiredService<TimeProvider>(),
                services.GetRequiredService<ILogger<PubSubMessageBus>>(),
                CancellationToken.None)
            .GetAwaiter()
            .GetResult();

    private static SqliteMessageBus OpenEmbeddedBus(IServiceProvider services)
    {
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
