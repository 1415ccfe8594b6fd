namespace Olist.Tests.TestSupport;

/// <summary>Reads a test's warehouse directly with SQL, so assertions do not depend on the code under test.</summary>
public static class WarehouseQueries
{
    /// <summary>Runs a query and returns its rows as arrays of values (DBNull as null).</summary>
    public static async Task<List<object?[]>> QueryAsync(this DuckDbWarehouse warehouse, string sql)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        await using var connection = await warehouse.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The single value of a one-row, one-column query, as a long.</summary>
    public static async Task<long> CountAsync(this DuckDbWarehouse warehouse, string sql) =>
        Convert.ToInt64((await warehouse.QueryAsync(sql))[0][0], CultureInfo.InvariantCulture);
}
