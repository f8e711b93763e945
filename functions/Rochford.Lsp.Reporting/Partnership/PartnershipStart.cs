// What starts the partnership's instance: its people, its timing defaults and the money each funding stream received.

using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting.Cycle;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Json;

namespace Rochford.Lsp.Reporting.Partnership;

/// <summary>A funding stream and the money it received.</summary>
public sealed record StreamTotal(FundingStream Stream, Money Total);

/// <summary>The start payload of the partnership's instance.</summary>
/// <param name="Openings">Projects that started before the partnership's instance did, with where their money stands.</param>
public sealed record PartnershipStart(PartnershipContacts Contacts, CycleSettings Settings, IReadOnlyList<StreamTotal> Streams,
    IReadOnlyList<OpeningAccount>? Openings = null)
{
    private const string Input = "Start";

    /// <summary>The payload as JSON, in the shape <see cref="Parse"/> reads.</summary>
    public string ToJson() => ReportingJson.Serialize(this);

    /// <summary>
    /// The partnership with <paramref name="projects"/>' awards as its streams' money: what a seed knows. Those of them whose
    /// cycles already run (<paramref name="existing"/>) open their ledger accounts where their money stands; the others'
    /// awards arrive as they start.
    /// </summary>
    public static PartnershipStart ForProjects(PartnershipContacts contacts, CycleSettings settings, IEnumerable<ProjectProfile> projects,
        IEnumerable<ProjectState>? existing = null) => new(
        contacts, settings,
        [.. projects.GroupBy(p => p.FundingStream).OrderBy(g => g.Key).Select(g => new StreamTotal(g.Key, Money.Sum(g.Select(p => p.AmountAwarded))))],
        existing is null ? null : OpeningsOf([.. existing]));

    /// <summary>
    /// Each existing project's opening account; money reallocated to a recipient that has not received it yet (in transit)
    /// is opened in the recipient's account, where the ledger puts reallocated money the moment it is approved.
    /// </summary>
    public static IReadOnlyList<OpeningAccount> OpeningsOf(IReadOnlyList<ProjectState> states)
    {
        var openings = states.Select(OpeningAccount.Of).ToDictionary(o => o.ProjectCode, StringComparer.Ordinal);
        foreach (var sender in states.Where(s => s.Phase == Phase.Closed && s.Reallocation is not null))
        {
            foreach (var allocation in sender.Reallocation!.Allocations)
            {
                var id = ReceiveReallocatedFunds.OperationIdFor(sender.Project.Code, allocation.ProjectCode);
                var refused = sender.ReturnedAllocations.Any(r => r.OperationId == id);
                var received = states.Any(s => s.Project.Code == allocation.ProjectCode && s.ReceivedOperationIds.Contains(id));
                if (!refused && !received && openings.TryGetValue(allocation.ProjectCode, out var recipient))
                    openings[allocation.ProjectCode] = recipient with { Unreleased = recipient.Unreleased + allocation.Amount };
            }
        }
        return [.. openings.Values.OrderBy(o => o.ProjectCode.Length).ThenBy(o => o.ProjectCode, StringComparer.Ordinal)];
    }

    /// <summary>Parses and validates a start payload.</summary>
    /// <exception cref="InputRefusedException">A field is missing or invalid; the message says which and why.</exception>
    public static PartnershipStart Parse(string json)
    {
        var payload = PayloadReader.Parse(Input, json);
        var contacts = CommandParser.ReadContacts(payload);
        var settings = payload.OptionalObject("Settings") is { } changes
            ? CommandParser.ReadSettingsChanges(changes).ApplyTo(CycleSettings.Default)
            : CycleSettings.Default;
        var streams = payload.RequiredObjects("Streams")
            .Select(s => new StreamTotal(
                s.RequiredEnum<FundingStream>("Stream", "PerformanceRewardGrant or AdditionalVoluntarySupport"),
                s.RequiredMoney("Total", allowZero: true)))
            .ToList();
        if (streams.Select(s => s.Stream).Distinct().Count() != streams.Count)
            throw payload.Refuse("'Streams' names the same funding stream twice.");
        var openings = payload.Has("Openings")
            ? payload.RequiredObjects("Openings").Select(o => new OpeningAccount(
                o.RequiredShortText("ProjectCode").ToUpperInvariant(),
                o.RequiredEnum<FundingStream>("Stream", "PerformanceRewardGrant or AdditionalVoluntarySupport"),
                o.RequiredMoney("OriginalAward", allowZero: true), o.RequiredMoney("Unreleased", allowZero: true), o.RequiredMoney("Released", allowZero: true),
                o.RequiredMoney("Withdrawn", allowZero: true), o.RequiredMoney("Held", allowZero: true), o.RequiredMoney("Reallocated", allowZero: true),
                o.RequiredMoney("Returned", allowZero: true))).ToList()
            : null;
        if (openings is not null && openings.Select(o => o.ProjectCode).Distinct().Count() != openings.Count)
            throw payload.Refuse("'Openings' names the same project twice.");
        return new PartnershipStart(contacts, settings, streams, openings);
    }
}
