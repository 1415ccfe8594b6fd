using System.Data.Common;
using System.Numerics;

namespace Olist.Tests.BigQuery.Contract;

/// <summary>
/// Answers the fake BigQuery's KPI reads and new-data checks from a DuckDB pipeline that loaded and built the same files:
/// a KPI read is recognised as exactly the SQL the KPI service sends BigQuery for that KPI, runs as the SQL it sends
/// DuckDB with the same parameters, and comes back in BigQuery's wire form (every cell text, the schema's legacy type
/// names); the new-data check's counts come from DuckDB's own check. The fake computes nothing: what a test built on
/// this proves is that the BigQuery path asks the right questions validly and maps the answers to the same records,
/// not that BigQuery computes the same figures.
/// </summary>
internal sealed class DuckDbReferenceAnswers
{
    private readonly IKpiReader _reader;
    private readonly INewDataCheck _newData;
    private readonly Dictionary<string, (KpiDefinition Kpi, string Sql)> _kpis;

    public DuckDbReferenceAnswers(IServiceProvider reference, string dataset)
    {
        _reader = reference.GetRequiredService<IKpiReader>();
        _newData = reference.GetRequiredService<INewDataCheck>();
        _kpis = reference.GetRequiredService<KpiCatalog>().All.ToDictionary(
            k => k.Sql($"`{dataset}.{k.Model}`", "@"), k => (k, k.Sql(_reader.Relation(k.Model), _reader.ParameterMarker)), StringComparer.Ordinal);
    }

    /// <summary>The answer to <paramref name="sql"/> when it is a KPI read or a new-data check, else null.</summary>
    public FakeQuery? Answer(string sql, IReadOnlyDictionary<string, string?> parameters)
    {
        if (_kpis.TryGetValue(sql, out var kpi))
        {
            var typed = parameters.Select(p => new KpiParameter(p.Key, long.TryParse(p.Value, CultureInfo.InvariantCulture, out var number) ? (object)number : p.Value!)).ToList();
            return _reader.ReadAsync(kpi.Kpi.Model, kpi.Sql, typed, (reader, _) => Task.FromResult(Cells(reader)), CancellationToken.None).GetAwaiter().GetResult();
        }

        if (sql.Contains("COUNT(DISTINCT order_id) AS orders", StringComparison.Ordinal) && parameters.TryGetValue("day", out var day))
        {
            var orders = _newData.CountOrdersAsync(DateOnly.Parse(day!, CultureInfo.InvariantCulture), CancellationToken.None).GetAwaiter().GetResult();
            return new FakeQuery("""{"fields":[{"name":"orders","type":"INTEGER"}]}""", _ => [Row(orders.ToString(CultureInfo.InvariantCulture))]);
        }

        if (sql.Contains("AS day, COUNT(DISTINCT order_id)", StringComparison.Ordinal))
        {
            var days = _newData.CountByDayAsync(
                DateOnly.Parse(parameters["from"]!, CultureInfo.InvariantCulture), DateOnly.Parse(parameters["to"]!, CultureInfo.InvariantCulture), CancellationToken.None)
                .GetAwaiter().GetResult();
            return new FakeQuery(
                """{"fields":[{"name":"day","type":"DATE"},{"name":"orders","type":"INTEGER"}]}""",
                _ => [.. days.Select(d => Row(d.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Value.ToString(CultureInfo.InvariantCulture)))]);
        }

        return null;
    }

    /// <summary>A DuckDB result as BigQuery sends it: the schema from the columns' .NET types, every value as text.</summary>
    private static FakeQuery Cells(DbDataReader reader)
    {
        var fields = new JsonArray();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            fields.Add(new JsonObject { ["name"] = reader.GetName(i), ["type"] = TypeOf(reader.GetFieldType(i)) });
        }

        var rows = new List<JsonNode>();
        while (reader.Read())
        {
            rows.Add(Row([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : Text(reader.GetValue(i)))]));
        }

        return new FakeQuery(new JsonObject { ["fields"] = fields }.ToJsonString(), _ => rows);
    }

    private static string TypeOf(Type type) => type switch
    {
        _ when type == typeof(string) => "STRING",
        _ when type == typeof(bool) => "BOOLEAN",
        _ when type == typeof(decimal) => "NUMERIC",
        _ when type == typeof(double) || type == typeof(float) => "FLOAT",
        _ when type == typeof(DateOnly) || type == typeof(DateTime) => "DATE",
        _ when type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(byte) || type == typeof(BigInteger) => "INTEGER",
        _ => throw new InvalidOperationException($"no BigQuery type for a KPI column of {type.Name}"),
    };

    private static string Text(object value) => value switch
    {
        bool flag => flag ? "true" : "false",
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        float number => number.ToString("R", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    private static JsonObject Row(params string?[] values) => new() { ["f"] = new JsonArray([.. values.Select(v => new JsonObject { ["v"] = v })]) };
}
