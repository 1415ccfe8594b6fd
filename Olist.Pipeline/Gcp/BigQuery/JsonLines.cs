namespace Olist.Pipeline.Gcp.BigQuery;

/// <summary>Newline-delimited JSON, what a <c>NEWLINE_DELIMITED_JSON</c> load job reads: one object per item, one per line.</summary>
internal static class JsonLines
{
    /// <summary>The bytes of one JSON object per item, each written by <paramref name="writeProperties"/> and ended by a line feed.</summary>
    public static byte[] Of<T>(IEnumerable<T> items, Action<Utf8JsonWriter, T> writeProperties)
    {
        using var buffer = new MemoryStream();
        foreach (var item in items)
        {
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                writeProperties(json, item);
                json.WriteEndObject();
            }

            buffer.WriteByte((byte)'\n');
        }

        return buffer.ToArray();
    }
}
