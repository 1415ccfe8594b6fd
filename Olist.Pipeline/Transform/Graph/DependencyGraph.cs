using Olist.Pipeline.Transform.Project;

namespace Olist.Pipeline.Transform.Graph;

/// <summary>The models as a directed acyclic graph of refs: build order, ancestors and descendants. A cycle is refused, naming its path.</summary>
internal sealed class DependencyGraph
{
    private readonly IReadOnlyDictionary<string, ModelNode> _models;
    private readonly Dictionary<string, List<string>> _children;

    public DependencyGraph(IReadOnlyDictionary<string, ModelNode> models)
    {
        _models = models;
        _children = models.Keys.ToDictionary(m => m, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var model in models.Values)
        {
            foreach (var parent in model.Refs)
            {
                _children[parent].Add(model.Name);
            }
        }

        Order = TopologicalOrder();
    }

    /// <summary>Every model after the models it refs, layer by layer (sources' readers first), in path order within a layer.</summary>
    public IReadOnlyList<string> Order { get; }

    public IReadOnlySet<string> Ancestors(string model) => Reachable(model, m => _models[m].Refs);

    public IReadOnlySet<string> Descendants(string model) => Reachable(model, m => _children[m]);

    private List<string> TopologicalOrder()
    {
        var waiting = _models.Values.ToDictionary(m => m.Name, m => m.Refs.Count, StringComparer.Ordinal);
        var depth = _models.Keys.ToDictionary(m => m, _ => 0, StringComparer.Ordinal);
        var ready = new SortedSet<(int Depth, string Path, string Name)>(_models.Values.Where(m => m.Refs.Count == 0).Select(m => (0, m.Path, m.Name)));
        var order = new List<string>(_models.Count);
        while (ready.Count > 0)
        {
            var next = ready.Min;
            ready.Remove(next);
            order.Add(next.Name);
            foreach (var child in _children[next.Name])
            {
                depth[child] = Math.Max(depth[child], next.Depth + 1);
                if (--waiting[child] == 0)
                {
                    ready.Add((depth[child], _models[child].Path, child));
                }
            }
        }

        if (order.Count < _models.Count)
        {
            throw CycleError(order);
        }

        return order;
    }

    /// <summary>Walks refs from a model left unordered until a model repeats, so the message shows the cycle itself.</summary>
    private PipelineException CycleError(List<string> ordered)
    {
        var done = ordered.ToHashSet(StringComparer.Ordinal);
        var start = _models.Values.Where(m => !done.Contains(m.Name)).OrderBy(m => m.Path, StringComparer.Ordinal).First().Name;
        var path = new List<string>();
        var current = start;
        while (!path.Contains(current, StringComparer.Ordinal))
        {
            path.Add(current);
            current = _models[current].Refs.First(r => !done.Contains(r));
        }

        var cycle = path.Skip(path.IndexOf(current)).Append(current);
        return new PipelineException($"{_models[current].Path}: models ref each other in a cycle (each reads the next): {string.Join(" -> ", cycle)}.");
    }

    private static HashSet<string> Reachable(string start, Func<string, IEnumerable<string>> next)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(next(start));
        while (stack.TryPop(out var model))
        {
            if (seen.Add(model))
            {
                foreach (var neighbour in next(model))
                {
                    stack.Push(neighbour);
                }
            }
        }

        return seen;
    }
}
