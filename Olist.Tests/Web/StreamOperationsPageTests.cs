using Olist.Web.Components.Pages.Ops;
using Olist.Web.Streaming;

namespace Olist.Tests.Web;

/// <summary>The /ops/stream page over the real consumer: bus and consumer state, counters, dead letters by reason, and their bytes shown safely.</summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes the context through IAsyncLifetime.DisposeAsync.")]
public sealed class StreamOperationsPageTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly StreamPageContext _context = new();

    public Task InitializeAsync() => _context.StartAsync();

    public Task DisposeAsync() => _context.DisposeAsync().AsTask();

    [Fact]
    public async Task Shows_the_consumer_the_counters_and_the_dead_letters_by_reason()
    {
        var orders = await _context.GenerateOrdersAsync(2, seed: 5);
        await _context.PublishAndSettleAsync([.. orders, orders[0], "not json"u8.ToArray(), "{ also not"u8.ToArray()]);

        var page = _context.Bunit.Render<StreamOperations>();

        page.WaitForAssertion(() => Assert.Equal("running", page.Find("[data-testid=consumer-state]").TextContent.Trim()), Patience);
        Assert.Equal("0", page.Find("[data-testid=backlog]").TextContent.Trim());
        Assert.Equal("2", page.Find("[data-testid=accepted]").TextContent.Trim());
        Assert.Equal("1", page.Find("[data-testid=duplicates]").TextContent.Trim());
        Assert.Equal("2", page.Find("[data-testid=dead-lettered]").TextContent.Trim());
        Assert.Equal("2", page.Find("tr[data-reason=malformed_json] [data-testid=reason-count]").TextContent.Trim());
        Assert.Equal(2, page.FindAll("tr[data-message]").Count);
    }

    [Fact]
    public async Task A_dead_letter_s_bytes_are_shown_as_text_and_hex_never_as_markup()
    {
        byte[] body = [.. "<script>alert('x')</script><b>bold</b>"u8, 0x00, 0xff, (byte)'\n'];
        await _context.PublishAndSettleAsync([body]);
        var page = _context.Bunit.Render<StreamOperations>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tr[data-message]")), Patience);

        await page.InvokeAsync(() => page.Find("[data-testid=toggle-body]").Click());

        var text = page.Find("[data-testid=body-text]");
        Assert.Equal(DeadLetterBody.Text(body), text.TextContent);
        Assert.StartsWith("<script>alert('x')</script><b>bold</b>\u2400\uFFFD", text.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=body-text] script, [data-testid=body-text] b"));
        Assert.StartsWith("000000  3c 73 63 72 69 70 74 3e", page.Find("[data-testid=body-hex]").TextContent, StringComparison.Ordinal);
        Assert.Contains("|<script>alert('x|", page.Find("[data-testid=body-hex]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_an_operator_sees_replay_and_a_replayed_reason_goes_back_on_the_bus()
    {
        await _context.PublishAndSettleAsync(["not json"u8.ToArray()]);
        var anonymous = _context.Bunit.Render<StreamOperations>();
        anonymous.WaitForAssertion(() => Assert.Single(anonymous.FindAll("tr[data-message]")), Patience);
        Assert.Empty(anonymous.FindAll("[data-testid=replay-reason], [data-testid=replay-letter]"));

        _context.Authorization.SetAuthorized("operator").SetRoles(OlistPolicies.OperatorRole).SetPolicies(OlistPolicies.Operator);
        var page = _context.Bunit.Render<StreamOperations>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=replay-letter]")), Patience);
        await page.InvokeAsync(() => page.Find("tr[data-reason=malformed_json] [data-testid=replay-reason]").Click());

        // Still malformed: the consumer takes the replay and dead-letters it again, so the counter reaches 2.
        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=dead-lettered]").TextContent.Trim()), Patience);
        Assert.Equal("1", page.Find("tr[data-reason=malformed_json] [data-testid=reason-count]").TextContent.Trim());
    }

    [Fact]
    public void Long_bodies_are_cut_and_say_how_much_is_left()
    {
        var body = Encoding.UTF8.GetBytes(new string('a', DeadLetterBody.MaxShownBytes + 10));

        Assert.EndsWith("… 10 more bytes (4,106 in all)", DeadLetterBody.Text(body), StringComparison.Ordinal);
        var hexLines = DeadLetterBody.Hex(body).Split('\n');
        Assert.Equal(DeadLetterBody.MaxShownBytes / 16, hexLines.Count(l => l.EndsWith("|aaaaaaaaaaaaaaaa|", StringComparison.Ordinal)));
        Assert.StartsWith("000ff0  61", hexLines[(DeadLetterBody.MaxShownBytes / 16) - 1], StringComparison.Ordinal);
        Assert.Equal("… 10 more bytes (4,106 in all)", hexLines[^1]);
    }
}
