namespace Olist.Tests.Web;

/// <summary>Waits for a started app's <c>/readyz</c> to say the data is ready, or that preparing it failed.</summary>
internal static class ReadyProbe
{
    // Generating and loading a tiny dataset takes seconds; this bound only stops a broken first run from hanging the suite.
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    /// <summary>Returns the body of the first 200; fails as soon as the app reports a failed preparation.</summary>
    public static async Task<string> WaitUntilReadyAsync(HttpClient client, Uri address)
    {
        var (status, body) = await WaitUntilSettledAsync(client, address);
        Assert.True(status == HttpStatusCode.OK, $"The data preparation failed: {body}");
        return body;
    }

    /// <summary>Returns the body of the first answer whose data is ready, whether the bus answers or not.</summary>
    public static async Task<string> WaitUntilDataReadyAsync(HttpClient client, Uri address)
    {
        var (status, body) = await WaitUntilSettledAsync(client, address, anyBus: true);
        Assert.True(status == HttpStatusCode.OK || body.Contains(Olist.Web.Api.Readiness.BusUnreachable, StringComparison.Ordinal), $"The data preparation failed: {body}");
        return body;
    }

    /// <summary>Returns the body of the first answer that reports a failed preparation.</summary>
    public static async Task<string> WaitUntilFailedAsync(HttpClient client, Uri address)
    {
        var (status, body) = await WaitUntilSettledAsync(client, address);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        return body;
    }

    /// <summary>Polls until the data is ready and, unless <paramref name="anyBus"/>, the bus answers; or until preparation failed.</summary>
    private static async Task<(HttpStatusCode Status, string Body)> WaitUntilSettledAsync(HttpClient client, Uri address, bool anyBus = false)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var body = "";
        while (!timeout.IsCancellationRequested)
        {
            using var response = await client.GetAsync(new Uri(address, "readyz"), CancellationToken.None);
            body = await response.Content.ReadAsStringAsync(CancellationToken.None);
            if (response.StatusCode == HttpStatusCode.OK
                || body.Contains("\"failed\"", StringComparison.Ordinal)
                || (anyBus && body.Contains(Olist.Web.Api.Readiness.BusUnreachable, StringComparison.Ordinal)))
            {
                return (response.StatusCode, body);
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            await Task.Delay(100, CancellationToken.None);
        }

        throw new TimeoutException($"The app did not settle within {Patience}; /readyz said: {body}");
    }
}
