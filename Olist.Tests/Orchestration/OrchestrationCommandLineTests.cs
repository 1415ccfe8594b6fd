namespace Olist.Tests.Orchestration;

/// <summary>The verbs <c>dag run</c>, <c>backfill</c> and <c>runs</c> as a user runs them, on tiny loaded data.</summary>
public sealed class OrchestrationCommandLineTests : IDisposable
{
    private readonly OrchestrationHarness _harness = new();

    [Fact]
    public async Task Dag_run_and_backfill_record_runs_that_runs_prints_as_json_with_the_documented_fields()
    {
        await _harness.LoadTinyDataAsync();
        var days = await _harness.DaysWithOrdersAsync();
        var day = days[^1].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var run = await CliProcess.RunAsync(_harness.Paths.Root, "dag", "run", "--ds", day);
        var backfill = await CliProcess.RunAsync(_harness.Paths.Root, "backfill", "--from", days[^2].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "--to", day);
        var runs = await CliProcess.RunAsync(_harness.Paths.Root, "runs", "--limit", "50", "--format", "json");
        var badDate = await CliProcess.RunAsync(_harness.Paths.Root, "dag", "run", "--ds", "2018-02-30");
        var reversed = await CliProcess.RunAsync(_harness.Paths.Root, "backfill", "--from", "2018-03-01", "--to", "2018-02-01");

        Assert.True(run.ExitCode == 0, run.StandardError + run.StandardOutput);
        Assert.Contains("success", run.StandardOutput, StringComparison.Ordinal);
        Assert.True(backfill.ExitCode == 0, backfill.StandardError + backfill.StandardOutput);
        Assert.Equal(0, runs.ExitCode);
        var listed = JsonDocument.Parse(runs.StandardOutput).RootElement.EnumerateArray().ToList();
        Assert.All(listed, r => Assert.Equal(["run_id", "dag_id", "logical_date", "run_type", "state", "started_at", "ended_at"], r.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(("manual", "success", day), (listed[^1].GetProperty("run_type").GetString(), listed[^1].GetProperty("state").GetString(), listed[^1].GetProperty("logical_date").GetString()));
        // The last day already succeeded by hand, so the backfill leaves it alone.
        Assert.DoesNotContain(listed, r => r.GetProperty("run_type").GetString() == "backfill" && r.GetProperty("logical_date").GetString() == day);
        Assert.Contains(listed, r => r.GetProperty("run_type").GetString() == "backfill");
        Assert.NotEqual(0, badDate.ExitCode);
        Assert.Contains("is not a date", badDate.StandardError + badDate.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(2, reversed.ExitCode);
        Assert.Contains("reversed", reversed.StandardError, StringComparison.Ordinal);
    }

    public void Dispose() => _harness.Dispose();
}
