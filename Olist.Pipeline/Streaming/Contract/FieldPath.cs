namespace Olist.Pipeline.Streaming.Contract;

/// <summary>Where a field sits, e.g. <c>data.order_items[2]</c>: written out only when a rule is broken, so valid messages build no paths.</summary>
internal readonly record struct FieldPath(string Section, int Index = -1)
{
    public static implicit operator FieldPath(string section) => new(section);

    public override string ToString() => Index < 0 ? Section : string.Create(CultureInfo.InvariantCulture, $"{Section}[{Index}]");
}
