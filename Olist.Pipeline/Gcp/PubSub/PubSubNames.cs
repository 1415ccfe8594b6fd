namespace Olist.Pipeline.Gcp.PubSub;

/// <summary>Pub/Sub resource names: <c>projects/P/topics/T</c> and <c>projects/P/subscriptions/S</c>, from ids or full names.</summary>
public static partial class PubSubNames
{
    /// <summary>The topic's full name; <paramref name="topic"/> may be an id or already a full name.</summary>
    public static string Topic(string projectId, string topic) => Name(projectId, "topics", topic);

    /// <summary>The subscription's full name; <paramref name="subscription"/> may be an id or already a full name.</summary>
    public static string Subscription(string projectId, string subscription) => Name(projectId, "subscriptions", subscription);

    /// <summary>The project of a full name such as <c>projects/P/topics/T</c>.</summary>
    public static string ProjectOf(string fullName)
    {
        var match = FullName().Match(fullName ?? string.Empty);
        return match.Success ? match.Groups["project"].Value : throw new PipelineException($"'{fullName}' is not a full Pub/Sub name such as projects/P/topics/T.");
    }

    private static string Name(string projectId, string collection, string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (id.StartsWith("projects/", StringComparison.Ordinal))
        {
            var match = FullName().Match(id);
            if (!match.Success || match.Groups["collection"].Value != collection)
            {
                throw new PipelineException($"'{id}' is not a Pub/Sub {collection} name (projects/P/{collection}/ID).");
            }

            Check(match.Groups["id"].Value, collection);
            return id;
        }

        if (string.IsNullOrWhiteSpace(projectId))
        {
            throw new PipelineException($"Pub/Sub needs a project id (Olist:Bus:ProjectId) to name {collection} '{id}'.");
        }

        Check(id, collection);
        return $"projects/{projectId}/{collection}/{id}";
    }

    /// <summary>Ids are 3 to 255 characters of letters, digits and <c>-_.~+%</c>, start with a letter and never with <c>goog</c>.</summary>
    private static void Check(string id, string collection)
    {
        if (!Id().IsMatch(id) || id.StartsWith("goog", StringComparison.OrdinalIgnoreCase))
        {
            throw new PipelineException(
                $"'{id}' is not a valid Pub/Sub {collection} id: 3 to 255 letters, digits or -_.~+%, starting with a letter, not with 'goog'.");
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9\\-_.~+%]{2,254}$")]
    private static partial Regex Id();

    [GeneratedRegex("^projects/(?<project>[^/]+)/(?<collection>topics|subscriptions)/(?<id>[^/]+)$")]
    private static partial Regex FullName();
}
