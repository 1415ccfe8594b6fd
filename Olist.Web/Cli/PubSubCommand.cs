using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using Olist.Pipeline.Streaming.Bus;
using Olist.Pipeline.Streaming.Consuming;

namespace Olist.Web.Cli;

/// <summary>The <c>pubsub setup</c> verb: creates the Pub/Sub topics and subscription of <c>Olist:Bus</c> where missing.</summary>
internal static class PubSubCommand
{
    public static Command Create(TimeProvider timeProvider)
    {
        var setup = new Command("setup", "Create the topic, the dead-letter topic (when set) and the subscription of Olist:Bus where missing; existing ones are kept.");
        setup.SetAction((_, cancellationToken) => VerbRunner.RunAsync("pubsub setup", async () =>
        {
            var stream = new StreamConsumerOptions();
            CliConfiguration.Bind(StreamConsumerOptions.SectionName, stream);
            await using var bus = await OpenAsync(Options(), stream.AckDeadline, timeProvider, cancellationToken);
            Console.WriteLine($"Pub/Sub at {bus.Endpoint.BaseAddress}{(bus.Endpoint.IsEmulator ? " (emulator)" : string.Empty)}");
            foreach (var line in await bus.SetupAsync(cancellationToken))
            {
                Console.WriteLine(line);
            }

            return 0;
        }));
        return new Command("pubsub", "Google Cloud Pub/Sub: set up the topics and subscription the app uses.") { setup };
    }

    /// <summary>The <c>Olist:Bus</c> settings, as the app reads them.</summary>
    public static BusOptions Options()
    {
        var options = new BusOptions();
        CliConfiguration.Bind(BusOptions.SectionName, options);
        return options;
    }

    /// <summary>A Pub/Sub bus for a verb; <c>PUBSUB_EMULATOR_HOST</c> selects the emulator as in the app.</summary>
    public static Task<PubSubMessageBus> OpenAsync(BusOptions options, TimeSpan ackDeadline, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        PubSubMessageBus.CreateAsync(
            options,
            options.EffectiveEmulatorHost,
            ackDeadline,
            timeProvider,
            NullLogger<PubSubMessageBus>.Instance,
            cancellationToken);
}
