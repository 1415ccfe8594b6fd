using Fluid;
using Olist.Pipeline.Transform.DataTests;

namespace Olist.Pipeline.Transform.Project;

/// <summary>The parsed project: every model, test, source and macro file, read once per command.</summary>
internal sealed record TransformManifest(
    string ProjectDirectory,
    ProjectSettings Settings,
    IReadOnlyDictionary<string, ModelNode> Models,
    IReadOnlyList<DataTest> Tests,
    IReadOnlyList<SourceTable> Sources,
    IReadOnlyList<MacroFile> Macros);

/// <summary>A <c>macros/*.liquid</c> file: Liquid <c>{% macro %}</c> definitions every model and test can call.</summary>
internal sealed record MacroFile(string Path, IFluidTemplate Template);
