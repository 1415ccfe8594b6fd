namespace Olist.Tests.Ingestion;

/// <summary>Finds the shared folder of real Olist files by walking up from the test binaries.</summary>
public static class RealData
{
    /// <summary>The folder holding the real files, or null when this checkout has none nearby.</summary>
    public static string? Directory { get; } = Find();

    public static string File(string name) => Path.Combine(Directory ?? throw new InvalidOperationException("No real Olist files found."), name);

    private static string? Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared", "olist-real");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>A fact that is reported as skipped, with the reason, when the real Olist files cannot be found.</summary>
public sealed class RealDataFactAttribute : FactAttribute
{
    public RealDataFactAttribute()
    {
        if (RealData.Directory is null)
        {
            Skip = "Skipped: no shared/olist-real folder found above " + AppContext.BaseDirectory + " (the real Olist files).";
        }
    }
}
