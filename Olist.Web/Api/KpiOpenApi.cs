using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Olist.Web.Api;

/// <summary>
/// Describes the rows of <c>GET /api/kpis/{name}</c> from the KPI catalog, as the models' YAML does: one schema per KPI
/// (<c>KpiRow.{name}</c>) whose properties are its columns with their descriptions, types and nullability, the answer an
/// array of one of them, and <c>name</c> one of the KPI names. A KPI added in the YAML appears here with no code.
/// </summary>
internal sealed class KpiOpenApi(KpiCatalog catalog) : IOpenApiDocumentTransformer
{
    /// <summary>The OpenAPI path of the rows of one KPI.</summary>
    public const string RowsPath = "/api/kpis/{name}";

    /// <summary>The component name of a KPI's row schema.</summary>
    public static string SchemaName(KpiDefinition kpi)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        return $"KpiRow.{kpi.Name}";
    }

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Paths?.TryGetValue(RowsPath, out var path) != true || path!.Operations?.TryGetValue(HttpMethod.Get, out var operation) != true)
        {
            return Task.CompletedTask;
        }

        foreach (var kpi in catalog.All)
        {
            document.AddComponent<IOpenApiSchema>(SchemaName(kpi), RowSchema(kpi));
        }

        var rows = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Items = new OpenApiSchema { OneOf = [.. catalog.All.Select(k => (IOpenApiSchema)new OpenApiSchemaReference(SchemaName(k), document))] },
        };
        foreach (var content in operation!.Responses?.GetValueOrDefault("200")?.Content?.Values ?? [])
        {
            content.Schema = rows;
        }

        if (operation.Parameters?.FirstOrDefault(p => p.Name == "name") is OpenApiParameter name)
        {
            name.Description = "The KPI: " + string.Join("; ", catalog.All.Select(k => $"{k.Name} ({k.Title}; options {string.Join(", ", k.Options)})"));
            name.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. catalog.Names.Select(n => (JsonNode)JsonValue.Create(n))] };
        }

        return Task.CompletedTask;
    }

    private static OpenApiSchema RowSchema(KpiDefinition kpi) => new()
    {
        Type = JsonSchemaType.Object,
        Title = kpi.Title,
        Description = kpi.Definition,
        Properties = kpi.Columns.ToDictionary(c => c.Name, c => (IOpenApiSchema)ColumnSchema(c), StringComparer.Ordinal),
        Required = new HashSet<string>(kpi.ColumnNames, StringComparer.Ordinal),
    };

    private static OpenApiSchema ColumnSchema(KpiColumn column)
    {
        var (type, format) = column.Type switch
        {
            KpiValueType.Text => (JsonSchemaType.String, null),
            KpiValueType.SmallInteger => (JsonSchemaType.Integer, "int32"),
            KpiValueType.BigInteger => (JsonSchemaType.Integer, "int64"),
            KpiValueType.ExactNumber => (JsonSchemaType.Number, "decimal"),
            KpiValueType.ApproximateNumber => (JsonSchemaType.Number, "double"),
            _ => (JsonSchemaType.Boolean, (string?)null),
        };
        return new OpenApiSchema { Type = column.Nullable ? type | JsonSchemaType.Null : type, Format = format, Description = column.Description };
    }
}
