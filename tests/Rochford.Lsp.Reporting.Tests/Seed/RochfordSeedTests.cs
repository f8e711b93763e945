// Facts from the seed documents (the 2009-10 action plan and the March 2010 progress reports).

using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Seed;

namespace Rochford.Lsp.Reporting.Tests.Seed;

public sealed class RochfordSeedTests
{
    [Fact]
    public void Priorities_AreTheSevenOfTheActionPlan()
    {
        Assert.Equal(
            ["Supporting the Ageing Population", "Fostering Greater Community Cohesion", "Strengthening the Third Sector", "Increasing Accessibility to Services",
             "Keeping Rochford Safe", "Encouraging Economic Development", "Promoting a Greener District"],
            RochfordSeed.Priorities.Select(p => p.Name));
    }

    [Fact]
    public void Ni6_HasBaselineAndTargetAsPrinted()
    {
        var ni6 = RochfordSeed.Partnership.Indicator("NI 6");

        Assert.Equal("Participation in regular volunteering", ni6.Description);
        Assert.Equal("17.5% (2008/09)", ni6.Baselines.Single().ToString());
        Assert.Equal("19.5% (2010/11)", ni6.Targets.Single().ToString());
    }

    [Fact]
    public void Ni165_HasBaselineResultAndTargetAsPrinted()
    {
        var indicator = RochfordSeed.Partnership.Indicator("LI (NI 165)");

        Assert.Equal(["24.9% (2006)"], indicator.Baselines.Select(f => f.ToString()));
        Assert.Equal(["24.6% (2008/09)"], indicator.Results.Select(f => f.ToString()));
        Assert.Equal(["29.5% (2011)"], indicator.Targets.Select(f => f.ToString()));
    }

    [Fact]
    public void Ni7_HasATargetForEachYear()
    {
        Assert.Equal(["17.0% (2009/10)", "19.7% (2010/11)"], RochfordSeed.Partnership.Indicator("NI 7").Targets.Select(f => f.ToString()));
    }

    [Fact]
    public void KeepingRochfordSafe_IsLedByTheCdrpChair()
    {
        Assert.Equal("Chair of Rochford Crime and Disorder Reduction Partnership (CDRP)", RochfordSeed.Priorities[4].LspLead);
    }

    [Fact]
    public void Projects_AreTheEightCodedInTheProgressReports()
    {
        Assert.Equal(["ROC1", "ROC3", "ROC4", "ROC6", "ROC7", "ROC8", "ROC9", "ROC10"], RochfordSeed.Projects.Select(p => p.Code));
    }

    [Fact]
    public void Roc4_IsCarelineRunByTheSeePctForTheAgeingPopulation()
    {
        var careline = RochfordSeed.Partnership.Project("ROC4");

        Assert.Equal("Careline", careline.Name);
        Assert.Equal("SEE PCT", careline.Organisation);
        Assert.Equal(1, careline.StrategicPriority);
        Assert.Equal(["LI 2.1"], careline.PerformanceIndicators);
        Assert.StartsWith("To upgrade an existing monitoring only provision", careline.Objective);
    }

    [Fact]
    public void EveryProject_UsesIndicatorsAndAPriorityThatExist()
    {
        Assert.All(RochfordSeed.Projects, project =>
        {
            Assert.InRange(project.StrategicPriority, 1, 7);
            Assert.All(project.PerformanceIndicators, code => RochfordSeed.Partnership.Indicator(code));
        });
    }

    [Fact]
    public void ExampleValues_AreMarkedAndUseExampleOrgAddresses()
    {
        Assert.NotEmpty(RochfordSeed.Partnership.ExampleValues);
        Assert.True(RochfordSeed.Contacts.Officers.Count >= 2);
        Assert.All(RochfordSeed.Projects, p => Assert.EndsWith("@example.org", p.Lead.Email));
        Assert.EndsWith("@example.org", RochfordSeed.Contacts.ExecutiveChairEmail);
    }

    [Fact]
    public void ReallocationCandidates_ForRoc1_RankSameIndicatorFirst()
    {
        var candidates = ReallocationCandidates.Rank(RochfordSeed.Partnership.Project("ROC1"), RochfordSeed.Projects);

        Assert.Equal([CandidateReason.SameIndicator, CandidateReason.SameIndicator], candidates.Take(2).Select(c => c.Reason));
        Assert.Equal(["ROC10", "ROC8"], candidates.Take(2).Select(c => c.Project.Code));
        Assert.DoesNotContain(candidates, c => c.Project.Code == "ROC1");
    }

    [Fact]
    public void ReallocationCandidates_ForRoc9_PutTheSamePriorityBeforeTheRest()
    {
        var candidates = ReallocationCandidates.Rank(RochfordSeed.Partnership.Project("ROC9"), RochfordSeed.Projects, new HashSet<string> { "ROC10" });

        Assert.Equal(("ROC6", CandidateReason.SameIndicator), (candidates[0].Project.Code, candidates[0].Reason));
        Assert.All(candidates.Skip(1), c => Assert.Equal(CandidateReason.SameStreamOnly, c.Reason));
        Assert.DoesNotContain(candidates, c => c.Project.Code == "ROC10");
    }

    [Fact]
    public void ReallocationCandidates_ForCareline_FindNothingCloserThanTheSameStream()
    {
        Assert.All(ReallocationCandidates.Rank(RochfordSeed.Partnership.Project("ROC4"), RochfordSeed.Projects),
            c => Assert.Equal(CandidateReason.SameStreamOnly, c.Reason));
    }
}
