namespace Olist.Pipeline.Gcp.BigQuery;

/// <summary>Where the BigQuery warehouse lives and how the app talks to it; bound from <c>Olist:Warehouse:BigQuery</c>.</summary>
public sealed class BigQueryOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Olist:Warehouse:BigQuery";

    /// <summary>
    /// The environment variable that names a BigQuery emulator as a full origin with its scheme
    /// (<c>http://localhost:9050</c>), the convention of Google's Python client; <c>/bigquery/v2/</c> is appended.
    /// </summary>
    public const string EmulatorHostVariable = "BIGQUERY_EMULATOR_HOST";

    /// <summary>The Google Cloud project the jobs run and bill in, and whose datasets hold the warehouse.</summary>
    public string? ProjectId { get; set; }

    /// <summary>
    /// The dataset every relation of the warehouse lives in (the BigQuery dialect keeps one dataset for every schema);
    /// unset, the analytics project's <c>bigquery: {dataset: ...}</c>.
    /// </summary>
    public string? Dataset { get; set; }

    /// <summary>Where the datasets are created and the jobs run, such as <c>US</c>, <c>EU</c> or <c>southamerica-east1</c>.</summary>
    public string Location { get; set; } = "US";

    /// <summary>
    /// The most bytes one query may bill; a query that would bill more fails without cost (<c>bytesBilledLimitExceeded</c>).
    /// Unset or 0: no limit. 10 GiB by default, above a full build of the real dataset.
    /// </summary>
    public long? MaximumBytesBilled { get; set; } = 10L * 1024 * 1024 * 1024;

    /// <summary>Whether <c>BIGQUERY_EMULATOR_HOST</c> selects an emulator (the semantics of Google's .NET clients).</summary>
    public EmulatorDetection EmulatorDetection { get; set; } = EmulatorDetection.EmulatorOrProduction;

    /// <summary>The emulator's origin (<c>http://host:port</c>); unset, <c>BIGQUERY_EMULATOR_HOST</c> is read.</summary>
    public string? EmulatorHost { get; set; }

    /// <summary>Production's root; the API lives under <c>bigquery/v2/</c>, uploads under <c>upload/bigquery/v2/</c>. Must be https.</summary>
    public Uri Endpoint { get; set; } = new("https://bigquery.googleapis.com/");

    /// <summary>How long one call waits server-side for a query to finish before the client asks again (<c>timeoutMs</c>).</summary>
    public TimeSpan QueryWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a job (query or load) may run before the client gives up waiting and cancels it.</summary>
    public TimeSpan JobTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Rows asked for per page of results.</summary>
    public int PageSize { get; set; } = 10_000;

    /// <summary>The first delay between retries of a failed call and between polls of a running job; each later one grows.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts of one call in all, the first included, for the errors BigQuery says to retry.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The emulator origin in effect: <see cref="EmulatorHost"/>, else the environment variable.</summary>
    public string? EffectiveEmulatorHost => string.IsNullOrWhiteSpace(EmulatorHost) ? Environment.GetEnvironmentVariable(EmulatorHostVariable) : EmulatorHost;
}
