using Escalator.Cli;

return await EscalatorApp.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
