using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Olist.Pipeline.Configuration;
using Olist.Pipeline.Gcp.BigQuery;
using Olist.Pipeline.Generation;
using Olist.Pipeline.Ingestion;
using Olist.Pipeline.Kpis;
using Olist.Pipeline.Orchestration;
using Olist.Pipeline.Orchestration.Dags;
using Olist.Pipeline.Orchestration.Runs;
using Olist.Pipeline.Orchestration.Scheduling;
using Olist.Pipeline.Orchestration.Store;
using Olist.Pipeline.Streaming.Bus;
using Olist.Pipeline.Streaming.Consuming;
using Olist.Pipeline.Streaming.DeadLetters;
using Olist.Pipeline.Streaming.Live;
using Olist.Pipeline.Streaming.Publishing;
using Olist.Pipeline.Transform;
using Olist.Pipeline.Transform.Execution;
using Olist.Pipeline.Warehouse;
using Olist.Pipeline.Workspace;

namespace Olist.Pipeline.Hosting;

/// <summary>
/// The one registration of the pipeline, used by the web app, every command-line verb, the tests and the benchmarks:
/// typed options bound from configuration (section <c>Olist</c>), the clock, the data directory's workspace with its
/// warehouse and bus (each chosen by its provider setting), and the engine's services over them.
/// </summary>
public static class PipelineServices
{
    /// <summary>
    /// Adds the pipeline's services. The host supplies configuration and logging; a clock registered before this call
    /// (a test's fake one) is kept. Nothing opens a file or a connection until it is used.
    /// </summary>
    /// <exception cref="PipelineException">The warehouse or bus provider is not one there is.</exception>
    public static IServiceCollection AddOlistPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<OlistOptions>().Bind(configuration.GetSection(OlistOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new DataPaths(sp.GetRequiredService<IOptions<OlistOptions>>().Value.DataDirectory));

        AddWarehouse(services, configuration);
        AddTransform(services, configuration);
        services.AddSingleton<OlistGenerator>();
        services.AddSingleton<CsvLoader>();
        services.AddSingleton<SourceStatusReader>();
        services.AddSingleton<IModelQueryRenderer, TransformQueryRenderer>();
        services.AddSingleton(sp => KpiCatalog.From(sp.GetRequiredService<TransformProject>()));
        services.AddSingleton<IKpiService, KpiService>();

        AddBus(services, configuration);
        services.AddSingleton<DeadLetterStore>();
        services.AddSingleton<LiveMetricsQuery>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<OrderStreamConsumer>(sp, sp.GetRequiredService<IOptions<StreamConsumerOptions>>().Value));

        services.AddSingleton(sp => new OpsStore(sp.GetRequiredService<DataPaths>().Ops, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new SecretStore(sp.GetRequiredService<DataPaths>().Secrets));
        services.AddSingleton<DataWorkspace>();

        AddOrchestration(services, configuration);
        return services;
    }

    /// <summary>
    /// The warehouse of <c>Olist:Warehouse:Provider</c> and the engine's target on it. The DuckDB file of the data
    /// directory is there with either: on BigQuery it keeps a copy of the live stream's tables, written after BigQuery
    /// committed each batch, as the consumer's ledger and for the live pages and dead-letter replays.
    /// </summary>
    private static void AddWarehouse(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(WarehouseOptions.SectionName);
        var provider = section[nameof(WarehouseOptions.Provider)] ?? WarehouseOptions.DuckDb;
        services.AddOptions<WarehouseOptions>().Bind(section).ValidateOnStart();
        services.AddOptions<BigQueryOptions>().Bind(configuration.GetSection(BigQueryOptions.SectionName));
        services.AddSingleton<IValidateOptions<WarehouseOptions>, UsableWarehouseOptions>();
        services.AddSingleton(sp => new DuckDbWarehouse(sp.GetRequiredService<DataPaths>().Warehouse, sp.GetRequiredService<IOptions<WarehouseOptions>>().Value));
        if (string.Equals(provider, WarehouseOptions.DuckDb, StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IWarehouse>(sp => sp.GetRequiredService<DuckDbWarehouse>());
            services.AddSingleton<IBuildTarget>(sp => new DuckDbBuildTarget(sp.GetRequiredService<DuckDbWarehouse>()));
            services.AddSingleton<IKpiReader, DuckDbKpiReader>();
            services.AddSingleton<ILiveCatalogReader, DuckDbLiveCatalogReader>();
            services.AddSingleton<IRawLoader>(sp => sp.GetRequiredService<CsvLoader>());
            services.AddSingleton<ISourceStatusReader>(sp => sp.GetRequiredService<SourceStatusReader>());
            services.AddSingleton<INewDataCheck>(sp => sp.GetRequiredService<NewDataCheck>());
        }
        else if (string.Equals(provider, WarehouseOptions.BigQuery, StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton(sp =>
            {
                var options = sp.GetRequiredService<IOptions<BigQueryOptions>>().Value;
                var dataset = string.IsNullOrWhiteSpace(options.Dataset)
                    ? TransformProject.BigQueryDatasetOf(sp.GetRequiredService<IOptions<TransformOptions>>().Value.ProjectDirectory)
                    : options.Dataset;
                return new BigQueryWarehouse(options, dataset, sp.GetRequiredService<TimeProvider>());
            });
            services.AddSingleton<IWarehouse>(sp => sp.GetRequiredService<BigQueryWarehouse>());
            services.AddSingleton<IBuildTarget>(sp => new BigQueryBuildTarget(sp.GetRequiredService<BigQueryWarehouse>()));
            services.AddSingleton<IKpiReader, BigQueryKpiReader>();
            services.AddSingleton<ILiveCatalogReader, BigQueryLiveCatalogReader>();
            services.AddSingleton<IRawLoader, BigQueryRawLoader>();
            services.AddSingleton<ISourceStatusReader, BigQuerySourceStatusReader>();
            services.AddSingleton<INewDataCheck, BigQueryNewDataCheck>();
        }
        else
        {
            throw new PipelineException(
                $"{WarehouseOptions.SectionName}:Provider '{provider}' is not a warehouse; use '{WarehouseOptions.DuckDb}' or '{WarehouseOptions.BigQuery}'.");
        }
    }

    /// <summary>The transform engine over the analytics project of <c>Olist:Transform:ProjectDirectory</c> (the copy beside the executable by default).</summary>
    private static void AddTransform(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TransformOptions>()
            .Bind(configuration.GetSection(TransformOptions.SectionName))
            .Configure<DataPaths>((options, paths) => options.TargetDirectory = paths.Target);
        services.AddSingleton(sp => new TransformProject(
            sp.GetRequiredService<IOptions<TransformOptions>>().Value,
            sp.GetRequiredService<IBuildTarget>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<TransformProject>>()));
    }

    /// <summary>
    /// The bus of <c>Olist:Bus:Provider</c>, behind the workspace's handle that opens it once the data is ready; the
    /// choice is made when the services are built, so a provider that does not exist stops the start with the reason.
    /// </summary>
    private static void AddBus(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StreamConsumerOptions>().Bind(configuration.GetSection(StreamConsumerOptions.SectionName));
        services.AddOptions<BusOptions>().Bind(configuration.GetSection(BusOptions.SectionName));
        var options = configuration.GetSection(BusOptions.SectionName).Get<BusOptions>() ?? new BusOptions();
        if (options.IsPubSub)
        {
            services.AddSingleton<IMessageBusProvider>(sp => new PubSubBusProvider(
                sp.GetRequiredService<IOptions<BusOptions>>().Value,
                sp.GetRequiredService<IOptions<StreamConsumerOptions>>().Value.AckDeadline,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<PubSubMessageBus>>()));
        }
        else if (string.Equals(options.Provider, BusOptions.Embedded, StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IMessageBusProvider>(sp => new EmbeddedBusProvider(
                sp.GetRequiredService<DataPaths>().Bus, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SqliteMessageBus>>()));
        }
        else
        {
            throw new PipelineException($"{BusOptions.SectionName}:Provider '{options.Provider}' is not a bus; use '{BusOptions.Embedded}' or '{BusOptions.PubSub}'.");
        }

        services.AddSingleton<MessageBusHandle>();
        services.AddSingleton<IMessageBus>(sp => sp.GetRequiredService<MessageBusHandle>());
        services.AddSingleton<IDeadLetterTopic>(sp => sp.GetRequiredService<MessageBusHandle>());
    }

    /// <summary>The daily DAG's orchestrator and scheduler (<c>Olist:Runs</c>, <c>Olist:Schedule</c>) over the workspace's ops store.</summary>
    private static void AddOrchestration(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ScheduleOptions>().Bind(configuration.GetSection(ScheduleOptions.SectionName));
        services.AddOptions<RunOptions>().Bind(configuration.GetSection(RunOptions.SectionName));
        services.AddSingleton<RunEvents>();
        services.AddSingleton(sp => new NewDataCheck(sp.GetRequiredService<DuckDbWarehouse>()));
        services.AddSingleton(sp => new Orchestrator(
            DailyBuildDag.Create(sp.GetRequiredService<TransformProject>(), sp.GetRequiredService<INewDataCheck>()),
            sp.GetRequiredService<OpsStore>(),
            sp.GetRequiredService<DuckDbWarehouse>(),
            sp.GetRequiredService<RunEvents>(),
            sp.GetRequiredService<IOptions<RunOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<Orchestrator>>()));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ScheduleOptions>>().Value;
            return new DagScheduler(
                sp.GetRequiredService<Orchestrator>(), new CronSchedule(options.Cron, options.TimeZone), options, sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<DagScheduler>>());
        });
    }

    /// <summary>Fails the options with what is wrong with them (a memory limit without a unit, no threads), in the words the CLI prints.</summary>
    private sealed class UsableWarehouseOptions : IValidateOptions<WarehouseOptions>
    {
        public ValidateOptionsResult Validate(string? name, WarehouseOptions options) =>
            options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
