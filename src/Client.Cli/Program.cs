using PasswordManager.Client.Cli;

return await CliApp.RunAsync(args);
