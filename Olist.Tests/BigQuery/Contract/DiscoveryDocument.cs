namespace Olist.Tests.BigQuery.Contract;

/// <summary>
/// Google's BigQuery v2 discovery document (revision 20250928, copied beside this file; Google publishes it without a
/// license header) as a request checker: the method is found by HTTP method and path (the upload paths included), every
/// query parameter must be one of the method's or the global ones and have its type, and a body must match the method's
/// request schema recursively: no unknown field, each value of its type (64-bit integers as JSON strings, 32-bit ones as
/// numbers), every field whose description starts "Required." present, no read-only field.
/// </summary>
internal sealed class DiscoveryDocument
{
    private const string ApiRoot = "/bigquery/v2/";

    private readonly JsonElement _root;
    private readonly List<Method> _methods = [];

    private DiscoveryDocument(JsonDocument document)
    {
        _root = document.RootElement;
        Collect(_root.GetProperty("resources"));
    }

    /// <summary>The copy committed with the tests.</summary>
    public static DiscoveryDocument Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "BigQuery", "Contract", "bigquery-v2-discovery.json");
        return new DiscoveryDocument(JsonDocument.Parse(File.ReadAllText(path)));
    }

    /// <summary>The method id (such as <c>bigquery.jobs.query</c>) a request is for, or null with a violation when none matches.</summary>
    public string? Check(string httpMethod, string path, IEnumerable<KeyValuePair<string, string>> query, JsonElement? body, List<string> violations)
    {
        var found = _methods.Select(m => (Method: m, Match: m.Match(httpMethod, path))).FirstOrDefault(m => m.Match is not null);
        if (found.Method is null)
        {
            violations.Add($"{httpMethod} {path}: no method of the discovery document has this path");
            return null;
        }

        var method = found.Method.Definition;
        var id = method.GetProperty("id").GetString()!;
        var parameters = method.TryGetProperty("parameters", out var p) ? p : default;
        var global = _root.GetProperty("parameters");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in query)
        {
            seen.Add(name);
            if (parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty(name, out var definition) && definition.GetProperty("location").GetString() == "query")
            {
                CheckParameter(id, name, value, definition, violations);
            }
            else if (global.TryGetProperty(name, out var common))
            {
                CheckParameter(id, name, value, common, violations);
            }
            else
            {
                violations.Add($"{id}: unknown query parameter '{name}'");
            }
        }

        if (parameters.ValueKind == JsonValueKind.Object)
        {
            foreach (var parameter in parameters.EnumerateObject())
            {
                if (parameter.Value.GetProperty("location").GetString() == "query" && parameter.Value.TryGetProperty("required", out var required) && required.GetBoolean() && !seen.Contains(parameter.Name))
                {
                    violations.Add($"{id}: required query parameter '{parameter.Name}' missing");
                }
            }
        }

        if (method.TryGetProperty("request", out var request))
        {
            if (body is not { } json)
            {
                violations.Add($"{id}: a request body ({request.GetProperty("$ref").GetString()}) is required");
            }
            else
            {
                CheckValue(json, request, $"{id} body", violations);
            }
        }
        else if (body is { ValueKind: not JsonValueKind.Undefined })
        {
            violations.Add($"{id}: takes no request body");
        }

        return id;
    }

    /// <summary>Checks <paramref name="value"/> against the schema <paramref name="schemaName"/> (such as <c>Job</c>).</summary>
    public void CheckSchema(JsonElement value, string schemaName, string where, List<string> violations) =>
        CheckValue(value, Schema(schemaName), where, violations);

    private JsonElement Schema(string name) => _root.GetProperty("schemas").GetProperty(name);

    private void CheckValue(JsonElement value, JsonElement schema, string where, List<string> violations)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            CheckValue(value, Schema(reference.GetString()!), where, violations);
            return;
        }

        var type = schema.TryGetProperty("type", out var t) ? t.GetString() : "object";
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        switch (type)
        {
            case "any":
                return;
            case "string" when value.ValueKind != JsonValueKind.String:
                violations.Add($"{where}: expected a string{(format is null ? string.Empty : $" ({format})")}, got {value.ValueKind} {value.GetRawText()}");
                return;
            case "string":
                CheckString(value.GetString()!, format, schema, where, violations);
                return;
            case "integer" when value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out _):
                violations.Add($"{where}: expected an integer number ({format}), got {value.ValueKind} {value.GetRawText()}");
                return;
            case "integer":
                return;
            case "number" when value.ValueKind != JsonValueKind.Number:
                violations.Add($"{where}: expected a number, got {value.ValueKind} {value.GetRawText()}");
                return;
            case "boolean" when value.ValueKind is not (JsonValueKind.True or JsonValueKind.False):
                violations.Add($"{where}: expected a boolean, got {value.ValueKind} {value.GetRawText()}");
                return;
            case "array" when value.ValueKind != JsonValueKind.Array:
                violations.Add($"{where}: expected an array, got {value.ValueKind}");
                return;
            case "array":
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    CheckValue(item, schema.GetProperty("items"), $"{where}[{index++}]", violations);
                }

                return;
            case "object" when value.ValueKind != JsonValueKind.Object:
                violations.Add($"{where}: expected an object, got {value.ValueKind} {value.GetRawText()}");
                return;
            case "object":
                CheckObject(value, schema, where, violations);
                return;
            default:
                return;
        }
    }

    private void CheckObject(JsonElement value, JsonElement schema, string where, List<string> violations)
    {
        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        var additional = schema.TryGetProperty("additionalProperties", out var a) ? a : default;
        foreach (var field in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(field.Name, out var definition))
            {
                if (definition.TryGetProperty("readOnly", out var readOnly) && readOnly.GetBoolean())
                {
                    violations.Add($"{where}.{field.Name}: read-only (output) field sent in a request");
                }

                CheckValue(field.Value, definition, $"{where}.{field.Name}", violations);
            }
            else if (additional.ValueKind == JsonValueKind.Object)
            {
                CheckValue(field.Value, additional, $"{where}.{field.Name}", violations);
            }
            else
            {
                violations.Add($"{where}: unknown field '{field.Name}'");
            }
        }

        if (properties.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in properties.EnumerateObject())
        {
            var required = property.Value.TryGetProperty("description", out var description) && description.GetString()!.StartsWith("Required.", StringComparison.Ordinal);
            if (required && !value.TryGetProperty(property.Name, out _))
            {
                violations.Add($"{where}: required field '{property.Name}' missing");
            }
        }
    }

    private static void CheckParameter(string method, string name, string value, JsonElement definition, List<string> violations)
    {
        var type = definition.GetProperty("type").GetString();
        var format = definition.TryGetProperty("format", out var f) ? f.GetString() : null;
        var where = $"{method}: query parameter '{name}'";
        switch (type)
        {
            case "boolean" when value is not ("true" or "false"):
                violations.Add($"{where}: '{value}' is not a boolean");
                break;
            case "integer" when !long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _):
                violations.Add($"{where}: '{value}' is not an integer");
                break;
            case "string":
                CheckString(value, format, definition, where, violations);
                break;
            default:
                break;
        }
    }

    private static void CheckString(string value, string? format, JsonElement schema, string where, List<string> violations)
    {
        if (format is "int64" or "uint64" && !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            violations.Add($"{where}: '{value}' is not a {format} in decimal text");
        }

        if (schema.TryGetProperty("enum", out var values) && values.EnumerateArray().All(v => v.GetString() != value))
        {
            violations.Add($"{where}: '{value}' is not one of {string.Join(", ", values.EnumerateArray().Select(v => v.GetString()))}");
        }
    }

    private void Collect(JsonElement resources)
    {
        foreach (var resource in resources.EnumerateObject())
        {
            if (resource.Value.TryGetProperty("methods", out var methods))
            {
                foreach (var method in methods.EnumerateObject())
                {
                    var verb = method.Value.GetProperty("httpMethod").GetString()!;
                    _methods.Add(new Method(verb, Template(ApiRoot + method.Value.GetProperty("path").GetString()), method.Value));
                    if (method.Value.TryGetProperty("mediaUpload", out var upload))
                    {
                        foreach (var protocol in upload.GetProperty("protocols").EnumerateObject())
                        {
                            _methods.Add(new Method(verb, Template(protocol.Value.GetProperty("path").GetString()!), method.Value));
                        }
                    }
                }
            }

            if (resource.Value.TryGetProperty("resources", out var nested))
            {
                Collect(nested);
            }
        }
    }

    private static Regex Template(string path) =>
        new("^" + Regex.Replace(Regex.Escape(path), @"\\\{(?:\\\+)?([A-Za-z]+)\}", "(?<$1>[^/]+)") + "$", RegexOptions.CultureInvariant);

    private sealed record Method(string HttpMethod, Regex Path, JsonElement Definition)
    {
        public Match? Match(string httpMethod, string path) =>
            HttpMethod == httpMethod && Path.Match(path) is { Success: true } match ? match : null;
    }
}
