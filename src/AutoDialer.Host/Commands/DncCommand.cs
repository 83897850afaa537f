using System.CommandLine;
using AutoDialer.Cli;
using AutoDialer.PostgreSql.DoNotCall;

namespace AutoDialer.Host.Commands;

internal static class DncCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("file-or-number") { Description = "Numbers, or files: one number per line, or a CSV/.xlsx list whose phone column is named like a contact list's", Arity = ArgumentArity.OneOrMore };
        var add = new Command("add", "Add numbers to the do-not-call list (normalised like contacts)") { inputs };
        CliAction.Set(add, async (parse, cancellationToken) =>
        {
            var numbers = new List<string>();
            var refused = 0;
            foreach (var input in parse.GetValue(inputs)!)
            {
                if (!File.Exists(input))
                {
                    numbers.Add(input);
                    continue;
                }
                var read = await DoNotCallFile.ReadAsync(input, cancellationToken: cancellationToken);
                numbers.AddRange(read.Phones);
                refused += read.Refused.Count;
                foreach (var line in read.Refused)
                    Console.Error.WriteLine($"{input}: line {line.Line}: skipped '{line.Input}': {line.Reason}");
            }
            using var loggers = CliLogging.Create(parse.GetValue(CliOptions.Verbose));
            await using var database = await CliDatabase.OpenAsync(loggers, cancellationToken);
            var result = await new DoNotCallList(database.DataSource).AddAsync(numbers, "cli", cancellationToken: cancellationToken);
            Console.WriteLine($"added {result.Added}, already listed {result.AlreadyListed}, pending contacts suppressed {result.ContactsSuppressed}");
            foreach (var (input, reason) in result.Invalid)
                Console.Error.WriteLine($"skipped '{input}': {reason}");
            return (result.Invalid.Count > 0 || refused > 0) && result.Added + result.AlreadyListed == 0 ? 3 : 0;
        });
        return new Command("dnc", "Manage the do-not-call list") { add };
    }
}
