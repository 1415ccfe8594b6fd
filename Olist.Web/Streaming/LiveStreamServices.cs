namespace Olist.Web.Streaming;

/// <summary>
/// Registers the web side of the live order stream (the bus, consumer, dead letters and live metrics are the pipeline's):
/// the consumer's hosted service, the publisher key, the live feed behind the <see cref="Hubs.LiveOrdersHub"/> and the
/// pages, and the demo publisher.
/// </summary>
public static class LiveStreamServices
{
    /// <summary>Adds the stream's web services; the live feed is the consumer's <see cref="IAcceptedOrdersSink"/>.</summary>
    public static IServiceCollection AddLiveStream(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName));
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
}
