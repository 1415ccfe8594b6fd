namespace Olist.Web.Api;

/// <summary>The JSON of the API: snake_case names and enum values, like the event contract; also what the OpenAPI document describes.</summary>
public static class ApiJson
{
    /// <summary>The options every API answer (and the <c>stream</c> verb reading them) uses.</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Makes the app's HTTP JSON options these, so typed results and the OpenAPI document agree with the answers.</summary>
    public static IServiceCollection AddApiJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(options => Configure(options.SerializerOptions));

    private static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        return options;
    }
}
