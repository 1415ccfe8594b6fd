using System.Data.Common;
using DuckDB.NET.Data;

namespace Olist.Pipeline.Streaming;

/// <summary>Runs a query with named parameters (<c>$name</c>) and hands each row to a callback, so readers and commands are always disposed.</summary>
internal static class StreamSql
{
    public static async Task ReadAsync(
        DuckDBConnection connection, string sql, Action<DbDataReader> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(name, value));
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            read(reader);
        }
    }

    /// <summary>A point in time as DuckDB's <c>epoch_us</c> gives it.</summary>
    public static long Microseconds(DateTimeOffset instant) => (instant - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;

    /// <summary>The inverse of <see cref="Microseconds"/>.</summary>
    public static DateTimeOffset FromMicroseconds(long microseconds) => DateTimeOffset.UnixEpoch.AddTicks(microseconds * TimeSpan.TicksPerMicrosecond);
}
