namespace Olist.Bench;

/// <summary>A fresh folder under the system temp folder for one benchmark run, deleted with everything in it on dispose.</summary>
internal sealed class ScratchDirectory : IDisposable
{
    /// <summary>Creates the folder, named after <paramref name="benchmark"/> so a leftover one says whose it is.</summary>
    public ScratchDirectory(string benchmark) => Path = Directory.CreateTempSubdirectory($"olist-bench-{benchmark}-").FullName;

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>A path inside the folder.</summary>
    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
