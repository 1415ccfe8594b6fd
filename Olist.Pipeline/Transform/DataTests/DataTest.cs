using Olist.Pipeline.Transform.Project;

namespace Olist.Pipeline.Transform.DataTests;

/// <summary>A data test: a query returning the rows that break a rule; no rows means it passes.</summary>
internal abstract record DataTest(string Name, Severity Severity, string DefinedIn)
{
    public string UniqueId => $"test.{Name}";

    /// <summary>The kind of test, as written in YAML (<c>not_null</c>, <c>unique</c>, ...) or <c>singular</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>The model the test belongs to; a singular test belongs to the models it reads.</summary>
    public abstract string? AttachedModel { get; }

    /// <summary>The models the test reads.</summary>
    public abstract IReadOnlyList<string> DependsOn { get; }

    /// <summary>The source tables the test reads (a source check); it runs before the models that read them.</summary>
    public virtual IReadOnlyList<SourceTable> Sources => [];

    /// <summary>The test's arguments, as the manifest shows them.</summary>
    public abstract IReadOnlyDictionary<string, object?> Arguments { get; }

    /// <summary>The query returning failing rows.</summary>
    public abstract string Sql(ITestSqlContext context);

    /// <summary>What the failing rows mean, for the run's results; <paramref name="sample"/> holds the first of them.</summary>
    public virtual string Explain(long failures, IReadOnlyList<IReadOnlyDictionary<string, object?>> sample) => $"{failures:N0} failing rows";
}

/// <summary>A generic test of one model's rows (the tests YAML attaches to a model): it belongs to that model and reads it.</summary>
internal abstract record ModelTest(string Name, Severity Severity, string DefinedIn, string Model)
    : DataTest(Name, Severity, DefinedIn)
{
    public override string? AttachedModel => Model;

    public override IReadOnlyList<string> DependsOn => [Model];
}

/// <summary>Fails on rows whose column is NULL.</summary>
internal sealed record NotNullTest(string Name, Severity Severity, string DefinedIn, string Model, string Column)
    : ModelTest(Name, Severity, DefinedIn, Model)
{
    public override string Kind => "not_null";

    public override IReadOnlyDictionary<string, object?> Arguments => new Dictionary<string, object?> { ["column_name"] = Column };

    public override string Sql(ITestSqlContext context) =>
        $"SELECT *\nFROM {context.Relation(Model)}\nWHERE {Column} IS NULL";
}

/// <summary>Fails on values (or combinations of several columns) that occur more than once; NULLs of a single column are left to not_null.</summary>
internal sealed record UniqueTest(string Name, Severity Severity, string DefinedIn, string Model, IReadOnlyList<string> Columns)
    : ModelTest(Name, Severity, DefinedIn, Model)
{
    public override string Kind => "unique";

    public override IReadOnlyDictionary<string, object?> Arguments => new Dictionary<string, object?> { ["columns"] = Columns };

    public override string Sql(ITestSqlContext context)
    {
        var columns = string.Join(", ", Columns);
        var notNull = Columns.Count == 1 ? $"\nWHERE {Columns[0]} IS NOT NULL" : string.Empty;
        return $"SELECT {columns}, count(*) AS n_records\nFROM {context.Relation(Model)}{notNull}\nGROUP BY {columns}\nHAVING count(*) > 1";
    }
}

/// <summary>Fails on rows whose column has a value missing from <c>field</c> of the referenced model (a dangling foreign key).</summary>
internal sealed record RelationshipsTest(string Name, Severity Severity, string DefinedIn, string Model, string Column, string ToModel, string Field)
    : ModelTest(Name, Severity, DefinedIn, Model)
{
    public override string Kind => "relationships";

    public override IReadOnlyList<string> DependsOn => Model == ToModel ? [Model] : [Model, ToModel];

    public override IReadOnlyDictionary<string, object?> Arguments => new Dictionary<string, object?>
    {
        ["column_name"] = Column,
        ["to"] = $"ref('{ToModel}')",
        ["field"] = Field,
    };

    public override string Sql(ITestSqlContext context) =>
        $"SELECT child.*\nFROM {context.Relation(Model)} AS child\n"
        + $"LEFT JOIN {context.Relation(ToModel)} AS parent ON child.{Column} = parent.{Field}\n"
        + $"WHERE child.{Column} IS NOT NULL AND parent.{Field} IS NULL";
}

/// <summary>Fails on each value of the column outside the accepted list, with how many rows hold it.</summary>
internal sealed record AcceptedValuesTest(
    string Name, Severity Severity, string DefinedIn, string Model, string Column, IReadOnlyList<string> Values, bool Quote)
    : ModelTest(Name, Severity, DefinedIn, Model)
{
    public override string Kind => "accepted_values";

    public override IReadOnlyDictionary<string, object?> Arguments => new Dictionary<string, object?>
    {
        ["column_name"] = Column,
        ["values"] = Values,
        ["quote"] = Quote,
    };

    public override string Sql(ITestSqlContext context)
    {
        var values = string.Join(", ", Values.Select(v => Quote ? context.StringLiteral(v) : v));
        return $"SELECT {Column} AS value, count(*) AS n_records\nFROM {context.Relation(Model)}\n"
            + $"WHERE {Column} IS NOT NULL AND {Column} NOT IN ({values})\nGROUP BY {Column}";
    }
}

/// <summary>Fails on rows where the SQL expression is false.</summary>
internal sealed record ExpressionIsTrueTest(string Name, Severity Severity, string DefinedIn, string Model, string Expression)
    : ModelTest(Name, Severity, DefinedIn, Model)
{
    public override string Kind => "expression_is_true";

    public override IReadOnlyDictionary<string, object?> Arguments => new Dictionary<string, object?> { ["expression"] = Expression };

    public override string Sql(ITestSqlContext context) =>
        $"SELECT *\nFROM {context.Relation(Model)}\nWHERE NOT ({Expression})";
}
