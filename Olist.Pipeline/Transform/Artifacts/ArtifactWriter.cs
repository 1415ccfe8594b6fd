using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Olist.Pipeline.Transform.Execution;
using Olist.Pipeline.Transform.Project;
using Olist.Pipeline.Transform.Rendering;

namespace Olist.Pipeline.Transform.Artifacts;

/// <summary>Writes <c>target/manifest.json</c> (what the project holds) and <c>target/run_results.json</c> (what a command did), dbt's two artifacts.</summary>
internal static class ArtifactWriter
{
    public const string ManifestFile = "manifest.json";
    public const string RunResultsFile = "run_results.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static Task WriteManifestAsync(
        string targetDirectory, TransformManifest manifest, TemplateRenderer renderer, string command, DateTimeOffset generatedAt, CancellationToken cancellationToken)
    {
        var nodes = new JsonObject();
        foreach (var model in manifest.Models.Values.OrderBy(m => m.Path, StringComparer.Ordinal))
        {
            nodes[model.UniqueId] = JsonSerializer.SerializeToNode(
                new
                {
                    model.UniqueId,
                    ResourceType = NodeKind.Model,
                    model.Name,
                    model.Path,
                    model.Folder,
                    model.Config.Schema,
                    Relation = renderer.Dialect.ModelRelation(model),
                    model.Description,
                    model.Meta,
                    Config = new
                    {
                        model.Config.Materialized,
                        model.Config.Schema,
                        model.Config.IncrementalKey,
                        model.Config.WriteAuditPublish,
                        model.Config.Tags,
                    },
                    model.Config.Tags,
                    Columns = model.Columns.ToDictionary(c => c.Name, c => c, StringComparer.Ordinal),
                    DependsOn = new { Nodes = model.Refs.Select(r => $"model.{r}").Concat(model.Sources.Select(s => s.UniqueId)) },
                    RawCode = model.RawSql,
                },
                Json);
        }

        foreach (var test in manifest.Tests)
        {
            nodes[test.UniqueId] = JsonSerializer.SerializeToNode(
                new
                {
                    test.UniqueId,
                    ResourceType = NodeKind.Test,
                    test.Name,
                    Path = test.DefinedIn,
                    TestMetadata = new { Name = test.Kind, Kwargs = test.Arguments },
                    test.Severity,
                    AttachedNode = test.AttachedModel is null ? null : $"model.{test.AttachedModel}",
                    DependsOn = new { Nodes = test.DependsOn.Select(m => $"model.{m}").Concat(test.Sources.Select(s => s.UniqueId)) },
                },
                Json);
        }

        var document = new JsonObject
        {
            ["metadata"] = Metadata(manifest, command, generatedAt),
            ["nodes"] = nodes,
            ["sources"] = new JsonObject(manifest.Sources.Select(s => KeyValuePair.Create(
                s.UniqueId, JsonSerializer.SerializeToNode(new { s.UniqueId, ResourceType = "source", s.Schema, s.Name, s.Description }, Json)))),
            ["macros"] = new JsonArray([.. manifest.Macros.Select(m => JsonValue.Create(m.Path))]),
        };
        return WriteAsync(Path.Combine(targetDirectory, ManifestFile), document, cancellationToken);
    }

    public static Task WriteRunResultsAsync(
        string targetDirectory, TransformManifest manifest, RunSummary summary, IReadOnlyDictionary<string, object?> arguments, DateTimeOffset generatedAt, CancellationToken cancellationToken)
    {
        var document = new JsonObject
        {
            ["metadata"] = Metadata(manifest, summary.Command, generatedAt),
            ["elapsed_time"] = summary.Elapsed.TotalSeconds,
            ["success"] = summary.Succeeded,
            ["args"] = JsonSerializer.SerializeToNode(arguments, Json),
            ["results"] = JsonSerializer.SerializeToNode(
                summary.Results.Select(r => new
                {
                    r.UniqueId,
                    r.Name,
                    ResourceType = r.Kind,
                    r.Status,
                    r.StartedAt,
                    ExecutionTime = r.Elapsed.TotalSeconds,
                    r.RowsAffected,
                    r.Failures,
                    r.FailingRows,
                    r.Message,
                    r.BytesProcessed,
                }),
                Json),
        };
        return WriteAsync(Path.Combine(targetDirectory, RunResultsFile), document, cancellationToken);
    }

    private static JsonObject Metadata(TransformManifest manifest, string command, DateTimeOffset generatedAt) => new()
    {
        ["project_name"] = manifest.Settings.Name,
        ["project_dir"] = manifest.ProjectDirectory,
        ["command"] = command,
        ["generated_at"] = generatedAt,
    };

    /// <summary>Writes beside the file and moves it in place, so a reader never sees half a document.</summary>
    private static async Task WriteAsync(string path, JsonNode document, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = $"{path}.partial";
        await File.WriteAllTextAsync(partial, document.ToJsonString(Json), cancellationToken);
        File.Move(partial, path, overwrite: true);
    }
}
