using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Olist.Web.Components.Operations;

/// <summary>
/// An operations page: reloads what it shows when a run, task or backfill it cares about changes (at most a few times a
/// second), and knows whether the user is an operator. Actions check the operator policy again before they act, so a
/// hidden button is never the only guard.
/// </summary>
public abstract class OperationsComponent : ComponentBase, IDisposable
{
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(150);

    private readonly CancellationTokenSource _closed = new();
    private int _reloadPending;

    [Inject]
    private RunEvents Events { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    protected TimeProvider Clock { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>True when the user may act (trigger, retry, pause, backfill).</summary>
    protected bool IsOperator { get; private set; }

    /// <summary>Cancelled when the page goes away.</summary>
    protected CancellationToken Closed => _closed.Token;

    protected override async Task OnInitializedAsync()
    {
        IsOperator = await IsOperatorAsync();
        Events.Changed += OnChanged;
        await ReloadAsync();
    }

    /// <summary>Reads what the page shows from the ops store.</summary>
    protected abstract Task ReloadAsync();

    /// <summary>Whether a change concerns this page; all do unless a page narrows it.</summary>
    protected virtual bool Concerns(RunChange change) => true;

    /// <summary>
    /// Runs an operator action after checking the policy again (nothing is done for anyone else) and says how it went;
    /// a refused request (a bad date, a run that is not failed) is shown, never thrown.
    /// </summary>
    protected async Task<bool> AsOperatorAsync(Func<Task> action, string done)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!await IsOperatorAsync())
        {
            Snackbar.Add("Sign in as operator to do this.", MudBlazor.Severity.Warning);
            return false;
        }

        try
        {
            await action();
            Snackbar.Add(done, MudBlazor.Severity.Success);
            return true;
        }
        catch (PipelineException ex)
        {
            Snackbar.Add(ex.Message, MudBlazor.Severity.Error);
            return false;
        }
    }

    public void Dispose()
    {
        Events.Changed -= OnChanged;
        _closed.Cancel();
        _closed.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<bool> IsOperatorAsync()
    {
        if (AuthenticationState is null)
        {
            return false;
        }

        var user = (await AuthenticationState).User;
        return (await Authorization.AuthorizeAsync(user, OlistPolicies.Operator)).Succeeded;
    }

    private void OnChanged(RunChange change)
    {
        // The orchestrator announces from its own thread, often several changes at once: coalesce them into one reload.
        if (!Concerns(change) || Interlocked.Exchange(ref _reloadPending, 1) == 1)
        {
            return;
        }

        _ = InvokeAsync(async () =>
        {
            try
            {
                await Task.Delay(Coalesce, Clock, Closed);
                Interlocked.Exchange(ref _reloadPending, 0);
                await ReloadAsync();
                StateHasChanged();
            }
            catch (OperationCanceledException) when (Closed.IsCancellationRequested)
            {
                // The page closed meanwhile.
            }
#pragma warning disable CA1031 // Handed to the renderer, which shows it like any other component error.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                await DispatchExceptionAsync(ex);
            }
        });
    }
}
