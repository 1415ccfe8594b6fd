using Olist.Pipeline.Transform.Execution;

namespace Olist.Pipeline.Gcp.BigQuery;

/// <summary>
/// A run of the transform engine on BigQuery: each statement is one query job (jobs.query, with its own request id), the
/// bytes each processed are added up for run_results.json, and BigQuery's refusals become <see cref="PipelineException"/>s
/// carrying its message, as the runner records them. BigQuery allows only DML inside a transaction: statements that are
/// all DML (a day replaced: DELETE then INSERT) run as one <c>BEGIN TRANSACTION ... COMMIT TRANSACTION</c> script, all or
/// none; DDL runs statement by statement, each atomic on its own (CREATE OR REPLACE, a table COPY).
/// </summary>
internal sealed class BigQuerySession(BigQueryClient client) : IWarehouseSession
{
    private static readonly string[] DmlKeywords = ["INSERT", "DELETE", "MERGE", "UPDATE"];

    private long _bytes;

    public long? BytesProcessed => Interlocked.Read(ref _bytes);

    public async Task<long> ExecuteAsync(string sql, CancellationToken cancellationToken) =>
        (await RunAsync(sql, cancellationToken)).NumDmlAffectedRows ?? 0;

    public async Task<IReadOnlyList<long>> ExecuteInTransactionAsync(IReadOnlyList<string> statements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statements);
        if (!statements.All(IsDml))
        {
            var changed = new List<long>(statements.Count);
            foreach (var statement in statements)
            {
                changed.Add(await ExecuteAsync(statement, cancellationToken));
            }

            return changed;
        }

        var script = $"BEGIN TRANSACTION;\n{string.Concat(statements.Select(s => $"{s};\n"))}COMMIT TRANSACTION;";
        var result = await RunAsync(script, cancellationToken);
        var job = result.Job ?? throw new PipelineException("BigQuery answered a transaction without its job.");
        var dml = await Guarded(() => client.ListChildJobsAsync(job, cancellationToken));
        var affected = dml
            .Where(j => j.Statistics?.Query?.StatementType is { } type && DmlKeywords.Contains(type, StringComparer.Ordinal))
            .Reverse()
            .Select(j => j.Statistics!.Query!.NumDmlAffectedRows ?? 0)
            .ToList();
        return affected.Count == statements.Count
            ? affected
            : throw new PipelineException($"BigQuery reported {affected.Count} DML statements of the transaction's {statements.Count} (job {job.JobId}).");
    }

    public async Task<long> CountAsync(string sql, CancellationToken cancellationToken)
    {
        var result = await RunAsync(sql, cancellationToken);
        return result.Rows is [var row, ..] ? Convert.ToInt64(row[0], CultureInfo.InvariantCulture) : 0;
    }

    public async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> QueryAsync(string sql, CancellationToken cancellationToken)
    {
        var result = await RunAsync(sql, cancellationToken);
        return [.. result.Rows.Select(row => (IReadOnlyDictionary<string, object?>)row.Fields
            .Select((field, i) => (field.Name, Value: JsonFriendly(row[i])))
            .ToDictionary(c => c.Name, c => c.Value, StringComparer.Ordinal))];
    }

    /// <summary>Every relation is a table of the one dataset, named as the model (the dialect folds schemas into it).</summary>
    public async Task<RelationKind> RelationKindAsync(string schema, string name, CancellationToken cancellationToken)
    {
        var table = await Guarded(async () => await client.GetTableAsync(Dataset, name, cancellationToken));
        return table?.Type switch
        {
            null when table is null => RelationKind.Missing,
            "VIEW" => RelationKind.View,
            _ => RelationKind.Table,
        };
    }

    /// <summary>The dataset relations are looked up in.</summary>
    public required string Dataset { get; init; }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static bool IsDml(string statement)
    {
        var first = statement.TrimStart().Split([' ', '\n', '\t', '\r'], 2)[0];
        return DmlKeywords.Contains(first, StringComparer.OrdinalIgnoreCase);
    }

    private async Task<BigQueryResult> RunAsync(string sql, CancellationToken cancellationToken)
    {
        var result = await Guarded(() => client.QueryAsync(sql, parameters: null, queryOptions: null, cancellationToken));
        Interlocked.Add(ref _bytes, result.TotalBytesProcessed ?? 0);
        return result;
    }

    private static async Task<T> Guarded<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (GoogleApiException ex)
        {
            throw new PipelineException($"BigQuery: {ex.Message}", ex);
        }
        catch (BigQueryJobException ex)
        {
            throw new PipelineException(ex.Message, ex);
        }
    }

    /// <summary>Failing-row samples go to run_results.json: numbers and booleans as they are, every other value as invariant text.</summary>
    private static object? JsonFriendly(object? value) => value switch
    {
        null or string or bool or long or double or decimal => value,
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset moment => moment.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToBase64String(bytes),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
