namespace Olist.Tests.Streaming;

/// <summary>A warehouse with a small known catalog and an embedded bus in a temp directory, and consumers to run over them.</summary>
internal sealed class StreamHarness : IAsyncDisposable
{
    public const string Product = "p1";
    public const string OtherProduct = "p2";
    public const string Seller = "s1";
    public const string KnownCustomer = "c-known";
    public const string BatchOrder = "batch-order-1";

    private readonly TempDirectory _directory;

    private StreamHarness(TempDirectory directory, DuckDbWarehouse warehouse, SqliteMessageBus bus)
    {
        _directory = directory;
        Warehouse = warehouse;
        Bus = bus;
    }

    public DuckDbWarehouse Warehouse { get; }

    public SqliteMessageBus Bus { get; private set; }

    public string BusPath => _directory.Combine("bus.db");

    public StreamConsumerOptions Options { get; } = new()
    {
        BatchSize = 500,
        PullWait = TimeSpan.FromMilliseconds(50),
        RetryBackoffBase = TimeSpan.FromMilliseconds(50),
        RetryBackoffMax = TimeSpan.FromMilliseconds(200),
    };

    public static async Task<StreamHarness> CreateAsync()
    {
        var directory = new TempDirectory();
        var warehouse = new DuckDbWarehouse(Path.Combine(directory.Path, "warehouse.duckdb"));
        await using (var connection = await warehouse.OpenAsync(CancellationToken.None))
        {
            await Execute(connection, "CREATE SCHEMA raw");
            foreach (var table in new[] { OlistCatalog.Products, OlistCatalog.Sellers, OlistCatalog.Customers, OlistCatalog.Orders, OlistCatalog.CategoryTranslation })
            {
                await Execute(connection, RawSchema.CreateTableSql(table));
            }

            await Execute(connection, $"INSERT INTO raw.products (product_id, _source_file, _line_number, _loaded_at) VALUES ('{Product}', 'f', 2, now()), ('{OtherProduct}', 'f', 3, now())");
            await Execute(connection, $"INSERT INTO raw.sellers (seller_id, _source_file, _line_number, _loaded_at) VALUES ('{Seller}', 'f', 2, now())");
            await Execute(connection, $"INSERT INTO raw.customers (customer_id, customer_unique_id, customer_state, _source_file, _line_number, _loaded_at) VALUES ('{KnownCustomer}', 'u-known', 'SP', 'f', 2, now())");
            await Execute(connection, $"INSERT INTO raw.orders VALUES ('{BatchOrder}', '{KnownCustomer}', ' Shipped', '2018-08-01 10:00:00', '2018-08-01 11:00:00', '2018-08-02 09:00:00', NULL, '2018-08-20 00:00:00', 'f', 2, now())");
        }

        return new StreamHarness(directory, warehouse, await SqliteMessageBus.OpenAsync(directory.Combine("bus.db"), TimeProvider.System, CancellationToken.None));
    }

    /// <summary>A bus in a fresh temp directory over an existing warehouse, such as one the loader filled.</summary>
    public static async Task<StreamHarness> OverAsync(DuckDbWarehouse warehouse)
    {
        var directory = new TempDirectory();
        return new StreamHarness(directory, warehouse, await SqliteMessageBus.OpenAsync(directory.Combine("bus.db"), TimeProvider.System, CancellationToken.None));
    }

    public OrderStreamConsumer Consumer(IMessageBus? bus = null, IAcceptedOrdersSink? sink = null, TimeProvider? timeProvider = null) =>
        new(bus ?? Bus, Warehouse, Options, sink is null ? [] : [sink], timeProvider ?? TimeProvider.System, NullLogger<OrderStreamConsumer>.Instance);

    public Task<IReadOnlyList<string>> PublishAsync(params string[] bodies) =>
        Bus.PublishAsync(bodies.Select(b => new OutgoingMessage(Encoding.UTF8.GetBytes(b))).ToList(), CancellationToken.None);

    /// <summary>
    /// Runs a consumer until the bus is empty, or until <paramref name="done"/> holds, and returns its counters. The
    /// bound only stops a broken consumer from hanging the suite; the tests then assert what it got to.
    /// </summary>
    public async Task<StreamCounters> DrainAsync(OrderStreamConsumer? consumer = null, Func<OrderStreamConsumer, bool>? done = null)
    {
        consumer ??= Consumer();
        using var stop = new CancellationTokenSource();
        var run = consumer.RunAsync(stop.Token);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline && !run.IsCompleted && !(done is null ? (await Bus.GetStatsAsync(CancellationToken.None)).Backlog == 0 : done(consumer)))
        {
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        await run;
        return consumer.Counters;
    }

    /// <summary>Reopens the bus file, as a restarted process would.</summary>
    public async Task ReopenBusAsync()
    {
        await Bus.DisposeAsync();
        Bus = await SqliteMessageBus.OpenAsync(BusPath, TimeProvider.System, CancellationToken.None);
    }

    public Task<long> CountAsync(string sql) => Warehouse.CountAsync(sql);

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await Warehouse.OpenAsync(CancellationToken.None);
        await Execute(connection, sql);
    }

    public Task<List<object?[]>> RowsAsync(string sql) => Warehouse.QueryAsync(sql);

    /// <summary>A product of the loaded catalog and one of its sellers, for events over a warehouse the loader filled.</summary>
    public async Task<(string Product, string Seller)> SoldItemAsync()
    {
        var item = (await RowsAsync("SELECT product_id, seller_id FROM raw.order_items WHERE product_id IN (SELECT product_id FROM raw.products) ORDER BY _line_number LIMIT 1"))[0];
        return ((string)item[0]!, (string)item[1]!);
    }

    public async ValueTask DisposeAsync()
    {
        await Bus.DisposeAsync();
        _directory.Dispose();
    }

    private static async Task Execute(DuckDBConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
