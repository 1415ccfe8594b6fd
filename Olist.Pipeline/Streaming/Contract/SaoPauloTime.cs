namespace Olist.Pipeline.Streaming.Contract;

/// <summary>Converts the stream's UTC instants to the naive America/Sao_Paulo local time the batch data uses.</summary>
public static class SaoPauloTime
{
    /// <summary>The batch files' timestamp format.</summary>
    public const string BatchFormat = "yyyy-MM-dd HH:mm:ss";

    /// <summary>The marketplace's time zone.</summary>
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");

    /// <summary>The local wall-clock time of <paramref name="instant"/>.</summary>
    public static DateTime ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    /// <summary>The local time written like the batch files (whole seconds), so staging parses stream and batch rows alike.</summary>
    public static string? ToBatchText(DateTimeOffset? instant) =>
        instant is { } value ? ToLocal(value).ToString(BatchFormat, CultureInfo.InvariantCulture) : null;

    /// <summary>The local calendar day that contains <paramref name="instant"/>.</summary>
    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant));

    /// <summary>The UTC instant at which local day <paramref name="day"/> starts.</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
