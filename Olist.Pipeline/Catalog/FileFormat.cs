namespace Olist.Pipeline.Catalog;

/// <summary>The byte-level layout of one real Olist file, which differs from file to file.</summary>
/// <param name="QuotedHeader">Whether the header names are wrapped in double quotes.</param>
/// <param name="ByteOrderMark">Whether the file starts with a UTF-8 byte order mark.</param>
/// <param name="LineEnding">The record separator, <c>"\n"</c> or <c>"\r\n"</c>.</param>
/// <param name="FinalNewline">Whether the last record is followed by a line ending.</param>
public sealed record FileFormat(bool QuotedHeader, bool ByteOrderMark, string LineEnding, bool FinalNewline)
{
    /// <summary>Quoted header, LF line ends, final newline: most of the real files.</summary>
    public static FileFormat Standard { get; } = new(QuotedHeader: true, ByteOrderMark: false, LineEnding: "\n", FinalNewline: true);
}
