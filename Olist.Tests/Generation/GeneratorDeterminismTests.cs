namespace Olist.Tests.Generation;

public sealed class GeneratorDeterminismTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "olist-gen-det-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Same_options_give_the_same_bytes_and_another_seed_other_bytes()
    {
        var first = await Generate("a", seed: 11);
        var second = await Generate("b", seed: 11);
        var otherSeed = await Generate("c", seed: 12);

        foreach (var table in OlistCatalog.Tables)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first, table.FileName)), File.ReadAllBytes(Path.Combine(second, table.FileName)));
        }

        Assert.NotEqual(File.ReadAllBytes(Path.Combine(first, OlistCatalog.Orders.FileName)), File.ReadAllBytes(Path.Combine(otherSeed, OlistCatalog.Orders.FileName)));
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(first, OlistCatalog.Geolocation.FileName)), File.ReadAllBytes(Path.Combine(otherSeed, OlistCatalog.Geolocation.FileName)));
    }

    [Fact]
    public async Task The_summary_lists_the_nine_files_with_their_rows_and_sizes()
    {
        var folder = Path.Combine(root, "summary");
        var summary = await new OlistGenerator().GenerateAsync(new GenerationOptions(0.01, 3, folder, new DateOnly(2018, 10, 17)), null, CancellationToken.None);

        Assert.Equal(OlistCatalog.Tables.Select(t => t.FileName), summary.Files.Select(f => f.FileName));
        foreach (var file in summary.Files)
        {
            Assert.Equal(new FileInfo(Path.Combine(folder, file.FileName)).Length, file.Bytes);
            Assert.True(file.Rows > 0, file.FileName);
        }
    }

    [Fact]
    public async Task Progress_names_each_file_and_cancellation_stops_the_run()
    {
        var reports = new List<string>();
        var progress = new SynchronousProgress(p => { lock (reports) { reports.Add(p.Step); } });
        await new OlistGenerator().GenerateAsync(new GenerationOptions(0.01, 3, Path.Combine(root, "progress"), new DateOnly(2018, 10, 17)), progress, CancellationToken.None);
        Assert.All(OlistCatalog.Tables, t => Assert.Contains(t.FileName, reports));

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new OlistGenerator().GenerateAsync(new GenerationOptions(0.01, 3, Path.Combine(root, "cancelled"), new DateOnly(2018, 10, 17)), null, cancelled.Token));
    }

    [Fact]
    public async Task A_run_stopped_half_way_leaves_no_partial_file_and_the_earlier_files_as_they_were()
    {
        var folder = await Generate("interrupted", seed: 3);
        var before = OlistCatalog.Tables.ToDictionary(t => t.FileName, t => File.ReadAllBytes(Path.Combine(folder, t.FileName)));

        // Stopped once the products are written: by then the new run's first files are complete, its order files not begun.
        using var stop = new CancellationTokenSource();
        var progress = new SynchronousProgress(p =>
        {
            if (p.Step == OlistCatalog.Products.FileName && p.Done == p.Total)
            {
                stop.Cancel();
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new OlistGenerator().GenerateAsync(new GenerationOptions(0.01, 4, folder, new DateOnly(2018, 10, 17)), progress, stop.Token));

        Assert.Equal(before.Keys.Order(), Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order());
        Assert.All(before, file => Assert.Equal(file.Value, File.ReadAllBytes(Path.Combine(folder, file.Key))));
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private async Task<string> Generate(string name, int seed)
    {
        var folder = Path.Combine(root, name);
        await new OlistGenerator().GenerateAsync(new GenerationOptions(0.01, seed, folder, new DateOnly(2018, 10, 17)), null, CancellationToken.None);
        return folder;
    }

    private sealed class SynchronousProgress(Action<Olist.Pipeline.Progress.WorkProgress> report) : IProgress<Olist.Pipeline.Progress.WorkProgress>
    {
        public void Report(Olist.Pipeline.Progress.WorkProgress value) => report(value);
    }
}
