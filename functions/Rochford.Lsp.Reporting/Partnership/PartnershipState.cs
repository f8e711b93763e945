// The partnership as one workflow instance: its people, its timing defaults and each funding stream's ledger. Projects'
// instances raise every movement of money on it (RecordFunding), so each stream's ledger is the running system's.

using System.Text.Json.Serialization;
using Rochford.Lsp.Reporting.Funding;

namespace Rochford.Lsp.Reporting.Partnership;

/// <summary>The partnership's state, persisted by the runtime as JSON after every transition.</summary>
public sealed record PartnershipState
{
    /// <summary>The officers, the Executive Board and its chair.</summary>
    public required PartnershipContacts Contacts { get; init; }

    /// <summary>The cycle timings new projects start with.</summary>
    public required CycleSettings Defaults { get; init; }

    /// <summary>The projects with an account in any of the partnership's ledgers (awarded funding), in code order (ROC1, ROC3, ..., ROC10).</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Projects =>
        [.. Streams.SelectMany(l => l.Accounts.Keys).Distinct().OrderBy(code => code.Length).ThenBy(code => code, StringComparer.Ordinal)];

    /// <summary>Each funding stream's ledger, in the order of <see cref="FundingStream"/>.</summary>
    public required IReadOnlyList<Ledger> Streams { get; init; }

    /// <summary>
    /// The awards officers' new-project forms reserved (<see cref="ReserveAward"/>), oldest first: who added each project and
    /// when, and, until its reporting cycle has started, the project itself. Missing from older rows: none.
    /// </summary>
    public IReadOnlyList<AwardReservation> Reservations { get; init; } = [];

    /// <summary>The reservation of <paramref name="projectCode"/>'s award, if a form reserved it.</summary>
    public AwardReservation? ReservationOf(string projectCode) => Reservations.FirstOrDefault(r => r.ProjectCode == projectCode);

    /// <summary>The reservation a form (its submission id) made, if any.</summary>
    public AwardReservation? ReservationBy(string submissionId) => Reservations.FirstOrDefault(r => r.SubmissionId == submissionId);

    /// <summary>The ledger of <paramref name="stream"/>, if the partnership has that stream.</summary>
    public Ledger? LedgerOf(FundingStream stream) => Streams.FirstOrDefault(l => l.Stream == stream);

    /// <summary>Each stream's figures.</summary>
    public IReadOnlyList<StreamPosition> Positions() => [.. Streams.Select(l => l.Position())];
}
