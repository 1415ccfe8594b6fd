namespace Olist.Tests.Transform;

/// <summary>A small analytics project in a temp folder with its own DuckDB warehouse holding a few raw rows.</summary>
public sealed class ToyProject : IDisposable
{
    /// <summary>A shop: raw orders and customers, staging views, an incremental fact, a table dimension and a KPI.</summary>
    public static readonly IReadOnlyDictionary<string, string> ShopFiles = new Dictionary<string, string>
    {
        ["olist_project.yml"] = """
            name: toy
            vars:
              kpi_grain: {values: [day, month], default: day}
            models:
              staging: {materialized: view, tags: [staging]}
              marts: {materialized: table, tags: [marts]}
              kpis: {materialized: table, tags: [kpis]}
            bigquery:
              dataset: shop
            """,
        ["models/staging/stg_orders.sql"] = """
            SELECT
                order_id,
                customer_id,
                status,
                {{ parse_timestamp('purchased_at') }} AS purchased_at,
                CAST({{ parse_timestamp('purchased_at') }} AS DATE) AS ds
            FROM {{ source('raw', 'orders') }}
            """,
        ["models/staging/stg_customers.sql"] = """
            SELECT customer_id, {{ normalize_city('city') }} AS city
            FROM {{ source('raw', 'customers') }}
            """,
        ["models/marts/dim_customers.sql"] = """
            SELECT customer_id, city FROM {{ ref('stg_customers') }}
            """,
        ["models/marts/fact_orders.sql"] = """
            SELECT orders.order_id, orders.customer_id, orders.status, orders.ds
            FROM {{ ref('stg_orders') }} AS orders
            {% if is_incremental() %}
            WHERE orders.ds = '{{ var('ds') }}'
            {% endif %}
            """,
        ["models/kpis/kpi_orders_per_day.sql"] = """
            SELECT ds, count(*) AS orders
            FROM {{ ref('fact_orders') }}
            GROUP BY ds
            """,
        ["models/marts/_marts.yml"] = """
            version: 2
            models:
              - name: fact_orders
                description: One row per order.
                config:
                  materialized: incremental
                  incremental_key: ds
                columns:
                  - name: order_id
                    description: The order.
                    tests: [not_null, unique]
                  - name: customer_id
                    tests:
                      - relationships: {to: ref('dim_customers'), field: customer_id}
                  - name: status
                    tests:
                      - accepted_values: {values: [delivered, canceled]}
              - name: dim_customers
                description: One row per customer.
                columns:
                  - name: customer_id
                    tests: [unique, not_null]
            """,
    };

    private readonly TempDirectory _root = new();

    public ToyProject(IReadOnlyDictionary<string, string>? files = null)
    {
        ProjectDirectory = _root.Combine("project");
        TargetDirectory = _root.Combine("data", "target");
        Warehouse = new DuckDbWarehouse(_root.Combine("data", "warehouse.duckdb"));
        foreach (var (path, text) in files ?? ShopFiles)
        {
            Write(path, text);
        }
    }

    public string ProjectDirectory { get; }

    public string TargetDirectory { get; }

    public DuckDbWarehouse Warehouse { get; }

    public string Combine(params string[] parts) => _root.Combine(parts);

    public TransformProject Engine(TimeProvider? clock = null) =>
        new(new TransformOptions { ProjectDirectory = ProjectDirectory, TargetDirectory = TargetDirectory }, Warehouse, clock ?? TimeProvider.System, NullLogger<TransformProject>.Instance);

    public void Write(string relativePath, string text)
    {
        var path = Path.Combine(ProjectDirectory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Delete(string relativePath) => File.Delete(Path.Combine(ProjectDirectory, relativePath));

    /// <summary>Raw rows of the shop: four orders on two days (one with a bad timestamp), three customers.</summary>
    public Task SeedShopAsync() => ExecuteAsync("""
        CREATE SCHEMA IF NOT EXISTS raw;
        CREATE OR REPLACE TABLE raw.orders (order_id VARCHAR, customer_id VARCHAR, status VARCHAR, purchased_at VARCHAR);
        INSERT INTO raw.orders VALUES
            ('o1', 'c1', 'delivered', '2018-01-01 10:00:00'),
            ('o2', 'c2', 'delivered', '2018-01-01 11:30:00'),
            ('o3', 'c1', 'canceled', '2018-01-02 09:00:00'),
            ('o4', 'c3', 'delivered', 'not a time');
        CREATE OR REPLACE TABLE raw.customers (customer_id VARCHAR, city VARCHAR);
        INSERT INTO raw.customers VALUES ('c1', '  São   PAULO '), ('c2', 'Rio de Janeiro'), ('c3', 'curitiba');
        """);

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await Warehouse.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Every row of a query as one line of text, values separated by '|', NULL as ∅, in the query's order.</summary>
    public async Task<List<string>> RowsAsync(string sql)
    {
        await using var connection = await Warehouse.OpenAsync(CancellationToken.None);
        return await RowsAsync(connection, sql);
    }

    public static async Task<List<string>> RowsAsync(DuckDBConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount)
                .Select(i => reader.IsDBNull(i) ? "∅" : Text(reader.GetValue(i)))));
        }

        return rows;
    }

    public void Dispose() => _root.Dispose();

    private static string Text(object value) => value switch
    {
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
