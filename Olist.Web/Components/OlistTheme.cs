using MudBlazor;

namespace Olist.Web.Components;

/// <summary>The app's look: a calm analytics palette for light and dark, system fonts so nothing loads from the internet.</summary>
public static class OlistTheme
{
    /// <summary>The MudBlazor theme of every page.</summary>
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5fa8",
            Secondary = "#e8762d",
            Tertiary = "#2e9e8f",
            AppbarBackground = "#15314f",
            AppbarText = "#ffffff",
            Background = "#f4f6f9",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "#2b3440",
            DrawerIcon = "#5b6675",
            TextPrimary = "#1d2733",
            TextSecondary = "#5b6675",
            TableLines = "#e3e7ee",
            Divider = "#e3e7ee",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#6aa7f0",
            Secondary = "#f3a25f",
            Tertiary = "#53c2b2",
            AppbarBackground = "#101a27",
            AppbarText = "#e6edf5",
            Background = "#0d141e",
            Surface = "#152131",
            DrawerBackground = "#111b29",
            DrawerText = "#c9d4e1",
            DrawerIcon = "#8fa0b5",
            TextPrimary = "#e6edf5",
            TextSecondary = "#9aabbf",
            TableLines = "#243447",
            Divider = "#243447",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Inter", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "8px",
            DrawerWidthLeft = "232px",
        },
    };
}
