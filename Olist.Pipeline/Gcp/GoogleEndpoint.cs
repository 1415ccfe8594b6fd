namespace Olist.Pipeline.Gcp;

/// <summary>
/// Where a Google REST API is called: production over https with a bearer token, or an emulator over plain http without
/// credentials.
/// </summary>
/// <param name="BaseAddress">The API's base address, ending in a slash (for Pub/Sub, <c>.../v1/</c>).</param>
/// <param name="IsEmulator">True when the calls go to an emulator: no credentials, plain http allowed.</param>
public sealed record GoogleEndpoint(Uri BaseAddress, bool IsEmulator)
{
    /// <summary>
    /// Chooses production or the emulator the way Google's .NET clients do: <paramref name="emulatorHost"/> is the value of
    /// <paramref name="variable"/> (<c>host:port</c>, a scheme is tolerated and dropped; empty or whitespace counts as
    /// unset). A production address must be https.
    /// </summary>
    public static GoogleEndpoint Resolve(
        EmulatorDetection detection, string variable, string? emulatorHost, Uri production, string apiPath)
    {
        ArgumentNullException.ThrowIfNull(production);
        var host = string.IsNullOrWhiteSpace(emulatorHost) ? null : StripScheme(emulatorHost.Trim());
        var useEmulator = detection switch
        {
            EmulatorDetection.None => false,
            EmulatorDetection.ProductionOnly when host is not null =>
                throw new PipelineException($"{variable} is set to '{emulatorHost}' but emulator detection is ProductionOnly; unset it or choose EmulatorOrProduction."),
            EmulatorDetection.ProductionOnly => false,
            EmulatorDetection.EmulatorOnly when host is null =>
                throw new PipelineException($"Emulator detection is EmulatorOnly but {variable} is not set; set it to the emulator's host:port."),
            EmulatorDetection.EmulatorOnly => true,
            EmulatorDetection.EmulatorOrProduction => host is not null,
            _ => throw new PipelineException($"Unknown emulator detection '{detection}'."),
        };
        if (useEmulator)
        {
            return new GoogleEndpoint(new Uri($"http://{host}/{apiPath}", UriKind.Absolute), IsEmulator: true);
        }

        if (production.Scheme != Uri.UriSchemeHttps)
        {
            throw new PipelineException($"'{production}' is not https: production calls carry a bearer token and go over https only.");
        }

        return new GoogleEndpoint(new Uri(production, apiPath), IsEmulator: false);
    }

    private static string StripScheme(string host)
    {
        var separator = host.IndexOf("://", StringComparison.Ordinal);
        return (separator < 0 ? host : host[(separator + 3)..]).TrimEnd('/');
    }
}
