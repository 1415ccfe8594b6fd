using Cronos;

namespace Olist.Pipeline.Orchestration.Scheduling;

/// <summary>
/// A cron expression read in a time zone. As in Airflow, the run fired at the end of an interval processes the interval
/// that just closed: its logical date is the previous fire time's local date. With <c>0 23 * * *</c>, the run fired at
/// 23:00 on day D has <c>ds</c> = D-1, a day whose orders are complete.
/// </summary>
public sealed class CronSchedule
{
    private static readonly TimeSpan[] LookBack = [TimeSpan.FromDays(1), TimeSpan.FromDays(8), TimeSpan.FromDays(32), TimeSpan.FromDays(367), TimeSpan.FromDays(1500)];

    private readonly CronExpression _expression;

    public CronSchedule(string cron, string timeZone)
    {
        try
        {
            _expression = CronExpression.Parse(cron);
        }
        catch (CronFormatException ex)
        {
            throw new PipelineException($"Olist:Schedule:Cron '{cron}' is not a five-field cron expression: {ex.Message}", ex);
        }

        try
        {
            TimeZone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        }
        catch (TimeZoneNotFoundException ex)
        {
            throw new PipelineException($"Olist:Schedule:TimeZone '{timeZone}' is not a known time zone (use an IANA name such as America/Sao_Paulo).", ex);
        }

        Cron = cron;
    }

    public string Cron { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>The first fire time strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset? NextFire(DateTimeOffset after) => _expression.GetNextOccurrence(after, TimeZone);

    /// <summary>Fire times in (<paramref name="after"/>, <paramref name="until"/>], oldest first.</summary>
    public IReadOnlyList<DateTimeOffset> FiresBetween(DateTimeOffset after, DateTimeOffset until) =>
        until <= after ? [] : [.. _expression.GetOccurrences(after, until, TimeZone, fromInclusive: false, toInclusive: true)];

    /// <summary>The day a fire processes: the local date of the fire before it.</summary>
    public DateOnly LogicalDateOf(DateTimeOffset fire)
    {
        foreach (var span in LookBack)
        {
            if (_expression.GetOccurrences(fire - span, fire, TimeZone, fromInclusive: true, toInclusive: false).LastOrDefault() is { } previous && previous != default)
            {
                return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(previous, TimeZone).DateTime);
            }
        }

        throw new PipelineException($"the cron expression '{Cron}' fires too rarely to have a previous fire before {fire:O}.");
    }
}
