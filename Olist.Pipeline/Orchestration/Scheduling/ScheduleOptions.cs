namespace Olist.Pipeline.Orchestration.Scheduling;

/// <summary>When the daily DAG runs (configuration section <c>Olist:Schedule</c>).</summary>
public sealed class ScheduleOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Olist:Schedule";

    /// <summary>Five-field cron expression of the fire times.</summary>
    public string Cron { get; set; } = "0 23 * * *";

    /// <summary>IANA time zone the cron expression is read in.</summary>
    public string TimeZone { get; set; } = "America/Sao_Paulo";

    /// <summary>After downtime (or a pause), run every missed day; when false, only the latest.</summary>
    public bool Catchup { get; set; } = true;

    /// <summary>Whether the scheduler starts paused on a new data directory; afterwards pause and resume are kept in the ops store.</summary>
    public bool Paused { get; set; }
}
