namespace Olist.Pipeline.Transform.DataTests;

/// <summary>What a test needs to write its query for one warehouse: the relations of models and literal quoting.</summary>
internal interface ITestSqlContext
{
    /// <summary>The relation the test reads for <paramref name="model"/> (its audit relation during Write-Audit-Publish).</summary>
    string Relation(string model);

    /// <summary>A quoted string literal.</summary>
    string StringLiteral(string value);

    /// <summary>The rendered SQL of a singular test's template.</summary>
    string Render(SingularTest test);
}
