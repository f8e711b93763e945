// The start payload: what a project's cycle needs to begin, and the refusals for what is missing.

using System.Text.Json.Nodes;
using NodaTime;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting.Seed;
using static Rochford.Lsp.Reporting.Tests.Cycle.Scenario;

namespace Rochford.Lsp.Reporting.Tests.Cycle;

public sealed class StartTests
{
    private static string StartRefusal(Action<JsonObject> change, string instanceId = "ROC4")
    {
        var json = JsonNode.Parse(StartJson())!.AsObject();
        change(json);
        return Assert.Throws<InputRefusedException>(() =>
            new ReportingCycle().Start(instanceId, new OrchestrationInput.Started("s", json.ToJsonString()), At(2010, 1, 4))).Message;
    }

    [Fact]
    public void StartPayload_SeedJson_RoundTripsThroughParse()
    {
        var payload = RochfordSeed.StartPayloadFor("ROC4", new LocalDate(2010, 1, 4));

        var parsed = StartPayload.Parse(payload.ToJson());

        Assert.Equal(payload.ToJson(), parsed.ToJson());
    }

    [Fact]
    public void Given_NoProject_When_Started_Then_RefusedWithTheField()
    {
        Assert.Equal("Start: 'Project' is required.", StartRefusal(json => json.Remove("Project")));
    }

    [Fact]
    public void Given_NegativeAward_When_Started_Then_Refused()
    {
        Assert.Equal("Start: 'Project.AmountAwarded' cannot be negative (-£1.00).", StartRefusal(json => json["Project"]!["AmountAwarded"] = -100));
    }

    [Fact]
    public void Given_OneOfficer_When_Started_Then_RefusedForFourEyes()
    {
        Assert.Equal("Start: 'Contacts.Officers' must list at least two officers with different email addresses, so that a reallocation can be approved by a second officer.",
            StartRefusal(json => json["Contacts"]!["Officers"]!.AsArray().RemoveAt(1)));
    }

    [Fact]
    public void Given_UnknownStream_When_Started_Then_Refused()
    {
        Assert.Equal("Start: 'Project.FundingStream' must be PerformanceRewardGrant or AdditionalVoluntarySupport, not 'Lottery'.",
            StartRefusal(json => json["Project"]!["FundingStream"] = "Lottery"));
    }

    [Fact]
    public void Given_BadSettings_When_Started_Then_Refused()
    {
        Assert.Equal("Start: 'Settings': The wake-up hour must be between 0 and 23.", StartRefusal(json => json["Settings"]!["WakeUpHour"] = 24));
    }

    [Fact]
    public void Given_InstanceIdOtherThanTheCode_When_Started_Then_Refused()
    {
        Assert.Equal("Start: the instance id 'careline' must be the project's code 'ROC4', so that other projects can send it reallocated funds.",
            StartRefusal(_ => { }, "careline"));
    }

    [Fact]
    public void Given_Started_When_StartedAgain_Then_Refused()
    {
        var state = Started().State;

        Assert.Equal("The reporting cycle of ROC4 has already started.",
            Assert.Throws<InputRefusedException>(() => new ReportingCycle().Decide(state, new OrchestrationInput.Started("s2", StartJson()), At(2010, 1, 5))).Message);
    }
}
