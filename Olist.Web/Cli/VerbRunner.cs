namespace Olist.Web.Cli;

/// <summary>Runs a verb's work and turns failures into one line on standard error and a non-zero exit code.</summary>
internal static class VerbRunner
{
    /// <summary>Exit code of a verb that failed.</summary>
    public const int Failed = 1;

    /// <summary>Exit code of bad usage: an unknown verb or option, a value that does not parse or is out of range.</summary>
    public const int UsageError = 2;

    /// <summary>Exit code of a verb stopped by Ctrl+C, as shells report a SIGINT.</summary>
    public const int Interrupted = 130;

    /// <summary>Runs <paramref name="work"/>; expected failures print their message, unexpected ones also their type; never a stack trace.</summary>
    public static async Task<int> RunAsync(string verb, Func<Task<int>> work)
    {
        try
        {
            return await work();
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"{verb}: interrupted");
            return Interrupted;
        }
        catch (InvalidRequestException ex)
        {
            await Console.Error.WriteLineAsync(UsageCheck.Line(verb, ex.Message));
            return UsageError;
        }
        catch (PipelineException ex)
        {
            await Console.Error.WriteLineAsync($"{verb}: error: {OneLine(ex.Message)}");
            return Failed;
        }
        catch (OptionsValidationException ex)
        {
            // A setting that is not usable, such as a memory limit without a unit: the failures say which and why.
            await Console.Error.WriteLineAsync($"{verb}: error: {OneLine(string.Join(" ", ex.Failures))}");
            return Failed;
        }
#pragma warning disable CA1031 // The command line is the outermost boundary: every failure becomes one line and an exit code.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await Console.Error.WriteLineAsync($"{verb}: error: {ex.GetType().Name}: {OneLine(ex.Message)}");
            return Failed;
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
