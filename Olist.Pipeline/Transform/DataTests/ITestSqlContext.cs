using Olist.Pipeline.Transform.Project;

namespace Olist.Pipeline.Transform.DataTests;

/// <summary>What a test needs to write its query for one warehouse: the relations of models and literal quoting.</summary>
internal interface ITestSqlContext
{
    /// <summary>The relation the test reads for <paramref name="model"/> (its audit relation during Write-Audit-Publish).</summary>
    string Relation(string model);

    /// <summary>The relation of a source table, such as <c>raw.orders</c>.</summary>
    string Source(SourceTable table);

    /// <summary>A quoted string literal.</summary>
    string StringLiteral(string value);

    /// <summary>A literal of the instant <paramref name="instant"/>, comparable with the warehouse's timestamps with a time zone.</summary>
    string Timestamp(DateTimeOffset instant);

    /// <summary>When the run started, the instant freshness is judged against.</summary>
    DateTimeOffset Now { get; }

    /// <summary>The rendered SQL of a singular test's template.</summary>
    string Render(SingularTest test);
}
