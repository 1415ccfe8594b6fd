namespace Olist.Pipeline.Gcp;

/// <summary>
/// Whether a Google client talks to an emulator named by an environment variable (such as <c>PUBSUB_EMULATOR_HOST</c>)
/// or to Google's production endpoint; the same values and meaning as Google's own .NET clients.
/// </summary>
public enum EmulatorDetection
{
    /// <summary>Production only; the environment variable is ignored.</summary>
    None,

    /// <summary>Production only; a set environment variable is an error, so a stray emulator setting never goes unnoticed.</summary>
    ProductionOnly,

    /// <summary>The emulator only; an unset environment variable is an error.</summary>
    EmulatorOnly,

    /// <summary>The emulator when the environment variable is set, production otherwise.</summary>
    EmulatorOrProduction,
}
