namespace Olist.Tests.Generation;

/// <summary>One generated dataset at a small scale, parsed strictly once and shared by the generator tests.</summary>
public sealed class GeneratedDataset : IDisposable
{
    public const double Scale = 0.05;

    public static readonly DateOnly EndDate = new(2018, 10, 17);

    private readonly Dictionary<string, CsvDocument> documents = [];

    public GeneratedDataset()
    {
        Folder = Path.Combine(Path.GetTempPath(), "olist-gen-test-" + Guid.NewGuid().ToString("N"));
        Summary = new OlistGenerator().GenerateAsync(new GenerationOptions(Scale, 7, Folder, EndDate), null, CancellationToken.None).GetAwaiter().GetResult();
        foreach (var table in OlistCatalog.Tables)
        {
            documents[table.Name] = StrictCsv.Parse(File.ReadAllBytes(Path.Combine(Folder, table.FileName)), table.Format.LineEnding);
        }
    }

    public string Folder { get; }

    public GenerationSummary Summary { get; }

    public CsvDocument Document(SourceTable table) => documents[table.Name];

    /// <summary>The values of a table's records, column by name.</summary>
    public IReadOnlyList<Row> Rows(SourceTable table) =>
        Document(table).Records.Select(r => new Row(table, r)).ToArray();

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    /// <summary>A record whose fields are looked up by column name.</summary>
    public sealed class Row(SourceTable table, CsvField[] fields)
    {
        public string this[string column] => fields[IndexOf(column)].Value;

        private int IndexOf(string column)
        {
            for (var i = 0; i < table.ColumnNames.Count; i++)
            {
                if (table.ColumnNames[i] == column)
                {
                    return i;
                }
            }

            throw new ArgumentException($"{table.Name} has no column {column}.", nameof(column));
        }
    }
}

/// <summary>The collection that shares one generated dataset.</summary>
[CollectionDefinition(Name)]
public sealed class SharedGeneratedDataset : ICollectionFixture<GeneratedDataset>
{
    public const string Name = "generated dataset";
}
