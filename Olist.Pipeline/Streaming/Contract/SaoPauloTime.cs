namespace Olist.Pipeline.Streaming.Contract;

/// <summary>Converts the stream's UTC instants to the naive America/Sao_Paulo local time the batch data uses.</summary>
public static class SaoPauloTime
{
    /// <summary>The batch files' timestamp format.</summary>
    public const string BatchFormat = "yyyy-MM-dd HH:mm:ss";

    /// <summary>The marketplace's time zone.</summary>
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");

    /// <summary>
    /// The zone's offset per UTC hour, for the hours seen lately: converting through <see cref="TimeZoneInfo"/> is the
    /// largest cost of formatting an event, and the zone's offset changes only on whole hours. Slots are replaced
    /// whole, so threads may share them without locks.
    /// </summary>
    private static readonly HourOffset?[] HourOffsets = new HourOffset?[256];

    /// <summary>The local wall-clock time of <paramref name="instant"/>.</summary>
    public static DateTime ToLocal(DateTimeOffset instant)
    {
        var utcTicks = instant.UtcTicks;
        var hour = utcTicks / TimeSpan.TicksPerHour;
        var slot = (int)(hour % HourOffsets.Length);
        if (HourOffsets[slot] is not { } cached || cached.Hour != hour)
        {
            cached = HourOffsets[slot] = HourOffset.Of(hour);
        }

        return cached.OffsetTicks is { } offset ? new DateTime(utcTicks + offset) : TimeZoneInfo.ConvertTime(instant, Zone).DateTime;
    }

    /// <summary>The local time written like the batch files (whole seconds), so staging parses stream and batch rows alike.</summary>
    public static string? ToBatchText(DateTimeOffset? instant) =>
        instant is { } value ? string.Create(BatchFormat.Length, ToLocal(value), WriteBatchText) : null;

    /// <summary>The local calendar day that contains <paramref name="instant"/>.</summary>
    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant));

    /// <summary>The UTC instant at which local day <paramref name="day"/> starts.</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>Writes <see cref="BatchFormat"/> by hand: the general formatter parses the pattern on every call.</summary>
    private static void WriteBatchText(Span<char> text, DateTime local)
    {
        WriteDigits(text[..4], local.Year);
        text[4] = '-';
        WriteDigits(text[5..7], local.Month);
        text[7] = '-';
        WriteDigits(text[8..10], local.Day);
        text[10] = ' ';
        WriteDigits(text[11..13], local.Hour);
        text[13] = ':';
        WriteDigits(text[14..16], local.Minute);
        text[16] = ':';
        WriteDigits(text[17..19], local.Second);
    }

    private static void WriteDigits(Span<char> digits, int value)
    {
        for (var index = digits.Length - 1; index >= 0; index--)
        {
            digits[index] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    /// <summary>
    /// The zone's offset throughout one UTC hour, or null when it changes within the hour (the 1914 switch from local
    /// mean time) or the hour is at the edge of the calendar, where the general conversion clamps.
    /// </summary>
    private sealed record HourOffset(long Hour, long? OffsetTicks)
    {
        public static HourOffset Of(long hour)
        {
            var start = hour * TimeSpan.TicksPerHour;
            var end = start + TimeSpan.TicksPerHour - 1;
            if (start < TimeSpan.TicksPerDay || end > DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay)
            {
                return new HourOffset(hour, null);
            }

            var first = Zone.GetUtcOffset(new DateTimeOffset(start, TimeSpan.Zero));
            var last = Zone.GetUtcOffset(new DateTimeOffset(end, TimeSpan.Zero));
            return new HourOffset(hour, first == last ? first.Ticks : null);
        }
    }
}
