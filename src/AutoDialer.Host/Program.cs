using System.CommandLine;
using AutoDialer.Host;
using AutoDialer.Host.Commands;

var root = new RootCommand("AutoDialer — outbound campaign auto-dialer")
{
    CliOptions.Verbose,
};
root.Add(DemoCommand.Create());
root.Add(MigrateCommand.Create());
root.Add(ImportCommand.Create());
root.Add(DncCommand.Create());
root.Add(ExportCommand.Create());
root.Add(BenchCommand.Create());
root.Add(ServeCommand.Create());
root.Add(SimulateCommand.Create());
root.Add(AuthCommand.Create());

return await root.Parse(args).InvokeAsync();
