namespace Olist.Tests.TestSupport;

/// <summary>Finds the real Olist files shipped in the shared folder beside the repository (<c>../shared/olist-real</c>).</summary>
public static class RealOlistFiles
{
    private static readonly Lazy<string?> Folder = new(Locate);

    /// <summary>The folder with the real files, or null when this checkout has no shared folder beside it.</summary>
    public static string? Directory => Folder.Value;

    /// <summary>Why tests that need the real files are skipped, or null when the files are there.</summary>
    public static string? SkipReason => Directory is null
        ? $"Skipped: the real Olist files were not found (no shared/olist-real in the folders above {AppContext.BaseDirectory})."
        : null;

    /// <summary>The folder, or a failure that says where it was looked for; tests that need it call this.</summary>
    public static string RequireDirectory() =>
        Directory ?? throw new InvalidOperationException(
            $"The real Olist files were not found: looked for shared/olist-real in the folders above {AppContext.BaseDirectory}.");

    /// <summary>The full path of a file in the real folder (or its format-samples subfolder).</summary>
    public static string PathOf(string relativePath) => Path.Combine(RequireDirectory(), relativePath);

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "olist-real");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
