// The partnership as a Durable Task orchestration (one instance, PartnershipCycle.InstanceId): the pure PartnershipCycle
// decider keeps each funding stream's live ledger, fed by the RecordFunding inputs the projects' instances raise on it.

using System.Globalization;
using System.Text.Json;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting.Partnership;

namespace Rochford.Lsp.Workflow;

/// <summary>Hosts <see cref="PartnershipCycle"/>; its summary row is the partnership's, beside the projects'.</summary>
public sealed class PartnershipOrchestrator : DeciderOrchestrator<PartnershipState>
{
    /// <summary>The orchestration's registered name.</summary>
    public const string Name = nameof(PartnershipOrchestrator);

    private static readonly PartnershipCycle Cycle = new();

    /// <inheritdoc />
    protected override IOrchestration<PartnershipState> Decider => Cycle;

    /// <inheritdoc />
    protected override string SummaryPartition => WorkflowTables.PartnershipPartition;

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string> Summarize(PartnershipState state) => new Dictionary<string, string>
    {
        // Each stream's figures in pence, e.g. [{"stream":"PerformanceRewardGrant","total":...,"unallocated":...}], for listings.
        ["StreamsJson"] = JsonSerializer.Serialize(state.Positions().Select(p => new
        {
            stream = p.Stream.ToString(),
            total = p.Total.Pence,
            awarded = p.Awarded.Pence,
            released = p.Released.Pence,
            withdrawn = p.Withdrawn.Pence,
            reallocated = p.Reallocated.Pence,
            returned = p.ReturnedToUnallocated.Pence,
            unallocated = p.Unallocated.Pence,
        })),
        ["Officers"] = state.Contacts.Officers.Count.ToString(CultureInfo.InvariantCulture),
    };
}
