// What a lead's forms say, in full: the texts that the page (or a simulation's scenario) stores in the read model
// before it raises the workflow input, which carries only a reference (the content id) and what decisions need.
// Checked with the same rules and messages the input's payload once was, so people get the same answers.

using System.Text.Json;
using Rochford.Lsp.Reporting.Cycle;
using Rochford.Lsp.Reporting.Dates;

namespace Rochford.Lsp.Reporting;

/// <summary>A quarterly progress report as the lead wrote it.</summary>
public sealed record ReportForm(FinancialQuarter Quarter, ReportContent Report, string? SubmittedBy)
{
    /// <summary>The id the text is stored under: a hash of the quarter and the content.</summary>
    public string ReportId => ReportIds.For(Quarter, Report);

    /// <summary>The SubmitQuarterlyReport payload that refers to the stored text.</summary>
    public string ToInputPayload() => JsonSerializer.Serialize(new { Quarter = Quarter.Label, Status = Report.Status.ToString(), ReportId, SubmittedBy });

    /// <summary>Reads a report form from JSON (Quarter, Status, StatusComments, ProgressInLastPeriod, FutureWork, Expenditure in pence, SubmittedBy).</summary>
    /// <exception cref="Durable.InputRefusedException">A field is missing or malformed; the message names it.</exception>
    public static ReportForm Parse(string json)
    {
        var p = PayloadReader.Parse(nameof(SubmitQuarterlyReport), json);
        return new ReportForm(
            p.RequiredQuarter("Quarter"),
            new ReportContent(
                p.RequiredEnum<Rag>("Status", "Red, Amber or Green"),
                p.RequiredText("StatusComments"),
                p.RequiredText("ProgressInLastPeriod"),
                p.RequiredText("FutureWork"),
                p.OptionalMoney("Expenditure")),
            p.OptionalText("SubmittedBy", 200));
    }
}

/// <summary>An interim update as the lead of a Red project wrote it.</summary>
public sealed record InterimUpdateForm(Rag Status, string Comments, string? SubmittedBy)
{
    /// <summary>The id the comments are stored under: a hash of the status and the comments.</summary>
    public string UpdateId => ReportIds.ForUpdate(Status, Comments);

    /// <summary>The SubmitInterimUpdate payload that refers to the stored text.</summary>
    public string ToInputPayload() => JsonSerializer.Serialize(new { Status = Status.ToString(), UpdateId, SubmittedBy });

    /// <summary>Reads an interim update form from JSON (Status, Comments, SubmittedBy).</summary>
    /// <exception cref="Durable.InputRefusedException">A field is missing or malformed; the message names it.</exception>
    public static InterimUpdateForm Parse(string json)
    {
        var p = PayloadReader.Parse(nameof(SubmitInterimUpdate), json);
        return new InterimUpdateForm(p.RequiredEnum<Rag>("Status", "Red, Amber or Green"), p.RequiredText("Comments"), p.OptionalText("SubmittedBy", 200));
    }
}
