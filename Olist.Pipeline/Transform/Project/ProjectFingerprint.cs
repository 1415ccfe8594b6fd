namespace Olist.Pipeline.Transform.Project;

/// <summary>
/// What a project folder holds, as one string: every file's relative path, size and last write time. Two equal
/// fingerprints mean nothing was added, removed or rewritten, so a parsed project can be reused instead of read again.
/// </summary>
internal static class ProjectFingerprint
{
    public static string Of(string projectDirectory)
    {
        var root = Path.GetFullPath(projectDirectory);
        if (!Directory.Exists(root))
        {
            return string.Empty;
        }

        var fingerprint = new StringBuilder();
        foreach (var file in new DirectoryInfo(root).EnumerateFiles("*", SearchOption.AllDirectories).OrderBy(f => f.FullName, StringComparer.Ordinal))
        {
            fingerprint.Append(CultureInfo.InvariantCulture, $"{ProjectPaths.Relative(root, file.FullName)}|{file.Length}|{file.LastWriteTimeUtc.Ticks}\n");
        }

        return fingerprint.ToString();
    }
}
