// What starts the partnership's instance: its people, its timing defaults and the money each funding stream received.

using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting.Cycle;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Json;

namespace Rochford.Lsp.Reporting.Partnership;

/// <summary>A funding stream and the money it received.</summary>
public sealed record StreamTotal(FundingStream Stream, Money Total);

/// <summary>The start payload of the partnership's instance.</summary>
public sealed record PartnershipStart(PartnershipContacts Contacts, CycleSettings Settings, IReadOnlyList<StreamTotal> Streams)
{
    private const string Input = "Start";

    /// <summary>The payload as JSON, in the shape <see cref="Parse"/> reads.</summary>
    public string ToJson() => ReportingJson.Serialize(this);

    /// <summary>The partnership with <paramref name="projects"/>' awards as its streams' money: what a seed knows.</summary>
    public static PartnershipStart ForProjects(PartnershipContacts contacts, CycleSettings settings, IEnumerable<ProjectProfile> projects) => new(
        contacts, settings,
        [.. projects.GroupBy(p => p.FundingStream).OrderBy(g => g.Key).Select(g => new StreamTotal(g.Key, Money.Sum(g.Select(p => p.AmountAwarded))))]);

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
        return new PartnershipStart(contacts, settings, streams);
    }
}
