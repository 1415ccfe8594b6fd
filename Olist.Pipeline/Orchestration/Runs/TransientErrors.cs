using DuckDB.NET.Data;
using Microsoft.Data.Sqlite;

namespace Olist.Pipeline.Orchestration.Runs;

/// <summary>
/// Which failures may pass by themselves and are worth a retry: a warehouse file locked by another process, a write-write
/// conflict with the stream consumer, an I/O error, a busy SQLite file. SQL errors (binder, parser, catalog, a failed
/// test) fail the same way every time and are never retried.
/// </summary>
public static class TransientErrors
{
    private static readonly string[] Signs = ["Could not set lock", "IO Error", "write-write conflict", "Transaction conflict", "database is locked"];

    public static bool IsTransient(Exception exception) => exception switch
    {
        IOException => true,
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6,
        DuckDBException duck => IsTransient(duck.Message),
        PipelineException { InnerException: { } inner } => IsTransient(inner),
        _ => false,
    };

    /// <summary>True when an engine's error message names a transient cause.</summary>
    public static bool IsTransient(string? message) =>
        message is not null && Signs.Any(sign => message.Contains(sign, StringComparison.OrdinalIgnoreCase));
}
