using System.Security.Cryptography;
using Olist.Pipeline.Gcp;
using Olist.Pipeline.Gcp.Storage;

namespace Olist.Tests.BigQuery.Contract;

/// <summary>
/// Listing and reading a <c>gs://</c> source with Google's own Storage client against a small local stand-in of the
/// Cloud Storage JSON API (objects.list with pages, media download with its MD5 hash). Unlike the fake BigQuery, this one
/// checks no discovery document: none of Cloud Storage is committed.
/// </summary>
public sealed class CloudStorageFilesTests : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, byte[]> _objects = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _calls = new();
    private WebApplication? _app;
    private System.Security.Cryptography.X509Certificates.X509Certificate2? _certificate;
    private Uri _http = null!;

    public async Task InitializeAsync()
    {
        _certificate = FakeGoogleCredentials.Certificate();
        (_app, _, _http) = await FakeGoogleCredentials.StartAsync(_certificate, HandleAsync);
    }

    public async Task DisposeAsync()
    {
        await _app!.DisposeAsync();
        _certificate!.Dispose();
    }

    [Fact]
    public async Task The_files_under_a_prefix_are_listed_over_every_page_and_read_byte_for_byte()
    {
        for (var i = 0; i < 5; i++)
        {
            _objects[$"drop/2018-03-01/part-{i}.csv"] = Encoding.UTF8.GetBytes($"order_id,status\n{i},delivered\n");
        }

        _objects["drop/2018-03-02/part-0.csv"] = Encoding.UTF8.GetBytes("other day");
        _objects["drop/2018-03-01/"] = [];
        var files = await CloudStorageFiles.CreateAsync(EmulatorDetection.None, new Uri(_http, "storage/v1/"), null, CancellationToken.None);

        var listed = await files.ListAsync("gs://olist-drop/drop/2018-03-01/", CancellationToken.None);
        using var read = new MemoryStream();
        await files.DownloadAsync(listed[3], read, CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"gs://olist-drop/drop/2018-03-01/part-{i}.csv"), listed.Select(f => f.Uri));
        Assert.Equal(_objects["drop/2018-03-01/part-3.csv"], read.ToArray());
        Assert.Equal(_objects["drop/2018-03-01/part-3.csv"].Length, listed[3].Size);
        Assert.Equal(3, _calls.Count(c => c.StartsWith("list", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_olist_files_under_a_prefix_are_copied_byte_for_byte_for_the_strict_reader_and_others_are_left()
    {
        var sellers = Encoding.UTF8.GetBytes("\"seller_id\",\"seller_zip_code_prefix\",\"seller_city\",\"seller_state\"\r\nd1b65fc7debc3361ea86b5f14c68d2e2,\"13844\",mogi guacu,SP\r\n");
        _objects["drop/2018/olist_sellers_dataset.csv"] = sellers;
        _objects["drop/2018/README.txt"] = Encoding.UTF8.GetBytes("not a source");
        _objects["other/olist_orders_dataset.csv"] = Encoding.UTF8.GetBytes("outside the prefix");
        _objects["twice/a/olist_sellers_dataset.csv"] = sellers;
        _objects["twice/b/olist_sellers_dataset.csv"] = sellers;
        using var folder = new TempDirectory();
        var files = await CloudStorageFiles.CreateAsync(EmulatorDetection.None, new Uri(_http, "storage/v1/"), null, CancellationToken.None);

        var copied = await files.CopyOlistFilesAsync("gs://olist-drop/drop/", folder.Path, CancellationToken.None);
        var twice = await Assert.ThrowsAsync<PipelineException>(() => files.CopyOlistFilesAsync("gs://olist-drop/twice/", folder.Combine("twice"), CancellationToken.None));
        var none = await Assert.ThrowsAsync<PipelineException>(() => files.CopyOlistFilesAsync("gs://olist-drop/nothing/", folder.Combine("none"), CancellationToken.None));

        Assert.Equal(["gs://olist-drop/drop/2018/olist_sellers_dataset.csv"], copied);
        Assert.Equal(["olist_sellers_dataset.csv"], Directory.EnumerateFiles(folder.Path).Select(Path.GetFileName));
        Assert.Equal(sellers, await File.ReadAllBytesAsync(folder.Combine("olist_sellers_dataset.csv")));
        Assert.StartsWith("gs://olist-drop/twice/ holds olist_sellers_dataset.csv more than once", twice.Message, StringComparison.Ordinal);
        Assert.StartsWith("gs://olist-drop/nothing/ holds none of the Olist files", none.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/tmp/olist")]
    [InlineData("gs://")]
    [InlineData("s3://bucket/x")]
    public void A_source_that_is_not_gs_bucket_prefix_is_refused(string uri) =>
        Assert.Throws<PipelineException>(() => CloudStorageFiles.Parse(uri));

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value!;
        var marker = "/b/olist-drop/o";
        var at = path.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            context.Response.StatusCode = 404;
            return;
        }

        var rest = path[(at + marker.Length)..].TrimStart('/');
        if (rest.Length == 0)
        {
            // objects.list, two objects a page so that paging is exercised.
            var prefix = context.Request.Query["prefix"].ToString();
            var start = int.TryParse(context.Request.Query["pageToken"], CultureInfo.InvariantCulture, out var token) ? token : 0;
            var names = _objects.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
            var page = new JsonObject
            {
                ["kind"] = "storage#objects",
                ["items"] = new JsonArray([.. names.Skip(start).Take(2).Select(n => Item(n))]),
            };
            if (start + 2 < names.Count)
            {
                page["nextPageToken"] = (start + 2).ToString(CultureInfo.InvariantCulture);
            }

            _calls.Enqueue($"list {prefix} {start}");
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(page.ToJsonString());
            return;
        }

        var name = Uri.UnescapeDataString(rest);
        _calls.Enqueue($"get {name} {context.Request.QueryString}");
        if (!_objects.TryGetValue(name, out var bytes))
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("""{"error":{"code":404,"message":"No such object","errors":[{"reason":"notFound"}]}}""");
            return;
        }

        if (context.Request.Query["alt"] == "media")
        {
            context.Response.Headers["x-goog-hash"] = $"md5={Md5(bytes)}";
            context.Response.ContentType = "application/octet-stream";
            await context.Response.Body.WriteAsync(bytes);
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(Item(name).ToJsonString());
    }

#pragma warning disable CA5351 // Cloud Storage's own object checksum, which the client verifies; not security.
    private static string Md5(byte[] bytes) => Convert.ToBase64String(MD5.HashData(bytes));
#pragma warning restore CA5351

    private JsonObject Item(string name) => new()
    {
        ["kind"] = "storage#object",
        ["bucket"] = "olist-drop",
        ["name"] = name,
        ["size"] = _objects[name].Length.ToString(CultureInfo.InvariantCulture),
        ["md5Hash"] = Md5(_objects[name]),
        ["generation"] = "1",
    };
}
