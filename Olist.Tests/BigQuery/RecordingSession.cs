namespace Olist.Tests.BigQuery;

/// <summary>
/// A warehouse session that runs nothing and keeps every statement the engine sends, in order: the engine's runs rendered
/// for BigQuery, to analyze. Counts are zero (every test passes, so every publish happens) and relations exist as
/// <paramref name="kindOf"/> says, as after an earlier build.
/// </summary>
internal sealed class RecordingSession(Func<string, string, RelationKind> kindOf) : IWarehouseSession
{
    public List<string> Statements { get; } = [];

    public Task<long> ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        Statements.Add(sql);
        return Task.FromResult(0L);
    }

    public Task<IReadOnlyList<long>> ExecuteInTransactionAsync(IReadOnlyList<string> statements, CancellationToken cancellationToken)
    {
        Statements.AddRange(statements);
        return Task.FromResult<IReadOnlyList<long>>([.. statements.Select(_ => 0L)]);
    }

    public Task<long> CountAsync(string sql, CancellationToken cancellationToken)
    {
        Statements.Add(sql);
        return Task.FromResult(0L);
    }

    public Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> QueryAsync(string sql, CancellationToken cancellationToken)
    {
        Statements.Add(sql);
        return Task.FromResult<IReadOnlyList<IReadOnlyDictionary<string, object?>>>([]);
    }

    public long? BytesProcessed => null;

    public Task<RelationKind> RelationKindAsync(string schema, string name, CancellationToken cancellationToken) =>
        Task.FromResult(kindOf(schema, name));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
