namespace Olist.Pipeline.Transform.Execution;

/// <summary>One open connection to a warehouse, the only way the engine runs SQL, so another warehouse can be added behind it.</summary>
internal interface IWarehouseSession : IAsyncDisposable
{
    /// <summary>Runs one statement; returns the rows it changed.</summary>
    Task<long> ExecuteAsync(string sql, CancellationToken cancellationToken);

    /// <summary>Runs statements in one transaction, all or none; returns the rows each changed.</summary>
    Task<IReadOnlyList<long>> ExecuteInTransactionAsync(IReadOnlyList<string> statements, CancellationToken cancellationToken);

    /// <summary>The single number a query returns, such as a count.</summary>
    Task<long> CountAsync(string sql, CancellationToken cancellationToken);

    /// <summary>The rows of a query as column name to JSON-friendly value (text, number, boolean, null).</summary>
    Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> QueryAsync(string sql, CancellationToken cancellationToken);

    Task<RelationKind> RelationKindAsync(string schema, string name, CancellationToken cancellationToken);

    /// <summary>Bytes the warehouse reports this session's statements processed so far (what BigQuery bills by); null where it reports none.</summary>
    long? BytesProcessed { get; }
}
