using Olist.Tests.TestSupport;

namespace Olist.Tests.Ingestion;

/// <summary>A fact that is reported as skipped, saying why, when the real Olist files cannot be found.</summary>
public sealed class RealDataFactAttribute : FactAttribute
{
    public RealDataFactAttribute()
    {
        if (RealOlistFiles.Directory is null)
        {
            Skip = $"Skipped: the real Olist files were not found (no shared/olist-real in the folders above {AppContext.BaseDirectory}).";
        }
    }
}
