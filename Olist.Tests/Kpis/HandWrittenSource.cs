using Olist.Pipeline.Catalog;
using Olist.Tests.Kpis.Reference;
using Olist.Tests.TestSupport;

namespace Olist.Tests.Kpis;

/// <summary>A temp folder of hand-written Olist files in the real formats, with the reference KPIs over them.</summary>
public abstract class HandWrittenSource : IDisposable
{
    private readonly TempDirectory folder = new();
    private readonly Lazy<ReferenceKpis> reference;

    protected HandWrittenSource() => reference = new(() => new ReferenceKpis(CleanDataset.Load(Folder)));

    /// <summary>The folder holding the nine files.</summary>
    public string Folder => folder.Path;

    /// <summary>The reference computation over the files, read once the files are written.</summary>
    public ReferenceKpis Reference => reference.Value;

    public void Dispose()
    {
        folder.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Writes one file from records in CSV form, quoted as the real files quote them.</summary>
    protected void Write(SourceTable table, params IEnumerable<string> records) => SourceFileWriter.Write(Folder, table, records);
}
