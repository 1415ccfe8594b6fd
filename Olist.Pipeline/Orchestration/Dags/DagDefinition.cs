namespace Olist.Pipeline.Orchestration.Dags;

/// <summary>
/// A DAG as Airflow has it: tasks and their explicit upstream edges, each task daily or once per range. Checked when
/// made (unique names, known upstream tasks, no cycle); <see cref="Tasks"/> lists every task after its upstream tasks,
/// in the order declared wherever the edges allow it.
/// </summary>
public sealed class DagDefinition
{
    private readonly Dictionary<string, DagTask> _byId;

    /// <summary>The DAG <paramref name="dagId"/> of <paramref name="tasks"/>; a clear error for a graph that cannot run.</summary>
    public DagDefinition(string dagId, IReadOnlyList<DagTask> tasks)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dagId);
        ArgumentNullException.ThrowIfNull(tasks);
        DagId = dagId;
        _byId = new Dictionary<string, DagTask>(StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            if (!_byId.TryAdd(task.TaskId, task))
            {
                throw new PipelineException($"DAG {dagId}: the task id {task.TaskId} is used twice.");
            }
        }

        foreach (var task in tasks)
        {
            if (task.Upstream.FirstOrDefault(u => !_byId.ContainsKey(u)) is { } unknown)
            {
                throw new PipelineException($"DAG {dagId}: task {task.TaskId} is downstream of {unknown}, which is not a task of the DAG.");
            }
        }

        Tasks = InRunOrder(dagId, tasks);
        TaskIds = [.. Tasks.Select(t => t.TaskId)];
        var ancestors = Tasks.ToDictionary(t => t.TaskId, AncestorsOf, StringComparer.Ordinal);
        var workGates = Tasks.Where(t => t.WorkDays is not null).ToList();
        WorkDayGates = [.. workGates.Select(t => t.WorkDays!)];

        // A once-per-range task needs the days' work when a daily task that is no mere check of a day is upstream of it.
        var needsDays = Tasks.Where(t => t.Cadence == TaskCadence.OncePerRange)
            .ToLookup(t => ancestors[t.TaskId].Any(a => _byId[a] is { Cadence: TaskCadence.Daily, WorkDays: null }));
        FirstWorkDayTasks = [.. needsDays[false].Select(t => t.TaskId)];
        LastWorkDayTasks = [.. needsDays[true].Select(t => t.TaskId)];
        if (Tasks.FirstOrDefault(t => t.Cadence == TaskCadence.Daily && ancestors[t.TaskId].Overlaps(LastWorkDayTasks)) is { } late)
        {
            var range = ancestors[late.TaskId].First(LastWorkDayTasks.Contains);
            throw new PipelineException(
                $"DAG {dagId}: daily task {late.TaskId} is downstream of {range}, which runs once per range after every day: make {late.TaskId} once per range too.");
        }

        HashSet<string> AncestorsOf(DagTask task)
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Stack<string>(task.Upstream);
            while (pending.TryPop(out var upstream))
            {
                if (found.Add(upstream))
                {
                    foreach (var further in _byId[upstream].Upstream)
                    {
                        pending.Push(further);
                    }
                }
            }

            return found;
        }
    }

    public string DagId { get; }

    /// <summary>Every task, each after all of its upstream tasks.</summary>
    public IReadOnlyList<DagTask> Tasks { get; }

    public IReadOnlyList<string> TaskIds { get; }

    /// <summary>The once-per-range tasks that need no day's work: a backfill runs them in the run of its first day with work.</summary>
    public IReadOnlyList<string> FirstWorkDayTasks { get; }

    /// <summary>The once-per-range tasks downstream of a day's work: a backfill runs them in the run of its last day with work, after every day's.</summary>
    public IReadOnlyList<string> LastWorkDayTasks { get; }

    /// <summary>The range forms of the DAG's short-circuit tasks; without any, every day has work.</summary>
    public IReadOnlyList<WorkDays> WorkDayGates { get; }

    /// <summary>What a day with work has, for messages (<c>with orders</c>).</summary>
    public string WorkDayLabel => WorkDayGates.Count == 0 ? "with work" : string.Join(" and ", WorkDayGates.Select(g => g.Label));

    public DagTask this[string taskId] => _byId[taskId];

    /// <summary>The days of [<paramref name="from"/>, <paramref name="to"/>] that every short-circuit task lets through.</summary>
    public async Task<IReadOnlySet<DateOnly>> WorkDaysAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var days = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays).ToHashSet();
        foreach (var gate in WorkDayGates)
        {
            days.IntersectWith(await gate.FindAsync(from, to, cancellationToken));
        }

        return days;
    }

    /// <summary>
    /// Kahn's algorithm taking, at every step, the first declared task whose upstream tasks are all placed; what is
    /// left when none is ready lies on a cycle.
    /// </summary>
    private static List<DagTask> InRunOrder(string dagId, IReadOnlyList<DagTask> tasks)
    {
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<DagTask>(tasks.Count);
        var waiting = tasks.ToList();
        while (waiting.Count > 0)
        {
            var ready = waiting.FindIndex(t => t.Upstream.All(placed.Contains));
            if (ready < 0)
            {
                throw new PipelineException($"DAG {dagId}: its edges make a cycle, {string.Join(" >> ", Cycle(waiting, placed))}.");
            }

            ordered.Add(waiting[ready]);
            placed.Add(waiting[ready].TaskId);
            waiting.RemoveAt(ready);
        }

        return ordered;
    }

    /// <summary>
    /// A cycle among tasks none of which is ready: each has an upstream task still waiting, so walking up from any of
    /// them comes back to a task already passed.
    /// </summary>
    private static IEnumerable<string> Cycle(List<DagTask> waiting, HashSet<string> placed)
    {
        var byId = waiting.ToDictionary(t => t.TaskId, StringComparer.Ordinal);
        var path = new List<string>();
        var task = waiting[0];
        while (!path.Contains(task.TaskId))
        {
            path.Add(task.TaskId);
            task = byId[task.Upstream.First(u => !placed.Contains(u))];
        }

        // Walked upstream, so the cycle reads downstream when reversed; it is told from its first declared task.
        var cycle = path[path.IndexOf(task.TaskId)..];
        cycle.Reverse();
        var start = cycle.IndexOf(waiting.First(t => cycle.Contains(t.TaskId)).TaskId);
        return [.. cycle[start..], .. cycle[..start], cycle[start]];
    }
}
