namespace Olist.Tests.TestSupport;

/// <summary>Runs the Olist executable as a separate process, as a user would, and captures what it prints.</summary>
public static class CliProcess
{
    /// <summary>What one run printed and how it ended.</summary>
    public sealed record Outcome(int ExitCode, string StandardOutput, string StandardError);

    /// <summary>Runs <c>Olist.Web</c> with <paramref name="arguments"/>, with the data directory set to <paramref name="dataDirectory"/>.</summary>
    public static Task<Outcome> RunAsync(string dataDirectory, params string[] arguments) =>
        RunAsync(dataDirectory, new Dictionary<string, string>(), arguments);

    /// <summary>Runs <c>Olist.Web</c> with <paramref name="arguments"/> and these environment variables besides the data directory.</summary>
    public static async Task<Outcome> RunAsync(string dataDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Olist.Web.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Olist__DataDirectory"] = dataDirectory;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Outcome(process.ExitCode, await output, await error);
    }
}
