using Fluid;

namespace Olist.Pipeline.Transform.Project;

/// <summary>Parses Liquid templates once, at load, with functions enabled (<c>ref('x')</c>) so a syntax error names its file.</summary>
internal static class TemplateParser
{
    private static readonly FluidParser Parser = new(new FluidParserOptions { AllowFunctions = true });

    public static IFluidTemplate Parse(string relativePath, string text) =>
        Parser.TryParse(text, out var template, out var error)
            ? template
            : throw new PipelineException($"{relativePath}: template error: {error.ReplaceLineEndings(" ")}");
}
