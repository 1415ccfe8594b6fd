namespace Olist.Web.Api;

/// <summary>
/// A run as <c>runs --format json</c> and <c>GET /api/runs</c> print it: <c>run_id</c>, <c>dag_id</c>, <c>logical_date</c>,
/// <c>run_type</c>, <c>state</c>, <c>started_at</c>, <c>ended_at</c> (architecture.md), plus what the API adds.
/// </summary>
public sealed record RunJson(
    long RunId,
    string DagId,
    string LogicalDate,
    string RunType,
    string State,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt)
{
    /// <summary>snake_case names, as the rest of the API.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = false };

    public static RunJson From(DagRunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(run.RunId, run.DagId, run.LogicalDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            StateNames.Name(run.RunType), StateNames.Name(run.State), run.StartedAt, run.EndedAt);
    }
}
