using Olist.Tests.Kpis.Reference;

namespace Olist.Tests.Kpis;

/// <summary>A temp folder of hand-written Olist files in the real formats, with the reference KPIs over them.</summary>
public abstract class HandWrittenSource : IDisposable
{
    private readonly TempDirectory folder = new();
    private readonly Lazy<ReferenceKpis> reference;
    private readonly Lazy<Task<PipelineWarehouse>> pipeline;

    protected HandWrittenSource()
    {
        reference = new(() => new ReferenceKpis(CleanDataset.Load(Folder)));
        pipeline = new(() => PipelineWarehouse.BuildAsync(Folder, CancellationToken.None));
    }

    /// <summary>The folder holding the nine files.</summary>
    public string Folder => folder.Path;

    /// <summary>The reference computation over the files, read once the files are written.</summary>
    public ReferenceKpis Reference => reference.Value;

    /// <summary>The KPIs of the files as computed by <paramref name="source"/> (one of <see cref="KpiSources.All"/>); the warehouse is built on first use.</summary>
    public async Task<IKpiService> KpisAsync(string source) => source switch
    {
        KpiSources.Reference => Reference,
        KpiSources.Pipeline => (await pipeline.Value).Kpis,
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };

    public void Dispose()
    {
        if (pipeline.IsValueCreated && pipeline.Value.IsCompletedSuccessfully)
        {
            pipeline.Value.Result.Dispose();
        }

        folder.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Writes one file from records in CSV form, quoted as the real files quote them.</summary>
    protected void Write(SourceTable table, params IEnumerable<string> records) => SourceFileWriter.Write(Folder, table, records);
}
