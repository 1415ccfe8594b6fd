namespace Olist.Pipeline.Configuration;

/// <summary>The files and folders inside the data directory, named in one place.</summary>
public sealed class DataPaths
{
    /// <summary>Resolves <paramref name="dataDirectory"/> against the working directory.</summary>
    public DataPaths(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        Root = Path.GetFullPath(dataDirectory);
    }

    /// <summary>The data directory itself.</summary>
    public string Root { get; }

    /// <summary>The embedded DuckDB warehouse file.</summary>
    public string Warehouse => Path.Combine(Root, "warehouse.duckdb");

    /// <summary>The embedded message bus of the live order stream (SQLite).</summary>
    public string Bus => Path.Combine(Root, "bus.db");

    /// <summary>The ops store (SQLite): run history, backfills and the scheduler's state.</summary>
    public string Ops => Path.Combine(Root, "ops.db");

    /// <summary>The small SQLite store of hashed secrets such as the publisher API key.</summary>
    public string Secrets => Path.Combine(Root, "secrets.db");

    /// <summary>Where a user drops the real Kaggle CSV files; preferred over generated data when present.</summary>
    public string RealSources => Path.Combine(Root, "olist");

    /// <summary>Where the transform engine writes manifest.json and run_results.json.</summary>
    public string Target => Path.Combine(Root, "target");

    /// <summary>Where the first run writes generated CSV files when no real files are present.</summary>
    public string GeneratedSources => Path.Combine(Root, "generated");
}
