using Microsoft.AspNetCore.Components;
using Olist.Web.FirstRun;

namespace Olist.Web.Components.Common;

/// <summary>A component that shows the data's status and re-renders live as the first run reports progress.</summary>
public abstract class DataStatusComponent : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _closed = new();

    [Inject]
    private DataPreparationState Preparation { get; set; } = default!;

    /// <summary>Cancelled when the component goes away, so queries it started stop with it.</summary>
    protected CancellationToken Closed => _closed.Token;

    /// <summary>The status as of the latest render.</summary>
    protected DataStatus Status { get; private set; } = DataStatus.Starting;

    protected override Task OnInitializedAsync()
    {
        Status = Preparation.Current;
        Preparation.Changed += OnPreparationChanged;
        return OnStatusChangedAsync();
    }

    /// <summary>Runs on the component's dispatcher after <see cref="Status"/> changed, before the re-render.</summary>
    protected virtual Task OnStatusChangedAsync() => Task.CompletedTask;

    public void Dispose()
    {
        Preparation.Changed -= OnPreparationChanged;
        _closed.Cancel();
        _closed.Dispose();
        GC.SuppressFinalize(this);
    }

    private void OnPreparationChanged(DataStatus status) =>
        // The first run reports from its own thread; the render must happen on the circuit's dispatcher.
        _ = InvokeAsync(async () =>
        {
            try
            {
                Status = status;
                await OnStatusChangedAsync();
                StateHasChanged();
            }
#pragma warning disable CA1031 // Handed to the renderer, which shows it like any other component error.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                await DispatchExceptionAsync(ex);
            }
        });
}
