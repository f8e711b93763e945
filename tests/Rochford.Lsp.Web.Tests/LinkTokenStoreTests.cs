// The link token store against Azurite: only hashes are stored; purpose, expiry (end of the day in
// Europe/London, on the injected clock) and single use are enforced; the issuer's URLs open the pages.

using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using Rochford.Lsp.Workflow;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Testing;
using Rochford.Lsp.Services;
using Rochford.Lsp.Services.Links;

namespace Rochford.Lsp.Web.Tests;

public sealed class LinkTokenStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly EmailLink ReportLink = new(LinkPurpose.SubmitReport, "ROC4", new FinancialQuarter(2009, 4), new LocalDate(2010, 5, 31));
    private static readonly EmailLink DecisionLink = new(LinkPurpose.DecideWithdrawal, "ROC4", null, new LocalDate(2010, 6, 30));

    private async Task<(LinkTokenStore Store, TableClient Table, SimulatedClock Clock)> NewStoreAsync(string start = "2010-03-17T09:00:00Z")
    {
        var table = await azurite.CreateTableAsync("links");
        var clock = new SimulatedClock(DateTimeOffset.Parse(start));
        return (new LinkTokenStore(table, clock), table, clock);
    }

    [Fact]
    public async Task CreateAsync_StoresOnlyTheHashOfA256BitToken()
    {
        var (store, table, _) = await NewStoreAsync();

        var token = await store.CreateAsync(ReportLink, "roc4.lead@example.org", "msg-1", AzuriteFixture.Timeout());

        Assert.Equal(43, token.Length);
        Assert.True(LinkToken.HasTokenShape(token));
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: AzuriteFixture.Timeout())) rows.Add(row);
        var stored = Assert.Single(rows);
        Assert.Equal(LinkToken.Hash(token), stored.RowKey);
        Assert.DoesNotContain(rows.SelectMany(r => r.Select(p => p.Value)).OfType<string>(), v => v.Contains(token, StringComparison.Ordinal));
        Assert.Equal("SubmitReport", stored.GetString("Purpose"));
        Assert.Equal("2009-10 Q4", stored.GetString("Quarter"));
        Assert.NotEqual(token, await store.CreateAsync(ReportLink, "roc4.lead@example.org", "msg-1", AzuriteFixture.Timeout()));
    }

    [Fact]
    public async Task FindAsync_ValidUnknownWrongPurposeAndMalformed()
    {
        var (store, _, _) = await NewStoreAsync();
        var token = await store.CreateAsync(ReportLink, "roc4.lead@example.org", "msg-1", AzuriteFixture.Timeout());

        var valid = Assert.IsType<LinkLookup.Valid>(await store.FindAsync(token, LinkPurpose.SubmitReport, AzuriteFixture.Timeout()));
        Assert.Equal("ROC4", valid.Link.ProjectCode);
        Assert.Equal("roc4.lead@example.org", valid.Link.RecipientEmail);
        Assert.IsType<LinkLookup.Unknown>(await store.FindAsync(token, LinkPurpose.InterimUpdate, AzuriteFixture.Timeout()));
        Assert.IsType<LinkLookup.Unknown>(await store.FindAsync(LinkToken.Create(), LinkPurpose.SubmitReport, AzuriteFixture.Timeout()));
        Assert.IsType<LinkLookup.Unknown>(await store.FindAsync(token + "x", LinkPurpose.SubmitReport, AzuriteFixture.Timeout()));
        Assert.IsType<LinkLookup.Unknown>(await store.FindAsync("../../etc/passwd", LinkPurpose.SubmitReport, AzuriteFixture.Timeout()));
        Assert.IsType<LinkLookup.Unknown>(await store.FindAsync(null, LinkPurpose.SubmitReport, AzuriteFixture.Timeout()));
    }

    [Fact]
    public async Task FindAsync_ExpiresAtTheEndOfTheDayInLondon_OnTheInjectedClock()
    {
        // 31 May 2010 is British Summer Time: the day ends at 23:00 UTC.
        var (store, _, clock) = await NewStoreAsync("2010-05-31T22:59:00Z");
        var token = await store.CreateAsync(ReportLink, "roc4.lead@example.org", "msg-1", AzuriteFixture.Timeout());

        Assert.IsType<LinkLookup.Valid>(await store.FindAsync(token, LinkPurpose.SubmitReport, AzuriteFixture.Timeout()));
        clock.AdvanceTo(DateTimeOffset.Parse("2010-05-31T23:00:00Z"));
        var expired = Assert.IsType<LinkLookup.Expired>(await store.FindAsync(token, LinkPurpose.SubmitReport, AzuriteFixture.Timeout()));
        Assert.Equal(new LocalDate(2010, 5, 31), expired.ExpiredAfter);
    }

    [Fact]
    public async Task ConsumeAsync_DecisionLinkWorksOnce_EvenWhenUsedConcurrently()
    {
        var (store, _, _) = await NewStoreAsync();
        var token = await store.CreateAsync(DecisionLink, "lsp.officer.a@example.org", "msg-2", AzuriteFixture.Timeout());

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.ConsumeAsync(token, LinkPurpose.DecideWithdrawal, AzuriteFixture.Timeout())));

        Assert.Single(results, r => r is LinkLookup.Valid);
        Assert.Equal(7, results.Count(r => r is LinkLookup.Used));
        Assert.IsType<LinkLookup.Used>(await store.FindAsync(token, LinkPurpose.DecideWithdrawal, AzuriteFixture.Timeout()));
    }

    [Fact]
    public async Task ConsumeAsync_ReportLinksAreNotSingleUse_SoLeadsCanAmend()
    {
        var (store, _, _) = await NewStoreAsync();
        var token = await store.CreateAsync(ReportLink, "roc4.lead@example.org", "msg-1", AzuriteFixture.Timeout());

        Assert.IsType<LinkLookup.Valid>(await store.ConsumeAsync(token, LinkPurpose.SubmitReport, AzuriteFixture.Timeout()));
        Assert.IsType<LinkLookup.Valid>(await store.ConsumeAsync(token, LinkPurpose.SubmitReport, AzuriteFixture.Timeout()));
    }

    [Fact]
    public async Task LinkIssuer_MintsAnAbsoluteUrlThatTheAppOpens()
    {
        await using var app = await AppProcess.StartAsync(azurite.Server, new Dictionary<string, string> { ["Clock__SimulatedStart"] = "2010-03-16T09:00:00Z" });
        using (await app.Http.PostAsync("dev/clock", new StringContent("""{"advanceTo":"2010-03-17T09:00:00Z"}""", System.Text.Encoding.UTF8, "application/json"))) { }
        var store = new LinkTokenStore(new TableClient(app.ConnectionString, app.TablePrefix + "links"), new SimulatedClock(DateTimeOffset.Parse("2010-03-17T09:00:00Z")));
        var issuer = new LinkIssuer(store, Options.Create(new LinkOptions { PublicBaseUrl = app.BaseAddress }));

        var report = await issuer.IssueAsync(ReportLink, "roc4.lead@example.org", "msg-3", AzuriteFixture.Timeout());
        var interim = await issuer.IssueAsync(new EmailLink(LinkPurpose.InterimUpdate, "ROC4", null, new LocalDate(2010, 5, 31)), "roc4.lead@example.org", "msg-4", AzuriteFixture.Timeout());
        using var page = await app.Http.GetAsync(report);
        using var interimPage = await app.Http.GetAsync(interim);

        Assert.StartsWith(app.BaseAddress + "report/", report.AbsoluteUri);
        Assert.StartsWith(app.BaseAddress + "interim/", interim.AbsoluteUri);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("SEE PCT", await page.Content.ReadAsStringAsync());
        // ROC4 is not on Red watch, so its interim link is live but has nothing to take.
        Assert.Equal(HttpStatusCode.Gone, interimPage.StatusCode);
    }

    [Fact]
    public void SharedServicesAndPages_RegisterOneLinkIssuerForTheEmailGlue()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();
        builder.Configuration["Storage:ConnectionString"] = azurite.Server.ConnectionString;
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSharedServices(builder.Configuration);
        Rochford.Lsp.Pages.PagesRegistration.AddPages(builder.Services);
        using var app = builder.Build();

        Assert.IsType<LinkIssuer>(app.Services.GetRequiredService<Rochford.Lsp.Email.ILinkIssuer>());
        Assert.Same(app.Services.GetRequiredService<LinkIssuer>(), app.Services.GetRequiredService<Rochford.Lsp.Email.ILinkIssuer>());
    }
}
