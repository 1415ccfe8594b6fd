namespace Olist.Tests.Ingestion;

/// <summary>A temp folder with a source folder and a fresh DuckDB warehouse, the pipeline's loader on a fixed clock, removed afterwards.</summary>
public sealed class LoaderHarness : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("olist-loader-test-");
    private readonly ServiceProvider _services;

    public LoaderHarness()
    {
        SourceDirectory = Directory.CreateDirectory(Path.Combine(_root.FullName, "source")).FullName;
        _services = TestPipeline.Create(Path.Combine(_root.FullName, "data"), replace: services => services.AddSingleton<TimeProvider>(Clock));
        Warehouse = _services.GetRequiredService<DuckDbWarehouse>();
        Loader = _services.GetRequiredService<CsvLoader>();
        Status = _services.GetRequiredService<SourceStatusReader>();
    }

    public string SourceDirectory { get; }

    public FixedClock Clock { get; } = new(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero));

    public DuckDbWarehouse Warehouse { get; }

    public CsvLoader Loader { get; }

    public SourceStatusReader Status { get; }

    /// <summary>The table's header line as the real files write it: quoted names, LF.</summary>
    public static string HeaderOf(SourceTable table) => string.Join(',', table.ColumnNames.Select(c => $"\"{c}\"")) + "\n";

    /// <summary>Writes a source file with exactly these bytes.</summary>
    public void WriteSource(string fileName, byte[] bytes) => File.WriteAllBytes(Path.Combine(SourceDirectory, fileName), bytes);

    public void WriteSource(string fileName, string text) => WriteSource(fileName, System.Text.Encoding.UTF8.GetBytes(text));

    public Task<IReadOnlyList<FileLoadResult>> LoadAsync(string? directory = null) =>
        Loader.LoadAsync(directory ?? SourceDirectory, progress: null, CancellationToken.None);

    /// <summary>Runs a query and returns its rows as arrays of values (DBNull as null).</summary>
    public async Task<IReadOnlyList<object?[]>> QueryAsync(string sql) => await Warehouse.QueryAsync(sql);

    public Task<long> CountAsync(string sql) => Warehouse.CountAsync(sql);

    public void Dispose()
    {
        _services.Dispose();
        _root.Delete(recursive: true);
    }
}

/// <summary>A clock that stands still unless moved, so load times are known to the test.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
