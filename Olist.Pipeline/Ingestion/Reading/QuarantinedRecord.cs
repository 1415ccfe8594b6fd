namespace Olist.Pipeline.Ingestion.Reading;

/// <summary>A record that could not be read, kept with its exact bytes so nothing is lost.</summary>
/// <param name="LineNumber">The physical line the record starts on.</param>
/// <param name="Reason">A <see cref="QuarantineReason"/> code.</param>
/// <param name="Detail">What exactly is wrong, such as "expected 5 fields, found 6".</param>
/// <param name="Raw">The record's bytes as in the file, without its line ending.</param>
internal sealed record QuarantinedRecord(long LineNumber, string Reason, string Detail, byte[] Raw);
