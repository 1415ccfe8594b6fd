using System.Collections;

namespace Olist.Pipeline.Gcp.BigQuery;

/// <summary>
/// The rows of a finished query as a forward-only <see cref="DbDataReader"/>, so code that maps rows of a database reader
/// (the KPI service's records) reads BigQuery's the same way; a getter converts between BigQuery's types and the one
/// asked for (a FLOAT64 read as decimal, an INT64 as int).
/// </summary>
internal sealed class BigQueryDataReader(BigQueryResult result) : DbDataReader
{
    private int _row = -1;

    public override int Depth => 0;

    public override int FieldCount => result.Schema.Count;

    public override bool HasRows => result.Rows.Count > 0;

    public override bool IsClosed => false;

    public override int RecordsAffected => -1;

    public override object this[int ordinal] => GetValue(ordinal);

    public override object this[string name] => GetValue(GetOrdinal(name));

    public override bool Read() => ++_row < result.Rows.Count;

    public override bool NextResult() => false;

    public override string GetName(int ordinal) => result.Schema[ordinal].Name;

    public override int GetOrdinal(string name)
    {
        for (var i = 0; i < result.Schema.Count; i++)
        {
            if (string.Equals(result.Schema[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(name), name, "no such column in the result");
    }

    public override string GetDataTypeName(int ordinal) => result.Schema[ordinal].Type;

    public override Type GetFieldType(int ordinal) => result.Schema[ordinal].Type switch
    {
        "INTEGER" or "INT64" => typeof(long),
        "FLOAT" or "FLOAT64" => typeof(double),
        "NUMERIC" or "BIGNUMERIC" => typeof(decimal),
        "BOOLEAN" or "BOOL" => typeof(bool),
        "DATE" => typeof(DateOnly),
        "DATETIME" => typeof(DateTime),
        "TIMESTAMP" => typeof(DateTimeOffset),
        "BYTES" => typeof(byte[]),
        _ => typeof(string),
    };

    public override object GetValue(int ordinal) => Current[ordinal] ?? DBNull.Value;

    public override int GetValues(object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var count = Math.Min(values.Length, FieldCount);
        for (var i = 0; i < count; i++)
        {
            values[i] = GetValue(i);
        }

        return count;
    }

    public override bool IsDBNull(int ordinal) => Current[ordinal] is null;

    public override bool GetBoolean(int ordinal) => Convert.ToBoolean(Value(ordinal), CultureInfo.InvariantCulture);

    public override byte GetByte(int ordinal) => Convert.ToByte(Value(ordinal), CultureInfo.InvariantCulture);

    public override char GetChar(int ordinal) => Convert.ToChar(Value(ordinal), CultureInfo.InvariantCulture);

    public override DateTime GetDateTime(int ordinal) => Value(ordinal) switch
    {
        DateTimeOffset moment => moment.UtcDateTime,
        DateOnly day => day.ToDateTime(TimeOnly.MinValue),
        var other => Convert.ToDateTime(other, CultureInfo.InvariantCulture),
    };

    public override decimal GetDecimal(int ordinal) => Convert.ToDecimal(Value(ordinal), CultureInfo.InvariantCulture);

    public override double GetDouble(int ordinal) => Convert.ToDouble(Value(ordinal), CultureInfo.InvariantCulture);

    public override float GetFloat(int ordinal) => Convert.ToSingle(Value(ordinal), CultureInfo.InvariantCulture);

    public override Guid GetGuid(int ordinal) => Guid.Parse(GetString(ordinal));

    public override short GetInt16(int ordinal) => Convert.ToInt16(Value(ordinal), CultureInfo.InvariantCulture);

    public override int GetInt32(int ordinal) => Convert.ToInt32(Value(ordinal), CultureInfo.InvariantCulture);

    public override long GetInt64(int ordinal) => Convert.ToInt64(Value(ordinal), CultureInfo.InvariantCulture);

    public override string GetString(int ordinal) => Convert.ToString(Value(ordinal), CultureInfo.InvariantCulture)!;

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) =>
        Copy((byte[])Value(ordinal), dataOffset, buffer, bufferOffset, length);

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) =>
        Copy(GetString(ordinal).ToCharArray(), dataOffset, buffer, bufferOffset, length);

    public override IEnumerator GetEnumerator() => new DbEnumerator(this);

    private BigQueryRow Current => _row >= 0 && _row < result.Rows.Count
        ? result.Rows[_row]
        : throw new InvalidOperationException("no current row: call Read first");

    private object Value(int ordinal) => Current[ordinal] ?? throw new InvalidCastException($"column {GetName(ordinal)} is NULL");

    private static long Copy<T>(T[] source, long offset, T[]? buffer, int bufferOffset, int length)
    {
        if (buffer is null)
        {
            return source.Length;
        }

        var count = (int)Math.Max(0, Math.Min(length, source.Length - offset));
        Array.Copy(source, offset, buffer, bufferOffset, count);
        return count;
    }
}
