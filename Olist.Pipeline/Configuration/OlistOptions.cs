namespace Olist.Pipeline.Configuration;

/// <summary>The application's settings, bound from the configuration section <c>Olist</c>.</summary>
public sealed class OlistOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Olist";

    /// <summary>Where the warehouse, the ops store and the source files live; relative paths start at the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>What the first start prepares when the data directory is empty.</summary>
    public FirstRunOptions FirstRun { get; set; } = new();
}

/// <summary>How the first start on an empty data directory generates data when no real files are present.</summary>
public sealed class FirstRunOptions
{
    /// <summary>Scale factor of the generated dataset; 1 reproduces the real dataset's size.</summary>
    public double Scale { get; set; } = 1.0;

    /// <summary>Seed of the generator, so the first run is reproducible.</summary>
    public int Seed { get; set; } = 42;
}
