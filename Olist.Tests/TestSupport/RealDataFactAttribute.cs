namespace Olist.Tests.TestSupport;

/// <summary>A fact that is reported as skipped, saying why, when the real Olist files cannot be found.</summary>
public sealed class RealDataFactAttribute : FactAttribute
{
    public RealDataFactAttribute() => Skip = RealOlistFiles.SkipReason;
}

/// <summary>A theory that is reported as skipped, saying why, when the real Olist files cannot be found.</summary>
public sealed class RealDataTheoryAttribute : TheoryAttribute
{
    public RealDataTheoryAttribute() => Skip = RealOlistFiles.SkipReason;
}
