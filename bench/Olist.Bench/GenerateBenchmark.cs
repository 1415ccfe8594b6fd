namespace Olist.Bench;

/// <summary>Generates the dataset at a scale (default 1) into a temporary folder, times it and prints its fidelity figures.</summary>
public sealed class GenerateBenchmark : IBenchmark
{
    public string Name => "generate";

    public string Description => "generate the nine files at scale ARG (default 1): seconds, peak memory, rows, fidelity figures";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var scale = BenchArguments.Real(args, 0, 1.0);
        using var folder = new ScratchDirectory("generate");
        var stopwatch = Stopwatch.StartNew();
        var summary = await new OlistGenerator().GenerateAsync(new GenerationOptions(scale, 42, folder.Path, new DateOnly(2018, 10, 17)), null, cancellationToken);
        stopwatch.Stop();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine(FormattableString.Invariant($"scale {scale}: {stopwatch.Elapsed.TotalSeconds:F2} s, peak working set {process.PeakWorkingSet64 / (1024.0 * 1024.0):F0} MiB, {Environment.ProcessorCount} cores"));
        foreach (var file in summary.Files)
        {
            Console.WriteLine(FormattableString.Invariant($"  {file.FileName,-42} {file.Rows,10:N0} rows {file.Bytes / (1024.0 * 1024.0),8:F1} MiB"));
        }

        Console.WriteLine("fidelity:");
        foreach (var (figure, value) in FidelityFigures.Measure(folder.Path))
        {
            Console.WriteLine($"  {figure,-44} {value}");
        }

        return 0;
    }
}
