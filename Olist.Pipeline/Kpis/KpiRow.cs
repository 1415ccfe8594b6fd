using System.Reflection;
using System.Text.Json.Serialization;

namespace Olist.Pipeline.Kpis;

/// <summary>
/// One row of a KPI, its values in the order of the KPI's columns as the YAML describes them: read by column name, written
/// as JSON with the column names as keys, and bound by name to a typed view (<see cref="As{T}"/>) where code wants one.
/// </summary>
[JsonConverter(typeof(KpiRowJsonConverter))]
public sealed class KpiRow
{
    /// <summary>The properties of each view type by their column key, for <see cref="From{T}"/>.</summary>
    private static readonly ConcurrentDictionary<Type, Dictionary<string, PropertyInfo>> ViewProperties = new();

    private readonly KpiRowTable _table;
    private readonly int _index;

    /// <summary>A row of <paramref name="kpi"/> with <paramref name="values"/> in column order, each of its column's type or null.</summary>
    public KpiRow(KpiDefinition kpi, IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        ArgumentNullException.ThrowIfNull(values);
        _table = new KpiRowTable(kpi);
        _table.Add(values);
    }

    /// <summary>Row <paramref name="index"/> of <paramref name="table"/>.</summary>
    internal KpiRow(KpiRowTable table, int index)
    {
        _table = table;
        _index = index;
    }

    /// <summary>The KPI whose columns describe the values.</summary>
    public KpiDefinition Kpi => _table.Kpi;

    /// <summary>The values in column order.</summary>
    public IReadOnlyList<object?> Values => [.. Enumerable.Range(0, Kpi.Columns.Count).Select(Value)];

    /// <summary>The value of <paramref name="column"/>.</summary>
    /// <exception cref="KeyNotFoundException">The KPI has no such column.</exception>
    public object? this[string column] => Value(OrdinalOf(column));

    /// <summary>
    /// The row as a <typeparamref name="T"/> made by its constructor, each parameter given the column of the same name
    /// (compared without case and underscores: <c>share_1_star_pct</c> is <c>Share1StarPct</c>). An empty value of a
    /// parameter that cannot be empty becomes its default (empty text, zero).
    /// </summary>
    /// <exception cref="InvalidOperationException">A parameter has no column of that name.</exception>
    public T As<T>() => ((Func<KpiRow, T>)Kpi.Binders.GetOrAdd(typeof(T), _ => Binder<T>(Kpi)))(this);

    /// <summary>A row of <paramref name="kpi"/> from the properties of a typed view, by the naming rule of <see cref="As{T}"/>; a column without a property is empty.</summary>
    public static KpiRow From<T>(KpiDefinition kpi, T view)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        ArgumentNullException.ThrowIfNull(view);
        var properties = ViewProperties.GetOrAdd(
            view.GetType(), type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance).ToDictionary(p => Key(p.Name), StringComparer.Ordinal));
        return new KpiRow(kpi, [.. kpi.Columns.Select(c => properties.TryGetValue(Key(c.Name), out var p) ? Convert(p.GetValue(view), c.ClrType) : null)]);
    }

    private object? Value(int ordinal) => _table.Get(ordinal, _index);

    private int OrdinalOf(string column)
    {
        var ordinal = Kpi.Ordinal(column);
        return ordinal >= 0 ? ordinal : throw new KeyNotFoundException($"{Kpi.Name} has no column '{column}'; it has {string.Join(", ", Kpi.ColumnNames)}.");
    }

    private static Func<KpiRow, T> Binder<T>(KpiDefinition kpi)
    {
        var constructor = typeof(T).GetConstructors().MaxBy(c => c.GetParameters().Length)
            ?? throw new InvalidOperationException($"{typeof(T).Name} has no public constructor to make from a row of {kpi.Name}.");
        var nullability = new NullabilityInfoContext();
        var parameters = constructor.GetParameters().Select(p =>
        {
            var ordinal = kpi.Columns.Select((c, i) => (c, i)).FirstOrDefault(c => Key(c.c.Name) == Key(p.Name!), (null!, -1)).Item2;
            if (ordinal < 0)
            {
                throw new InvalidOperationException($"{typeof(T).Name}.{p.Name} has no column of {kpi.Name} ({string.Join(", ", kpi.ColumnNames)}) to read.");
            }

            var type = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
            var canBeEmpty = Nullable.GetUnderlyingType(p.ParameterType) is not null
                || (!p.ParameterType.IsValueType && nullability.Create(p).WriteState != NullabilityState.NotNull);
            var empty = canBeEmpty ? null : p.ParameterType == typeof(string) ? string.Empty : Activator.CreateInstance(p.ParameterType);
            return (Ordinal: ordinal, Type: type, Empty: empty);
        }).ToArray();
        return row => (T)constructor.Invoke([.. parameters.Select(p => row.Value(p.Ordinal) is { } value ? Convert(value, p.Type) : p.Empty)]);
    }

    private static object? Convert(object? value, Type type) =>
        value is null || value.GetType() == type ? value : System.Convert.ChangeType(value, type, CultureInfo.InvariantCulture);

    private static string Key(string name) => name.Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant();

    /// <summary>Writes a row as a JSON object with the column names as keys in column order; rows are only ever written.</summary>
    private sealed class KpiRowJsonConverter : JsonConverter<KpiRow>
    {
        public override KpiRow Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("KPI rows are written, not read: read a row's JSON into a typed view instead.");

        public override void Write(Utf8JsonWriter writer, KpiRow value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            for (var i = 0; i < value.Kpi.Columns.Count; i++)
            {
                writer.WritePropertyName(value.Kpi.Columns[i].Name);
                value._table.Write(writer, i, value._index);
            }

            writer.WriteEndObject();
        }
    }
}
