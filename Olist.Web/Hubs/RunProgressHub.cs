namespace Olist.Web.Hubs;

/// <summary>
/// Pushes every change of a run, task or backfill to connected clients as <c>RunChanged</c> (runId, taskId, state,
/// backfillId), so a page or script follows runs as they progress without polling. Clients only listen.
/// </summary>
public sealed class RunProgressHub : Hub
{
    /// <summary>The client method every change is sent to.</summary>
    public const string RunChanged = "RunChanged";
}
