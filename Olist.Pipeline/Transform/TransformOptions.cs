namespace Olist.Pipeline.Transform;

/// <summary>Where the transform engine reads the analytics project and writes its artifacts; bound from <c>Olist:Transform</c>.</summary>
public sealed class TransformOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Olist:Transform";

    /// <summary>The copy of the analytics project (<c>Olist.Pipeline/analytics</c>) the build puts beside the executable.</summary>
    public static string DefaultProjectDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "analytics");

    /// <summary>The project folder (olist_project.yml, models, macros, tests); by default the copy beside the executable.</summary>
    public string ProjectDirectory { get; set; } = DefaultProjectDirectory;

    /// <summary>Where manifest.json and run_results.json are written.</summary>
    public string TargetDirectory { get; set; } = "target";
}
