namespace Olist.Web.Security;

/// <summary>Names of the app's authorization policies, so pages, hubs and endpoints ask for the same role.</summary>
public static class OlistPolicies
{
    /// <summary>Operators: trigger, backfill, retry, pause and resume runs, replay dead letters; everything that changes state.</summary>
    public const string Operator = "operator";
}
