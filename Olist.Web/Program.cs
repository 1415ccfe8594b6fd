using Olist.Web.Cli;

return await OlistCommandLine.InvokeAsync(args);
