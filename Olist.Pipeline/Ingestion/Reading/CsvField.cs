namespace Olist.Pipeline.Ingestion.Reading;

/// <summary>Where one field of the current record lies in the reader's buffer; for a quoted field, the bytes between the quotes.</summary>
internal readonly record struct CsvField(int Start, int Length, bool Quoted);
