namespace Olist.Pipeline.Workspace;

/// <summary>Where the app's data stands: still being prepared, ready to query, or failed to prepare.</summary>
public enum DataPhase
{
    Preparing,
    Ready,
    Failed,
}
