namespace Olist.Pipeline.Gcp.BigQuery;

/// <summary>
/// One result row, decoded by its schema: INT64 <see cref="long"/>, FLOAT64 <see cref="double"/> (NaN and infinities
/// included), NUMERIC and BIGNUMERIC <see cref="decimal"/> when it holds the value exactly, else the exact decimal text
/// as a <see cref="string"/>, BOOL <see cref="bool"/>, STRING/GEOGRAPHY/JSON/INTERVAL/RANGE text, BYTES
/// <see cref="byte"/>[], DATE <see cref="DateOnly"/>, DATETIME <see cref="DateTime"/> (unspecified kind), TIME
/// <see cref="TimeOnly"/>, TIMESTAMP <see cref="DateTimeOffset"/> (UTC), REPEATED a list, RECORD a nested row, NULL null.
/// </summary>
public sealed class BigQueryRow
{
    private readonly IReadOnlyList<TableFieldSchema> _fields;
    private readonly object?[] _values;

    private BigQueryRow(IReadOnlyList<TableFieldSchema> fields, object?[] values)
    {
        _fields = fields;
        _values = values;
    }

    /// <summary>The columns, in order.</summary>
    public IReadOnlyList<TableFieldSchema> Fields => _fields;

    /// <summary>The value of column <paramref name="ordinal"/>.</summary>
    public object? this[int ordinal] => _values[ordinal];

    /// <summary>The value of the column named <paramref name="name"/>.</summary>
    public object? this[string name]
    {
        get
        {
            for (var i = 0; i < _fields.Count; i++)
            {
                if (string.Equals(_fields[i].Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return _values[i];
                }
            }

            throw new KeyNotFoundException($"no column {name} in the row ({string.Join(", ", _fields.Select(f => f.Name))})");
        }
    }

    /// <summary>
    /// Decodes a row <c>{"f":[{"v":...}, ...]}</c> of <paramref name="fields"/>; <paramref name="int64Timestamps"/> says
    /// whether TIMESTAMP cells were asked for as int64 microseconds. A cell that does not fit its type is an error naming the column.
    /// </summary>
    public static BigQueryRow Decode(IReadOnlyList<TableFieldSchema> fields, JsonElement row, bool int64Timestamps)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var cells = row.GetProperty("f");
        if (cells.GetArrayLength() != fields.Count)
        {
            throw new FormatException($"a row of {cells.GetArrayLength()} cells for {fields.Count} columns");
        }

        var values = new object?[fields.Count];
        var index = 0;
        foreach (var cell in cells.EnumerateArray())
        {
            values[index] = Field(fields[index], cell.GetProperty("v"), int64Timestamps);
            index++;
        }

        return new BigQueryRow(fields, values);
    }

    private static object? Field(TableFieldSchema field, JsonElement value, bool int64Timestamps)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return field.IsRepeated ? Array.Empty<object?>() : null;
        }

        if (field.IsRepeated)
        {
            return value.EnumerateArray().Select(item => Single(field, item.GetProperty("v"), int64Timestamps)).ToList();
        }

        return Single(field, value, int64Timestamps);
    }

    private static object? Single(TableFieldSchema field, JsonElement value, bool int64Timestamps)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        try
        {
            if (field.Type is "RECORD" or "STRUCT")
            {
                return Decode(field.Fields ?? [], value, int64Timestamps);
            }

            var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
            return field.Type == "TIMESTAMP" ? ParseTimestamp(text, int64Timestamps) : Scalar(field.Type, text);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or InvalidOperationException or KeyNotFoundException)
        {
            throw new FormatException($"column {field.Name} ({field.Type}): cannot read {value.GetRawText()}: {ex.Message}", ex);
        }
    }

    /// <summary>One scalar cell's text as its .NET value.</summary>
    public static object Scalar(string type, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return type switch
        {
            "INTEGER" or "INT64" => long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture),
            "FLOAT" or "FLOAT64" => ParseFloat(text),
            "NUMERIC" or "BIGNUMERIC" or "BIGDECIMAL" or "DECIMAL" => ParseNumeric(text),
            "BOOLEAN" or "BOOL" => bool.Parse(text),
            "BYTES" => Convert.FromBase64String(text),
            "DATE" => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            "DATETIME" => DateTime.ParseExact(text, ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFF", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFF"], CultureInfo.InvariantCulture, DateTimeStyles.None),
            "TIME" => TimeOnly.ParseExact(text, ["HH:mm:ss", "HH:mm:ss.FFFFFF"], CultureInfo.InvariantCulture),
            "TIMESTAMP" => ParseTimestamp(text, int64Microseconds: false),
            _ => text,
        };
    }

    private static double ParseFloat(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    /// <summary>A decimal when it holds the value to the last digit (NUMERIC has 38 digits, decimal 28 or 29), else the exact text.</summary>
    private static object ParseNumeric(string text)
    {
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && Normalized(number.ToString(CultureInfo.InvariantCulture)) == Normalized(text))
        {
            return number;
        }

        _ = System.Numerics.BigInteger.Parse(text.Replace(".", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return text;
    }

    private static string Normalized(string text) => text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;

    /// <summary>
    /// TIMESTAMP cells: int64 microseconds when <c>useInt64Timestamp</c> was asked for, else float seconds, possibly in
    /// E-notation (<c>1.7066592E9</c>), exact to the microsecond when written out in full; an ISO 8601 text (an emulator
    /// passes one through inside records) is read as such.
    /// </summary>
    private static DateTimeOffset ParseTimestamp(string text, bool int64Microseconds)
    {
        if (int64Microseconds && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var micros))
        {
            return DateTimeOffset.UnixEpoch.AddTicks(micros * 10);
        }

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return DateTimeOffset.UnixEpoch.AddTicks((long)decimal.Round(seconds * 1_000_000m, 0) * 10);
        }

        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }
}
