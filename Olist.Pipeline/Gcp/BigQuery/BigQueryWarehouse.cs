using Google.Apis.Auth.OAuth2;
using Olist.Pipeline.Catalog;
using Olist.Pipeline.Warehouse;
using Olist.Pipeline.Warehouse.Raw;

namespace Olist.Pipeline.Gcp.BigQuery;

/// <summary>
/// BigQuery as the warehouse (<c>Olist:Warehouse:Provider = BigQuery</c>): one dataset of a project holds the raw tables,
/// the models and the load bookkeeping. The client is created on first use (Application Default Credentials, or no
/// credentials with <c>BIGQUERY_EMULATOR_HOST</c>), and again after a failed attempt, so a missing credential is an
/// error of the call that needed it, not of the start.
/// </summary>
public sealed class BigQueryWarehouse(
    BigQueryOptions options, string dataset, TimeProvider timeProvider, GoogleCredential? credential = null, HttpMessageHandler? connection = null) : IWarehouse
{
    private readonly Lock _gate = new();
    private Task<BigQueryClient>? _client;
    private long _modelsVersion;

    public string Provider => WarehouseOptions.BigQuery;

    /// <summary>The project and dataset, as <c>project.dataset</c>.</summary>
    public string Location => $"{options.ProjectId}.{dataset}";

    /// <summary>The dataset every relation lives in.</summary>
    public string Dataset => dataset;

    /// <summary>The id in the dataset of a raw table: <c>raw_orders</c> for the batch table <c>raw.orders</c>.</summary>
    public static string RawTableId(SourceTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return $"{RawSchema.Name}_{table.Name}";
    }

    /// <summary>A table of the dataset as a query names it: <c>`dataset.table`</c>.</summary>
    public string Relation(string table) => $"`{dataset}.{table}`";

    /// <summary>A raw table of the dataset as a query names it: <c>`dataset.raw_orders`</c>.</summary>
    public string RawRelation(SourceTable table) => Relation(RawTableId(table));

    /// <summary>The settings the client runs with.</summary>
    public BigQueryOptions Options => options;

    public long ModelsVersion => Interlocked.Read(ref _modelsVersion);

    public void ModelsChanged() => Interlocked.Increment(ref _modelsVersion);

    /// <summary>BigQuery manages memory and slots itself; what there is to report is where the jobs run and their byte limit.</summary>
    public Task<WarehouseSettings> ReadSettingsAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new WarehouseSettings(
            $"managed by BigQuery in {options.Location}{(options.MaximumBytesBilled is > 0 and var limit ? $", at most {limit:N0} bytes billed per query" : string.Empty)}", 0, 0));

    /// <summary>The client, created once; a failed creation (no credentials, a bad emulator address) is tried again on the next call.</summary>
    public Task<BigQueryClient> ClientAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_client is null || _client.IsFaulted || _client.IsCanceled)
            {
                _client = BigQueryClient.CreateAsync(options, timeProvider, credential, connection, CancellationToken.None);
            }

            return _client.WaitAsync(cancellationToken);
        }
    }
}
