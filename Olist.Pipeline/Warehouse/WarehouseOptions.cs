namespace Olist.Pipeline.Warehouse;

/// <summary>Which warehouse holds the data, and how much of the machine the embedded DuckDB warehouse may use; bound from <c>Olist:Warehouse</c>.</summary>
public sealed partial class WarehouseOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Olist:Warehouse";

    /// <summary>The embedded DuckDB file of the data directory, the one-machine default.</summary>
    public const string DuckDb = "DuckDb";

    /// <summary>A dataset of a Google BigQuery project (<c>Olist:Warehouse:BigQuery</c>), for data that outgrows one machine.</summary>
    public const string BigQuery = "BigQuery";

    /// <summary>Which warehouse holds the data: <c>DuckDb</c> or <c>BigQuery</c>.</summary>
    public string Provider { get; set; } = DuckDb;

    /// <summary>
    /// DuckDB's <c>memory_limit</c>: the most its buffer pool and query operators hold before they spill to disk or fail
    /// (a number and a unit: KB, MB, GB, TB or KiB, MiB, GiB, TiB). DuckDB's own default is 80% of the machine's memory,
    /// which lets a busy server grow far beyond what the data needs; a scale-1 warehouse works in well under 1 GB.
    /// </summary>
    public string MemoryLimit { get; set; } = "1GB";

    private int? _threads;

    /// <summary>
    /// DuckDB's <c>threads</c> while the app serves queries (KPIs, the live monitor, the stream): worker threads of the whole
    /// database, shared by every connection of the process. By default the cores divided by <see cref="MaxConcurrentQueries"/>:
    /// small queries that run side by side each on its own core serve more of them than each split over every core, whose
    /// parallel overhead costs more than it saves and whose threads then contend for the same cores.
    /// </summary>
    public int Threads
    {
        get => _threads ?? Math.Max(1, Environment.ProcessorCount / Math.Max(1, MaxConcurrentQueries));
        set => _threads = value;
    }

    /// <summary>DuckDB's <c>threads</c> while a load or a build runs: one large job at a time, which every core speeds up.</summary>
    public int BuildThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// KPI queries run at once; more requests wait in line. Running more than the cores can serve only adds memory
    /// (each query holds its hash tables) and switching, not throughput.
    /// </summary>
    public int MaxConcurrentQueries { get; set; } = Environment.ProcessorCount;

    /// <summary>What is wrong with these settings, or null when they are usable.</summary>
    public string? Problem()
    {
        if (!MemorySize().IsMatch(MemoryLimit ?? string.Empty))
        {
            return $"{SectionName}:MemoryLimit '{MemoryLimit}' is not a size such as 512MB or 2GiB (units KB, MB, GB, TB, KiB, MiB, GiB, TiB).";
        }

        if (Threads < 1)
        {
            return $"{SectionName}:Threads must be at least 1, not {Threads}.";
        }

        if (BuildThreads < 1)
        {
            return $"{SectionName}:BuildThreads must be at least 1, not {BuildThreads}.";
        }

        return MaxConcurrentQueries < 1 ? $"{SectionName}:MaxConcurrentQueries must be at least 1, not {MaxConcurrentQueries}." : null;
    }

    [GeneratedRegex(@"^\d+(\.\d+)?\s?(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$", RegexOptions.CultureInvariant)]
    private static partial Regex MemorySize();
}
