using System.Numerics;
using DuckDB.NET.Data;
using Olist.Pipeline.Warehouse;

namespace Olist.Pipeline.Transform.Execution;

/// <summary>
/// A session on the DuckDB warehouse: one connection for a whole run, so no model pays for opening one. SQL errors become
/// <see cref="PipelineException"/>s carrying DuckDB's message, so the runner can record them without knowing the warehouse.
/// </summary>
internal sealed class DuckDbSession : IWarehouseSession
{
    private readonly BuildConnection _build;
    private readonly DuckDBConnection _connection;

    private DuckDbSession(BuildConnection build)
    {
        _build = build;
        _connection = build.Connection;
    }

    /// <summary>A session whose run has DuckDB's build threads (<see cref="WarehouseOptions.BuildThreads"/>) until it ends.</summary>
    public static async Task<DuckDbSession> OpenAsync(DuckDbWarehouse warehouse, CancellationToken cancellationToken) =>
        new(await warehouse.OpenForBuildAsync(cancellationToken));

    public Task<long> ExecuteAsync(string sql, CancellationToken cancellationToken) => Guarded(async () =>
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return (long)await command.ExecuteNonQueryAsync(cancellationToken);
    });

    public Task<IReadOnlyList<long>> ExecuteInTransactionAsync(IReadOnlyList<string> statements, CancellationToken cancellationToken) => Guarded<IReadOnlyList<long>>(async () =>
    {
        await using var transaction = await _connection.BeginTransactionAsync(cancellationToken);
        var changed = new List<long>(statements.Count);
        foreach (var statement in statements)
        {
            await using var command = _connection.CreateCommand();
            command.Transaction = (DuckDBTransaction)transaction;
            command.CommandText = statement;
            changed.Add(await command.ExecuteNonQueryAsync(cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return changed;
    });

    public Task<long> CountAsync(string sql, CancellationToken cancellationToken) => Guarded(async () =>
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    });

    public Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> QueryAsync(string sql, CancellationToken cancellationToken) =>
        Guarded<IReadOnlyList<IReadOnlyDictionary<string, object?>>>(async () =>
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new Dictionary<string, object?>(reader.FieldCount, StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : JsonFriendly(reader.GetValue(i));
            }

            rows.Add(row);
        }

        return rows;
    });

    public async Task<RelationKind> RelationKindAsync(string schema, string name, CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = "SELECT table_type FROM information_schema.tables WHERE table_schema = $schema AND table_name = $name";
        command.Parameters.Add(new DuckDBParameter("schema", schema));
        command.Parameters.Add(new DuckDBParameter("name", name));
        return await command.ExecuteScalarAsync(cancellationToken) switch
        {
            "VIEW" => RelationKind.View,
            string => RelationKind.Table,
            _ => RelationKind.Missing,
        };
    }

    /// <summary>DuckDB reports no bytes processed per statement.</summary>
    public long? BytesProcessed => null;

    public ValueTask DisposeAsync() => _build.DisposeAsync();

    private static async Task<T> Guarded<T>(Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (DuckDBException ex)
        {
            throw new PipelineException(ex.Message, ex);
        }
    }

    /// <summary>Failing-row samples go to run_results.json: keep numbers and booleans, write every other value as invariant text.</summary>
    private static object? JsonFriendly(object value) => value switch
    {
        string or bool or long or int or short or byte or double or float or decimal => value,
        BigInteger or ulong or uint or ushort or sbyte => Convert.ToString(value, CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset moment => moment.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToBase64String(bytes),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
