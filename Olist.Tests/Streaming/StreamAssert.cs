namespace Olist.Tests.Streaming;

/// <summary>The exactly-once checks of the stream tables, read straight from the warehouse.</summary>
internal static class StreamAssert
{
    /// <summary>
    /// Asserts that <paramref name="table"/> holds <paramref name="expected"/> rows and as many distinct <paramref name="key"/>
    /// values: each was written once, however often it was delivered.
    /// </summary>
    public static async Task EachOnceAsync(DuckDbWarehouse warehouse, string table, string key, long expected)
    {
        Assert.Equal(expected, await warehouse.CountAsync($"SELECT count(*) FROM {table}"));
        Assert.Equal(expected, await warehouse.CountAsync($"SELECT count(DISTINCT {key}) FROM {table}"));
    }

    /// <summary>Each message recorded once (<c>raw.stream_messages</c> by message id).</summary>
    public static Task EachMessageOnceAsync(DuckDbWarehouse warehouse, long expected) =>
        EachOnceAsync(warehouse, "raw.stream_messages", "message_id", expected);

    /// <summary>Each order written once (<c>raw.stream_orders</c> by order id), for streams of creations only.</summary>
    public static Task EachOrderOnceAsync(DuckDbWarehouse warehouse, long expected) =>
        EachOnceAsync(warehouse, "raw.stream_orders", "order_id", expected);
}
