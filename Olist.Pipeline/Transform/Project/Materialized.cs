namespace Olist.Pipeline.Transform.Project;

/// <summary>How a model is stored in the warehouse.</summary>
public enum Materialized
{
    /// <summary>A view: the query runs whenever the model is read.</summary>
    View,

    /// <summary>A table rebuilt in full on every run.</summary>
    Table,

    /// <summary>A table whose day (<c>incremental_key</c>) is replaced when a run names one with <c>--ds</c>.</summary>
    Incremental,
}
