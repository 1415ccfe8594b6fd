using Failure = Olist.Tests.BigQuery.Contract.FakeBigQueryServer.Failure;

namespace Olist.Tests.BigQuery.Contract;

/// <summary>
/// <c>bigquery setup</c> and <c>bigquery check</c> as separate processes against the discovery-checking fake BigQuery
/// (named by <c>BIGQUERY_EMULATOR_HOST</c>), with the real project's SQL as <c>compile --target bigquery</c> renders it.
/// </summary>
public sealed class BigQueryCommandLineTests : FakeBigQueryTests
{
    private const long BytesPerRawTable = 1_000;

    [Fact]
    public async Task Setup_creates_the_dataset_once_then_finds_it()
    {
        using var data = new TempDirectory();

        var first = await CliProcess.RunAsync(data.Path, Environment(), "bigquery", "setup");
        var second = await CliProcess.RunAsync(data.Path, Environment(), "bigquery", "setup");

        Assert.True(first.ExitCode == 0, first.StandardError);
        Assert.Contains("(emulator)", first.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"dataset {FakeBigQueryServer.Project}.olist_ci: created", first.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"dataset {FakeBigQueryServer.Project}.olist_ci: exists", second.StandardOutput, StringComparison.Ordinal);
        Assert.True(Fake.HasDataset("olist_ci"));
        Assert.Equal([200, 409], Fake.Calls.Where(c => c.Method == "bigquery.datasets.insert").Select(c => c.Status));
    }

    [Fact]
    public async Task Check_dry_runs_every_query_whose_tables_exist_with_its_bytes_and_lists_the_others_as_needing_upstream()
    {
        using var data = new TempDirectory();
        var plan = Plan(data.Path);
        var sources = plan.SelectMany(q => q.Reads).Where(r => r.Contains(".raw_", StringComparison.Ordinal)).Distinct().ToList();
        foreach (var source in sources)
        {
            Fake.AddTable("olist_ci", source.Trim('`').Split('.')[1], BytesPerRawTable);
        }

        var outcome = await CliProcess.RunAsync(data.Path, Environment(), "bigquery", "check");

        Assert.True(outcome.ExitCode == 0, outcome.StandardError + outcome.StandardOutput);
        var onRawOnly = plan.Where(q => q.Kind == NodeKind.Model && q.Reads.All(sources.Contains)).ToList();
        var downstream = plan.Count(q => !q.Reads.All(sources.Contains));
        Assert.NotEmpty(onRawOnly);
        Assert.True(downstream > 0);
        var dryRuns = Fake.Calls.Where(c => c.Method == "bigquery.jobs.insert").ToList();
        Assert.Equal(plan.Count - downstream, dryRuns.Count);
        Assert.All(dryRuns, d => Assert.Contains("\"dryRun\":true", d.Body!, StringComparison.Ordinal));
        Assert.Equal(0, Fake.JobsCreated);
        var modelBytes = onRawOnly.Sum(q => q.Reads.Count * BytesPerRawTable);
        Assert.Contains($"{plan.Count - downstream} valid, {downstream} need upstream, 0 failed; models would process {modelBytes:N0} bytes", outcome.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_BigQuery_refuses_is_reported_with_its_model_and_message_and_the_check_fails()
    {
        using var data = new TempDirectory();
        var plan = Plan(data.Path);
        foreach (var source in plan.SelectMany(q => q.Reads).Where(r => r.Contains(".raw_", StringComparison.Ordinal)).Distinct())
        {
            Fake.AddTable("olist_ci", source.Trim('`').Split('.')[1], BytesPerRawTable);
        }

        Fake.FailNext("jobs.insert", new Failure(400, "invalidQuery", "INVALID_ARGUMENT"));

        var outcome = await CliProcess.RunAsync(data.Path, Environment(), "bigquery", "check");

        Assert.Equal(1, outcome.ExitCode);
        var first = plan.First(q => q.Reads.All(r => r.Contains(".raw_", StringComparison.Ordinal)));
        Assert.Contains($"bigquery check: model {first.Name} failed: invalidQuery: fake invalidQuery", outcome.StandardError, StringComparison.Ordinal);
        Assert.Contains(", 1 failed;", outcome.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_project_id_the_verbs_fail_in_one_line_and_without_a_subverb_it_is_bad_usage()
    {
        using var data = new TempDirectory();
        var environment = Environment();
        environment.Remove("Olist__Warehouse__BigQuery__ProjectId");

        var noProject = await CliProcess.RunAsync(data.Path, environment, "bigquery", "check");
        var noVerb = await CliProcess.RunAsync(data.Path, Environment(), "bigquery");

        Assert.Equal(1, noProject.ExitCode);
        Assert.Equal($"bigquery check: error: BigQuery needs a project id ({BigQueryOptions.SectionName}:ProjectId).", noProject.StandardError.Trim());
        Assert.Equal(2, noVerb.ExitCode);
        Assert.Contains("setup, check", noVerb.StandardError, StringComparison.Ordinal);
        Assert.Empty(Fake.Calls);
    }

    private Dictionary<string, string> Environment() => new()
    {
        [BigQueryOptions.EmulatorHostVariable] = Fake.HttpAddress.ToString().TrimEnd('/'),
        ["Olist__Warehouse__BigQuery__ProjectId"] = FakeBigQueryServer.Project,
        ["Olist__Warehouse__BigQuery__Dataset"] = "olist_ci",
        ["Olist__Warehouse__BigQuery__InitialBackoff"] = "00:00:00.010",
    };

    private static IReadOnlyList<PlannedQuery> Plan(string directory)
    {
        using var services = TestPipeline.Create(directory);
        return services.GetRequiredService<TransformProject>().PlanQueries(TargetWarehouse.BigQuery, "olist_ci", null);
    }
}
