using Olist.Pipeline.Progress;

namespace Olist.Web.Cli;

/// <summary>Shows progress of long verbs: live bars on a terminal, plain lines when output is redirected.</summary>
internal static class ConsoleProgress
{
    /// <summary>Runs <paramref name="work"/> while showing the progress it reports.</summary>
    public static async Task<T> RunAsync<T>(string title, Func<IProgress<WorkProgress>, Task<T>> work)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await work(new PlainLineProgress(title, Console.Error));
        }

        return await AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new SpinnerColumn())
            .StartAsync(context => work(new ProgressBars(context)));
    }

    /// <summary>One bar per step, created when the step first reports.</summary>
    private sealed class ProgressBars(ProgressContext context) : IProgress<WorkProgress>
    {
        private readonly Dictionary<string, ProgressTask> _bars = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();

        public void Report(WorkProgress value)
        {
            lock (_gate)
            {
                if (!_bars.TryGetValue(value.Step, out var bar))
                {
                    bar = context.AddTask(Markup.Escape(value.Step), maxValue: Math.Max(1, value.Total ?? 1));
                    _bars[value.Step] = bar;
                }

                if (value.Total is { } total)
                {
                    bar.MaxValue = Math.Max(1, total);
                    bar.Value = Math.Min(value.Done, bar.MaxValue);
                }
                else
                {
                    bar.IsIndeterminate = true;
                }
            }
        }
    }

    /// <summary>A line when a step starts, at every tenth of it, and when it ends, so logs stay short.</summary>
    private sealed class PlainLineProgress(string title, TextWriter output) : IProgress<WorkProgress>
    {
        private readonly Dictionary<string, int> _lastTenth = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();

        public void Report(WorkProgress value)
        {
            var tenth = value.Fraction is { } fraction ? (int)(fraction * 10) : 0;
            lock (_gate)
            {
                if (_lastTenth.TryGetValue(value.Step, out var last) && last == tenth)
                {
                    return;
                }

                _lastTenth[value.Step] = tenth;
                var amount = value.Total is { } total ? $"{value.Done:N0}/{total:N0} ({tenth * 10}%)" : $"{value.Done:N0}";
                var detail = value.Detail is null ? string.Empty : $" {value.Detail}";
                output.WriteLine($"{title}: {value.Step} {amount}{detail}");
            }
        }
    }
}
