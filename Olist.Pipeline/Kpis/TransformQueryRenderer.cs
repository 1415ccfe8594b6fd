using Olist.Pipeline.Transform;

namespace Olist.Pipeline.Kpis;

/// <summary>Renders KPI models through the transform engine, so a range query is the model's own SQL with other vars.</summary>
public sealed class TransformQueryRenderer(TransformProject project) : IModelQueryRenderer
{
    public Task<string> RenderQueryAsync(string model, IReadOnlyDictionary<string, string>? vars, CancellationToken cancellationToken) =>
        project.RenderQueryAsync(model, vars, cancellationToken);
}
