namespace Olist.Tests.Architecture;

/// <summary>
/// The engine's folders depend on each other one way only, checked over the compiled pipeline and its sources, so that a
/// cycle (such as ingestion and streaming using each other) cannot come back unnoticed.
/// </summary>
public sealed class PipelineDependencyTests
{
    private const string Pipeline = "Olist.Pipeline";

    private static readonly Lazy<NamespaceGraph> Graph = new(() =>
        NamespaceGraph.Of(typeof(OlistCatalog).Assembly, Path.Combine(RepositoryRoot(), Pipeline)));

    [Fact]
    public void The_top_level_namespaces_form_no_cycle()
    {
        var cycles = Graph.Value.TopLevel().Cycles();

        Assert.True(cycles.Count == 0, "cycles: " + string.Join("; ", cycles.Select(c => string.Join(" -> ", [.. c, c[0]]))));
    }

    [Fact]
    public void Ingestion_and_streaming_do_not_use_each_other()
    {
        Assert.Empty(Graph.Value.Between($"{Pipeline}.Ingestion", $"{Pipeline}.Streaming"));
        Assert.Empty(Graph.Value.Between($"{Pipeline}.Streaming", $"{Pipeline}.Ingestion"));
    }

    [Fact]
    public void The_stream_contract_does_not_use_the_generator()
    {
        Assert.Empty(Graph.Value.Between($"{Pipeline}.Streaming.Contract", $"{Pipeline}.Generation"));
    }

    [Fact]
    public void The_warehouse_with_the_raw_schema_and_sql_helpers_uses_only_the_catalog_and_errors()
    {
        Assert.Empty(Graph.Value.UsesOutside($"{Pipeline}.Warehouse", $"{Pipeline}.Catalog", $"{Pipeline}.Errors"));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Olist.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Olist.sln above {AppContext.BaseDirectory}: the dependency tests read the pipeline's sources.");
    }
}
