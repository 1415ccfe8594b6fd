namespace Olist.Pipeline.Generation;

/// <summary>What to generate: the dataset's size, its seed, where to write it and the last day of history.</summary>
/// <param name="Scale">Scale factor; 1 gives the real dataset's row counts.</param>
/// <param name="Seed">Seed of the random generator: the same options give the same bytes.</param>
/// <param name="OutputDirectory">Folder the nine CSV files are written to (created when missing).</param>
/// <param name="EndDate">The last purchase day of the generated history.</param>
public sealed record GenerationOptions(double Scale, int Seed, string OutputDirectory, DateOnly EndDate);
