using System.CommandLine;
using AutoDialer.AspNetCore.Access;
using AutoDialer.Cli;

namespace AutoDialer.Host.Commands;

/// <summary><c>autodialer auth hash-password</c>: the value for <c>AutoDialer:Auth:Users[n]:PasswordHash</c>.</summary>
internal static class AuthCommand
{
    public static Command Create()
    {
        var hash = new Command("hash-password", "Read a password from standard input and print its hash for AutoDialer:Auth:Users");
        CliAction.Set(hash, (_, _) =>
        {
            // From stdin, never an argument: arguments end up in shell history and process listings.
            if (!Console.IsInputRedirected) Console.Error.Write("password: ");
            var password = Console.IsInputRedirected ? Console.In.ReadLine() : ReadHidden();
            if (string.IsNullOrEmpty(password)) throw new ArgumentException("an empty password cannot be used");
            Console.WriteLine(DashboardPasswords.Hash(password));
            return Task.FromResult(0);
        });
        return new Command("auth", "Dashboard and API access") { hash };
    }

    private static string ReadHidden()
    {
        var text = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (text.Length > 0) text.Length--; continue; }
            text.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return text.ToString();
    }
}
