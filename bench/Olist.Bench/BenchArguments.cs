namespace Olist.Bench;

/// <summary>A benchmark's positional arguments: optional numbers with defaults, and the usage line when a required one is wrong.</summary>
internal static class BenchArguments
{
    /// <summary>The exit code of a benchmark called with wrong arguments.</summary>
    public const int UsageError = 2;

    /// <summary>The whole number at <paramref name="index"/>, or <paramref name="fallback"/> when the call has fewer arguments.</summary>
    public static int Whole(string[] args, int index, int fallback) =>
        args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

    /// <summary>The number at <paramref name="index"/>, or <paramref name="fallback"/> when the call has fewer arguments.</summary>
    public static double Real(string[] args, int index, double fallback) =>
        args.Length > index ? double.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

    /// <summary>Prints <c>usage: </c><paramref name="usage"/> to standard error and returns <see cref="UsageError"/>.</summary>
    public static int Usage(string usage)
    {
        Console.Error.WriteLine($"usage: {usage}");
        return UsageError;
    }
}
