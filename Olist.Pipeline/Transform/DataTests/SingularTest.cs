using Fluid;

namespace Olist.Pipeline.Transform.DataTests;

/// <summary>A test written as a SQL file in <c>tests/</c>: a templated query returning failing rows, reading the models it refs.</summary>
internal sealed record SingularTest(string Name, Severity Severity, string DefinedIn, IReadOnlyList<string> Refs, string RawSql, IFluidTemplate Template)
    : DataTest(Name, Severity, DefinedIn)
{
    public override string Kind => "singular";

    public override string? AttachedModel => null;

    public override IReadOnlyList<string> DependsOn => Refs;

    public override IReadOnlyDictionary<string, object?> Arguments => new Dictionary<string, object?>();

    public override string Sql(ITestSqlContext context) => context.Render(this);
}
