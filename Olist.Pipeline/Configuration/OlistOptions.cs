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

    /// <summary>How loads of the CSV files guard the tables they replace.</summary>
    public LoadOptions Load { get; set; } = new();
}

/// <summary>How a load of the CSV files may change the raw tables it replaces.</summary>
public sealed class LoadOptions
{
    /// <summary>
    /// A load that would leave a raw table with fewer than this share of its rows (or none) is refused and the table kept,
    /// unless asked for (<c>load --allow-shrink</c>); 0 refuses only an empty load.
    /// </summary>
    public double MinimumRowFraction { get; set; } = 0.5;
}

/// <summary>How the first start on an empty data directory generates data when no real files are present.</summary>
public sealed class FirstRunOptions
{
    /// <summary>Scale factor of the generated dataset; 1 reproduces the real dataset's size.</summary>
    public double Scale { get; set; } = 1.0;

    /// <summary>Seed of the generator, so the first run is reproducible.</summary>
    public int Seed { get; set; } = 42;
}
