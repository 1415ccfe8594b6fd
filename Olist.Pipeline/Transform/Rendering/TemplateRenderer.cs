using Fluid;
using Fluid.Values;
using Olist.Pipeline.Transform.DataTests;
using Olist.Pipeline.Transform.Project;
using Olist.Pipeline.Transform.Rendering.Dialects;

namespace Olist.Pipeline.Transform.Rendering;

/// <summary>
/// Renders model and singular-test templates for one warehouse: <c>ref</c>, <c>source</c>, <c>var</c>,
/// <c>is_incremental()</c>, <c>this</c>, <c>target</c>, the dialect macros, and the project's own <c>macros/*.liquid</c>.
/// </summary>
internal sealed class TemplateRenderer(TransformManifest manifest, SqlDialect dialect, VarValues vars)
{
    private static readonly TemplateOptions Options = new()
    {
        StrictVariables = true,
        StrictFilters = true,
        CultureInfo = CultureInfo.InvariantCulture,
    };

    public SqlDialect Dialect => dialect;

    public VarValues Vars => vars;

    /// <summary>A model's SQL; <paramref name="relations"/> replaces the relation of some models (the audit relation during Write-Audit-Publish).</summary>
    public string RenderModel(ModelNode model, bool isIncremental, IReadOnlyDictionary<string, string>? relations = null) =>
        Render(model.Path, model.Template, model.Refs, isIncremental, dialect.ModelRelation(model), relations);

    public string RenderTest(SingularTest test, IReadOnlyDictionary<string, string>? relations = null) =>
        Render(test.DefinedIn, test.Template, test.Refs, isIncremental: false, self: null, relations);

    /// <summary>The relation a model is read from: an override when given, else its place in the warehouse.</summary>
    public string Relation(string model, IReadOnlyDictionary<string, string>? relations = null) =>
        relations?.GetValueOrDefault(model) ?? dialect.ModelRelation(manifest.Models[model]);

    private string Render(
        string path, IFluidTemplate template, IReadOnlyList<string> refs, bool isIncremental, string? self, IReadOnlyDictionary<string, string>? relations)
    {
        var context = new TemplateContext(Options);
        context.SetValue("ref", Function(path, 1, 1, a =>
        {
            var name = a[0];
            return refs.Contains(name, StringComparer.Ordinal)
                ? Relation(name, relations)
                : throw new PipelineException($"{path}: ref('{name}') must name a model literally, as ref('model_name').");
        }, "ref"));
        context.SetValue("source", Function(path, 2, 2, a => dialect.SourceRelation(a[0], a[1]), "source"));
        context.SetValue("var", new FunctionValue((args, _) => Var(path, args)));
        context.SetValue("is_incremental", new FunctionValue((_, _) => BooleanValue.Create(isIncremental)));
        context.SetValue("config", new FunctionValue((_, _) => StringValue.Empty));
        context.SetValue("target", new Dictionary<string, object> { ["type"] = dialect.Name, ["name"] = dialect.Name });
        if (self is not null)
        {
            context.SetValue("this", new StringValue(self));
        }

        foreach (var macro in DialectMacros.All)
        {
            context.SetValue(macro.Name, Function(path, macro.MinArguments, macro.MaxArguments, a => macro.Render(dialect, a), macro.Name));
        }

        try
        {
            foreach (var macros in manifest.Macros)
            {
                macros.Template.Render(context, NullEncoder.Default, isolateContext: false);
            }

            return template.Render(context, NullEncoder.Default, isolateContext: false).Trim();
        }
        catch (FluidException ex)
        {
            throw new PipelineException($"{path}: {ex.Message}", ex);
        }
    }

    private FluidValue Var(string path, FunctionArguments args)
    {
        if (args.Count is < 1 or > 2)
        {
            throw new PipelineException($"{path}: var takes a name and an optional default: var('ds') or var('kpi_grain', 'month').");
        }

        var (value, kind) = vars.Get(args.At(0).ToStringValue(), args.Count > 1 ? args.At(1).ToStringValue() : null, path);
        return kind is VarKind.WholeNumber or VarKind.Number
            ? NumberValue.Create(decimal.Parse(value, CultureInfo.InvariantCulture))
            : new StringValue(value);
    }

    /// <summary>A template function taking only string arguments, whose errors name the file being rendered.</summary>
    private static FunctionValue Function(string path, int min, int max, Func<IReadOnlyList<string>, string> render, string name) =>
        new((args, _) =>
        {
            if (args.Count < min || args.Count > max)
            {
                var expected = min == max ? $"{min}" : $"{min} to {max}";
                throw new PipelineException($"{path}: {name} takes {expected} arguments, got {args.Count}.");
            }

            var values = Enumerable.Range(0, args.Count).Select(i => args.At(i).ToStringValue()).ToList();
            try
            {
                return new StringValue(render(values));
            }
            catch (ArgumentException ex)
            {
                throw new PipelineException($"{path}: {name}: {ex.Message}", ex);
            }
        });
}
