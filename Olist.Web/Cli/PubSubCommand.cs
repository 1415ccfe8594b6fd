namespace Olist.Web.Cli;

/// <summary>The <c>pubsub setup</c> verb: creates the Pub/Sub topics and subscription of <c>Olist:Bus</c> where missing.</summary>
internal static class PubSubCommand
{
    public static Command Create(CliHost cli)
    {
        var setup = new Command("setup", "Create the topic, the dead-letter topic (when set) and the subscription of Olist:Bus where missing; existing ones are kept.");
        setup.SetAction((_, cancellationToken) => VerbRunner.RunAsync("pubsub setup", () => cli.RunAsync(async services =>
        {
            await using var bus = await Provider(services, services.GetRequiredService<IOptions<BusOptions>>().Value).CreateAsync(cancellationToken);
            Console.WriteLine($"Pub/Sub at {bus.Endpoint.BaseAddress}{(bus.Endpoint.IsEmulator ? " (emulator)" : string.Empty)}");
            foreach (var line in await bus.SetupAsync(cancellationToken))
            {
                Console.WriteLine(line);
            }

            return 0;
        })));
        return new Command("pubsub", "Google Cloud Pub/Sub: set up the topics and subscription the app uses.") { setup };
    }

    /// <summary>Pub/Sub with <paramref name="options"/>, whichever bus the app is set to; <c>PUBSUB_EMULATOR_HOST</c> selects the emulator as in the app.</summary>
    public static PubSubBusProvider Provider(IServiceProvider services, BusOptions options) =>
        new(
            options,
            services.GetRequiredService<IOptions<StreamConsumerOptions>>().Value.AckDeadline,
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<PubSubMessageBus>>());
}
