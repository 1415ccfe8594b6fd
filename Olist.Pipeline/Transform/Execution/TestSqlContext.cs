using Olist.Pipeline.Transform.DataTests;
using Olist.Pipeline.Transform.Project;
using Olist.Pipeline.Transform.Rendering;

namespace Olist.Pipeline.Transform.Execution;

/// <summary>Writes tests' SQL through the renderer, reading some models from overriding relations (their audit relation).</summary>
internal sealed class TestSqlContext(TemplateRenderer renderer, IReadOnlyDictionary<string, string>? relations, DateTimeOffset now) : ITestSqlContext
{
    public DateTimeOffset Now => now;

    public string Relation(string model) => renderer.Relation(model, relations);

    public string Source(SourceTable table) => renderer.Dialect.SourceRelation(table.Schema, table.Name);

    public string StringLiteral(string value) => renderer.Dialect.StringLiteral(value);

    public string Timestamp(DateTimeOffset instant) => renderer.Dialect.TimestampLiteral(instant);

    public string Render(SingularTest test) => renderer.RenderTest(test, relations);
}
