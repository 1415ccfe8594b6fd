using System.Net.Http.Headers;
using static Olist.Tests.Web.SignInForms;

namespace Olist.Tests.Web.Hardening;

/// <summary>
/// Guessing at the default limits: an address that sends ten wrong passwords or keys within five minutes is locked
/// out (429 with Retry-After, even with the right credential) while other addresses carry on; sign-in posts are
/// rate-limited even when right. Each test uses addresses of its own, so the lockouts do not meet.
/// </summary>
public sealed class BruteForceTests(HardenedServer server) : IClassFixture<HardenedServer>
{
    [Fact]
    public async Task Fifty_wrong_passwords_lock_the_address_out_after_ten_and_the_right_one_then_waits()
    {
        using var attacker = server.Client("203.0.113.21");
        using var operatorElsewhere = server.Client("203.0.113.22");

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 50; i++)
        {
            using var response = await SignInAsync(attacker, $"guess-{i}");
            answers.Add(response.StatusCode);
        }

        using var rightButLocked = await SignInAsync(attacker, HardenedServer.OperatorPassword);
        using var rightElsewhere = await SignInAsync(operatorElsewhere, HardenedServer.OperatorPassword);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 10), answers.Take(10));
        Assert.All(answers.Skip(10), status => Assert.Equal(HttpStatusCode.TooManyRequests, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, rightButLocked.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, rightElsewhere.StatusCode);
    }

    [Theory]
    [InlineData("X-Api-Key", "/api/events/orders", "203.0.113.31", "203.0.113.32")]
    [InlineData("X-Operator-Key", "/api/schedule/pause", "203.0.113.33", "203.0.113.34")]
    public async Task Three_hundred_wrong_keys_lock_the_address_out_after_ten(string header, string path, string attackerAddress, string otherAddress)
    {
        using var attacker = server.Client(attackerAddress);
        using var other = server.Client(otherAddress);
        var rightKey = header == PublisherKey.Header ? HardenedServer.PublisherApiKey : HardenedServer.OperatorApiKey;

        var answers = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 300; i++)
        {
            last?.Dispose();
            last = await attacker.SendAsync(Post(path, header, $"wrong-{i}"));
            answers.Add(last.StatusCode);
        }

        using var rightButLocked = await attacker.SendAsync(Post(path, header, rightKey));
        using var rightElsewhere = await other.SendAsync(Post(path, header, rightKey));

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 10), answers.Take(10));
        Assert.All(answers.Skip(10), status => Assert.Equal(HttpStatusCode.TooManyRequests, status));
        Assert.True(last!.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(14), $"Retry-After: {last.Headers.RetryAfter}");
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType?.MediaType);
        last.Dispose();
        Assert.Equal(HttpStatusCode.TooManyRequests, rightButLocked.StatusCode);
        Assert.True(rightElsewhere.IsSuccessStatusCode, $"the right key from another address: {rightElsewhere.StatusCode}");
    }

    [Fact]
    public async Task The_eleventh_sign_in_of_a_minute_is_refused_even_with_the_right_password()
    {
        using var client = server.Client("203.0.113.41");

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            using var response = await SignInAsync(client, HardenedServer.OperatorPassword);
            answers.Add(response.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Redirect, 10), answers.Take(10));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[10]);
    }

    private static HttpRequestMessage Post(string path, string header, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("{}", MediaTypeHeaderValue.Parse("application/json")) };
        request.Headers.Add(header, key);
        return request;
    }
}
