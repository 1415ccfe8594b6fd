using Olist.Pipeline.Gcp;

namespace Olist.Pipeline.Streaming.Bus;

/// <summary>Which bus carries the order topic, and where it is on Pub/Sub; bound from <c>Olist:Bus</c>.</summary>
public sealed class BusOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Olist:Bus";

    /// <summary>The embedded SQLite bus, the one-machine default.</summary>
    public const string Embedded = "Embedded";

    /// <summary>Google Cloud Pub/Sub (or its emulator), over the REST API.</summary>
    public const string PubSub = "PubSub";

    /// <summary>The environment variable that names the Pub/Sub emulator (<c>host:port</c>), as Google's clients read it.</summary>
    public const string EmulatorHostVariable = "PUBSUB_EMULATOR_HOST";

    /// <summary><c>Embedded</c> or <c>PubSub</c>.</summary>
    public string Provider { get; set; } = Embedded;

    /// <summary>The Google Cloud project of the topic and subscription (Pub/Sub only).</summary>
    public string? ProjectId { get; set; }

    /// <summary>The order topic's id or full name (Pub/Sub only); the original system's name by default.</summary>
    public string Topic { get; set; } = "olist_orders_topic";

    /// <summary>The consumer's subscription id or full name (Pub/Sub only).</summary>
    public string Subscription { get; set; } = "olist_orders_subscription";

    /// <summary>
    /// A topic that also receives every dead letter (its bytes, with the reason and the original message id as
    /// attributes); unset, dead letters are kept in the warehouse only. The subscription gets no dead-letter policy: the
    /// app decides what is dead, so a message nacked for a warehouse outage is never dead-lettered by Pub/Sub.
    /// </summary>
    public string? DeadLetterTopic { get; set; }

    /// <summary>Whether <c>PUBSUB_EMULATOR_HOST</c> selects the emulator (Google's .NET client semantics).</summary>
    public EmulatorDetection EmulatorDetection { get; set; } = EmulatorDetection.EmulatorOrProduction;

    /// <summary>The emulator's <c>host:port</c>; unset, <c>PUBSUB_EMULATOR_HOST</c> is read, as Google's clients do.</summary>
    public string? EmulatorHost { get; set; }

    /// <summary>The emulator host in effect: <see cref="EmulatorHost"/>, else the environment variable.</summary>
    public string? EffectiveEmulatorHost => string.IsNullOrWhiteSpace(EmulatorHost) ? Environment.GetEnvironmentVariable(EmulatorHostVariable) : EmulatorHost;

    /// <summary>Create the topics and the subscription when missing (ALREADY_EXISTS is success); off, <c>pubsub setup</c> does it.</summary>
    public bool CreateResources { get; set; } = true;

    /// <summary>Production's API base; the emulator's comes from <c>PUBSUB_EMULATOR_HOST</c>. Must be https.</summary>
    public Uri Endpoint { get; set; } = new("https://pubsub.googleapis.com/");

    /// <summary>True when the provider is Pub/Sub.</summary>
    public bool IsPubSub => string.Equals(Provider, PubSub, StringComparison.OrdinalIgnoreCase);
}
