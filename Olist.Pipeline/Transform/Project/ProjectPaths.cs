namespace Olist.Pipeline.Transform.Project;

/// <summary>Paths inside a project folder, written with forward slashes so messages and the manifest read the same on every OS.</summary>
internal static class ProjectPaths
{
    public const string ProjectFile = "olist_project.yml";
    public const string Models = "models";
    public const string Macros = "macros";
    public const string Tests = "tests";

    public static string Relative(string projectDirectory, string path) =>
        Path.GetRelativePath(projectDirectory, path).Replace(Path.DirectorySeparatorChar, '/');
}
