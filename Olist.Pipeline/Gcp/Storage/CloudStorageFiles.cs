using Google.Apis.Auth.OAuth2;
using Google.Cloud.Storage.V1;
using Olist.Pipeline.Catalog;

namespace Olist.Pipeline.Gcp.Storage;

/// <summary>One object under a <c>gs://bucket/prefix</c>: its <c>gs://</c> URI (what a load job names), its name and size.</summary>
public sealed record CloudStorageFile(string Uri, string Bucket, string Name, long Size);

/// <summary>
/// The files of a <c>--source gs://bucket/prefix</c>, over Google's Cloud Storage client (<c>Google.Cloud.Storage.V1</c>):
/// listed under the prefix, and read into a stream so the loader's strict reader sees the same bytes as from a folder.
/// <c>STORAGE_EMULATOR_HOST</c> (an <c>http://host:port</c> origin) selects an emulator per <see cref="EmulatorDetection"/>.
/// </summary>
public sealed partial class CloudStorageFiles(StorageClient client)
{
    /// <summary>The environment variable Google's clients read for a Cloud Storage emulator.</summary>
    public const string EmulatorHostVariable = "STORAGE_EMULATOR_HOST";

    /// <summary>
    /// A client: with <paramref name="baseUri"/> (an emulator's or a test's <c>.../storage/v1/</c>) unauthenticated,
    /// else as Google's builder chooses by <paramref name="detection"/>, with Application Default Credentials (or
    /// <paramref name="credential"/>) for production.
    /// </summary>
    public static async Task<CloudStorageFiles> CreateAsync(EmulatorDetection detection, Uri? baseUri, GoogleCredential? credential, CancellationToken cancellationToken)
    {
        var builder = new StorageClientBuilder
        {
            EmulatorDetection = detection switch
            {
                EmulatorDetection.ProductionOnly => Google.Api.Gax.EmulatorDetection.ProductionOnly,
                EmulatorDetection.EmulatorOnly => Google.Api.Gax.EmulatorDetection.EmulatorOnly,
                EmulatorDetection.EmulatorOrProduction => Google.Api.Gax.EmulatorDetection.EmulatorOrProduction,
                _ => Google.Api.Gax.EmulatorDetection.None,
            },
        };
        if (baseUri is not null)
        {
            builder.BaseUri = baseUri.ToString();
            builder.UnauthenticatedAccess = true;
            builder.EmulatorDetection = Google.Api.Gax.EmulatorDetection.None;
        }
        else if (credential is not null)
        {
            builder.Credential = credential;
        }

        return new CloudStorageFiles(await builder.BuildAsync(cancellationToken));
    }

    /// <summary>Splits <c>gs://bucket/prefix</c>; the prefix may be empty.</summary>
    public static (string Bucket, string Prefix) Parse(string uri)
    {
        var match = StorageUri().Match(uri ?? string.Empty);
        return match.Success
            ? (match.Groups["bucket"].Value, match.Groups["prefix"].Value)
            : throw new PipelineException($"'{uri}' is not a Cloud Storage location: use gs://bucket/prefix.");
    }

    /// <summary>Every object whose name starts with the prefix of <paramref name="uri"/>, page after page, in name order.</summary>
    public async Task<IReadOnlyList<CloudStorageFile>> ListAsync(string uri, CancellationToken cancellationToken)
    {
        var (bucket, prefix) = Parse(uri);
        var files = new List<CloudStorageFile>();
        await foreach (var item in client.ListObjectsAsync(bucket, prefix).WithCancellation(cancellationToken))
        {
            if (!item.Name.EndsWith('/'))
            {
                files.Add(new CloudStorageFile($"gs://{bucket}/{item.Name}", bucket, item.Name, (long)(item.Size ?? 0)));
            }
        }

        return files;
    }

    /// <summary>Copies the object's bytes into <paramref name="destination"/> (the client retries and checks the hash).</summary>
    public async Task DownloadAsync(CloudStorageFile file, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        await client.DownloadObjectAsync(file.Bucket, file.Name, destination, null, cancellationToken);
    }

    /// <summary>
    /// Copies the Olist files under <paramref name="uri"/> (objects named as one of the catalog's nine files, in any
    /// folder below the prefix) into <paramref name="folder"/>, for the loader's strict reader to see every byte as from
    /// a local folder; other objects are left. Returns the URIs copied.
    /// </summary>
    /// <exception cref="PipelineException">Two objects under the prefix have the same catalog file name, or none has one.</exception>
    public async Task<IReadOnlyList<string>> CopyOlistFilesAsync(string uri, string folder, CancellationToken cancellationToken)
    {
        var files = (await ListAsync(uri, cancellationToken))
            .Where(f => OlistCatalog.Tables.Any(t => t.FileName == Path.GetFileName(f.Name)))
            .ToList();
        if (files.GroupBy(f => Path.GetFileName(f.Name)).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new PipelineException($"{uri} holds {twice.Key} more than once ({string.Join(", ", twice.Select(f => f.Uri))}): name one folder.");
        }

        if (files.Count == 0)
        {
            throw new PipelineException($"{uri} holds none of the Olist files ({string.Join(", ", OlistCatalog.Tables.Select(t => t.FileName))}).");
        }

        Directory.CreateDirectory(folder);
        foreach (var file in files)
        {
            await using var local = File.Create(Path.Combine(folder, Path.GetFileName(file.Name)));
            await DownloadAsync(file, local, cancellationToken);
        }

        return [.. files.Select(f => f.Uri)];
    }

    [GeneratedRegex("^gs://(?<bucket>[a-z0-9][a-z0-9._-]{1,220}[a-z0-9])(/(?<prefix>.*))?$")]
    private static partial Regex StorageUri();
}
