using Olist.Pipeline.Catalog;
using Olist.Pipeline.Progress;

namespace Olist.Pipeline.Generation;

/// <summary>Writes a synthetic Olist dataset (the nine CSV files) faithful to the real one's format, figures and flaws.</summary>
public sealed class OlistGenerator
{
    private readonly TimeProvider timeProvider;

    /// <summary>A generator that times its runs with the system clock.</summary>
    public OlistGenerator()
        : this(TimeProvider.System)
    {
    }

    /// <summary>A generator that times its runs with <paramref name="timeProvider"/>.</summary>
    public OlistGenerator(TimeProvider timeProvider)
    {
        this.timeProvider = timeProvider;
    }

    /// <summary>
    /// Generates the nine files into <see cref="GenerationOptions.OutputDirectory"/>. They are written into a hidden folder
    /// inside it and moved into place only once all are complete, so a failed or cancelled run leaves no half-written file
    /// (and the files of an earlier run stay as they were).
    /// </summary>
    public async Task<GenerationSummary> GenerateAsync(GenerationOptions options, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.Scale > 0) || double.IsInfinity(options.Scale))
        {
            throw new PipelineException($"Scale must be a positive number, not {options.Scale}.");
        }

        string partial;
        try
        {
            Directory.CreateDirectory(options.OutputDirectory);
            partial = Directory.CreateDirectory(Path.Combine(options.OutputDirectory, $".partial-{Guid.NewGuid():N}")).FullName;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new PipelineException($"Cannot create the output folder '{options.OutputDirectory}': {e.Message}", e);
        }

        var started = timeProvider.GetTimestamp();
        try
        {
            var files = await WriteAsync(options, partial, progress, cancellationToken);
            foreach (var table in OlistCatalog.Tables)
            {
                File.Move(Path.Combine(partial, table.FileName), Path.Combine(options.OutputDirectory, table.FileName), overwrite: true);
            }

            return new GenerationSummary(files, timeProvider.GetElapsedTime(started));
        }
        finally
        {
            Directory.Delete(partial, recursive: true);
        }
    }

    private static async Task<GeneratedFile[]> WriteAsync(GenerationOptions options, string directory, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        var size = new DatasetSize(options.Scale);
        var seed = options.Seed;
        var zips = ZipDirectory.Build(size, RandomStream.For(seed, "zips"));

        // Geolocation is the biggest file and depends only on the zip directory: write it on the other core meanwhile.
        var geolocation = Task.Run(() => GeolocationFile.Write(directory, size, zips, RandomStream.For(seed, "geolocation"), progress, cancellationToken), cancellationToken);
        var files = new List<GeneratedFile>();
        try
        {
            await Task.Run(
                () =>
                {
                    files.Add(TranslationFile.Write(directory, progress, cancellationToken));
                    var sellers = SellerFile.Create(size, zips, RandomStream.For(seed, "sellers"));
                    files.Add(SellerFile.Write(directory, sellers, progress, cancellationToken));
                    var products = ProductFile.Create(size, sellers, RandomStream.For(seed, "products"));
                    files.Add(ProductFile.Write(directory, products, progress, cancellationToken));
                    var history = OrderHistory.Build(size, options.EndDate, zips, products, seed, cancellationToken);
                    files.AddRange(OrderFiles.Write(directory, history, progress, cancellationToken));
                },
                cancellationToken);
        }
        finally
        {
            // Never leave the geolocation writer running on a failed or cancelled run.
            files.Add(await geolocation.ConfigureAwait(false));
        }

        return OlistCatalog.Tables.Select(t => files.Single(f => f.Table == t.Name)).ToArray();
    }
}
