using System.Net.Sockets;

namespace Olist.Tests.Streaming;

/// <summary>The real app (<c>Olist.Web.dll serve</c>) as a child process on a free loopback port, which a test can kill with SIGKILL.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The lines the process wrote to its standard output so far.</summary>
    public IReadOnlyCollection<string> Output => _output;

    /// <summary>Starts the app over <paramref name="dataDirectory"/> with extra configuration arguments.</summary>
    public static ServerProcess Start(string dataDirectory, params string[] arguments)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Olist.Web.dll"));
        foreach (var argument in (string[])["--urls", address.ToString().TrimEnd('/'), .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Olist__DataDirectory"] = dataDirectory;
        var process = Process.Start(start)!;
        var server = new ServerProcess(process, address);
        // Drain the output so a chatty server never blocks on a full pipe; standard output is kept for the tests.
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                server._output.Enqueue(line.Data);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Waits until the process answers <c>/healthz</c>; it takes a moment to start listening.</summary>
    public async Task WaitUntilListeningAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.False(_process.HasExited, $"the server exited with code {(_process.HasExited ? _process.ExitCode : 0)}");
            try
            {
                using var response = await client.GetAsync(new Uri(Address, "healthz"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, as when the machine loses the process.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
