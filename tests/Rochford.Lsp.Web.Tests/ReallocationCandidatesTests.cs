// The reallocation form offers the domain's ranking (ReallocationCandidates.Rank), not a copy of it: same stream, the same
// performance indicators first, and no project that is no longer funded.

using NodaTime;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Pages.Staff;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Seed;

namespace Rochford.Lsp.Web.Tests;

public sealed class ReallocationCandidatesTests
{
    private static readonly ReportingCycle Cycle = new();
    private static readonly DateTimeOffset Start = new(2010, 1, 4, 9, 0, 0, TimeSpan.Zero);

    private static ProjectState Started(StartPayload payload) =>
        Cycle.Start(payload.Project.Code, new OrchestrationInput.Started("start", payload.ToJson()), Start).State;

    [Fact]
    public void Candidates_AreTheDomainsRanking_InTheSameStream_WithoutProjectsNoLongerFunded()
    {
        var today = new LocalDate(2010, 1, 4);
        var states = RochfordSeed.Partnership.Projects.Select(p => Started(RochfordSeed.StartPayloadFor(p.Code, today))).ToList();
        var careline = states.Single(s => s.Project.Code == "ROC4");
        // ROC8 is completed; ROC7 is moved to the other stream.
        var completed = Cycle.Decide(states.Single(s => s.Project.Code == "ROC8"), new OrchestrationInput.EventRaised("c", nameof(MarkProjectCompleted),
            System.Text.Json.JsonSerializer.Serialize(new { Officer = RochfordSeed.Contacts.Officers[0] })), Start).State;
        var otherStream = states.Single(s => s.Project.Code == "ROC7") is var roc7
            ? roc7 with { Project = roc7.Project with { FundingStream = FundingStream.AdditionalVoluntarySupport } }
            : null!;
        var all = states.Select(s => s.Project.Code switch { "ROC8" => completed, "ROC7" => otherStream, _ => s }).ToList();

        var offered = ProposeReallocationAction.Candidates(careline, all).Select(p => p.Code).ToList();

        Assert.Equal(Phase.Completed, completed.Phase);
        Assert.DoesNotContain("ROC4", offered);
        Assert.DoesNotContain("ROC8", offered);
        Assert.DoesNotContain("ROC7", offered);
        var ranked = ReallocationCandidates.Rank(careline.Project, all.Select(s => s.Project), new HashSet<string> { "ROC8" });
        Assert.Equal(ranked.Select(c => c.Project.Code), offered);
        Assert.NotEmpty(offered);
        // Best first: nobody after a candidate shares more of Careline's indicators within the same reason.
        Assert.Equal(ranked.OrderBy(c => c.Reason).ThenByDescending(c => c.SharedIndicators.Count).Select(c => c.Project.Code), offered);
    }
}
