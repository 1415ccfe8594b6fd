namespace Olist.Tests.Kpis;

/// <summary>The computations a hand-made expectation is checked against: the C# reference and the warehouse pipeline.</summary>
public static class KpiSources
{
    public const string Reference = "reference";

    public const string Pipeline = "pipeline";

    public static IReadOnlyList<string> All { get; } = [Reference, Pipeline];
}
