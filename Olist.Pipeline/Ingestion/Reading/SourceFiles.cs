using Olist.Pipeline.Catalog;

namespace Olist.Pipeline.Ingestion.Reading;

/// <summary>Finds the catalog files in a folder and opens them, turning file system failures into errors that name the file.</summary>
internal static class SourceFiles
{
    /// <summary>The catalog tables whose file is in <paramref name="directory"/> (file names matched case-insensitively), in catalog order.</summary>
    public static IReadOnlyList<(SourceTable Table, string Path)> Find(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new PipelineException($"The source folder {directory} does not exist.");
        }

        string[] files;
        try
        {
            files = Directory.GetFiles(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PipelineException($"The source folder {directory} cannot be read: {ex.Message}", ex);
        }

        var found = OlistCatalog.Tables
            .Select(table => (Table: table, Path: files.FirstOrDefault(f => string.Equals(Path.GetFileName(f), table.FileName, StringComparison.OrdinalIgnoreCase))))
            .Where(match => match.Path is not null)
            .Select(match => (match.Table, match.Path!))
            .ToList();
        if (found.Count == 0)
        {
            throw new PipelineException(
                $"The source folder {directory} holds none of the nine Olist files (such as {OlistCatalog.Orders.FileName}).");
        }

        return found;
    }

    public static FileStream Open(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PipelineException($"{Path.GetFileName(path)} cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>Reads the next record, reporting a failing disk read as an error naming the file.</summary>
    public static bool Read(CsvRecordReader reader, string fileName)
    {
        try
        {
            return reader.Read();
        }
        catch (IOException ex)
        {
            throw new PipelineException($"{fileName} cannot be read: {ex.Message}", ex);
        }
    }
}
