// Payload validation: every malformed input is refused with a message naming the input and the field.

using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting.Funding;

namespace Rochford.Lsp.Reporting.Tests.Cycle;

public sealed class CommandParserTests
{
    private const string Officer = """{"Name":"LSP Officer A (example)","Email":"lsp.officer.a@example.org"}""";

    private static string Refusal(string name, string json) =>
        Assert.Throws<InputRefusedException>(() => CommandParser.Parse(name, json)).Message;

    private static string FormRefusal(string json) =>
        Assert.Throws<InputRefusedException>(() => ReportForm.Parse(json)).Message;

    private const string ReportId = "r0123456789abcdef0123456789abcdef";

    [Fact]
    public void Parse_Submission_GivesTheQuarterStatusAndReportId()
    {
        var command = Assert.IsType<SubmitQuarterlyReport>(CommandParser.Parse("SubmitQuarterlyReport",
            $$"""{"quarter":"2009-10 Q4","status":"amber","reportId":"{{ReportId}}","submittedBy":"lead@example.org"}"""));

        Assert.Equal(new SubmitQuarterlyReport(FinancialQuarterOf("2009-10 Q4"), Rag.Amber, ReportId, "lead@example.org"), command);
    }

    [Theory]
    [InlineData("""{"Quarter":"2009-10 Q4","Status":"Red"}""", "SubmitQuarterlyReport: 'ReportId' is required.")]
    [InlineData("""{"Quarter":"2009-10 Q4","Status":"Red","ReportId":"r123"}""", "SubmitQuarterlyReport: 'ReportId' must be the id of a stored report ('r' and 32 hex digits, from ReportIds), not 'r123'.")]
    [InlineData("""{"Quarter":"2009-10 Q4","Status":"Red","ReportId":"u0123456789abcdef0123456789abcdef"}""", "SubmitQuarterlyReport: 'ReportId' must be the id of a stored report ('r' and 32 hex digits, from ReportIds), not 'u0123456789abcdef0123456789abcdef'.")]
    [InlineData("""{"Quarter":"2009-10 Q4","Status":"Red","StatusComments":"a","ProgressInLastPeriod":"b","FutureWork":"c"}""", "SubmitQuarterlyReport: the report's text ('StatusComments', 'ProgressInLastPeriod', 'FutureWork') is not sent with the input: store it in the reports table and send its 'ReportId'.")]
    [InlineData("""{"Quarter":"2009-10 Q4","Status":"Purple","ReportId":"r0123456789abcdef0123456789abcdef"}""", "SubmitQuarterlyReport: 'Status' must be Red, Amber or Green, not 'Purple'.")]
    [InlineData("""{"Status":"Red","ReportId":"r0123456789abcdef0123456789abcdef"}""", "SubmitQuarterlyReport: 'Quarter' is required.")]
    public void Parse_BadSubmissionReference_RefusedWithTheField(string json, string message)
    {
        Assert.Equal(message, Refusal("SubmitQuarterlyReport", json));
    }

    [Theory]
    [InlineData("""{"Status":"Red"}""", "SubmitInterimUpdate: 'UpdateId' is required.")]
    [InlineData("""{"Status":"Red","Comments":"Waiting"}""", "SubmitInterimUpdate: the interim update's text ('Comments') is not sent with the input: store it in the reports table and send its 'UpdateId'.")]
    [InlineData("""{"Status":"Red","UpdateId":"r0123456789abcdef0123456789abcdef"}""", "SubmitInterimUpdate: 'UpdateId' must be the id of a stored interim update ('u' and 32 hex digits, from ReportIds), not 'r0123456789abcdef0123456789abcdef'.")]
    public void Parse_BadInterimReference_RefusedWithTheField(string json, string message)
    {
        Assert.Equal(message, Refusal("SubmitInterimUpdate", json));
    }

    [Fact]
    public void ReportForm_FullForm_GivesTheReportAndItsPayloadParses()
    {
        var form = ReportForm.Parse(
            """{"quarter":"2009-10 Q4","status":"amber","statusComments":"Slippage","progressInLastPeriod":"Some","futureWork":"More","expenditure":"£1,234.56"}""");

        Assert.Equal(Rag.Amber, form.Report.Status);
        Assert.Equal(new Money(123456), form.Report.Expenditure);
        var command = Assert.IsType<SubmitQuarterlyReport>(CommandParser.Parse("SubmitQuarterlyReport", form.ToInputPayload()));
        Assert.Equal((form.Quarter, Rag.Amber, form.ReportId), (command.Quarter, command.Status, command.ReportId));
    }

    [Fact]
    public void ReportIds_SameContentSameId_AnyChangeAnotherId()
    {
        var quarter = FinancialQuarterOf("2009-10 Q4");
        var report = new ReportContent(Rag.Amber, "a", "b", "c", new Money(5));

        Assert.Equal(ReportIds.For(quarter, report), ReportIds.For(quarter, report with { }));
        Assert.True(ReportIds.IsValid(ReportIds.For(quarter, report), 'r'));
        Assert.NotEqual(ReportIds.For(quarter, report), ReportIds.For(quarter.Next, report));
        Assert.NotEqual(ReportIds.For(quarter, report), ReportIds.For(quarter, report with { Status = Rag.Green }));
        Assert.NotEqual(ReportIds.For(quarter, report), ReportIds.For(quarter, report with { StatusComments = "a", ProgressInLastPeriod = "bc", FutureWork = "" }));
        Assert.NotEqual(ReportIds.For(quarter, report), ReportIds.For(quarter, report with { Expenditure = null }));
        Assert.NotEqual(ReportIds.ForUpdate(Rag.Red, "x"), ReportIds.ForUpdate(Rag.Amber, "x"));
    }

    private static Rochford.Lsp.Reporting.Dates.FinancialQuarter FinancialQuarterOf(string label) => Rochford.Lsp.Reporting.Dates.FinancialQuarter.Parse(label);

    [Theory]
    [InlineData("""{"Quarter":"2009-10 Q4","StatusComments":"a","ProgressInLastPeriod":"b","FutureWork":"c"}""", "SubmitQuarterlyReport: 'Status' is required.")]
    [InlineData("""{"Quarter":"2009-10 Q4","Status":"Purple","StatusComments":"a","ProgressInLastPeriod":"b","FutureWork":"c"}""", "SubmitQuarterlyReport: 'Status' must be Red, Amber or Green, not 'Purple'.")]
    [InlineData("""{"Quarter":"2009-10 Q4","Status":"1","StatusComments":"a","ProgressInLastPeriod":"b","FutureWork":"c"}""", "SubmitQuarterlyReport: 'Status' must be Red, Amber or Green, not '1'.")]
    [InlineData("""{"Quarter":"Q4","Status":"Red","StatusComments":"a","ProgressInLastPeriod":"b","FutureWork":"c"}""", "SubmitQuarterlyReport: 'Quarter' must be a financial quarter like \"2009-10 Q4\", not 'Q4'.")]
    [InlineData("""{"Quarter":"2009-10 Q4","Status":"Red","StatusComments":"a","ProgressInLastPeriod":"b","FutureWork":"c","Expenditure":-5}""", "SubmitQuarterlyReport: 'Expenditure' cannot be negative (-£0.05).")]
    [InlineData("""{"Quarter":"2009-10 Q4","Status":"Red","StatusComments":"a","ProgressInLastPeriod":"b","FutureWork":"c","Expenditure":"12.345"}""", "SubmitQuarterlyReport: 'Expenditure': '12.345' has fractions of a penny; use at most two decimal places.")]
    [InlineData("""{"Quarter":"2009-10 Q4","Status":"Red","StatusComments":"  ","ProgressInLastPeriod":"b","FutureWork":"c"}""", "SubmitQuarterlyReport: 'StatusComments' is required.")]
    [InlineData("""not json""", "SubmitQuarterlyReport: the payload is not valid JSON.")]
    [InlineData("""[1]""", "SubmitQuarterlyReport: the payload must be a JSON object.")]
    public void ReportForm_BadForm_RefusedWithTheField(string json, string message)
    {
        Assert.Equal(message, FormRefusal(json));
    }

    [Fact]
    public void InterimUpdateForm_TooLongText_RefusedWithTheLength()
    {
        var json = $$"""{"Status":"Red","Comments":"{{new string('x', 4001)}}"}""";

        Assert.Equal("SubmitInterimUpdate: 'Comments' is 4,001 characters long; the most allowed is 4,000.",
            Assert.Throws<InputRefusedException>(() => InterimUpdateForm.Parse(json)).Message);
    }

    [Fact]
    public void Parse_UnknownEventName_RefusedListingTheAcceptedInputs()
    {
        Assert.StartsWith("'WithdrawFunding' is not an input the reporting cycle accepts. Accepted inputs: SubmitQuarterlyReport, SubmitInterimUpdate,",
            Refusal("WithdrawFunding", "{}"));
    }

    [Theory]
    [InlineData("ApproveWithdrawal", "{}", "ApproveWithdrawal: 'Officer' is required.")]
    [InlineData("ApproveWithdrawal", """{"Officer":{"Name":"A"}}""", "ApproveWithdrawal: 'Officer.Email' is required.")]
    [InlineData("ApproveWithdrawal", """{"Officer":{"Name":"A","Email":"not an address"}}""", "ApproveWithdrawal: 'Officer.Email' is not an email address: 'not an address'.")]
    [InlineData("ApproveWithdrawal", $$"""{"Officer":{{Officer}},"MinuteReference":"LSP/EX/10/23"}""", "ApproveWithdrawal: 'ExecutiveDecisionDate' is required.")]
    [InlineData("ApproveWithdrawal", $$"""{"Officer":{{Officer}},"ExecutiveDecisionDate":"2010-06-07"}""", "ApproveWithdrawal: 'MinuteReference' is required.")]
    [InlineData("ApproveWithdrawal", $$"""{"Officer":{{Officer}},"ExecutiveDecisionDate":"2010-06-07","MinuteReference":"   "}""", "ApproveWithdrawal: 'MinuteReference' is required.")]
    [InlineData("SetRecoveryDeadline", $$"""{"Officer":{{Officer}},"Deadline":"31/5/10"}""", "SetRecoveryDeadline: 'Deadline' must be a date written yyyy-MM-dd, e.g. \"2010-05-31\", not \"31/5/10\".")]
    [InlineData("RecordPaymentReleased", $$"""{"Officer":{{Officer}},"Amount":0,"ReleasedOn":"2010-04-01"}""", "RecordPaymentReleased: 'Amount' must be more than £0.00.")]
    [InlineData("ProposeReallocation", $$"""{"Officer":{{Officer}},"Allocations":[]}""", "ProposeReallocation: 'Allocations' must list at least one item.")]
    [InlineData("ProposeReallocation", $$"""{"Officer":{{Officer}},"Allocations":[{"ProjectCode":"ROC6"}]}""", "ProposeReallocation: 'Allocations[0].Amount' is required.")]
    [InlineData("ExtendDeadline", $$"""{"Officer":{{Officer}},"NewDeadline":"2010-07-31"}""", "ExtendDeadline: 'Reason' is required.")]
    [InlineData("OverrideCycleSettings", $$$"""{"Officer":{{{Officer}}},"Settings":{"WakeUpHour":"nine"}}""", "OverrideCycleSettings: 'Settings.WakeUpHour' must be a whole number, not \"nine\".")]
    public void Parse_BadOfficerInput_RefusedWithTheField(string name, string json, string message)
    {
        Assert.Equal(message, Refusal(name, json));
    }
}
