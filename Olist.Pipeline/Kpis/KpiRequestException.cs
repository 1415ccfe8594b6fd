namespace Olist.Pipeline.Kpis;

/// <summary>A KPI request naming an unknown KPI or an option value it does not take; carries the allowed values.</summary>
public sealed class KpiRequestException : InvalidRequestException
{
    public KpiRequestException()
    {
        Option = string.Empty;
        Allowed = [];
    }

    public KpiRequestException(string message)
        : base(message)
    {
        Option = string.Empty;
        Allowed = [];
    }

    public KpiRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
        Option = string.Empty;
        Allowed = [];
    }

    /// <summary>A bad value of <paramref name="option"/>; the message lists <paramref name="allowed"/>.</summary>
    public KpiRequestException(string option, string problem, IReadOnlyList<string> allowed)
        : base(allowed.Count > 0 ? $"{problem}; allowed: {string.Join(", ", allowed)}." : $"{problem}.")
    {
        Option = option;
        Allowed = allowed;
    }

    /// <summary>The option at fault: name (the KPI), grain, level, top, from, to or an unknown option's name.</summary>
    public string Option { get; }

    /// <summary>The values (or option names) that would have been accepted; empty for free-form values such as dates.</summary>
    public IReadOnlyList<string> Allowed { get; }
}
