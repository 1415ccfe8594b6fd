using System.Reflection;
using System.Reflection.Emit;

namespace Olist.Tests.Architecture;

/// <summary>
/// Which namespaces of an assembly use which others, from two sources that together miss nothing: the compiled code
/// (every type, field and method a type's signatures and method bodies name) and the <c>using</c> directives of its
/// source files, which show the constants the compiler copies into the code (a status name, a table name) and so leaves
/// no reference to. With unused usings an error in this build, every directive is a real use.
/// </summary>
internal sealed partial class NamespaceGraph
{
    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private readonly Dictionary<string, HashSet<string>> _uses = new(StringComparer.Ordinal);

    private NamespaceGraph(string root) => Root = root;

    /// <summary>The root namespace, such as <c>Olist.Pipeline</c>; only namespaces under it are nodes.</summary>
    public string Root { get; }

    /// <summary>Every edge: a namespace and a namespace it uses (never itself).</summary>
    public IEnumerable<(string From, string To)> Edges =>
        _uses.SelectMany(u => u.Value.Select(to => (u.Key, to))).OrderBy(e => e.Key, StringComparer.Ordinal).ThenBy(e => e.to, StringComparer.Ordinal);

    /// <summary>The graph of <paramref name="assembly"/>'s namespaces, with the usings of the sources under <paramref name="sourceDirectory"/>.</summary>
    public static NamespaceGraph Of(Assembly assembly, string sourceDirectory)
    {
        var graph = new NamespaceGraph(assembly.GetName().Name!);
        foreach (var type in assembly.GetTypes())
        {
            foreach (var used in UsedTypes(type))
            {
                graph.Add(type.Namespace, used.Namespace);
            }
        }

        foreach (var file in Directory.EnumerateFiles(sourceDirectory, "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj")))
        {
            var text = File.ReadAllText(file);
            var declared = FileNamespace().Match(text);
            foreach (Match directive in UsingDirective().Matches(text))
            {
                graph.Add(declared.Success ? declared.Groups[1].Value : null, directive.Groups[1].Value);
            }
        }

        return graph;
    }

    /// <summary>The graph with every namespace cut to its first level under the root, such as <c>Olist.Pipeline.Streaming</c>.</summary>
    public NamespaceGraph TopLevel()
    {
        var top = new NamespaceGraph(Root);
        foreach (var (from, to) in Edges)
        {
            top.Add(TopOf(from), TopOf(to));
        }

        return top;
    }

    /// <summary>The edges from a namespace under <paramref name="from"/> to one under <paramref name="to"/>.</summary>
    public IReadOnlyList<string> Between(string from, string to) =>
        [.. Edges.Where(e => Within(e.From, from) && Within(e.To, to)).Select(e => $"{e.From} -> {e.To}")];

    /// <summary>The namespaces outside <paramref name="allowed"/> that a namespace under <paramref name="from"/> uses.</summary>
    public IReadOnlyList<string> UsesOutside(string from, params string[] allowed) =>
        [.. Edges.Where(e => Within(e.From, from) && !Within(e.To, from) && !allowed.Any(a => Within(e.To, a))).Select(e => $"{e.From} -> {e.To}")];

    /// <summary>Every cycle's namespaces, in the order they lead round, one cycle per strongly connected group.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var nodes = _uses.Keys.Concat(_uses.Values.SelectMany(v => v)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var cycles = new List<IReadOnlyList<string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in nodes)
        {
            if (seen.Contains(start) || PathBack(start, start, []) is not { } cycle)
            {
                continue;
            }

            cycles.Add(cycle);
            seen.UnionWith(cycle);
        }

        return cycles;
    }

    private List<string>? PathBack(string node, string target, HashSet<string> visited)
    {
        foreach (var next in _uses.GetValueOrDefault(node, []).Order(StringComparer.Ordinal))
        {
            if (next == target)
            {
                return [node];
            }

            if (visited.Add(next) && PathBack(next, target, visited) is { } rest)
            {
                return [node, .. rest];
            }
        }

        return null;
    }

    private void Add(string? from, string? to)
    {
        if (from is null || to is null || from == to || !Within(from, Root) || !Within(to, Root) || from == Root || to == Root)
        {
            return;
        }

        if (!_uses.TryGetValue(from, out var targets))
        {
            targets = new HashSet<string>(StringComparer.Ordinal);
            _uses[from] = targets;
        }

        targets.Add(to);
    }

    private string TopOf(string name)
    {
        var rest = name[(Root.Length + 1)..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? name : $"{Root}.{rest[..dot]}";
    }

    private static bool Within(string name, string root) =>
        name == root || name.StartsWith(root + ".", StringComparison.Ordinal);

    /// <summary>The types <paramref name="type"/> names: base, interfaces, member signatures, locals, and what its method bodies call, read or create.</summary>
    private static List<Type> UsedTypes(Type type)
    {
        var used = new List<Type>();
        void Note(Type? t)
        {
            while (t is { HasElementType: true })
            {
                t = t.GetElementType();
            }

            if (t is null || t.IsGenericParameter)
            {
                return;
            }

            used.Add(t);
            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                foreach (var argument in t.GetGenericArguments())
                {
                    Note(argument);
                }
            }
        }

        Note(type.BaseType);
        foreach (var face in type.GetInterfaces())
        {
            Note(face);
        }

        foreach (var field in type.GetFields(Declared))
        {
            Note(field.FieldType);
        }

        foreach (var property in type.GetProperties(Declared))
        {
            Note(property.PropertyType);
        }

        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (method is MethodInfo info)
            {
                Note(info.ReturnType);
            }

            foreach (var parameter in method.GetParameters())
            {
                Note(parameter.ParameterType);
            }

            var body = method.GetMethodBody();
            if (body is null)
            {
                continue;
            }

            foreach (var local in body.LocalVariables)
            {
                Note(local.LocalType);
            }

            foreach (var member in Tokens(method, body.GetILAsByteArray() ?? []))
            {
                switch (member)
                {
                    case Type t:
                        Note(t);
                        break;
                    case MethodInfo m:
                        Note(m.DeclaringType);
                        foreach (var argument in m.IsGenericMethod ? m.GetGenericArguments() : [])
                        {
                            Note(argument);
                        }

                        break;
                    case MemberInfo m:
                        Note(m.DeclaringType);
                        break;
                }
            }
        }

        return used;
    }

    /// <summary>The types, methods and fields the IL of <paramref name="method"/> names by token.</summary>
    private static IEnumerable<MemberInfo> Tokens(MethodBase method, byte[] il)
    {
        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var position = 0;
        while (position < il.Length)
        {
            var value = (short)il[position++];
            if (value == 0xFE)
            {
                value = (short)(0xFE00 | il[position++]);
            }

            var code = OpCodesByValue[value];
            switch (code.OperandType)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok:
                    yield return method.Module.ResolveMember(BitConverter.ToInt32(il, position), typeArguments, methodArguments)!;
                    position += 4;
                    break;
                case OperandType.InlineSwitch:
                    position += 4 + (4 * BitConverter.ToInt32(il, position));
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    position += 8;
                    break;
                case OperandType.InlineBrTarget or OperandType.InlineI or OperandType.InlineSig or OperandType.InlineString or OperandType.ShortInlineR:
                    position += 4;
                    break;
                case OperandType.InlineVar:
                    position += 2;
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    position += 1;
                    break;
            }
        }
    }

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();

    [GeneratedRegex(@"^using ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();
}
