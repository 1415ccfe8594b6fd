using Microsoft.OpenApi;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Olist.Pipeline.Telemetry;
using Scalar.AspNetCore;

namespace Olist.Web.Observability;

/// <summary>
/// Metrics in Prometheus format at <c>/metrics</c> (ASP.NET Core, Kestrel, the .NET runtime and the <c>Olist</c> meter),
/// the OpenAPI document at <c>/openapi/v1.json</c> and its browsable reference at <c>/scalar</c>.
/// </summary>
public static class ObservabilityServices
{
    /// <summary>Where Prometheus scrapes.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Adds OpenTelemetry metrics with the Prometheus exporter, and the OpenAPI document.</summary>
    public static IServiceCollection AddOlistObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.SectionName));
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("olist"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(OlistMetrics.MeterName)
                .AddPrometheusExporter());
        services.AddOpenApi(options => options.AddOperationTransformer<OpenApiResponses>().AddDocumentTransformer<KpiOpenApi>().AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Olist API",
                Version = "v1",
                Description = "KPIs, run history and control, and the live order stream. Errors are RFC 9457 problems (application/problem+json). "
                    + $"Viewers need nothing on this machine by default; elsewhere send {OperatorKey.Header}. Publishing needs {PublisherKey.Header}.",
            };
            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>Maps <c>/metrics</c> (viewer unless <see cref="MetricsOptions.AllowAnonymous"/>), the OpenAPI document and the Scalar reference (viewer).</summary>
    public static IEndpointRouteBuilder MapOlistObservability(this IEndpointRouteBuilder endpoints, MetricsOptions metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var scrape = endpoints.MapPrometheusScrapingEndpoint(MetricsPath);
        if (metrics.AllowAnonymous)
        {
            scrape.AllowAnonymous();
        }

        endpoints.MapOpenApi();
        // The reference page starts with an inline script: it runs under this response's nonce, not 'unsafe-inline'.
        endpoints.MapScalarApiReference((options, context) => options.WithTitle("Olist API").WithNonce(SecurityHeaders.Nonce(context)));
        return endpoints;
    }
}
