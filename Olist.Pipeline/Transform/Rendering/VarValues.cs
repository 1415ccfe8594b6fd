using Olist.Pipeline.Transform.Project;

namespace Olist.Pipeline.Transform.Rendering;

/// <summary>The variables of one run: command-line values checked against their declared kinds, then project defaults.</summary>
internal sealed class VarValues
{
    private readonly IReadOnlyDictionary<string, VarDefinition> _definitions;
    private readonly Dictionary<string, string> _given;

    private VarValues(IReadOnlyDictionary<string, VarDefinition> definitions, Dictionary<string, string> given)
    {
        _definitions = definitions;
        _given = given;
    }

    /// <summary>Checks every given value now, so a bad value fails the run before any model is built.</summary>
    public static VarValues Resolve(ProjectSettings settings, IReadOnlyDictionary<string, string> given)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, raw) in given)
        {
            var definition = Definition(settings.Vars, name, raw);
            values[name] = definition.Normalize(raw)
                ?? throw new InvalidRequestException($"var {name}: '{raw}' is not {definition.Expected}.");
        }

        return new VarValues(settings.Vars, values);
    }

    /// <summary>The day a run replaces in incremental models (<c>--ds</c>), when one was given.</summary>
    public string? Day => _given.GetValueOrDefault(ProjectSettingsReader.DayVar);

    /// <summary>
    /// The value of <paramref name="name"/> for the file <paramref name="where"/>: given, else declared default, else the
    /// call's default. An undeclared variable takes the kind of the call's default, so <c>var('from', '2016-01-01')</c> wants a date.
    /// </summary>
    public (string Value, VarKind Kind) Get(string name, string? callDefault, string where)
    {
        if (_given.TryGetValue(name, out var value))
        {
            if (_definitions.ContainsKey(name) || callDefault is null)
            {
                return (value, Definition(_definitions, name, value).Kind);
            }

            var byDefault = new VarDefinition(name, VarDefinition.Infer(callDefault.Trim()), null, []);
            return (byDefault.Normalize(value) ?? throw new PipelineException($"{where}: var {name}: '{value}' is not {byDefault.Expected}."), byDefault.Kind);
        }

        if (_definitions.TryGetValue(name, out var declared) && declared.Default is { } projectDefault)
        {
            return (projectDefault, declared.Kind);
        }

        if (callDefault is null)
        {
            throw new PipelineException(
                $"{where}: var('{name}') has no value; pass --vars {name}=... (or --ds) or give it a default in {ProjectPaths.ProjectFile}.");
        }

        var definition = Definition(_definitions, name, callDefault);
        return (definition.Normalize(callDefault) ?? throw new PipelineException($"{where}: var('{name}', '{callDefault}'): the default is not {definition.Expected}."), definition.Kind);
    }

    private static VarDefinition Definition(IReadOnlyDictionary<string, VarDefinition> definitions, string name, string value) =>
        definitions.TryGetValue(name, out var declared) ? declared : new VarDefinition(name, VarDefinition.Infer(value.Trim()), null, []);
}
