namespace Olist.Tests.BigQuery.Contract;

/// <summary>
/// What the fake BigQuery answers the stream consumer's reads of the batch data (the ids at start, a batch order's row
/// when a status change moves it): the rows a test says BigQuery's raw tables hold.
/// </summary>
internal sealed class BatchDataAnswers(IReadOnlyList<(string Kind, string Id)> ids, IReadOnlyList<string?[]> orders)
{
    /// <summary>The batch data of <see cref="StreamHarness"/>'s warehouse: its products, seller, customer and batch order.</summary>
    public static BatchDataAnswers OfStreamHarness { get; } = new(
        [
            ("product_id", StreamHarness.Product), ("product_id", StreamHarness.OtherProduct), ("seller_id", StreamHarness.Seller),
            ("customer_id", StreamHarness.KnownCustomer), ("order_id", StreamHarness.BatchOrder),
        ],
        [[StreamHarness.BatchOrder, StreamHarness.KnownCustomer, " Shipped", "2018-08-01 10:00:00", "2018-08-01 11:00:00", "2018-08-02 09:00:00", null, "2018-08-20 00:00:00"]]);

    /// <summary>The answer to <paramref name="sql"/> when it is one of the consumer's reads, else null.</summary>
    public FakeQuery? Answer(string sql)
    {
        if (sql.Contains("as kind", StringComparison.Ordinal))
        {
            return Rows(["kind", "id"], ids.Select(i => new[] { i.Kind, i.Id }));
        }

        return sql.Contains("unnest(@order_ids)", StringComparison.Ordinal) ? Rows(OlistCatalog.Orders.ColumnNames, orders) : null;
    }

    private static FakeQuery Rows(IEnumerable<string> columns, IEnumerable<string?[]> rows) => new(
        new JsonObject { ["fields"] = new JsonArray([.. columns.Select(c => new JsonObject { ["name"] = c, ["type"] = "STRING" })]) }.ToJsonString(),
        _ => [.. rows.Select(r => (JsonNode)new JsonObject { ["f"] = new JsonArray([.. r.Select(v => new JsonObject { ["v"] = v })]) })]);
}
