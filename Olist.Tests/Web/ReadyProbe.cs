using System.Net;

namespace Olist.Tests.Web;

/// <summary>Waits for a started app's <c>/readyz</c> to say the data is ready.</summary>
internal static class ReadyProbe
{
    // Generating and loading a tiny dataset takes seconds; this bound only stops a broken first run from hanging the suite.
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public static async Task<string> WaitUntilReadyAsync(HttpClient client, Uri address)
    {
        using var timeout = new CancellationTokenSource(Patience);
        string body = "";
        while (!timeout.IsCancellationRequested)
        {
            using var response = await client.GetAsync(new Uri(address, "readyz"), CancellationToken.None);
            body = await response.Content.ReadAsStringAsync(CancellationToken.None);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return body;
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.DoesNotContain("\"failed\"", body, StringComparison.Ordinal);
            await Task.Delay(100, CancellationToken.None);
        }

        throw new TimeoutException($"The app was not ready within {Patience}; /readyz said: {body}");
    }
}
