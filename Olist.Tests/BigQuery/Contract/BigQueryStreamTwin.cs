namespace Olist.Tests.BigQuery.Contract;

/// <summary>
/// Executes the stream's transactions the fake BigQuery receives on a DuckDB database, so a test can count the rows they
/// leave: the tables the client created (tables.insert) with their fields' DuckDB types, each commit's staged table filled
/// from the newline-delimited JSON its load job uploaded, then the script itself, which DuckDB runs as written but for
/// quoting and BigQuery's <c>INSERT ROW</c> (DuckDB's <c>INSERT</c> of the whole source row). Hooked into
/// <see cref="FakeBigQueryServer.Answer"/>, it runs before the fake answers, so an answer the fake then loses leaves the
/// rows committed, as BigQuery would.
/// </summary>
internal sealed partial class BigQueryStreamTwin : IDisposable
{
    private readonly FakeBigQueryServer _fake;
    private readonly string _directory;
    private readonly DuckDBConnection _connection;
    private readonly HashSet<string> _seenCalls = new(StringComparer.Ordinal);

    public BigQueryStreamTwin(FakeBigQueryServer fake, string directory)
    {
        _fake = fake;
        _directory = directory;
        _connection = new DuckDBConnection($"Data Source={Path.Combine(directory, "bigquery-twin.duckdb")}");
        _connection.Open();
    }

    /// <summary>Runs a stream transaction and returns true; any other SQL is left to the fake (false).</summary>
    public bool Execute(string sql)
    {
        if (!sql.StartsWith("BEGIN TRANSACTION;", StringComparison.Ordinal) || !sql.Contains("__commit_", StringComparison.Ordinal))
        {
            return false;
        }

        lock (_connection)
        {
            foreach (var call in _fake.Calls.Where(c => c.Status == 200 && c.Body is not null && _seenCalls.Add($"{c.PathAndQuery} {c.Body}")))
            {
                var body = JsonNode.Parse(call.Body!)!;
                if (call.Method == "bigquery.tables.insert")
                {
                    var table = body["tableReference"]!;
                    Run($"CREATE SCHEMA IF NOT EXISTS \"{table["datasetId"]}\"; CREATE TABLE IF NOT EXISTS {Name(table)} ({string.Join(", ", Fields(body).Select(f => $"\"{f.Name}\" {f.Type}"))})");
                }
                else if (call.Method == "bigquery.jobs.insert" && body["configuration"]?["load"] is { } load && IsStaged(load) && _fake.Uploads.TryGetValue(body["jobReference"]!["jobId"]!.GetValue<string>(), out var upload))
                {
                    var file = Path.Combine(_directory, $"{Guid.NewGuid():N}.ndjson");
                    File.WriteAllBytes(file, upload);
                    var fields = Fields(load).ToList();
                    var columns = string.Join(", ", fields.Select(f => $"'{f.Name}': 'VARCHAR'"));
                    var casts = string.Join(", ", fields.Select(f => f.Type == "BLOB" ? $"from_base64(\"{f.Name}\") AS \"{f.Name}\"" : $"CAST(\"{f.Name}\" AS {f.Type}) AS \"{f.Name}\""));
                    Run($"CREATE OR REPLACE TABLE {Name(load["destinationTable"]!)} AS SELECT {casts} FROM read_json('{file}', format = 'newline_delimited', columns = {{{columns}}})");
                }
            }

            Run(Quoted().Replace(sql, m => $"\"{m.Groups["dataset"].Value}\".\"{m.Groups["table"].Value}\"").Replace("INSERT ROW", "INSERT", StringComparison.Ordinal));
        }

        return true;
    }

    /// <summary>The rows of a query on the twin, every value as DuckDB returns it.</summary>
    public List<object?[]> Rows(string sql)
    {
        lock (_connection)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            var rows = new List<object?[]>();
            while (reader.Read())
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
    }

    public void Dispose() => _connection.Dispose();

    private void Run(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>A commit's staged table, not one of the loader's (CSV rows, the quarantine).</summary>
    private static bool IsStaged(JsonNode load) =>
        load["sourceFormat"]?.GetValue<string>() == "NEWLINE_DELIMITED_JSON" && load["destinationTable"]!["tableId"]!.GetValue<string>().Contains("__commit_", StringComparison.Ordinal);

    private static string Name(JsonNode table) => $"\"{table["datasetId"]}\".\"{table["tableId"]}\"";

    private static IEnumerable<(string Name, string Type)> Fields(JsonNode owner) =>
        owner["schema"]!["fields"]!.AsArray().Select(f => (f!["name"]!.GetValue<string>(), f["type"]!.GetValue<string>() switch
        {
            "STRING" => "VARCHAR",
            "INT64" or "INTEGER" => "BIGINT",
            "BOOL" or "BOOLEAN" => "BOOLEAN",
            "TIMESTAMP" => "TIMESTAMPTZ",
            "BYTES" => "BLOB",
            "FLOAT64" or "FLOAT" => "DOUBLE",
            var other => throw new InvalidOperationException($"the twin has no DuckDB type for {other}"),
        }));

    [GeneratedRegex("`(?<dataset>[A-Za-z0-9_]+)\\.(?<table>[A-Za-z0-9_]+)`")]
    private static partial Regex Quoted();
}
