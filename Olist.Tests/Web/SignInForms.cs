namespace Olist.Tests.Web;

/// <summary>Posts the app's forms as a browser does: with the anti-forgery token its page rendered.</summary>
internal static class SignInForms
{
    /// <summary>The anti-forgery token rendered on <paramref name="path"/>.</summary>
    public static async Task<string> TokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        const string Marker = "name=\"__RequestVerificationToken\" value=\"";
        var start = html.IndexOf(Marker, StringComparison.Ordinal);
        Assert.True(start >= 0, $"{path} renders no anti-forgery token");
        start += Marker.Length;
        return html[start..html.IndexOf('"', start)];
    }

    /// <summary>A form body of <paramref name="fields"/>.</summary>
    public static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    /// <summary>Signs in as <c>operator</c> with <paramref name="password"/> through the sign-in form, token included.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string password) =>
        await client.PostAsync(
            "/signin",
            Form(("__RequestVerificationToken", await TokenAsync(client, "/signin")), ("_handler", "signin"), ("Input.UserName", "operator"), ("Input.Password", password)));
}
