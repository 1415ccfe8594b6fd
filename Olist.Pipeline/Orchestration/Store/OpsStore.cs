using Microsoft.Data.Sqlite;
using Olist.Pipeline.Orchestration.Runs;
using Olist.Pipeline.Transform.Execution;
using Olist.Pipeline.Warehouse;

namespace Olist.Pipeline.Orchestration.Store;

/// <summary>
/// The ops store: run history (runs, task instances, tries, logs, model and test results), backfills and the scheduler's
/// state, in the SQLite file <c>&lt;data&gt;/ops.db</c>. Readers (pages, API, CLI) and the one writing orchestrator may be
/// different processes: the file is in WAL mode and every call opens its own short connection.
/// </summary>
public sealed class OpsStore
{
    private const string RunColumns = "run_id, dag_id, logical_date, run_type, state, full_refresh, backfill_id, queued_at, started_at, ended_at, note";
    private const string BackfillColumns = "backfill_id, dag_id, from_date, to_date, rerun, state, days_total, days_done, created_at, started_at, ended_at, message";

    private readonly string _connectionString;
    private readonly TimeProvider _timeProvider;
    private readonly Lazy<Task> _schema;

    /// <summary>
    /// A store at <paramref name="path"/>. Nothing touches the disk until the first call, which creates the file and brings
    /// its schema up to date, so an unusable data directory fails the calls (with why), never the app's start.
    /// </summary>
    public OpsStore(string path, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Path = path;
        _timeProvider = timeProvider;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30 }.ToString();
        _schema = new(MigrateAsync);
    }

    /// <summary>The store's file.</summary>
    public string Path { get; }

    /// <summary>Opens (creating when needed) the store at <paramref name="path"/> and brings its schema up to date now.</summary>
    public static async Task<OpsStore> OpenAsync(string path, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var store = new OpsStore(path, timeProvider);
        await store._schema.Value.WaitAsync(cancellationToken);
        return store;
    }

    /// <summary>Creates a queued run with its tasks queued; null when it is a scheduled run whose date already has one.</summary>
    public async Task<DagRunRecord?> CreateRunAsync(
        string dagId, DateOnly logicalDate, RunType runType, bool fullRefresh, long? backfillId, IReadOnlyList<string> taskIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(taskIds);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var runId = await Sql.ScalarAsync(connection, transaction, """
            INSERT INTO dag_runs (dag_id, logical_date, run_type, state, full_refresh, backfill_id, queued_at)
            VALUES ($dag, $date, $type, $state, $full, $backfill, $at)
            ON CONFLICT DO NOTHING
            RETURNING run_id
            """, cancellationToken,
            ("$dag", dagId), ("$date", Text(logicalDate)), ("$type", StateNames.Name(runType)), ("$state", StateNames.Name(RunState.Queued)),
            ("$full", fullRefresh), ("$backfill", backfillId), ("$at", Text(_timeProvider.GetUtcNow())));
        if (runId is null)
        {
            return null;
        }

        for (var position = 0; position < taskIds.Count; position++)
        {
            await Sql.ExecuteAsync(connection, transaction, """
                INSERT INTO task_instances (run_id, task_id, position, state, try_number) VALUES ($run, $task, $position, $state, 0)
                """, cancellationToken, ("$run", runId), ("$task", taskIds[position]), ("$position", position), ("$state", StateNames.Name(TaskState.Queued)));
        }

        await transaction.CommitAsync(cancellationToken);
        return await GetRunAsync((long)runId, cancellationToken);
    }

    public async Task<DagRunRecord?> GetRunAsync(long runId, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {RunColumns} FROM dag_runs WHERE run_id = $run", ReadRun, cancellationToken, ("$run", runId))).SingleOrDefault();

    /// <summary>Runs matching <paramref name="filter"/>, newest first.</summary>
    public Task<IReadOnlyList<DagRunRecord>> ListRunsAsync(RunFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return QueryAsync($"""
            SELECT {RunColumns} FROM dag_runs
            WHERE ($state IS NULL OR state = $state) AND ($type IS NULL OR run_type = $type)
              AND ($from IS NULL OR logical_date >= $from) AND ($to IS NULL OR logical_date <= $to)
            ORDER BY run_id DESC
            LIMIT $limit
            """, ReadRun, cancellationToken,
            ("$state", filter.State is { } s ? StateNames.Name(s) : null), ("$type", filter.Type is { } t ? StateNames.Name(t) : null),
            ("$from", filter.From is { } f ? Text(f) : null), ("$to", filter.To is { } d ? Text(d) : null), ("$limit", Math.Clamp(filter.Limit, 1, 10_000)));
    }

    /// <summary>Everything recorded about a run; null when there is no such run.</summary>
    public async Task<RunDetail?> GetRunDetailAsync(long runId, CancellationToken cancellationToken)
    {
        if (await GetRunAsync(runId, cancellationToken) is not { } run)
        {
            return null;
        }

        var id = ("$run", (object?)runId);
        return new RunDetail(
            run,
            await GetTasksAsync(runId, cancellationToken),
            await QueryAsync("SELECT run_id, task_id, try_number, state, started_at, ended_at, error FROM task_tries WHERE run_id = $run ORDER BY started_at, task_id", r =>
                new TaskTryRecord(r.GetInt64(0), r.GetString(1), r.GetInt32(2), StateNames.Parse<TaskState>(r.GetString(3)), Moment(r, 4)!.Value, Moment(r, 5), NullableString(r, 6)), cancellationToken, id),
            await QueryAsync("SELECT run_id, task_id, try_number, logged_at, level, message FROM task_logs WHERE run_id = $run ORDER BY log_id", r =>
                new TaskLogRecord(r.GetInt64(0), r.GetString(1), r.GetInt32(2), Moment(r, 3)!.Value, r.GetString(4), r.GetString(5)), cancellationToken, id),
            await QueryAsync("SELECT task_id, try_number, model, status, rows, elapsed_ms, message FROM model_results WHERE run_id = $run ORDER BY rowid", r =>
                new ModelResultRecord(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetInt64(4), r.GetDouble(5), NullableString(r, 6)), cancellationToken, id),
            await QueryAsync("SELECT task_id, try_number, test, status, failures, elapsed_ms, message, failing_rows FROM test_results WHERE run_id = $run ORDER BY rowid", r =>
                new TestResultRecord(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetInt64(4), r.GetDouble(5), NullableString(r, 6), r.GetString(7)), cancellationToken, id));
    }

    public Task<IReadOnlyList<TaskInstanceRecord>> GetTasksAsync(long runId, CancellationToken cancellationToken) =>
        QueryAsync("SELECT run_id, task_id, position, state, try_number, started_at, ended_at, message FROM task_instances WHERE run_id = $run ORDER BY position", r =>
            new TaskInstanceRecord(r.GetInt64(0), r.GetString(1), r.GetInt32(2), StateNames.Parse<TaskState>(r.GetString(3)), r.GetInt32(4), Moment(r, 5), Moment(r, 6), NullableString(r, 7)),
            cancellationToken, ("$run", runId));

    /// <summary>Moves a run to <paramref name="state"/>: running stamps the start (once), a final state stamps the end.</summary>
    public Task SetRunStateAsync(long runId, RunState state, string? note, CancellationToken cancellationToken) =>
        ExecuteAsync("""
            UPDATE dag_runs SET state = $state,
                started_at = CASE WHEN $state = 'running' THEN coalesce(started_at, $at) ELSE started_at END,
                ended_at = CASE WHEN $state IN ('queued', 'running') THEN NULL ELSE $at END,
                note = coalesce($note, note)
            WHERE run_id = $run
            """, cancellationToken, ("$run", runId), ("$state", StateNames.Name(state)), ("$note", note), ("$at", Text(_timeProvider.GetUtcNow())));

    /// <summary>Starts try <paramref name="tryNumber"/> of a task: the try is recorded with its first log line and the task is running.</summary>
    public async Task StartTryAsync(long runId, string taskId, int tryNumber, string logLine, CancellationToken cancellationToken)
    {
        var at = Text(_timeProvider.GetUtcNow());
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await Sql.ExecuteAsync(connection, transaction, """
            INSERT INTO task_tries (run_id, task_id, try_number, state, started_at) VALUES ($run, $task, $try, 'running', $at)
            """, cancellationToken, ("$run", runId), ("$task", taskId), ("$try", tryNumber), ("$at", at));
        await Sql.ExecuteAsync(connection, transaction, """
            UPDATE task_instances SET state = 'running', try_number = $try, started_at = coalesce(started_at, $at), ended_at = NULL, message = NULL
            WHERE run_id = $run AND task_id = $task
            """, cancellationToken, ("$run", runId), ("$task", taskId), ("$try", tryNumber), ("$at", at));
        await InsertLogAsync(connection, transaction, runId, taskId, tryNumber, at, "info", logLine, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Ends a try in <paramref name="state"/> with <paramref name="message"/> (also its last log line); the task takes the
    /// same state (up_for_retry keeps it open, without an end).
    /// </summary>
    public async Task EndTryAsync(long runId, string taskId, int tryNumber, TaskState state, string? message, CancellationToken cancellationToken)
    {
        var at = Text(_timeProvider.GetUtcNow());
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await Sql.ExecuteAsync(connection, transaction, """
            UPDATE task_tries SET state = $state, ended_at = $at, error = CASE WHEN $state = 'success' THEN NULL ELSE $message END
            WHERE run_id = $run AND task_id = $task AND try_number = $try
            """, cancellationToken, ("$run", runId), ("$task", taskId), ("$try", tryNumber), ("$state", StateNames.Name(state)), ("$message", message), ("$at", at));
        await Sql.ExecuteAsync(connection, transaction, """
            UPDATE task_instances SET state = $state, message = $message, ended_at = CASE WHEN $state = 'up_for_retry' THEN NULL ELSE $at END
            WHERE run_id = $run AND task_id = $task
            """, cancellationToken, ("$run", runId), ("$task", taskId), ("$state", StateNames.Name(state)), ("$message", message), ("$at", at));
        if (message is not null)
        {
            await InsertLogAsync(connection, transaction, runId, taskId, tryNumber, at, state == TaskState.Success ? "info" : "warning", message, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Sets a task that does not run (skipped, upstream failed) to <paramref name="state"/> with why.</summary>
    public Task SetTaskStateAsync(long runId, string taskId, TaskState state, string? message, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE task_instances SET state = $state, message = $message WHERE run_id = $run AND task_id = $task",
            cancellationToken, ("$run", runId), ("$task", taskId), ("$state", StateNames.Name(state)), ("$message", message));

    public async Task AppendLogAsync(long runId, string taskId, int tryNumber, string level, string message, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await InsertLogAsync(connection, null, runId, taskId, tryNumber, Text(_timeProvider.GetUtcNow()), level, message, cancellationToken);
    }

    /// <summary>Records the models and tests an engine call of a try reported, with their log lines, in one transaction.</summary>
    public async Task AddResultsAsync(
        long runId, string taskId, int tryNumber, IEnumerable<NodeResult> results, IEnumerable<(string Level, string Message)> logLines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(logLines);
        var at = Text(_timeProvider.GetUtcNow());
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        foreach (var result in results)
        {
            var common = new (string, object?)[]
            {
                ("$run", runId), ("$task", taskId), ("$try", tryNumber), ("$name", result.Name), ("$status", StateNames.Name(result.Status)),
                ("$elapsed", result.Elapsed.TotalMilliseconds), ("$message", result.Message),
            };
            if (result.Kind == NodeKind.Model)
            {
                await Sql.ExecuteAsync(connection, transaction, """
                    INSERT INTO model_results (run_id, task_id, try_number, model, status, rows, elapsed_ms, message)
                    VALUES ($run, $task, $try, $name, $status, $rows, $elapsed, $message)
                    """, cancellationToken, [.. common, ("$rows", result.RowsAffected)]);
            }
            else
            {
                await Sql.ExecuteAsync(connection, transaction, """
                    INSERT INTO test_results (run_id, task_id, try_number, test, status, failures, elapsed_ms, message, failing_rows)
                    VALUES ($run, $task, $try, $name, $status, $failures, $elapsed, $message, $rows)
                    """, cancellationToken, [.. common, ("$failures", result.Failures), ("$rows", JsonSerializer.Serialize(result.FailingRows))]);
            }
        }

        foreach (var (level, message) in logLines)
        {
            await InsertLogAsync(connection, transaction, runId, taskId, tryNumber, at, level, message, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The oldest queued run outside a backfill (backfills run their own days).</summary>
    public async Task<DagRunRecord?> NextQueuedRunAsync(string dagId, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {RunColumns} FROM dag_runs WHERE dag_id = $dag AND state = 'queued' AND backfill_id IS NULL ORDER BY run_id LIMIT 1",
            ReadRun, cancellationToken, ("$dag", dagId))).SingleOrDefault();

    /// <summary>
    /// Puts a failed run back in the queue: its failed and upstream-failed tasks are queued again (tries go on counting),
    /// tasks that succeeded keep their result. False when the run is not failed.
    /// </summary>
    public async Task<bool> RequeueFailedRunAsync(long runId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var changed = await Sql.ExecuteAsync(connection, transaction, """
            UPDATE dag_runs SET state = 'queued', ended_at = NULL, note = 'retried' WHERE run_id = $run AND state = 'failed'
            """, cancellationToken, ("$run", runId));
        if (changed == 0)
        {
            return false;
        }

        await Sql.ExecuteAsync(connection, transaction, """
            UPDATE task_instances SET state = 'queued', message = NULL, started_at = NULL, ended_at = NULL
            WHERE run_id = $run AND state IN ('failed', 'upstream_failed', 'running', 'up_for_retry', 'queued')
            """, cancellationToken, ("$run", runId));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Marks what a crashed process left running as failed: runs and backfills that were running, their running tasks
    /// and open tries, and their queued tasks as upstream failed. Returns the runs marked, which can then be retried.
    /// </summary>
    public async Task<IReadOnlyList<long>> FailInterruptedAsync(string reason, CancellationToken cancellationToken)
    {
        var at = Text(_timeProvider.GetUtcNow());
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var runs = new List<long>();
        await Sql.ReadAsync(
            connection, transaction, "SELECT run_id FROM dag_runs WHERE state = 'running' ORDER BY run_id", reader => runs.Add(reader.GetInt64(0)), cancellationToken);

        (string, object?)[] parameters = [("$at", at), ("$reason", reason)];
        await Sql.ExecuteAsync(connection, transaction, """
            UPDATE task_tries SET state = 'failed', ended_at = $at, error = $reason
            WHERE ended_at IS NULL AND run_id IN (SELECT run_id FROM dag_runs WHERE state = 'running')
            """, cancellationToken, parameters);
        await Sql.ExecuteAsync(connection, transaction, """
            UPDATE task_instances SET
                state = CASE WHEN state IN ('running', 'up_for_retry') THEN 'failed' ELSE 'upstream_failed' END,
                ended_at = CASE WHEN state IN ('running', 'up_for_retry') THEN $at ELSE ended_at END,
                message = CASE WHEN state IN ('running', 'up_for_retry') THEN $reason ELSE 'an earlier task was interrupted' END
            WHERE state IN ('running', 'up_for_retry', 'queued') AND run_id IN (SELECT run_id FROM dag_runs WHERE state = 'running')
            """, cancellationToken, parameters);
        await Sql.ExecuteAsync(connection, transaction, "UPDATE dag_runs SET state = 'failed', ended_at = $at, note = $reason WHERE state = 'running'",
            cancellationToken, parameters);
        await Sql.ExecuteAsync(connection, transaction, "UPDATE backfills SET state = 'failed', ended_at = $at, message = $reason WHERE state = 'running'",
            cancellationToken, parameters);
        await transaction.CommitAsync(cancellationToken);
        return runs;
    }

    /// <summary>The logical dates in [<paramref name="from"/>, <paramref name="to"/>] that already have a successful (or skipped) run.</summary>
    public async Task<IReadOnlySet<DateOnly>> FinishedDatesAsync(string dagId, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        (await QueryAsync("""
            SELECT DISTINCT logical_date FROM dag_runs
            WHERE dag_id = $dag AND logical_date BETWEEN $from AND $to AND state IN ('success', 'skipped')
            """, r => DateOnly.ParseExact(r.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture), cancellationToken,
            ("$dag", dagId), ("$from", Text(from)), ("$to", Text(to)))).ToHashSet();

    public async Task<BackfillRecord> CreateBackfillAsync(string dagId, DateOnly from, DateOnly to, bool rerun, CancellationToken cancellationToken)
    {
        var id = await ScalarAsync("""
            INSERT INTO backfills (dag_id, from_date, to_date, rerun, state, days_total, days_done, created_at)
            VALUES ($dag, $from, $to, $rerun, 'queued', $days, 0, $at)
            RETURNING backfill_id
            """, cancellationToken,
            ("$dag", dagId), ("$from", Text(from)), ("$to", Text(to)), ("$rerun", rerun), ("$days", to.DayNumber - from.DayNumber + 1), ("$at", Text(_timeProvider.GetUtcNow())));
        return (await GetBackfillAsync((long)id!, cancellationToken))!;
    }

    public async Task<BackfillRecord?> GetBackfillAsync(long backfillId, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {BackfillColumns} FROM backfills WHERE backfill_id = $id", ReadBackfill, cancellationToken, ("$id", backfillId))).SingleOrDefault();

    public Task<IReadOnlyList<BackfillRecord>> ListBackfillsAsync(int limit, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {BackfillColumns} FROM backfills ORDER BY backfill_id DESC LIMIT $limit", ReadBackfill, cancellationToken, ("$limit", limit));

    public async Task<BackfillRecord?> NextQueuedBackfillAsync(string dagId, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {BackfillColumns} FROM backfills WHERE dag_id = $dag AND state = 'queued' ORDER BY backfill_id LIMIT 1",
            ReadBackfill, cancellationToken, ("$dag", dagId))).SingleOrDefault();

    /// <summary>Records a backfill's progress; running stamps the start (once), a final state the end.</summary>
    public Task UpdateBackfillAsync(long backfillId, RunState state, int daysDone, string? message, CancellationToken cancellationToken) =>
        ExecuteAsync("""
            UPDATE backfills SET state = $state, days_done = $done, message = coalesce($message, message),
                started_at = CASE WHEN $state = 'running' THEN coalesce(started_at, $at) ELSE started_at END,
                ended_at = CASE WHEN $state IN ('queued', 'running') THEN NULL ELSE $at END
            WHERE backfill_id = $id
            """, cancellationToken, ("$id", backfillId), ("$state", StateNames.Name(state)), ("$done", daysDone), ("$message", message), ("$at", Text(_timeProvider.GetUtcNow())));

    /// <summary>The scheduler's state of a DAG; the first call records it with <paramref name="pausedAtFirstStart"/>.</summary>
    public async Task<SchedulerStateRecord> GetSchedulerStateAsync(string dagId, bool pausedAtFirstStart, CancellationToken cancellationToken)
    {
        await ExecuteAsync("INSERT INTO scheduler_state (dag_id, paused, created_at) VALUES ($dag, $paused, $at) ON CONFLICT DO NOTHING",
            cancellationToken, ("$dag", dagId), ("$paused", pausedAtFirstStart), ("$at", Text(_timeProvider.GetUtcNow())));
        return (await QueryAsync("SELECT paused, last_fire_at, created_at FROM scheduler_state WHERE dag_id = $dag",
            r => new SchedulerStateRecord(r.GetInt64(0) != 0, Moment(r, 1), Moment(r, 2)!.Value), cancellationToken, ("$dag", dagId))).Single();
    }

    public Task SetPausedAsync(string dagId, bool paused, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE scheduler_state SET paused = $paused WHERE dag_id = $dag", cancellationToken, ("$dag", dagId), ("$paused", paused));

    public Task SetLastFireAsync(string dagId, DateTimeOffset fireAt, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE scheduler_state SET last_fire_at = $fire WHERE dag_id = $dag", cancellationToken, ("$dag", dagId), ("$fire", Text(fireAt)));

    private static Task<int> InsertLogAsync(
        SqliteConnection connection, SqliteTransaction? transaction, long runId, string taskId, int tryNumber, string at, string level, string message, CancellationToken cancellationToken) =>
        Sql.ExecuteAsync(connection, transaction, "INSERT INTO task_logs (run_id, task_id, try_number, logged_at, level, message) VALUES ($run, $task, $try, $at, $level, $message)",
            cancellationToken, ("$run", runId), ("$task", taskId), ("$try", tryNumber), ("$at", at), ("$level", level), ("$message", message));

    /// <summary>A moment as stored: UTC, round-trip format, so text order is time order.</summary>
    internal static string Text(DateTimeOffset moment) => moment.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    internal static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DagRunRecord ReadRun(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), DateOnly.ParseExact(r.GetString(2), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        StateNames.Parse<RunType>(r.GetString(3)), StateNames.Parse<RunState>(r.GetString(4)), r.GetInt64(5) != 0,
        r.IsDBNull(6) ? null : r.GetInt64(6), Moment(r, 7)!.Value, Moment(r, 8), Moment(r, 9), NullableString(r, 10));

    private static BackfillRecord ReadBackfill(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), DateOnly.ParseExact(r.GetString(2), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateOnly.ParseExact(r.GetString(3), "yyyy-MM-dd", CultureInfo.InvariantCulture), r.GetInt64(4) != 0, StateNames.Parse<RunState>(r.GetString(5)),
        r.GetInt32(6), r.GetInt32(7), Moment(r, 8)!.Value, Moment(r, 9), Moment(r, 10), NullableString(r, 11));

    private static DateTimeOffset? Moment(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        await _schema.Value.WaitAsync(cancellationToken);
        return await ConnectAsync(cancellationToken);
    }

    private async Task<SqliteConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        // In WAL mode NORMAL survives a crash of the process (only a power cut may lose the last commits) and spares
        // each of the many small history writes a disk flush.
        await Sql.ExecuteAsync(connection, "PRAGMA synchronous = NORMAL", cancellationToken);
        return connection;
    }

    /// <summary>Creates the file in WAL mode and applies the migrations it lacks; runs once, on the first call.</summary>
    private async Task MigrateAsync()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        await using var connection = await ConnectAsync(CancellationToken.None);
        await Sql.ExecuteAsync(connection, "PRAGMA journal_mode = WAL", CancellationToken.None);
        await OpsMigrations.ApplyAsync(connection, Path, _timeProvider.GetUtcNow(), CancellationToken.None);
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await Sql.ExecuteAsync(connection, sql, cancellationToken, parameters);
    }

    private async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await Sql.ScalarAsync(connection, sql, cancellationToken, parameters);
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(
        string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await Sql.QueryAsync(connection, sql, read, cancellationToken, parameters);
    }
}
