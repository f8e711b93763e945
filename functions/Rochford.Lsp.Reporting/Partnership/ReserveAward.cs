// Money is promised only by the ledger (ARCHITECTURE.md rule 10, issue 21): a new project's award is reserved on the
// partnership's ledger before its reporting cycle starts. The page raises ReserveAward with the form's submission id; the
// partnership accepts it (the award leaves the stream's unallocated balance at once, earmarked for the project) or refuses
// it in words (not enough unallocated money; the code added already, by whom and when); only then does the page start the
// project, whose own award, raised as it starts, is then the reservation taken up rather than a second award.

using System.Text.Json.Serialization;
using NodaTime;
using Rochford.Lsp.Reporting.Cycle;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Json;

namespace Rochford.Lsp.Reporting.Partnership;

/// <summary>An officer asks the partnership to reserve a new project's award (the new-project form).</summary>
/// <param name="Officer">Who adds the project (one of the partnership's officers).</param>
/// <param name="SubmissionId">The form's id: the same form again is the same reservation, whatever it says the second time.</param>
/// <param name="Project">The project, its stream and its award.</param>
/// <param name="MonitoringStarts">When its monitoring starts (its start payload's).</param>
public sealed record ReserveAward(
    Person Officer,
    string SubmissionId,
    ProjectProfile Project,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate MonitoringStarts)
{
    /// <summary>The input's name.</summary>
    public const string Name = nameof(ReserveAward);

    /// <summary>The payload as JSON, in the shape <see cref="Parse"/> reads.</summary>
    public string ToJson() => ReportingJson.Serialize(this);

    /// <summary>Parses and validates the payload.</summary>
    /// <exception cref="Durable.InputRefusedException">A field is missing or invalid; the message says which.</exception>
    public static ReserveAward Parse(string json)
    {
        var p = PayloadReader.Parse(Name, json);
        return new ReserveAward(p.Officer(), p.RequiredShortText("SubmissionId"), StartPayload.ReadProject(p), p.RequiredDate("MonitoringStarts"));
    }
}

/// <summary>A project's award reserved on its stream's ledger by an officer's new-project form.</summary>
/// <param name="AddedBy">The officer who added the project.</param>
/// <param name="AddedAt">When the partnership accepted it.</param>
/// <param name="Project">The project as the form described it, until its reporting cycle has started (then null: the project keeps it).</param>
/// <param name="MonitoringStarts">When its monitoring starts, until its reporting cycle has started.</param>
public sealed record AwardReservation(
    string ProjectCode,
    string SubmissionId,
    Person AddedBy,
    DateTimeOffset AddedAt,
    FundingStream Stream,
    Money Amount,
    ProjectProfile? Project,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate? MonitoringStarts)
{
    /// <summary>True once the project's reporting cycle has started and raised its award.</summary>
    [JsonIgnore]
    public bool TakenUp => Project is null;

    /// <summary>The start of the project's reporting cycle with the partnership's people and timings now; null once taken up.</summary>
    public StartPayload? StartWith(PartnershipContacts contacts, CycleSettings settings) =>
        Project is { } project && MonitoringStarts is { } starts ? new StartPayload(project, contacts, settings, starts) : null;

    /// <summary>What another officer's form for the same code is told.</summary>
    public string TakenMessage => $"{ProjectCode} was added by {AddedBy.Name} at {UkCalendar.DisplayTime(AddedAt)}; your entry was not added.";
}
