// The one input projects raise on the partnership: a movement of money in their stream's ledger. Its operation id is
// made by the project from its own state, so a redelivery (or a retried transition) is applied once.

using System.Text.Json.Serialization;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting.Cycle;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Json;

namespace Rochford.Lsp.Reporting.Partnership;

/// <summary>What kind of movement a <see cref="RecordFunding"/> is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FundingMove>))]
public enum FundingMove
{
    /// <summary>A project's award, from the stream's unallocated balance (when its monitoring starts).</summary>
    Award,

    /// <summary>A payment to the project's organisation.</summary>
    Release,

    /// <summary>Unreleased funding withdrawn from a project, held until reallocated.</summary>
    Withdraw,

    /// <summary>Everything withdrawn from a project, moved to recipients; the rest returns to the unallocated balance.</summary>
    Reallocate,

    /// <summary>A project's unreleased funding returned to the unallocated balance.</summary>
    Return,
}

/// <summary>A movement of money raised by a project's instance on the partnership's.</summary>
/// <param name="ProjectCode">The project the money moves from (or is awarded to, or paid by).</param>
/// <param name="Allocations">With <see cref="FundingMove.Reallocate"/>: who receives how much.</param>
/// <param name="RefusedReallocation">With <see cref="FundingMove.Return"/>: the project refused money reallocated to it.</param>
public sealed record RecordFunding(
    FundingStream Stream,
    FundingMove Move,
    string OperationId,
    string ProjectCode,
    Money Amount,
    IReadOnlyList<Allocation>? Allocations = null,
    bool RefusedReallocation = false)
{
    /// <summary>The input's name.</summary>
    public const string Name = nameof(RecordFunding);

    /// <summary>The payload as JSON, in the shape <see cref="Parse"/> reads.</summary>
    public string ToJson() => ReportingJson.Serialize(this);

    /// <summary>The ledger operation it asks for.</summary>
    public LedgerOperation ToOperation() => Move switch
    {
        FundingMove.Award => new LedgerOperation.Award(OperationId, ProjectCode, Amount),
        FundingMove.Release => new LedgerOperation.Release(OperationId, ProjectCode, Amount),
        FundingMove.Withdraw => new LedgerOperation.Withdraw(OperationId, ProjectCode, Amount),
        FundingMove.Reallocate => new LedgerOperation.Reallocate(OperationId, ProjectCode, Allocations ?? []),
        FundingMove.Return => new LedgerOperation.ReturnToUnallocated(OperationId, ProjectCode, Amount, RefusedReallocation),
        _ => throw new ArgumentOutOfRangeException(nameof(Move), Move, "Unknown movement of money."),
    };

    /// <summary>Parses and validates the payload.</summary>
    /// <exception cref="InputRefusedException">A field is missing or invalid; the message says which.</exception>
    public static RecordFunding Parse(string json)
    {
        var p = PayloadReader.Parse(Name, json);
        var move = p.RequiredEnum<FundingMove>("Move", "Award, Release, Withdraw, Reallocate or Return");
        var allocations = move == FundingMove.Reallocate
            ? p.RequiredObjects("Allocations").Select(a => new Allocation(a.RequiredShortText("ProjectCode").ToUpperInvariant(), a.RequiredMoney("Amount"))).ToList()
            : null;
        return new RecordFunding(
            p.RequiredEnum<FundingStream>("Stream", "PerformanceRewardGrant or AdditionalVoluntarySupport"),
            move,
            p.RequiredShortText("OperationId"),
            p.RequiredShortText("ProjectCode").ToUpperInvariant(),
            // A reallocation moves what the project holds, all of it; its amount is the allocations' total, for people.
            move == FundingMove.Reallocate ? p.OptionalMoney("Amount") ?? Money.Zero : p.RequiredMoney("Amount"),
            allocations,
            p.OptionalBool("RefusedReallocation") ?? false);
    }
}
