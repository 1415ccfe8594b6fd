using Olist.Pipeline.Kpis;
using Olist.Tests.Kpis.Reference;

namespace Olist.Tests.Kpis;

/// <summary>The computations a hand-made expectation is checked against: the C# reference and the warehouse pipeline.</summary>
public static class KpiSources
{
    public const string Reference = "reference";

    public static IReadOnlyList<string> All { get; } = [Reference];

    /// <summary>The KPIs of the files in <paramref name="folder"/> as computed by <paramref name="source"/>.</summary>
    public static Task<IKpiService> OpenAsync(string source, string folder, ReferenceKpis reference) => source switch
    {
        Reference => Task.FromResult<IKpiService>(reference),
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, $"Unknown KPI source for {folder}."),
    };
}
