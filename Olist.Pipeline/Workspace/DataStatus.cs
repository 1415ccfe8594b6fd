using Olist.Pipeline.Ingestion;
using Olist.Pipeline.Progress;

namespace Olist.Pipeline.Workspace;

/// <summary>A snapshot of the app's data: what is being prepared and how far, or what is loaded, or why preparation failed.</summary>
/// <param name="Phase">Preparing, ready or failed.</param>
/// <param name="Activity">What preparation is doing, such as generating or loading; null once ready.</param>
/// <param name="Progress">The latest progress of the activity, when it reported any.</param>
/// <param name="TotalRows">Rows loaded across the source tables, once ready.</param>
/// <param name="LoadedAt">When the latest source table was loaded, once ready.</param>
/// <param name="FailureReason">The one-line reason preparation failed.</param>
public sealed record DataStatus(
    DataPhase Phase,
    string? Activity,
    WorkProgress? Progress,
    long TotalRows,
    DateTimeOffset? LoadedAt,
    string? FailureReason)
{
    /// <summary>The status before the first run has looked at the warehouse.</summary>
    public static DataStatus Starting { get; } = Preparing("Checking the warehouse", progress: null);

    /// <summary>Preparation is busy with <paramref name="activity"/>.</summary>
    public static DataStatus Preparing(string activity, WorkProgress? progress) =>
        new(DataPhase.Preparing, activity, progress, 0, null, null);

    /// <summary>The data is ready; totals come from the source tables' latest loads.</summary>
    public static DataStatus Ready(IReadOnlyList<SourceTableStatus> tables) =>
        new(DataPhase.Ready, null, null, tables.Sum(t => t.RowsLoaded), tables.Max(t => t.LoadedAt), null);

    /// <summary>Preparation stopped for <paramref name="reason"/>.</summary>
    public static DataStatus Failed(string reason) => new(DataPhase.Failed, null, null, 0, null, reason);
}
