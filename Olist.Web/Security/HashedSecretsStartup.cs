namespace Olist.Web.Security;

/// <summary>
/// Loads every <see cref="HashedSecret"/> at start (the publisher key, the operator password and key), creating and
/// printing the missing ones once, so the user sees them before they are needed.
/// </summary>
public sealed partial class HashedSecretsStartup(IEnumerable<HashedSecret> secrets, ILogger<HashedSecretsStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var secret in secrets)
        {
            try
            {
                await secret.EnsureAsync();
            }
#pragma warning disable CA1031 // An unusable data directory must not stop the app; what needs the secret is refused until it is fixed.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogUnavailable(ex, secret.GetType().Name);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Registers <typeparamref name="TSecret"/> once, as itself and among the secrets loaded at start.</summary>
    public static void Register<TSecret>(IServiceCollection services)
        where TSecret : HashedSecret
    {
        services.AddSingleton<TSecret>();
        services.AddSingleton<HashedSecret>(sp => sp.GetRequiredService<TSecret>());
        services.AddHostedService<HashedSecretsStartup>();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Secret} could not be loaded or created; what needs it is refused until the data directory is usable")]
    private partial void LogUnavailable(Exception exception, string secret);
}
