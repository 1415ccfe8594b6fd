namespace Olist.Web.Components.Charts;

/// <summary>The names of the values the layout cascades to components that draw outside MudBlazor's styles.</summary>
public static class ThemeCascade
{
    /// <summary>A <see cref="bool"/>: whether the dark theme is on.</summary>
    public const string DarkMode = "OlistDarkMode";
}
