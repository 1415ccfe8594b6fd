using Olist.Pipeline.Transform.Graph;
using Olist.Pipeline.Transform.Project;

namespace Olist.Tests.Transform;

public sealed class ProjectLoadingTests : IDisposable
{
    private readonly ToyProject _project = new();

    [Fact]
    public void The_shop_loads_into_models_tests_and_sources_with_config_from_folder_and_yaml()
    {
        var manifest = ProjectLoader.Load(_project.ProjectDirectory);

        Assert.Equal(5, manifest.Models.Count);
        var fact = manifest.Models["fact_orders"];
        Assert.Equal("stg_orders", Assert.Single(fact.Refs));
        Assert.Equal((Materialized.Incremental, "marts", "ds"), (fact.Config.Materialized, fact.Config.Schema, fact.Config.IncrementalKey));
        Assert.Equal(["marts"], fact.Config.Tags);
        Assert.Equal("One row per order.", fact.Description);
        Assert.Equal(Materialized.View, manifest.Models["stg_orders"].Config.Materialized);
        Assert.Equal(["source.raw.customers", "source.raw.orders"], manifest.Sources.Select(s => s.UniqueId));
        Assert.Equal(6, manifest.Tests.Count);
    }

    [Theory]
    [InlineData("models/marts/_marts.yml", "models:\n  - name: fact_orders\n    config: {materialized: [oops\n", "models/marts/_marts.yml:4: invalid YAML")]
    [InlineData("models/marts/_marts.yml", "models:\n  - name: fact_orders\n    config: {materialised: table}\n", "models/marts/_marts.yml:3: unknown key 'materialised'")]
    [InlineData("models/marts/_marts.yml", "models:\n  - name: fact_orderz\n", "models/marts/_marts.yml:2: model fact_orderz is described here but there is no models/**/fact_orderz.sql")]
    [InlineData("models/marts/_marts.yml", "models:\n  - name: fact_orders\n    tests: [uniq]\n", "models/marts/_marts.yml:3: unknown test 'uniq'")]
    [InlineData("models/marts/_marts.yml", "models:\n  - name: fact_orders\n    config: {materialized: incremental}\n", "models/marts/fact_orders.sql (config in models/marts/_marts.yml): an incremental model needs incremental_key")]
    [InlineData("models/marts/_marts.yml", "models:\n  - name: dim_customers\n    config: {materialized: view, write_audit_publish: true}\n", "write_audit_publish needs materialized table or incremental")]
    [InlineData("models/marts/_marts.yml", "models:\n  - name: fact_orders\n    columns:\n      - name: order_id\n        tests:\n          - relationships: {to: ref('nowhere'), field: id}\n", "models/marts/_marts.yml: a test refers to ref('nowhere')")]
    [InlineData("models/kpis/kpi_orders_per_day.sql", "SELECT * FROM {{ ref('fact_order') }}", "models/kpis/kpi_orders_per_day.sql: ref('fact_order') names no model")]
    [InlineData("models/kpis/kpi_orders_per_day.sql", "SELECT * FROM {{ ref('fact_orders' }}", "models/kpis/kpi_orders_per_day.sql: template error")]
    [InlineData("olist_project.yml", "name: toy\nvars:\n  ds: yesterday\n", "olist_project.yml:3: var ds: 'yesterday' is not a date YYYY-MM-DD")]
    public void A_broken_project_is_refused_with_a_message_naming_the_file(string file, string text, string expected)
    {
        _project.Write(file, text);

        var error = Assert.Throws<PipelineException>(() => ProjectLoader.Load(_project.ProjectDirectory));

        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public void A_cycle_is_refused_naming_a_file_and_the_cycle()
    {
        _project.Write("models/staging/stg_orders.sql", "SELECT * FROM {{ ref('kpi_orders_per_day') }}");
        var manifest = ProjectLoader.Load(_project.ProjectDirectory);

        var error = Assert.Throws<PipelineException>(() => new DependencyGraph(manifest.Models));

        Assert.Contains("models/", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Contains("kpi_orders_per_day -> fact_orders -> stg_orders -> kpi_orders_per_day", StringComparison.Ordinal), error.Message);
    }

    [Theory]
    [InlineData("fact_orders", "fact_orders")]
    [InlineData("+fact_orders", "fact_orders stg_orders")]
    [InlineData("fact_orders+", "fact_orders kpi_orders_per_day")]
    [InlineData("+fact_orders+", "fact_orders kpi_orders_per_day stg_orders")]
    [InlineData("tag:marts", "dim_customers fact_orders")]
    [InlineData("path:staging", "stg_customers stg_orders")]
    [InlineData("path:models/kpis/kpi_orders_per_day.sql", "kpi_orders_per_day")]
    [InlineData("dim_customers tag:kpis", "dim_customers kpi_orders_per_day")]
    [InlineData("", "dim_customers fact_orders kpi_orders_per_day stg_customers stg_orders")]
    public void Selection_picks_models_and_their_tests(string select, string expected)
    {
        var manifest = ProjectLoader.Load(_project.ProjectDirectory);

        var selection = Selection.Parse(select, manifest, new DependencyGraph(manifest.Models));

        Assert.Equal(expected, string.Join(' ', selection.Models.Order(StringComparer.Ordinal)));
        Assert.All(selection.Tests, t => Assert.Contains(manifest.Tests.Single(x => x.Name == t).DependsOn, selection.Models.Contains));
    }

    [Fact]
    public void Selecting_nothing_known_is_an_error()
    {
        var manifest = ProjectLoader.Load(_project.ProjectDirectory);

        var error = Assert.Throws<InvalidRequestException>(() => Selection.Parse("tag:nope", manifest, new DependencyGraph(manifest.Models)));

        Assert.Contains("'tag:nope' matches no model or test", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _project.Dispose();
}
