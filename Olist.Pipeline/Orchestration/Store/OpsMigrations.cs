using Microsoft.Data.Sqlite;
using Olist.Pipeline.Warehouse;

namespace Olist.Pipeline.Orchestration.Store;

/// <summary>
/// The ops store's schema as ordered, versioned scripts. Each script that the file has not seen yet runs in one transaction
/// together with its row in <c>schema_migrations</c>, so a crash leaves a version either fully applied or not at all.
/// A released script never changes: a new need is a new version.
/// </summary>
internal static class OpsMigrations
{
    private static readonly (int Version, string Name, string Sql)[] Scripts =
    [
        (1, "runs_and_tasks", """
            CREATE TABLE dag_runs (
                run_id INTEGER PRIMARY KEY AUTOINCREMENT,
                dag_id TEXT NOT NULL,
                logical_date TEXT NOT NULL,
                run_type TEXT NOT NULL,
                state TEXT NOT NULL,
                full_refresh INTEGER NOT NULL,
                backfill_id INTEGER,
                queued_at TEXT NOT NULL,
                started_at TEXT,
                ended_at TEXT,
                note TEXT);
            CREATE INDEX dag_runs_by_date ON dag_runs (dag_id, logical_date);
            CREATE INDEX dag_runs_by_state ON dag_runs (state);
            -- The scheduler creates one run per logical date, even when two processes tick at once.
            CREATE UNIQUE INDEX dag_runs_one_scheduled_per_date ON dag_runs (dag_id, logical_date) WHERE run_type = 'scheduled';
            CREATE TABLE task_instances (
                run_id INTEGER NOT NULL REFERENCES dag_runs (run_id),
                task_id TEXT NOT NULL,
                position INTEGER NOT NULL,
                state TEXT NOT NULL,
                try_number INTEGER NOT NULL,
                started_at TEXT,
                ended_at TEXT,
                message TEXT,
                PRIMARY KEY (run_id, task_id));
            CREATE TABLE task_tries (
                run_id INTEGER NOT NULL,
                task_id TEXT NOT NULL,
                try_number INTEGER NOT NULL,
                state TEXT NOT NULL,
                started_at TEXT NOT NULL,
                ended_at TEXT,
                error TEXT,
                PRIMARY KEY (run_id, task_id, try_number),
                FOREIGN KEY (run_id, task_id) REFERENCES task_instances (run_id, task_id));
            CREATE TABLE task_logs (
                log_id INTEGER PRIMARY KEY AUTOINCREMENT,
                run_id INTEGER NOT NULL,
                task_id TEXT NOT NULL,
                try_number INTEGER NOT NULL,
                logged_at TEXT NOT NULL,
                level TEXT NOT NULL,
                message TEXT NOT NULL);
            CREATE INDEX task_logs_by_run ON task_logs (run_id);
            """),
        (2, "model_and_test_results", """
            CREATE TABLE model_results (
                run_id INTEGER NOT NULL,
                task_id TEXT NOT NULL,
                try_number INTEGER NOT NULL,
                model TEXT NOT NULL,
                status TEXT NOT NULL,
                rows INTEGER,
                elapsed_ms REAL NOT NULL,
                message TEXT);
            CREATE INDEX model_results_by_run ON model_results (run_id);
            CREATE TABLE test_results (
                run_id INTEGER NOT NULL,
                task_id TEXT NOT NULL,
                try_number INTEGER NOT NULL,
                test TEXT NOT NULL,
                status TEXT NOT NULL,
                failures INTEGER,
                elapsed_ms REAL NOT NULL,
                message TEXT,
                failing_rows TEXT NOT NULL);
            CREATE INDEX test_results_by_run ON test_results (run_id);
            """),
        (3, "backfills_and_scheduler", """
            CREATE TABLE backfills (
                backfill_id INTEGER PRIMARY KEY AUTOINCREMENT,
                dag_id TEXT NOT NULL,
                from_date TEXT NOT NULL,
                to_date TEXT NOT NULL,
                rerun INTEGER NOT NULL,
                state TEXT NOT NULL,
                days_total INTEGER NOT NULL,
                days_done INTEGER NOT NULL,
                created_at TEXT NOT NULL,
                started_at TEXT,
                ended_at TEXT,
                message TEXT);
            CREATE TABLE scheduler_state (
                dag_id TEXT PRIMARY KEY,
                paused INTEGER NOT NULL,
                last_fire_at TEXT,
                created_at TEXT NOT NULL);
            """),
    ];

    /// <summary>The newest schema version this code knows.</summary>
    public static int LatestVersion => Scripts[^1].Version;

    /// <summary>Applies the scripts the file lacks, in version order; refuses a file written by a newer version of the app.</summary>
    public static async Task ApplyAsync(SqliteConnection connection, string path, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await Sql.ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)", cancellationToken);
        var applied = (long)(await Sql.ScalarAsync(connection, "SELECT coalesce(max(version), 0) FROM schema_migrations", cancellationToken))!;
        if (applied > LatestVersion)
        {
            throw new PipelineException($"The ops store {path} has schema version {applied}, newer than this app's {LatestVersion}: run the newer app, or move the file away.");
        }

        foreach (var (version, name, sql) in Scripts.Where(s => s.Version > applied).OrderBy(s => s.Version))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await Sql.ExecuteAsync(connection, transaction, sql, cancellationToken);
            await Sql.ExecuteAsync(
                connection,
                transaction,
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($version, $name, $at)",
                cancellationToken,
                ("$version", version),
                ("$name", name),
                ("$at", OpsStore.Text(now)));
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
