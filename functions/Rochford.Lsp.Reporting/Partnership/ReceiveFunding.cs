// Money the partnership receives into a funding stream (a grant paid to it, or a top-up), recorded by an officer: the
// stream's total and its unallocated balance grow by it, so new projects can be awarded from it. A stream the
// partnership did not have yet opens with it.

using Rochford.Lsp.Reporting.Cycle;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Json;

namespace Rochford.Lsp.Reporting.Partnership;

/// <summary>An officer records money received into a funding stream.</summary>
/// <param name="Officer">Who records it (one of the partnership's officers).</param>
/// <param name="Stream">The stream that received it.</param>
/// <param name="Amount">How much (more than nothing).</param>
/// <param name="Reference">Where it came from, for the record (e.g. "Performance Reward Grant 2010-11, second instalment").</param>
public sealed record ReceiveFunding(Person Officer, FundingStream Stream, Money Amount, string Reference)
{
    /// <summary>The input's name.</summary>
    public const string Name = nameof(ReceiveFunding);

    /// <summary>
    /// The id the stream's ledger keeps for the money received by input <paramref name="inputId"/>, so the same input is
    /// counted once for as long as the partnership lives (the runtime remembers only its last 500 inputs).
    /// </summary>
    public static string OperationIdFor(string inputId) => "received:" + inputId;

    /// <summary>The payload as JSON, in the shape <see cref="Parse"/> reads.</summary>
    public string ToJson() => ReportingJson.Serialize(this);

    /// <summary>Parses and validates the payload.</summary>
    /// <exception cref="Durable.InputRefusedException">A field is missing or invalid; the message says which.</exception>
    public static ReceiveFunding Parse(string json)
    {
        var p = PayloadReader.Parse(Name, json);
        return new ReceiveFunding(
            p.Officer(),
            p.RequiredEnum<FundingStream>("Stream", "PerformanceRewardGrant or AdditionalVoluntarySupport"),
            p.RequiredMoney("Amount"),
            p.RequiredShortText("Reference"));
    }
}
