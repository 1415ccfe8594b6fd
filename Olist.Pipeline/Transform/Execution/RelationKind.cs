namespace Olist.Pipeline.Transform.Execution;

/// <summary>What a relation is in the warehouse right now.</summary>
internal enum RelationKind
{
    Missing,
    Table,
    View,
}
