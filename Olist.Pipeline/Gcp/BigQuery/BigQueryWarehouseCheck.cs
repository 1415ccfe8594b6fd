using Olist.Pipeline.Transform;
using Olist.Pipeline.Transform.Execution;

namespace Olist.Pipeline.Gcp.BigQuery;

/// <summary>What <c>bigquery check</c> found for one model or test.</summary>
public enum CheckOutcome
{
    /// <summary>The dry run passed; the bytes are what it would process now.</summary>
    Valid,

    /// <summary>A relation it reads does not exist yet (a model not built, a raw table not loaded), so BigQuery cannot dry-run it.</summary>
    NeedsUpstream,

    /// <summary>BigQuery refused it; the detail is BigQuery's message.</summary>
    Failed,
}

/// <summary>One line of <c>bigquery check</c>: the model or test, its outcome, the bytes its dry run would process, and why when it was not valid.</summary>
public sealed record CheckLine(string Name, NodeKind Kind, CheckOutcome Outcome, long? Bytes, string? Detail);

/// <summary>
/// <c>bigquery setup</c> and <c>bigquery check</c> on a real project (or the fake): setup creates the datasets the
/// project's relations live in; check dry-runs every model's SELECT and every test's query in build order. BigQuery
/// cannot dry-run a query that reads a missing table, so a query whose model or raw table does not exist yet is reported
/// as needing it (checked by tables.get) instead of dry-run; check never creates or writes anything.
/// </summary>
public static class BigQueryWarehouseCheck
{
    /// <summary>Creates each dataset the plan's relations name, in the client's location; one line per dataset, <c>created</c> or <c>exists</c>.</summary>
    public static async Task<IReadOnlyList<string>> SetupAsync(BigQueryClient client, IReadOnlyList<PlannedQuery> plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var lines = new List<string>();
        foreach (var dataset in Datasets(plan))
        {
            var created = await client.CreateDatasetAsync(dataset, cancellationToken);
            lines.Add($"dataset {client.ProjectId}.{dataset}: {(created ? "created" : "exists")}");
        }

        return lines;
    }

    /// <summary>Dry-runs each planned query whose inputs exist; the others are <see cref="CheckOutcome.NeedsUpstream"/>.</summary>
    public static async Task<IReadOnlyList<CheckLine>> CheckAsync(BigQueryClient client, IReadOnlyList<PlannedQuery> plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(plan);
        var exists = new Dictionary<string, bool>(StringComparer.Ordinal);
        var lines = new List<CheckLine>();
        foreach (var query in plan)
        {
            var missing = new List<string>();
            foreach (var relation in query.Reads)
            {
                if (!exists.TryGetValue(relation, out var found))
                {
                    var (dataset, table) = Parts(relation);
                    found = exists[relation] = await client.GetTableAsync(dataset, table, cancellationToken) is not null;
                }

                if (!found)
                {
                    missing.Add(relation.Trim('`'));
                }
            }

            lines.Add(missing.Count > 0
                ? new CheckLine(query.Name, query.Kind, CheckOutcome.NeedsUpstream, null, $"not there yet: {string.Join(", ", missing)}")
                : await DryRunAsync(client, query, cancellationToken));
        }

        return lines;
    }

    /// <summary>The datasets the plan's relations live in, in order of first use.</summary>
    public static IReadOnlyList<string> Datasets(IReadOnlyList<PlannedQuery> plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return [.. plan.SelectMany(q => q.Relation is null ? q.Reads : [q.Relation, .. q.Reads]).Select(r => Parts(r).Dataset).Distinct(StringComparer.Ordinal)];
    }

    private static async Task<CheckLine> DryRunAsync(BigQueryClient client, PlannedQuery query, CancellationToken cancellationToken)
    {
        try
        {
            var dryRun = await client.DryRunAsync(query.Sql, null, cancellationToken);
            return new CheckLine(query.Name, query.Kind, CheckOutcome.Valid, dryRun.TotalBytesProcessed, null);
        }
        catch (GoogleApiException ex) when (ex.Error.HttpStatus is >= 400 and < 500 && ex.Error.HttpStatus != 401)
        {
            return new CheckLine(query.Name, query.Kind, CheckOutcome.Failed, null, $"{ex.Reason ?? ex.Status}: {ex.Error.Message}");
        }
    }

    /// <summary>A relation as the BigQuery dialect writes it, <c>`dataset.table`</c> or <c>`project.dataset.table`</c>.</summary>
    private static (string Dataset, string Table) Parts(string relation)
    {
        var parts = relation.Trim('`').Split('.');
        return parts.Length >= 2
            ? (parts[^2], parts[^1])
            : throw new ArgumentException($"'{relation}' is not a BigQuery relation (dataset.table).", nameof(relation));
    }
}
