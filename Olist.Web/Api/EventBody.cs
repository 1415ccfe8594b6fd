namespace Olist.Web.Api;

/// <summary>Splits an ingestion request body into messages: one JSON event, or NDJSON with one event per line.</summary>
public static class EventBody
{
    private static readonly string[] NdjsonTypes = ["application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines"];

    /// <summary>
    /// An NDJSON content type splits by lines. Otherwise a body that is one JSON value (even spread over lines) is one
    /// message, and anything else is split by lines, so a malformed line travels to the dead letters with its bytes
    /// instead of failing the request.
    /// </summary>
    public static IReadOnlyList<ReadOnlyMemory<byte>> Split(ReadOnlyMemory<byte> body, string? contentType)
    {
        var ndjson = contentType is not null && NdjsonTypes.Any(t => contentType.StartsWith(t, StringComparison.OrdinalIgnoreCase));
        if (!ndjson && IsSingleJsonValue(body.Span))
        {
            return [Trim(body)];
        }

        var messages = new List<ReadOnlyMemory<byte>>();
        var rest = body;
        while (rest.Length > 0)
        {
            var end = rest.Span.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? ReadOnlyMemory<byte>.Empty : rest[(end + 1)..];
            line = Trim(line);
            if (line.Length > 0)
            {
                messages.Add(line);
            }
        }

        return messages;
    }

    private static bool IsSingleJsonValue(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            return reader.Read() && reader.TrySkip() && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> text)
    {
        var span = text.Span;
        var start = 0;
        var end = span.Length;
        while (start < end && IsSpace(span[start]))
        {
            start++;
        }

        while (end > start && IsSpace(span[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
