namespace Olist.Pipeline.Warehouse;

/// <summary>
/// The warehouse the pipeline loads, builds and reads, whichever provider holds it (<c>Olist:Warehouse:Provider</c>):
/// what the workspace and the pages know of it without speaking its SQL. A provider plugs in by registering its
/// implementation with the services that query it (<c>AddOlistPipeline</c>); DuckDB's is <see cref="DuckDbWarehouse"/>.
/// </summary>
public interface IWarehouse
{
    /// <summary>Which warehouse this is (<c>DuckDb</c>), for messages and the operations pages.</summary>
    string Provider { get; }

    /// <summary>Where it is: the database file, or a cloud project's dataset.</summary>
    string Location { get; }

    /// <summary>
    /// How many times this process may have changed the models (every build counts), so a reader can keep what it computed
    /// from them until the next change.
    /// </summary>
    long ModelsVersion { get; }

    /// <summary>Records that the models may have changed: the transform engine calls it after every build.</summary>
    void ModelsChanged();

    /// <summary>What the warehouse reports it runs with (memory limit, threads, memory in use).</summary>
    Task<WarehouseSettings> ReadSettingsAsync(CancellationToken cancellationToken);
}
