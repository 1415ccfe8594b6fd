namespace Olist.Pipeline.Generation.Reference;

/// <summary>The spellings of a city name the real files mix: plain, accented, upper case and proper.</summary>
internal static class CitySpelling
{
    /// <summary>Lower case with diacritics removed, the spelling most real rows use.</summary>
    public static string Fold(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(char.ToLowerInvariant(c));
            }
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Picks a spelling: plain unless one of the variant shares (accented, upper case, proper) is drawn.</summary>
    public static string Pick(City city, RandomStream random, double accentedShare, double upperShare, double properShare)
    {
        var draw = random.NextDouble();
        return draw < accentedShare ? city.Accented
            : draw < accentedShare + upperShare ? city.Upper
            : draw < accentedShare + upperShare + properShare ? city.Name
            : city.Plain;
    }
}
