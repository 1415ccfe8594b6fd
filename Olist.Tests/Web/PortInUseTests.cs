using System.Net.Sockets;

namespace Olist.Tests.Web;

/// <summary>Serving on a port another process holds: one line, a non-zero exit, and no data written.</summary>
public sealed class PortInUseTests : IDisposable
{
    private readonly TemporaryDataDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Serving_on_a_taken_port_says_so_in_one_line_and_leaves_no_csv_files()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)holder.LocalEndpoint).Port}";

        var outcome = await CliProcess.RunAsync(_data.Paths.Root, "--urls", url, $"--Olist:FirstRun:Scale={TemporaryDataDirectory.TinyScale}");

        Assert.Empty(Directory.EnumerateFiles(_data.Paths.Root, "*.csv", SearchOption.AllDirectories));
        Assert.Equal(1, outcome.ExitCode);
        var line = Assert.Single(outcome.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(
            $"serve: error: port {((IPEndPoint)holder.LocalEndpoint).Port} is already in use ({url}); stop the other process or pass another port, "
            + $"such as --urls http://127.0.0.1:{((IPEndPoint)holder.LocalEndpoint).Port + 1}.",
            line);
        Assert.DoesNotContain("   at ", outcome.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("fail:", outcome.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("crit:", outcome.StandardOutput, StringComparison.Ordinal);
    }
}
