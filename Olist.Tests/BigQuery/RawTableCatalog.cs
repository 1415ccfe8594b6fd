namespace Olist.Tests.BigQuery;

/// <summary>
/// The raw tables the models read, as a BigQuery dataset would hold them: the loader and the stream consumer create their
/// tables in a real DuckDB file, and each column's DuckDB type is mapped to its BigQuery type. So the catalog has no
/// second definition of a raw table.
/// </summary>
internal static class RawTableCatalog
{
    public static async Task<IReadOnlyList<CatalogTable>> CreateAsync(SqlDialect dialect, string directory, CancellationToken cancellationToken)
    {
        var warehouse = new DuckDbWarehouse(Path.Combine(directory, "raw-schema.duckdb"));
        await using var connection = await warehouse.OpenAsync(cancellationToken);
        await RawSchema.EnsureAsync(connection, cancellationToken);
        foreach (var table in OlistCatalog.Tables)
        {
            await Sql.ExecuteAsync(connection, RawSchema.CreateTableSql(table), cancellationToken);
        }

        await StreamTables.EnsureAsync(connection, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT table_name, column_name, data_type
            FROM information_schema.columns
            WHERE table_schema = 'raw'
            ORDER BY table_name, ordinal_position
            """;
        var columns = new List<(string Table, CatalogColumn Column)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            columns.Add((reader.GetString(0), new CatalogColumn(reader.GetString(1), BigQueryType(reader.GetString(2)))));
        }

        return [.. columns.GroupBy(c => c.Table).Select(t => new CatalogTable(dialect.SourceRelation("raw", t.Key).Trim('`'), [.. t.Select(c => c.Column)]))];
    }

    private static string BigQueryType(string duckDbType) => duckDbType switch
    {
        "VARCHAR" => "STRING",
        "BIGINT" or "INTEGER" => "INT64",
        "DOUBLE" => "FLOAT64",
        "BOOLEAN" => "BOOL",
        "BLOB" => "BYTES",
        "TIMESTAMP WITH TIME ZONE" => "TIMESTAMP",
        _ => throw new InvalidOperationException($"no BigQuery type for the raw column type {duckDbType}"),
    };
}
