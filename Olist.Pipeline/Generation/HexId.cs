namespace Olist.Pipeline.Generation;

/// <summary>A 128-bit identifier kept as two numbers, so a million ids cost no strings until they are written.</summary>
internal readonly record struct HexId(ulong High, ulong Low)
{
    /// <summary>Length of the written id: 32 lowercase hex characters.</summary>
    public const int Length = 32;

    public void Format(Span<char> destination)
    {
        High.TryFormat(destination[..16], out _, "x16", CultureInfo.InvariantCulture);
        Low.TryFormat(destination[16..Length], out _, "x16", CultureInfo.InvariantCulture);
    }

    public override string ToString()
    {
        Span<char> text = stackalloc char[Length];
        Format(text);
        return new string(text);
    }
}
