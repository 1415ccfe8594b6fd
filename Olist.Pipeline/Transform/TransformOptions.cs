using Olist.Pipeline.Configuration;

namespace Olist.Pipeline.Transform;

/// <summary>Where the transform engine reads the analytics project and writes its artifacts.</summary>
public sealed class TransformOptions
{
    /// <summary>The copy of the analytics project (<c>Olist.Pipeline/analytics</c>) the build puts beside the executable.</summary>
    public static string DefaultProjectDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "analytics");

    /// <summary>The project folder (olist_project.yml, models, macros, tests); by default the copy beside the executable.</summary>
    public string ProjectDirectory { get; set; } = DefaultProjectDirectory;

    /// <summary>Where manifest.json and run_results.json are written.</summary>
    public string TargetDirectory { get; set; } = "target";

    /// <summary>Options for the data directory of <paramref name="paths"/>, reading <paramref name="projectDirectory"/> when given.</summary>
    public static TransformOptions For(DataPaths paths, string? projectDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var options = new TransformOptions { TargetDirectory = paths.Target };
        if (projectDirectory is not null)
        {
            options.ProjectDirectory = projectDirectory;
        }

        return options;
    }
}
