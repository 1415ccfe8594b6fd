namespace Olist.Pipeline.Transform.Project;

/// <summary>The contents of <c>olist_project.yml</c>: the project's name, its variables and the defaults of each model folder.</summary>
internal sealed record ProjectSettings(
    string Name,
    IReadOnlyDictionary<string, VarDefinition> Vars,
    IReadOnlyDictionary<string, ConfigOverrides> Folders,
    string BigQueryDataset);
