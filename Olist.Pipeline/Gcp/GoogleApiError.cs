namespace Olist.Pipeline.Gcp;

/// <summary>
/// One failed answer of a Google REST API, read from its JSON error envelope
/// (<c>{"error":{"code","message","status","errors":[{"reason"}]}}</c>) or, for a body that is not that envelope (a proxy's
/// HTML page), from the HTTP status alone.
/// </summary>
/// <param name="HttpStatus">The HTTP status code; 0 when no answer came.</param>
/// <param name="Status">The canonical code name (<c>error.status</c>), else the one the HTTP status maps to.</param>
/// <param name="Reason">The first <c>error.errors[].reason</c> (BigQuery's legacy detail), when present.</param>
/// <param name="Message">The error's message, else the start of the body.</param>
public sealed record GoogleApiError(int HttpStatus, string Status, string? Reason, string Message)
{
    private const int MessageChars = 300;

    /// <summary>Reads the error of an unsuccessful response; the body is read once, buffered.</summary>
    public static async Task<GoogleApiError> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return Parse((int)response.StatusCode, body);
    }

    /// <summary>Parses <paramref name="body"/> of an answer with <paramref name="httpStatus"/>; never throws.</summary>
    public static GoogleApiError Parse(int httpStatus, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var fallback = GoogleStatus.FromHttp(httpStatus);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object)
            {
                var status = Text(error, "status") ?? fallback;
                var message = Text(error, "message") ?? Shorten(body);
                string? reason = null;
                if (error.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
                {
                    reason = Text(errors[0], "reason");
                }

                return new GoogleApiError(httpStatus, status, reason, message);
            }
        }
        catch (JsonException)
        {
            // Not JSON: a proxy or load balancer answered; the HTTP status says enough.
        }

        return new GoogleApiError(httpStatus, fallback, null, Shorten(body));
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string Shorten(string body)
    {
        var text = body.ReplaceLineEndings(" ").Trim();
        return text.Length == 0 ? "(no body)" : text.Length <= MessageChars ? text : text[..MessageChars] + "...";
    }
}
