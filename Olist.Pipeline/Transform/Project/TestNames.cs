using System.Security.Cryptography;
using Olist.Pipeline.Transform.DataTests;

namespace Olist.Pipeline.Transform.Project;

/// <summary>Gives generic tests dbt-like names (<c>unique_stg_orders_order_id</c>), short and unique within the project.</summary>
internal static partial class TestNames
{
    private const int MaxLength = 80;

    public static IReadOnlyList<DataTest> Assign(IEnumerable<DataTest> tests)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var named = new List<DataTest>();
        foreach (var test in tests)
        {
            var name = test is SingularTest ? test.Name : Shorten(Slug(BaseName(test)));
            var unique = name;
            for (var n = 2; !used.Add(unique); n++)
            {
                unique = $"{name}_{n}";
            }

            named.Add(test with { Name = unique });
        }

        return named;
    }

    private static string BaseName(DataTest test) => test switch
    {
        NotNullTest t => $"not_null_{t.Model}_{t.Column}",
        UniqueTest t => $"unique_{t.Model}_{string.Join("__", t.Columns)}",
        RelationshipsTest t => $"relationships_{t.Model}_{t.Column}__{t.ToModel}_{t.Field}",
        AcceptedValuesTest t => $"accepted_values_{t.Model}_{t.Column}",
        ExpressionIsTrueTest t => $"expression_is_true_{t.Model}_{t.Expression}",
        RowCountTest { Source: { } s } => $"source_row_count_{s.Schema}_{s.Name}",
        RowCountTest t => $"row_count_{t.Model}",
        FreshnessTest t => $"source_freshness_{t.Source.Schema}_{t.Source.Name}_{(t.Severity == Severity.Warn ? "warn" : "error")}_after",
        _ => test.Name,
    };

    private static string Slug(string text) => NotWord().Replace(text.ToLowerInvariant(), "_").Trim('_');

    /// <summary>Keeps long names (expressions) readable at the front and unique by a hash of the whole.</summary>
    private static string Shorten(string name)
    {
        if (name.Length <= MaxLength)
        {
            return name;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8];
        return $"{name[..(MaxLength - 9)].TrimEnd('_')}_{hash}";
    }

    [GeneratedRegex("[^a-z0-9_]+")]
    private static partial Regex NotWord();
}
