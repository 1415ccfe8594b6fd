using Olist.Pipeline.Transform.Project;
using Olist.Pipeline.Transform.Rendering;

namespace Olist.Tests.Transform;

public sealed class RenderingTests : IDisposable
{
    private readonly ToyProject _project = new();

    [Theory]
    [InlineData(TargetWarehouse.DuckDb, "SELECT * FROM staging.stg_orders JOIN raw.customers USING (customer_id)")]
    [InlineData(TargetWarehouse.BigQuery, "SELECT * FROM `shop.stg_orders` JOIN `shop.raw_customers` USING (customer_id)")]
    public void Ref_and_source_render_the_relations_of_the_target(TargetWarehouse target, string expected) =>
        Assert.Equal(expected, Render("SELECT * FROM {{ ref('stg_orders') }} JOIN {{ source('raw', 'customers') }} USING (customer_id)", target));

    [Fact]
    public void This_and_is_incremental_follow_the_run()
    {
        const string Sql = "SELECT * FROM t{% if is_incremental() %} WHERE ds > (SELECT max(ds) FROM {{ this }}){% endif %}";

        Assert.Equal("SELECT * FROM t", Render(Sql, TargetWarehouse.DuckDb));
        Assert.Equal("SELECT * FROM t WHERE ds > (SELECT max(ds) FROM kpis.probe)", Render(Sql, TargetWarehouse.DuckDb, isIncremental: true));
        Assert.Equal("SELECT * FROM t WHERE ds > (SELECT max(ds) FROM `shop.probe`)", Render(Sql, TargetWarehouse.BigQuery, isIncremental: true));
    }

    [Theory]
    [InlineData("2018-1-5", "WHERE ds = '2018-01-05' AND grain = 'day'")]
    [InlineData("2018-01-05T00:00:00", "WHERE ds = '2018-01-05' AND grain = 'day'")]
    public void Vars_are_checked_by_kind_and_dates_rerendered(string ds, string expected)
    {
        var vars = new Dictionary<string, string> { ["ds"] = ds };

        Assert.Equal(expected, Render("WHERE ds = '{{ var('ds') }}' AND grain = '{{ var('kpi_grain') }}'", TargetWarehouse.DuckDb, vars));
    }

    [Theory]
    [InlineData("ds", "2018-13-01", "var ds: '2018-13-01' is not a date YYYY-MM-DD")]
    [InlineData("ds", "2018-01-01'; DROP TABLE x; --", "is not a date")]
    [InlineData("kpi_grain", "week", "var kpi_grain: 'week' is not one of day, month")]
    [InlineData("label", "a'b", "is not a plain word")]
    public void Bad_var_values_are_refused_before_rendering(string name, string value, string expected)
    {
        var error = Assert.Throws<InvalidRequestException>(() => Render("SELECT 1", TargetWarehouse.DuckDb, new Dictionary<string, string> { [name] = value }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_var_without_value_or_default_is_an_error_naming_the_model()
    {
        var error = Assert.Throws<PipelineException>(() => Render("WHERE ds = '{{ var('ds') }}'", TargetWarehouse.DuckDb));

        Assert.StartsWith("models/kpis/probe.sql: var('ds') has no value", error.Message, StringComparison.Ordinal);
        Assert.Equal("WHERE n > 3", Render("WHERE n > {{ var('min_items', '3') }}", TargetWarehouse.DuckDb));
    }

    [Fact]
    public void An_unknown_name_or_macro_argument_is_an_error_naming_the_model()
    {
        var unknown = Assert.Throws<PipelineException>(() => Render("SELECT {{ thiss }}", TargetWarehouse.DuckDb));
        var part = Assert.Throws<PipelineException>(() => Render("SELECT {{ date_trunc_to('fortnight', 'x') }}", TargetWarehouse.DuckDb));
        var type = Assert.Throws<PipelineException>(() => Render("SELECT {{ safe_cast('x', 'money') }}", TargetWarehouse.BigQuery));

        Assert.Contains("models/kpis/probe.sql", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("thiss", unknown.Message, StringComparison.Ordinal);
        Assert.StartsWith("models/kpis/probe.sql: date_trunc_to: part must be one of day, week, month, quarter, year", part.Message, StringComparison.Ordinal);
        Assert.StartsWith("models/kpis/probe.sql: safe_cast: type must be one of", type.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("date_trunc_to('month', 'purchased_at')", "date_trunc(CAST(purchased_at AS DATE), MONTH)")]
    [InlineData("date_trunc_to('week', 'purchased_at')", "date_trunc(CAST(purchased_at AS DATE), ISOWEEK)")]
    [InlineData("date_diff_seconds('delivered_at', 'purchased_at')", "timestamp_diff(delivered_at, purchased_at, SECOND)")]
    [InlineData("safe_cast('price', 'decimal')", "SAFE_CAST(price AS NUMERIC)")]
    [InlineData("safe_cast('n', 'integer')", "SAFE_CAST(n AS INT64)")]
    [InlineData("safe_cast('d', 'date')", "SAFE_CAST(d AS DATE)")]
    [InlineData("parse_timestamp('purchased_at')", "safe.parse_timestamp('%Y-%m-%d %H:%M:%S', purchased_at)")]
    [InlineData("type_int()", "INT64")]
    [InlineData("type_bigint()", "INT64")]
    [InlineData("type_double()", "FLOAT64")]
    [InlineData("percentile_cont('days', '0.9', 'seller_state')", "percentile_cont(days, 0.9) OVER (PARTITION BY seller_state)")]
    [InlineData("normalize_city('city')", @"trim(regexp_replace(regexp_replace(normalize(lower(city), NFD), r'\p{M}', ''), r'\s+', ' '))")]
    [InlineData("iso_week_monday('day')", "date_trunc(CAST(day AS DATE), ISOWEEK)")]
    [InlineData("format_month('day')", "format_date('%Y-%m', CAST(day AS DATE))")]
    public void BigQuery_macros_render_standard_sql(string call, string expected) =>
        Assert.Equal(expected, Render($"{{{{ {call} }}}}", TargetWarehouse.BigQuery));

    [Theory]
    [InlineData("normalize_city(\"'  São   PAULO '\")", "sao paulo")]
    [InlineData("normalize_city(\"'Itaú\tde  Minas'\")", "itau de minas")]
    [InlineData("parse_timestamp(\"'bad'\")", "∅")]
    [InlineData("parse_timestamp(\"'2018-02-03 04:05:06'\")", "2018-02-03 04:05:06")]
    [InlineData("date_trunc_to('month', \"TIMESTAMP '2018-02-13 04:05:06'\")", "2018-02-01")]
    [InlineData("date_trunc_to('week', \"DATE '2018-02-15'\")", "2018-02-12")]
    [InlineData("iso_week_monday(\"DATE '2018-02-11'\")", "2018-02-05")]
    [InlineData("date_diff_seconds(\"TIMESTAMP '2018-01-02 00:00:10'\", \"TIMESTAMP '2018-01-01 00:00:00'\")", "86410")]
    [InlineData("safe_cast(\"'12.5x'\", 'decimal')", "∅")]
    [InlineData("safe_cast(\"'12.345'\", 'decimal')", "12.35")]
    [InlineData("safe_cast(\"'42'\", 'integer')", "42")]
    [InlineData("safe_cast(\"'2018-01-01 10:00:00'\", 'timestamp')", "2018-01-01 10:00:00")]
    [InlineData("format_month(\"DATE '2018-02-11'\")", "2018-02")]
    public async Task DuckDb_macros_compute_what_the_contract_says(string call, string expected)
    {
        var sql = Render($"SELECT {{{{ {call} }}}}", TargetWarehouse.DuckDb);

        Assert.Equal([expected], await _project.RowsAsync(sql));
    }

    [Fact]
    public async Task DuckDb_type_macros_name_the_types_the_models_cast_to()
    {
        var sql = Render("SELECT typeof(CAST(1 AS {{ type_int() }})) || ' ' || typeof(CAST(1 AS {{ type_bigint() }})) || ' ' || typeof(CAST(1 AS {{ type_double() }}))", TargetWarehouse.DuckDb);

        Assert.Equal(["INTEGER BIGINT DOUBLE"], await _project.RowsAsync(sql));
    }

    [Fact]
    public async Task DuckDb_percentile_interpolates_as_an_aggregate_and_as_a_window()
    {
        var aggregate = Render("SELECT {{ percentile_cont('x', '0.5') }} FROM (VALUES (1), (2), (3), (10)) t(x)", TargetWarehouse.DuckDb);
        var window = Render("SELECT DISTINCT g, {{ percentile_cont('x', '0.5', 'g') }} FROM (VALUES ('a', 1), ('a', 4), ('b', 5)) t(g, x) ORDER BY g", TargetWarehouse.DuckDb);

        Assert.Equal(["2.5"], await _project.RowsAsync(aggregate));
        Assert.Equal(["a|2.5", "b|5"], await _project.RowsAsync(window));
    }

    [Fact]
    public void Project_macros_in_liquid_files_are_callable_and_see_the_target()
    {
        _project.Write("macros/money.liquid", """
            {%- macro cents(expr) -%}
            {%- if target.type == 'bigquery' -%}CAST(ROUND({{ expr }} * 100) AS INT64){%- else -%}CAST(round({{ expr }} * 100) AS BIGINT){%- endif -%}
            {%- endmacro -%}
            """);

        Assert.Equal("SELECT CAST(round(price * 100) AS BIGINT)", Render("SELECT {{ cents('price') }}", TargetWarehouse.DuckDb));
        Assert.Equal("SELECT CAST(ROUND(price * 100) AS INT64)", Render("SELECT {{ cents('price') }}", TargetWarehouse.BigQuery));
    }

    private string Render(string sql, TargetWarehouse target, IReadOnlyDictionary<string, string>? vars = null, bool isIncremental = false)
    {
        _project.Write("models/kpis/probe.sql", sql);
        var manifest = ProjectLoader.Load(_project.ProjectDirectory);
        SqlDialect dialect = target == TargetWarehouse.BigQuery ? new BigQueryDialect(manifest.Settings.BigQueryDataset) : DuckDbDialect.Instance;
        var renderer = new TemplateRenderer(manifest, dialect, VarValues.Resolve(manifest.Settings, vars ?? new Dictionary<string, string>()));
        return renderer.RenderModel(manifest.Models["probe"], isIncremental);
    }

    public void Dispose() => _project.Dispose();
}
