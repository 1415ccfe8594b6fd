namespace Olist.Pipeline.Kpis;

/// <summary>
/// The values of a KPI's rows, one typed list per column: cached rows cost what a record per row did, with no boxed
/// number per cell, while each <see cref="KpiRow"/> is only a position in it.
/// </summary>
internal sealed class KpiRowTable
{
    private readonly ColumnValues[] _columns;

    public KpiRowTable(KpiDefinition kpi)
    {
        Kpi = kpi;
        _columns = [.. kpi.Columns.Select(ColumnValues.For)];
    }

    public KpiDefinition Kpi { get; }

    public int Count { get; private set; }

    /// <summary>The rows of a reader, each value read from the column of its name as its YAML type says.</summary>
    public static async Task<IReadOnlyList<KpiRow>> ReadAsync(KpiDefinition kpi, DbDataReader reader, CancellationToken cancellationToken)
    {
        var table = new KpiRowTable(kpi);
        var ordinals = kpi.Columns.Select(c => reader.GetOrdinal(c.Name)).ToArray();
        var readers = table._columns.Select((c, i) => c.Reader(reader.GetFieldType(ordinals[i]))).ToArray();
        while (await reader.ReadAsync(cancellationToken))
        {
            for (var i = 0; i < ordinals.Length; i++)
            {
                if (reader.IsDBNull(ordinals[i]))
                {
                    table._columns[i].AddNull();
                }
                else
                {
                    readers[i](reader, ordinals[i]);
                }
            }

            table.Count++;
        }

        return table.Rows();
    }

    /// <summary>Adds a row of values in column order, each of its column's type (or convertible to it) or null.</summary>
    public void Add(IReadOnlyList<object?> values)
    {
        if (values.Count != _columns.Length)
        {
            throw new ArgumentException($"{Kpi.Name} has {_columns.Length} columns, not {values.Count}.", nameof(values));
        }

        for (var i = 0; i < _columns.Length; i++)
        {
            _columns[i].Add(values[i]);
        }

        Count++;
    }

    public IReadOnlyList<KpiRow> Rows() => [.. Enumerable.Range(0, Count).Select(i => new KpiRow(this, i))];

    public object? Get(int column, int row) => _columns[column].Get(row);

    public void Write(Utf8JsonWriter writer, int column, int row) => _columns[column].Write(writer, row);

    /// <summary>One column's values.</summary>
    private abstract class ColumnValues
    {
        public static ColumnValues For(KpiColumn column) => column.Type switch
        {
            KpiValueType.Text => new TextValues(),
            KpiValueType.SmallInteger => new NumberValues<int>((w, v) => w.WriteNumberValue(v)),
            KpiValueType.BigInteger => new NumberValues<long>((w, v) => w.WriteNumberValue(v)),
            KpiValueType.ExactNumber => new NumberValues<decimal>((w, v) => w.WriteNumberValue(v)),
            KpiValueType.ApproximateNumber => new NumberValues<double>((w, v) => w.WriteNumberValue(v)),
            _ => new NumberValues<bool>((w, v) => w.WriteBooleanValue(v)),
        };

        /// <summary>Reads a value that is not null from a database column of <paramref name="fieldType"/> into this column.</summary>
        public abstract Action<DbDataReader, int> Reader(Type fieldType);

        public abstract void Add(object? value);

        public abstract void AddNull();

        public abstract object? Get(int row);

        public abstract void Write(Utf8JsonWriter writer, int row);
    }

    private sealed class TextValues : ColumnValues
    {
        private readonly List<string?> _values = [];

        public override Action<DbDataReader, int> Reader(Type fieldType) => (reader, ordinal) => _values.Add(reader.GetString(ordinal));

        public override void Add(object? value) => _values.Add((string?)value);

        public override void AddNull() => _values.Add(null);

        public override object? Get(int row) => _values[row];

        public override void Write(Utf8JsonWriter writer, int row)
        {
            if (_values[row] is { } text)
            {
                writer.WriteStringValue(text);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }

    /// <summary>Values of a value type, unboxed, with which of them are null.</summary>
    private sealed class NumberValues<T>(Action<Utf8JsonWriter, T> write) : ColumnValues
        where T : struct
    {
        private readonly List<T> _values = [];
        private readonly List<bool> _nulls = [];

        // The declared type is read as it is; another (an INTEGER where the YAML says bigint) is converted to it.
        public override Action<DbDataReader, int> Reader(Type fieldType) =>
            fieldType == typeof(T)
                ? (reader, ordinal) => Append(reader.GetFieldValue<T>(ordinal))
                : (reader, ordinal) => Append((T)Convert.ChangeType(reader.GetValue(ordinal), typeof(T), CultureInfo.InvariantCulture));

        public override void Add(object? value)
        {
            if (value is null)
            {
                AddNull();
            }
            else
            {
                Append(value is T typed ? typed : (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture));
            }
        }

        public override void AddNull()
        {
            _values.Add(default);
            _nulls.Add(true);
        }

        public override object? Get(int row) => _nulls[row] ? null : _values[row];

        public override void Write(Utf8JsonWriter writer, int row)
        {
            if (_nulls[row])
            {
                writer.WriteNullValue();
            }
            else
            {
                write(writer, _values[row]);
            }
        }

        private void Append(T value)
        {
            _values.Add(value);
            _nulls.Add(false);
        }
    }
}
