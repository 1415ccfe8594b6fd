namespace Olist.Pipeline.Warehouse;

/// <summary>
/// The one set of SQL helpers of the pipeline, for every ADO.NET connection it opens (the DuckDB warehouse, the SQLite
/// bus, ops and secret stores): quoting where a database takes no parameters (table functions, DDL), and statements with
/// named parameters whose commands and readers are always disposed. Parameter names are passed as the provider binds
/// them: <c>name</c> for DuckDB's <c>$name</c>, <c>$name</c> for SQLite.
/// </summary>
internal static class Sql
{
    /// <summary>A quoted identifier, such as a column name taken from the catalog.</summary>
    public static string Identifier(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>A quoted text literal.</summary>
    public static string Literal(string value) => $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";

    /// <summary>A DuckDB <c>TIMESTAMPTZ</c> literal of <paramref name="value"/> in UTC, to the microsecond.</summary>
    public static string Timestamp(DateTimeOffset value) =>
        $"TIMESTAMPTZ '{value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)}+00'";

    /// <summary>A point in time as DuckDB's <c>epoch_us</c> gives it.</summary>
    public static long Microseconds(DateTimeOffset instant) => (instant - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;

    /// <summary>The inverse of <see cref="Microseconds"/>.</summary>
    public static DateTimeOffset FromMicroseconds(long microseconds) => DateTimeOffset.UnixEpoch.AddTicks(microseconds * TimeSpan.TicksPerMicrosecond);

    /// <summary>Runs one statement (or a script, where the provider takes several) and returns the rows it changed.</summary>
    public static Task<int> ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        ExecuteAsync(connection, null, sql, cancellationToken, parameters);

    /// <summary>Runs one statement inside <paramref name="transaction"/>.</summary>
    public static async Task<int> ExecuteAsync(
        DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The first column of the first row, or null when there is none.</summary>
    public static Task<object?> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        ScalarAsync(connection, null, sql, cancellationToken, parameters);

    /// <summary>The first column of the first row inside <paramref name="transaction"/>, or null when there is none.</summary>
    public static async Task<object?> ScalarAsync(
        DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    /// <summary>The single number a query returns, such as a count.</summary>
    public static async Task<long> CountAsync(DbConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        Convert.ToInt64(await ScalarAsync(connection, sql, cancellationToken, parameters), CultureInfo.InvariantCulture);

    /// <summary>Hands each row of a query to <paramref name="read"/>.</summary>
    public static Task ReadAsync(
        DbConnection connection, string sql, Action<DbDataReader> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        ReadAsync(connection, null, sql, read, cancellationToken, parameters);

    /// <summary>Hands each row of a query inside <paramref name="transaction"/> to <paramref name="read"/>.</summary>
    public static async Task ReadAsync(
        DbConnection connection, DbTransaction? transaction, string sql, Action<DbDataReader> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(read);
        await using var command = Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            read(reader);
        }
    }

    /// <summary>The rows of a query, each made by <paramref name="read"/>.</summary>
    public static async Task<List<T>> QueryAsync<T>(
        DbConnection connection, string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(read);
        var rows = new List<T>();
        await ReadAsync(connection, sql, reader => rows.Add(read(reader)), cancellationToken, parameters);
        return rows;
    }

    /// <summary>A command of <paramref name="sql"/> with <paramref name="parameters"/> bound; the caller disposes it.</summary>
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(parameters);
        var command = connection.CreateCommand();
        // SQLite's new commands already take the connection's open transaction; only an explicit one replaces it.
        if (transaction is not null)
        {
            command.Transaction = transaction;
        }

        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
