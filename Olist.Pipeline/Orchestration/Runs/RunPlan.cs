namespace Olist.Pipeline.Orchestration.Runs;

/// <summary>Tasks a run leaves out on purpose, with why: a backfill runs its shared tasks once for the whole range.</summary>
public sealed record RunPlan(IReadOnlyDictionary<string, string> SkippedTasks)
{
    /// <summary>Every task runs.</summary>
    public static RunPlan Complete { get; } = new(new Dictionary<string, string>());
}
