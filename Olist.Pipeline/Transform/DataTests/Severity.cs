namespace Olist.Pipeline.Transform.DataTests;

/// <summary>What a failing test does to the run: an error fails it and skips everything downstream, a warning only reports.</summary>
public enum Severity
{
    /// <summary>Failing rows fail the tested model.</summary>
    Error,

    /// <summary>Failing rows are reported; the run goes on.</summary>
    Warn,
}
