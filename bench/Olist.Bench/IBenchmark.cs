namespace Olist.Bench;

/// <summary>One benchmark, run by name: <c>dotnet run -c Release --project bench/Olist.Bench -- NAME [args]</c>.</summary>
public interface IBenchmark
{
    /// <summary>The name the benchmark is run by.</summary>
    string Name { get; }

    /// <summary>What it measures, shown in the list of benchmarks.</summary>
    string Description { get; }

    /// <summary>Runs the benchmark and prints its figures; returns the exit code.</summary>
    Task<int> RunAsync(string[] args, CancellationToken cancellationToken);
}
