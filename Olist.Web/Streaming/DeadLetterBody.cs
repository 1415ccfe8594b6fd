using System.Text;

namespace Olist.Web.Streaming;

/// <summary>
/// Shows a dead letter's raw bytes safely: as text with invalid UTF-8 and control characters made visible, or as a hex
/// dump. The page renders both as text, never as markup, so a body holding HTML or script is only ever shown.
/// </summary>
public static class DeadLetterBody
{
    /// <summary>Most bytes shown; the rest is summarised.</summary>
    public const int MaxShownBytes = 4096;

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>The body as text: invalid bytes become U+FFFD, control characters other than line breaks and tabs become their Unicode control pictures.</summary>
    public static string Text(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var decoded = Utf8.GetString(body, 0, Math.Min(body.Length, MaxShownBytes));
        var text = new StringBuilder(decoded.Length);
        foreach (var c in decoded)
        {
            text.Append(c switch
            {
                '\n' or '\t' => c,
                < ' ' => (char)(0x2400 + c),
                '\u007f' => '\u2421',
                _ => c,
            });
        }

        return text.Append(Rest(body)).ToString();
    }

    /// <summary>The body as a hex dump: offset, sixteen bytes in hex, and their printable ASCII.</summary>
    public static string Hex(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var dump = new StringBuilder();
        var shown = Math.Min(body.Length, MaxShownBytes);
        for (var offset = 0; offset < shown; offset += 16)
        {
            var line = body.AsSpan(offset, Math.Min(16, shown - offset));
            dump.Append(offset.ToString("x6", CultureInfo.InvariantCulture)).Append("  ");
            foreach (var b in line)
            {
                dump.Append(b.ToString("x2", CultureInfo.InvariantCulture)).Append(' ');
            }

            dump.Append(' ', (16 - line.Length) * 3).Append(" |");
            foreach (var b in line)
            {
                dump.Append(b is >= 0x20 and < 0x7f ? (char)b : '.');
            }

            dump.Append("|\n");
        }

        return dump.Append(Rest(body)).ToString();
    }

    private static string Rest(byte[] body) =>
        body.Length > MaxShownBytes
            ? string.Create(CultureInfo.InvariantCulture, $"\n… {body.Length - MaxShownBytes:N0} more bytes ({body.Length:N0} in all)")
            : "";
}
