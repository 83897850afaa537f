using System.CommandLine;
using AutoDialer.Bench.Commands;
using AutoDialer.Chaos.Commands;
using AutoDialer.Cli;
using AutoDialer.Host.Commands;
using AutoDialer.Simulation.Commands;

var root = new RootCommand("AutoDialer — outbound campaign auto-dialer")
{
    CliOptions.Verbose,
};
root.Add(DemoCommand.Create());
root.Add(MigrateCommand.Create());
root.Add(ImportCommand.Create());
root.Add(DncCommand.Create());
root.Add(ExportCommand.Create());
// bench dashboard times the ready-made server itself.
root.Add(BenchCommand.Create((connectionString, urls) => ServeCommand.Build(connectionString, urls, verbose: false, quiet: true)));
root.Add(ServeCommand.Create());
root.Add(SimulateCommand.Create());
if (!OperatingSystem.IsWindows()) root.Add(ChaosCommand.Create()); // it runs PostgreSQL and signals processes the POSIX way
root.Add(AuthCommand.Create());

var parse = root.Parse(args);
// serve's host handles SIGTERM and Ctrl+C itself and stops within its shutdown timeout (shutdownTimeoutSeconds, default
// 30 s); System.CommandLine's own handler would end the process 2 s after the signal, in the middle of that stop.
var invocation = parse.CommandResult.Command.Name == ServeCommand.Name ? new InvocationConfiguration { ProcessTerminationTimeout = null } : null;
return await parse.InvokeAsync(invocation);
