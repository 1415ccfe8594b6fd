namespace Olist.Pipeline.Generation;

/// <summary>What a generation run wrote.</summary>
public sealed record GenerationSummary(IReadOnlyList<GeneratedFile> Files, TimeSpan Elapsed);

/// <summary>One file written by the generator.</summary>
/// <param name="FileName">The real dataset's file name.</param>
/// <param name="Table">The catalog table the file holds.</param>
/// <param name="Rows">Data records written (header excluded).</param>
/// <param name="Bytes">Size of the file in bytes.</param>
public sealed record GeneratedFile(string FileName, string Table, long Rows, long Bytes);
