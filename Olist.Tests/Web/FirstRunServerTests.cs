using Olist.Web.FirstRun;

namespace Olist.Tests.Web;

/// <summary>The real app on Kestrel over an empty data directory: it answers at once, prepares the data, and keeps it for the next start.</summary>
public sealed class FirstRunServerTests : IDisposable
{
    private readonly TemporaryDataDirectory _data = new();
    private readonly HttpClient _client = new();

    public void Dispose()
    {
        _client.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task First_start_answers_probes_while_preparing_and_a_second_start_is_ready_without_preparing()
    {
        var firstRunProbes = await StartEmptyAndProbeWhilePreparingAsync();

        Assert.Equal(HttpStatusCode.OK, firstRunProbes.Health);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, firstRunProbes.Ready);
        Assert.Contains("\"preparing\"", firstRunProbes.ReadyBody, StringComparison.Ordinal);
        Assert.Contains("\"rows\":", firstRunProbes.ReadyBodyOnceReady, StringComparison.Ordinal);
        Assert.Equal(9, Directory.EnumerateFiles(_data.Paths.GeneratedSources, "*.csv").Count());
        Assert.True(firstRunProbes.SalesTrendRows > 0, "the first run builds the warehouse, so the KPIs answer once ready");

        var statuses = await RunUntilReadyAsync();

        Assert.DoesNotContain(statuses, s => s.Activity is FirstRunService.GeneratingActivity or FirstRunService.LoadingActivity or FirstRunService.BuildingActivity);
        Assert.Equal(DataPhase.Ready, Assert.Single(statuses).Phase);
    }

    [Fact]
    public async Task Loads_the_real_files_of_the_data_directory_instead_of_generating()
    {
        await TemporaryDataDirectory.GenerateIntoAsync(_data.Paths.RealSources);

        var statuses = await RunUntilReadyAsync();

        Assert.Contains(statuses, s => s.Activity == FirstRunService.LoadingActivity);
        Assert.Contains(statuses, s => s.Activity == FirstRunService.BuildingActivity);
        Assert.DoesNotContain(statuses, s => s.Activity == FirstRunService.GeneratingActivity);
        Assert.False(Directory.Exists(_data.Paths.GeneratedSources), "nothing should be generated when real files are present");
    }

    [Fact]
    public async Task A_first_run_interrupted_after_some_tables_is_completed_on_the_next_start()
    {
        // What an interrupted first run leaves behind: a warehouse with only some of the nine tables loaded.
        var someTables = Path.Combine(_data.Paths.Root, "some-tables");
        await TemporaryDataDirectory.GenerateIntoAsync(someTables);
        foreach (var table in OlistCatalog.Tables.Skip(4))
        {
            File.Delete(Path.Combine(someTables, table.FileName));
        }

        var loader = new CsvLoader(new DuckDbWarehouse(_data.Paths.Warehouse), TimeProvider.System, NullLogger<CsvLoader>.Instance);
        var partial = await loader.LoadAsync(someTables, progress: null, CancellationToken.None);
        Assert.Equal(4, partial.Count);

        var statuses = await RunUntilReadyAsync();

        Assert.Contains(statuses, s => s.Activity == FirstRunService.GeneratingActivity);
        var tables = await new SourceStatusReader(new DuckDbWarehouse(_data.Paths.Warehouse)).ReadAsync(CancellationToken.None);
        Assert.All(tables, t => Assert.NotNull(t.LoadedAt));
    }

    [Fact]
    public async Task A_failed_first_run_keeps_the_app_up_and_says_why()
    {
        // A file where the data directory should be: the warehouse cannot be created, whatever the pipeline does.
        var blocked = Path.Combine(_data.Paths.Root, "not-a-directory");
        await File.WriteAllTextAsync(blocked, "");

        await using var app = OlistWebApp.Build([.. ServerArguments.For(_data), $"--Olist:DataDirectory={blocked}"]);
        await app.StartAsync();
        var failure = await ReadyProbe.WaitUntilFailedAsync(_client, app.ListeningAddress());
        using var health = await _client.GetAsync(new Uri(app.ListeningAddress(), "healthz"));
        await app.StopAsync();

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains(blocked, failure, StringComparison.Ordinal);
    }

    private async Task<ProbeAnswers> StartEmptyAndProbeWhilePreparingAsync()
    {
        await using var app = OlistWebApp.Build(ServerArguments.For(_data));
        using var listening = new ManualResetEventSlim();
        ProbeAnswers? whilePreparing = null;
        var state = app.Services.GetRequiredService<DataWorkspace>();
        state.Changed += status =>
        {
            if (status.Phase == DataPhase.Preparing && whilePreparing is null)
            {
                // The first run waits here, on its own thread, so the probes are asked mid-preparation and not in a race with it.
                listening.Wait();
                whilePreparing = Probe(app.ListeningAddress());
            }
        };

        await app.StartAsync();
        listening.Set();
        var readyBody = await ReadyProbe.WaitUntilReadyAsync(_client, app.ListeningAddress());
        using var salesTrends = JsonDocument.Parse(await _client.GetStringAsync(new Uri(app.ListeningAddress(), "api/kpis/sales-trends")));
        await app.StopAsync();

        Assert.NotNull(whilePreparing);
        return whilePreparing with { ReadyBodyOnceReady = readyBody, SalesTrendRows = salesTrends.RootElement.GetArrayLength() };
    }

    private ProbeAnswers Probe(Uri address)
    {
        using var health = _client.Send(new HttpRequestMessage(HttpMethod.Get, new Uri(address, "healthz")));
        using var ready = _client.Send(new HttpRequestMessage(HttpMethod.Get, new Uri(address, "readyz")));
        using var reader = new StreamReader(ready.Content.ReadAsStream());
        return new ProbeAnswers(health.StatusCode, ready.StatusCode, reader.ReadToEnd(), "", 0);
    }

    /// <summary>Starts the app over the test's data directory, waits until it is ready, stops it, and returns the statuses it went through.</summary>
    private async Task<ConcurrentQueue<DataStatus>> RunUntilReadyAsync()
    {
        await using var app = OlistWebApp.Build(ServerArguments.For(_data));
        var statuses = Watch(app);
        await app.StartAsync();
        await ReadyProbe.WaitUntilReadyAsync(_client, app.ListeningAddress());
        await app.StopAsync();
        return statuses;
    }

    private static ConcurrentQueue<DataStatus> Watch(WebApplication app)
    {
        var statuses = new ConcurrentQueue<DataStatus>();
        app.Services.GetRequiredService<DataWorkspace>().Changed += statuses.Enqueue;
        return statuses;
    }

    private sealed record ProbeAnswers(HttpStatusCode Health, HttpStatusCode Ready, string ReadyBody, string ReadyBodyOnceReady, int SalesTrendRows);
}
