using Olist.Pipeline.Progress;

namespace Olist.Pipeline.Generation;

/// <summary>Writes a synthetic Olist dataset (the nine CSV files) faithful to the real one's format, figures and flaws.</summary>
public sealed class OlistGenerator
{
    /// <summary>Generates the nine files into <see cref="GenerationOptions.OutputDirectory"/>.</summary>
    public Task<GenerationSummary> GenerateAsync(GenerationOptions options, IProgress<WorkProgress>? progress, CancellationToken cancellationToken) =>
        throw new NotImplementedException("The generator is being built (issue 2).");
}
