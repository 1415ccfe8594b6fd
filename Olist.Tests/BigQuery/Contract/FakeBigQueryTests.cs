namespace Olist.Tests.BigQuery.Contract;

/// <summary>Tests against a fresh fake BigQuery each; any request that broke Google's discovery document fails the test when it ends.</summary>
public abstract class FakeBigQueryTests : IAsyncLifetime
{
    private FakeBigQueryServer? _fake;

    internal FakeBigQueryServer Fake => _fake ?? throw new InvalidOperationException("the fake starts with the test");

    public async Task InitializeAsync() => _fake = await FakeBigQueryServer.StartAsync();

    public async Task DisposeAsync()
    {
        await Fake.DisposeAsync();
        Assert.True(Fake.Violations.IsEmpty, $"requests broke the discovery document or the contract:\n{string.Join("\n", Fake.Violations)}");
    }
}
