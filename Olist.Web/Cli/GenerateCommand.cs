using Olist.Pipeline.Generation;

namespace Olist.Web.Cli;

/// <summary>The <c>generate</c> verb: writes a synthetic Olist dataset of the nine CSV files.</summary>
internal static class GenerateCommand
{
    public static Command Create(CliHost cli)
    {
        var scale = TypedOptions.Number(
            "--scale", "Scale factor: 1 gives the real dataset's size (about 1.5 million rows).", 1.0, s => s is > 0 and <= 100, "greater than 0 and at most 100");
        var seed = TypedOptions.WholeNumber(
            "--seed", "Seed of the generator: the same scale, seed and end date give the same bytes.", 42, _ => true, "a whole number");
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "Folder to write the nine CSV files to (created when missing).",
            Required = true,
        };
        var endDate = TypedOptions.OptionalDay("--end-date", "Last purchase day of the history (default: yesterday).");

        var command = new Command("generate", "Write a synthetic Olist dataset: the nine CSV files with the real names, headers and format.")
        {
            scale, seed, output, endDate,
        };
        command.SetAction((parseResult, cancellationToken) => VerbRunner.RunAsync("generate", () => cli.RunAsync(async services =>
        {
            var yesterday = DateOnly.FromDateTime(cli.TimeProvider.GetLocalNow().DateTime).AddDays(-1);
            var options = new GenerationOptions(
                parseResult.GetValue(scale),
                parseResult.GetValue(seed),
                parseResult.GetRequiredValue(output).FullName,
                parseResult.GetValue(endDate) ?? yesterday);
            var summary = await ConsoleProgress.RunAsync(
                "generate",
                progress => services.GetRequiredService<OlistGenerator>().GenerateAsync(options, progress, cancellationToken));
            foreach (var file in summary.Files)
            {
                Console.WriteLine($"{file.FileName}\t{file.Rows:N0} rows\t{file.Bytes:N0} bytes");
            }

            Console.WriteLine($"generated {summary.Files.Sum(f => f.Rows):N0} rows in {summary.Elapsed.TotalSeconds:N1} s into {options.OutputDirectory}");
            return 0;
        })));
        return command;
    }
}
