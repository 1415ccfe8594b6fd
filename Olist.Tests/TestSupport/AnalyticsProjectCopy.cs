namespace Olist.Tests.TestSupport;

/// <summary>A copy of the analytics project beside the tests, for a test that changes its models without touching the original.</summary>
internal static class AnalyticsProjectCopy
{
    /// <summary>Copies every file of the project into <paramref name="to"/>.</summary>
    public static void CopyTo(string to)
    {
        var from = TransformOptions.DefaultProjectDirectory;
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
