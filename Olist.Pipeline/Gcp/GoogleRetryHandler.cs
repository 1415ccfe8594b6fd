using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Olist.Pipeline.Gcp;

/// <summary>
/// Retries a Google API request by its method class's <see cref="GoogleRetryRule"/> (set on the request under
/// <see cref="GoogleRetryRule.Key"/>): the decision reads the canonical <c>error.status</c> of the error envelope, not only
/// the HTTP code, since 409 is ABORTED (retry) or ALREADY_EXISTS (do not) and 400 is INVALID_ARGUMENT or
/// FAILED_PRECONDITION. The last answer, failed or not, is returned to the caller, its body buffered.
/// </summary>
public sealed class GoogleRetryHandler(TimeProvider timeProvider) : DelegatingHandler
{
    private readonly ConcurrentDictionary<GoogleRetryRule, ResiliencePipeline<HttpResponseMessage>> _pipelines = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Options.TryGetValue(GoogleRetryRule.Key, out var rule))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var pipeline = _pipelines.GetOrAdd(rule, Build);
        try
        {
            return await pipeline.ExecuteAsync(async token => await base.SendAsync(request, token), cancellationToken);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new GoogleApiException(
                $"{request.Method} {request.RequestUri?.AbsolutePath}",
                ex,
                new GoogleApiError(0, GoogleStatus.DeadlineExceeded, null, $"no answer within {rule.AttemptTimeout.TotalSeconds:0.#} s, {rule.MaxAttempts} attempts"));
        }
    }

    private ResiliencePipeline<HttpResponseMessage> Build(GoogleRetryRule rule) =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(0, rule.MaxAttempts - 1),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(rule.BackoffAfter(args.AttemptNumber)),
                ShouldHandle = args => ShouldRetryAsync(rule, args.Outcome, args.Context.CancellationToken),
            })
            .AddTimeout(rule.AttemptTimeout)
            .Build();

    private static async ValueTask<bool> ShouldRetryAsync(GoogleRetryRule rule, Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken)
    {
        if (outcome.Exception is { } exception)
        {
            return exception switch
            {
                HttpRequestException => rule.Retries(GoogleStatus.Unavailable),
                TimeoutRejectedException => rule.Retries(GoogleStatus.DeadlineExceeded),
                _ => false,
            };
        }

        if (outcome.Result is not { IsSuccessStatusCode: false } response)
        {
            return false;
        }

        // Buffered, so the caller can still read the body of the last answer.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        return rule.Retries(await GoogleApiError.ReadAsync(response, cancellationToken));
    }
}
