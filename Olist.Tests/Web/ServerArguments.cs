namespace Olist.Tests.Web;

/// <summary>Command-line arguments that start the real app on a free loopback port over a test's own data directory.</summary>
internal static class ServerArguments
{
    public static string[] For(TemporaryDataDirectory data) =>
    [
        "--urls", "http://127.0.0.1:0",
        $"--Olist:DataDirectory={data.Paths.Root}",
        $"--Olist:FirstRun:Scale={TemporaryDataDirectory.TinyScale.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        "--environment", "Development",
    ];
}
