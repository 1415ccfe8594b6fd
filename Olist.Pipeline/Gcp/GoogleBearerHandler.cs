using System.Net;
using System.Net.Http.Headers;
using Google.Apis.Auth.OAuth2;
using Google.Apis.Http;

namespace Olist.Pipeline.Gcp;

/// <summary>
/// Puts the credential's access token (and headers such as <c>x-goog-user-project</c>) on every request; the credential
/// refreshes it before it expires. A 401 asks the credential for a new token once and sends the request again, as
/// Google's own clients do for a token revoked early.
/// </summary>
public sealed class GoogleBearerHandler(GoogleCredential credential) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await AuthorizeAsync(request, cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized || credential.UnderlyingCredential is not IHttpUnsuccessfulResponseHandler refresher)
        {
            return response;
        }

        var renewed = await refresher.HandleResponseAsync(new HandleUnsuccessfulResponseArgs
        {
            Request = request,
            Response = response,
            CurrentFailedTry = 1,
            TotalTries = 2,
            CancellationToken = cancellationToken,
        });
        if (!renewed)
        {
            return response;
        }

        response.Dispose();
        await AuthorizeAsync(request, cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }

    private async Task AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await ((ITokenAccessWithHeaders)credential).GetAccessTokenWithHeadersForRequestAsync(request.RequestUri?.ToString(), cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        token.AddHeaders(request);
    }
}
