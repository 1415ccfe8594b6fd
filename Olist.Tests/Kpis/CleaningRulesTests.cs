using Olist.Tests.Kpis.Reference;

namespace Olist.Tests.Kpis;

/// <summary>The reference's value rules against the examples and wording of metrics.md section 2.</summary>
public sealed class CleaningRulesTests
{
    [Theory]
    [InlineData("São  Paulo", "sao paulo")]
    [InlineData("SÃO PAULO", "sao paulo")]
    [InlineData("  Niterói\t ", "niteroi")]
    [InlineData("Mogi\u00A0\u00A0Guaçu", "mogi guacu")]
    [InlineData("Ji-Paraná", "ji-parana")]
    [InlineData(" ", null)]
    public void City_names_fold_case_accents_and_white_space(string raw, string? expected) => Assert.Equal(expected, CleaningRules.City(raw));

    [Theory]
    [InlineData("1037", "01037")]
    [InlineData("01037", "01037")]
    [InlineData("69900", "69900")]
    public void Zip_prefixes_are_padded_to_five(string raw, string expected) => Assert.Equal(expected, CleaningRules.Zip(raw));

    [Theory]
    [InlineData("2018-02-28 23:59:59", true)]
    [InlineData("2018-02-30 10:00:00", false)]
    [InlineData("2018-02-28", false)]
    [InlineData("28/02/2018 10:00:00", false)]
    public void Timestamps_parse_only_in_the_source_format(string raw, bool parses) => Assert.Equal(parses, CleaningRules.Timestamp(raw) is not null);
}
