using DuckDB.NET.Data;
using Olist.Pipeline.Catalog;
using Olist.Pipeline.Warehouse;
using Olist.Pipeline.Warehouse.Raw;

namespace Olist.Pipeline.Ingestion.Raw;

/// <summary>
/// Profiles a freshly loaded raw table with SQL and records what it finds: facts about the source data (empty and
/// repeated keys, empty values, values that do not parse as their catalog kind, duplicate rows, points outside Brazil),
/// all derived from the catalog so a new table gets its checks for free.
/// </summary>
internal static class QualityProfiler
{
    // Brazil's bounding box from the cleaning contract (metrics.md, rule 11).
    private const double MinLatitude = -33.75;
    private const double MaxLatitude = 5.27;
    private const double MinLongitude = -73.99;
    private const double MaxLongitude = -34.79;

    /// <summary>Runs the checks of <paramref name="table"/> and stores the non-zero ones as the findings of this load.</summary>
    public static async Task<IReadOnlyList<QualityFindingRow>> ProfileAsync(
        DuckDBConnection connection, SourceTable table, DateTimeOffset loadedAt, CancellationToken cancellationToken)
    {
        var checks = ChecksFor(table);
        var counts = await CountAsync(connection, table, checks, cancellationToken);
        var findings = checks.Zip(counts)
            .Where(pair => pair.Second > 0)
            .Select((pair, index) => new QualityFindingRow(index, pair.First.Check, pair.First.Column, pair.Second, pair.First.Describe(pair.Second)))
            .ToList();

        await Sql.ExecuteAsync(
            connection, $"DELETE FROM {RawSchema.Name}.{RawSchema.Findings} WHERE table_name = $table", cancellationToken, ("table", table.Name));
        foreach (var finding in findings)
        {
            await Sql.ExecuteAsync(
                connection,
                $"INSERT INTO {RawSchema.Name}.{RawSchema.Findings} VALUES ($table, {Sql.Timestamp(loadedAt)}, $ordinal, $check, $column, $rows, $description)",
                cancellationToken,
                ("table", table.Name),
                ("ordinal", finding.Ordinal),
                ("check", finding.Check),
                ("column", finding.Column),
                ("rows", finding.Rows),
                ("description", finding.Description));
        }

        return findings;
    }

    /// <summary>The checks that apply to a table, in the order they are reported.</summary>
    public static IReadOnlyList<QualityCheck> ChecksFor(SourceTable table)
    {
        var checks = new List<QualityCheck>();
        foreach (var column in table.Columns)
        {
            var name = Sql.Identifier(column.Name);
            checks.Add(table.Key.Contains(column.Name)
                ? new QualityCheck("empty_key", column.Name, $"count(*) FILTER (WHERE {name} IS NULL)", n => $"{n:N0} rows have an empty {column.Name}, which is part of the key.")
                : new QualityCheck("empty_value", column.Name, $"count(*) FILTER (WHERE {name} IS NULL)", n => $"{n:N0} rows have an empty {column.Name}."));
            if (ParsesAs(column.Kind, name) is { } parses)
            {
                checks.Add(new QualityCheck(
                    "unparseable_value",
                    column.Name,
                    $"count(*) FILTER (WHERE {name} IS NOT NULL AND NOT ({parses}))",
                    n => $"{n:N0} values of {column.Name} do not parse as {KindInWords(column.Kind)}."));
            }
        }

        if (table.Key.Count > 0)
        {
            var key = string.Join(", ", table.Key.Select(Sql.Identifier));
            var keyPresent = string.Join(" AND ", table.Key.Select(k => $"{Sql.Identifier(k)} IS NOT NULL"));
            checks.Add(new QualityCheck(
                "duplicate_key",
                null,
                $"(SELECT coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM {RawSchema.TableOf(table)} WHERE {keyPresent} GROUP BY {key} HAVING count(*) > 1))",
                n => $"{n:N0} rows share their key ({string.Join(", ", table.Key)}) with another row."));
        }
        else
        {
            var columns = string.Join(", ", table.ColumnNames.Select(Sql.Identifier));
            checks.Add(new QualityCheck(
                "duplicate_row",
                null,
                $"(SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM {RawSchema.TableOf(table)} GROUP BY {columns} HAVING count(*) > 1))",
                n => $"{n:N0} rows are exact copies of an earlier row."));
        }

        if (BoundingBoxCheck(table) is { } outside)
        {
            checks.Add(outside);
        }

        return checks;
    }

    private static async Task<IReadOnlyList<long>> CountAsync(
        DuckDBConnection connection, SourceTable table, IReadOnlyList<QualityCheck> checks, CancellationToken cancellationToken)
    {
        var counts = new List<long>(checks.Count);
        await Sql.ReadAsync(
            connection,
            $"SELECT {string.Join(", ", checks.Select(c => $"CAST({c.CountSql} AS BIGINT)"))} FROM {RawSchema.TableOf(table)}",
            reader => counts.AddRange(Enumerable.Range(0, checks.Count).Select(reader.GetInt64)),
            cancellationToken);
        return counts;
    }

    private static string? ParsesAs(ColumnKind kind, string column) => kind switch
    {
        ColumnKind.WholeNumber => $"TRY_CAST({column} AS BIGINT) IS NOT NULL",
        ColumnKind.Money or ColumnKind.Real => $"TRY_CAST({column} AS DOUBLE) IS NOT NULL",
        ColumnKind.Timestamp => $"try_strptime({column}, '%Y-%m-%d %H:%M:%S') IS NOT NULL",
        ColumnKind.ZipPrefix => $"regexp_full_match({column}, '[0-9]{{1,5}}')",
        _ => null,
    };

    private static string KindInWords(ColumnKind kind) => kind switch
    {
        ColumnKind.WholeNumber => "a whole number",
        ColumnKind.Timestamp => "a timestamp (YYYY-MM-DD HH:MM:SS)",
        ColumnKind.ZipPrefix => "a zip code prefix (up to five digits)",
        _ => "a number",
    };

    /// <summary>A table with a latitude and a longitude column (catalog kind Real, names ending in _lat and _lng) gets the Brazil check.</summary>
    private static QualityCheck? BoundingBoxCheck(SourceTable table)
    {
        var latitude = table.Columns.FirstOrDefault(c => c.Kind == ColumnKind.Real && c.Name.EndsWith("_lat", StringComparison.Ordinal));
        var longitude = table.Columns.FirstOrDefault(c => c.Kind == ColumnKind.Real && c.Name.EndsWith("_lng", StringComparison.Ordinal));
        if (latitude is null || longitude is null)
        {
            return null;
        }

        var lat = $"TRY_CAST({Sql.Identifier(latitude.Name)} AS DOUBLE)";
        var lng = $"TRY_CAST({Sql.Identifier(longitude.Name)} AS DOUBLE)";
        var box = string.Create(
            CultureInfo.InvariantCulture,
            $"{lat} NOT BETWEEN {MinLatitude} AND {MaxLatitude} OR {lng} NOT BETWEEN {MinLongitude} AND {MaxLongitude}");
        return new QualityCheck(
            "outside_brazil",
            null,
            $"count(*) FILTER (WHERE {box})",
            n => string.Create(CultureInfo.InvariantCulture, $"{n:N0} points lie outside Brazil's bounding box (latitude {MinLatitude} to {MaxLatitude}, longitude {MinLongitude} to {MaxLongitude})."));
    }
}
