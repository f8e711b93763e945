// Emails name roles; the email activity addresses them when it sends, from the partnership's instance (its current
// contacts) and the project's current lead, on Azurite. Where storage has no partnership yet, the project's copy is used.

using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Partnership;
using Rochford.Lsp.Reporting.Seed;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Workflow.Tests;

public sealed class EmailAddressingTests
{
    private static readonly DateTimeOffset At = new(2010, 3, 17, 9, 0, 0, TimeSpan.Zero);

    private static readonly PartnershipContacts Changed = new(
        [new Person("LSP Officer A (example)", "lsp.officer.a@example.org"), new Person("LSP Officer C (example)", "lsp.officer.c@example.org")],
        "new.board@example.org", "new.chair@example.org");

    private static async Task<WorkflowTables> TablesAsync()
    {
        var azurite = await AzuriteServer.SharedAsync();
        return new WorkflowTables(new TableServiceClient(azurite.ConnectionString), "ea" + Guid.NewGuid().ToString("N")[..10]);
    }

    /// <summary>Records <paramref name="instanceId"/>'s state as its orchestration would (the summary row pages and the activity read).</summary>
    private static Task RecordAsync<TState>(WorkflowTables tables, string instanceId, TState state, IOrchestration<TState> decider, string partition)
        where TState : class =>
        new RecordTransitionActivity(tables).RunAsync(null!, new TransitionRecord(instanceId, 1, "start", At, "Started", null, false, [],
            new Dictionary<string, string>(), JsonSerializer.Serialize(state, decider.StateSerializerOptions), decider.StateVersion, partition));

    private static EmailBatch Batch(string instanceId, params (string Template, string[] To, string[] Cc)[] emails) => new(instanceId, 2,
        [.. emails.Select((e, i) => new EmailEffect($"{instanceId}/2/{i}", instanceId, 2, i, e.Template, e.To, e.Cc, "{}"))]);

    [Fact]
    public async Task Roles_AreAddressedWhenSent_FromThePartnershipsCurrentContacts_AndTheProjectsCurrentLead()
    {
        var tables = await TablesAsync();
        var careline = new ReportingCycle().Start("ROC4", new OrchestrationInput.Started("start", RochfordSeed.StartPayloadFor("ROC4", new LocalDate(2010, 1, 4)).ToJson()), At).State;
        careline = careline with { Project = careline.Project with { Lead = new Person("New lead", "new.lead@example.org") } };
        await RecordAsync(tables, "ROC4", careline, new ReportingCycle(), WorkflowTables.ProjectsPartition);
        // The partnership's instance holds contacts the project's copy does not have yet.
        var partnership = new PartnershipCycle().Start(PartnershipCycle.InstanceId, new OrchestrationInput.Started("start",
            PartnershipStart.ForProjects(Changed, CycleSettings.Default, RochfordSeed.Projects).ToJson()), At).State;
        await RecordAsync(tables, PartnershipCycle.InstanceId, partnership, new PartnershipCycle(), WorkflowTables.PartnershipPartition);
        var sender = new RecordingEmailSender();

        await new SendEmailsActivity(tables, sender, NullLogger<SendEmailsActivity>.Instance).RunAsync(null!, Batch("ROC4",
            ("RedNotice", [Recipients.Lead], [Recipients.Officers]),
            ("ExecutiveEscalation", [Recipients.ExecutiveBoard], [Recipients.ExecutiveChair, Recipients.Officers]),
            ("ReallocationProposal", [Recipients.OfficersExcept("LSP.OFFICER.A@example.org")], ["lsp.officer.a@example.org"])));

        var sent = sender.Calls.ToDictionary(e => e.Template);
        Assert.Equal(["new.lead@example.org"], sent["RedNotice"].To);
        Assert.Equal(["lsp.officer.a@example.org", "lsp.officer.c@example.org"], sent["RedNotice"].Cc);
        Assert.Equal(["new.board@example.org"], sent["ExecutiveEscalation"].To);
        Assert.Equal(["new.chair@example.org", "lsp.officer.a@example.org", "lsp.officer.c@example.org"], sent["ExecutiveEscalation"].Cc);
        Assert.Equal(["lsp.officer.c@example.org"], sent["ReallocationProposal"].To);
        Assert.Equal(["lsp.officer.a@example.org"], sent["ReallocationProposal"].Cc);
        // The email log shows whom each went to, as addressed.
        var log = await tables.EmailLogAsync(default).RowsAsync("ROC4");
        Assert.Contains(log, row => row.GetString("Template") == "ExecutiveEscalation" && row.GetString("To") == "new.board@example.org");
    }

    [Fact]
    public async Task Roles_WithNoPartnershipInstanceYet_AreAddressedFromTheProjectsCopy()
    {
        var tables = await TablesAsync();
        var careline = new ReportingCycle().Start("ROC4", new OrchestrationInput.Started("start", RochfordSeed.StartPayloadFor("ROC4", new LocalDate(2010, 1, 4)).ToJson()), At).State;
        await RecordAsync(tables, "ROC4", careline, new ReportingCycle(), WorkflowTables.ProjectsPartition);
        var sender = new RecordingEmailSender();

        await new SendEmailsActivity(tables, sender, NullLogger<SendEmailsActivity>.Instance).RunAsync(null!, Batch("ROC4",
            ("ExecutiveEscalation", [Recipients.ExecutiveBoard], [Recipients.Officers])));

        var sent = Assert.Single(sender.Calls);
        Assert.Equal(["lsp.executive@example.org"], sent.To);
        Assert.Equal(["lsp.officer.a@example.org", "lsp.officer.b@example.org"], sent.Cc);
    }
}
