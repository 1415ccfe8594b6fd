namespace Olist.Tests.Web.Hardening;

/// <summary>The console logs of the real app as one JSON object per line, chosen by configuration alone.</summary>
public sealed class JsonLogTests
{
    [Fact]
    public async Task The_json_console_formatter_writes_log_entries_as_json_objects()
    {
        using var data = new TemporaryDataDirectory();
        using var server = ServerProcess.Start(data.Paths.Root, "--Logging:Console:FormatterName=json", "--Olist:FirstRun:Scale=0.001");
        using var client = new HttpClient();

        await server.WaitUntilListeningAsync(client);
        var listening = await WaitForLineAsync(server, "Now listening on");

        var entry = JsonDocument.Parse(listening).RootElement;
        Assert.Equal("Information", entry.GetProperty("LogLevel").GetString());
        Assert.Equal("Microsoft.Hosting.Lifetime", entry.GetProperty("Category").GetString());
        Assert.Contains(server.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.GetProperty("Message").GetString(), StringComparison.Ordinal);
    }

    private static async Task<string> WaitForLineAsync(ServerProcess server, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (server.Output.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line)
            {
                return line;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no line with '{text}' in: {string.Join('\n', server.Output)}");
            await Task.Delay(100);
        }
    }
}
