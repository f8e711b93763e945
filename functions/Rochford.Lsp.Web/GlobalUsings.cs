// Storage, links and the email glue moved to Rochford.Lsp.Services, shared with the Functions app; the app's files use
// them as before, when they lived here.

global using Rochford.Lsp.Services;
global using Rochford.Lsp.Services.Links;
global using Rochford.Lsp.Services.Mail;
global using Rochford.Lsp.Pages;
