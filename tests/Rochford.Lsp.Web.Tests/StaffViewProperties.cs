// Property tests of what the officers' pages build from a project's state (issue 21): the dashboard's row (ProjectRow.For,
// CurrentRag), the project page (ProjectView), each open action's page, each quarter's report page, the Executive's summary,
// the quarterly pack's lines (PartnershipRecords.PackProjectFor) and the CSV exports, worked out, and the pages rendered
// with the app's own Razor components, for states reached by driving the real reporting-cycle decider with random
// sequences of officers' and leads' inputs and wake-ups (so only reachable states are used), at dates across several
// quarters. Nothing may throw, and what the views say must agree with the state. A dashboard that threw once a Red project
// had a second quarter (FinancialQuarter could not be compared) is the kind of failure this catches.
// Run: dotnet test tests/Rochford.Lsp.Web.Tests -c Release --no-build --filter "FullyQualifiedName~StaffViewProperties"

using System.Globalization;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Pages.Components;
using Rochford.Lsp.Pages.Handlers;
using Rochford.Lsp.Pages.Routing;
using Rochford.Lsp.Pages.Staff;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Seed;
using Rochford.Lsp.Services;
using Rochford.Lsp.Services.Links;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Web.Tests;

public sealed class StaffViewProperties
{
    private const int Runs = 120;
    private static readonly ReportingCycle Cycle = new();
    private static readonly string[] Codes = ["ROC1", "ROC4", "ROC6", "ROC9"];
    private static readonly LocalDate[] Starts = [new(2009, 4, 1), new(2009, 10, 1), new(2010, 1, 4), new(2010, 5, 20)];
    private static readonly Person[] Officers = [.. RochfordSeed.Contacts.Officers.Take(2)];

    /// <summary>The views are shown on the day of the last input and on days up to two financial quarters and more later.</summary>
    private static readonly int[] DaysLater = [0, 1, 38, 95, 200];

    /// <summary>One random step: days to let pass (the decider woken for each wake-up due, as the simulated clock does), then an input.</summary>
    public sealed record Move(int Days, int Kind, int A, int B);

    /// <summary>A project (which seed project, when its monitoring starts) and what happens to it.</summary>
    public sealed record Story(int Code, int Start, Move[] Moves)
    {
        /// <summary>As C# to paste into a test, so a failing story can be replayed.</summary>
        public override string ToString() => $"new({Code}, {Start}, [{string.Join(", ", Moves.Select(m => $"new({m.Days}, {m.Kind}, {m.A}, {m.B})"))}])";
    }

    private const int Kinds = 21;

    private static readonly Gen<Move> Moves =
        from days in Gen.Frequency((3, Gen.Choose(0, 3)), (3, Gen.Choose(4, 30)), (1, Gen.Choose(31, 100)))
        from kind in Gen.Choose(0, Kinds - 1)
        from a in Gen.Choose(0, 100_000)
        from b in Gen.Choose(0, 1_000)
        select new Move(days, kind, a, b);

    private static readonly Arbitrary<Story> Stories =
        (from code in Gen.Choose(0, Codes.Length - 1)
         from start in Gen.Choose(0, Starts.Length - 1)
         from length in Gen.Choose(0, 45)
         from moves in Gen.ArrayOf(Moves, length)
         select new Story(code, start, moves)).ToArbitrary();

    /// <summary>The other seed projects, as candidates for a reallocation.</summary>
    private static readonly IReadOnlyList<ProjectState> Others =
    [
        .. RochfordSeed.Projects.Select(p => Cycle.Start(p.Code, new OrchestrationInput.Started("start", RochfordSeed.StartPayloadFor(p.Code, new LocalDate(2010, 1, 4)).ToJson()),
            UkCalendar.At(new LocalDate(2010, 1, 4), new LocalTime(9, 0))).State),
    ];

    /// <summary>One project's instance, run as the runtime runs it, with the read model its transitions write.</summary>
    private sealed class World
    {
        private int _inputs;
        private long _transition;

        public World(Story story)
        {
            Code = Codes[story.Code];
            var starts = Starts[story.Start];
            Now = UkCalendar.At(starts, new LocalTime(9, 0));
            Apply(Cycle.Start(Code, new OrchestrationInput.Started("start", RochfordSeed.StartPayloadFor(Code, starts).ToJson()), Now), "start");
        }

        public string Code { get; }
        public DateTimeOffset Now { get; private set; }
        public LocalDate Today => UkCalendar.Today(Now);
        public ProjectState State { get; private set; } = null!;
        public DateTimeOffset? NextWakeUp { get; private set; }
        public List<HistoryRecord> History { get; } = [];
        public Dictionary<string, StoredReport> Reports { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, StoredUpdate> Updates { get; } = new(StringComparer.Ordinal);

        /// <summary>Lets <paramref name="days"/> pass, the instance woken at each wake-up due on the way (at its time, as the simulated clock does).</summary>
        public void Pass(int days)
        {
            var until = Now.AddDays(days);
            for (var i = 0; i < 500 && NextWakeUp is { } due && due <= until; i++)
            {
                Now = due > Now ? due : Now;
                Apply(Cycle.Decide(State, new OrchestrationInput.WokeUp($"wake{++_inputs}", due), Now), $"wake{_inputs}");
            }
            Now = until;
        }

        /// <summary>Raises an input as a page would; a refusal changes nothing.</summary>
        public void Raise(string name, string json)
        {
            Now = Now.AddMinutes(1);
            try
            {
                var id = $"input{++_inputs}";
                Apply(Cycle.Decide(State, new OrchestrationInput.EventRaised(id, name, json), Now), id);
            }
            catch (InputRefusedException)
            {
                // Refused by the project's rules: as on a page, nothing is recorded.
            }
        }

        public void Raise(string name, object payload) => Raise(name, JsonSerializer.Serialize(payload));

        /// <summary>A lead's report: its text stored first (as the page does), then the input that refers to it.</summary>
        public void Report(FinancialQuarter quarter, Rag status, int seed)
        {
            var text = seed % 5 == 0 ? new string('x', 200) : $"Report {seed}: work goes on.";
            var form = new ReportForm(quarter, new ReportContent(status, text, "Some progress.", "More work.", seed % 2 == 0 ? Money.Pounds(seed % 5_000) : null), "The lead");
            Reports[form.ReportId] = StoredReport.From(Code, form, Now);
            Raise(nameof(SubmitQuarterlyReport), form.ToInputPayload());
        }

        public void Update(Rag status, int seed)
        {
            var form = new InterimUpdateForm(status, $"Update {seed}.", "The lead");
            Updates[form.UpdateId] = StoredUpdate.From(Code, form, Now);
            Raise(nameof(SubmitInterimUpdate), form.ToInputPayload());
        }

        private void Apply(Decision<ProjectState> decision, string inputId)
        {
            State = decision.State;
            NextWakeUp = decision.NextWakeUp;
            if (decision.Events.Count == 0) return;
            _transition++;
            History.AddRange(decision.Events.Select((e, index) => new HistoryRecord(Code, _transition, index, Now, inputId, e.Type, e.Explanation, e.DataJson)));
        }
    }

    private static string Iso(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static object Who(Person officer) => new { officer.Name, officer.Email };

    /// <summary>Lets the move's days pass, then gives its input (any of the inputs the pages and the other instances raise).</summary>
    private static void Play(World w, Move m)
    {
        w.Pass(m.Days);
        var s = w.State;
        var today = w.Today;
        var officer = Who(Officers[m.B % 2]);
        var rag = (Rag)(m.B % 3);
        var days = 1 + m.A % 70;
        switch (m.Kind)
        {
            case 0 or 1 or 2:
                // A report: for a quarter the project was asked about (usually the latest), or one it was not.
                var quarters = s.Quarters.Select(q => q.Quarter).DefaultIfEmpty(FinancialQuarter.Containing(today)).ToList();
                var quarter = m.Kind == 2 ? quarters[m.A % quarters.Count] : quarters[^1];
                w.Report(m.A % 11 == 0 ? quarter.Next : quarter, m.Kind == 1 ? Rag.Green : rag, m.A);
                break;
            case 3:
                w.Update(rag, m.A);
                break;
            case 4:
                w.Raise(nameof(SetRecoveryDeadline), new { Officer = officer, Deadline = Iso(today.PlusDays(m.A % 3 == 0 ? 0 : days)), WhatIsNeeded = "A recovery plan." });
                break;
            case 5:
                w.Raise(nameof(ApproveWithdrawal), new { Officer = officer, ExecutiveDecisionDate = Iso(today), MinuteReference = "LSP Executive, item 5" });
                break;
            case 6:
                w.Raise(nameof(RejectWithdrawal), new { Officer = officer, Reason = "It is recovering.", NewDeadline = m.A % 2 == 0 ? Iso(today.PlusDays(days)) : null });
                break;
            case 7:
                w.Raise(nameof(ExtendDeadline), new { Officer = officer, NewDeadline = Iso(today.PlusDays(days)), Reason = "More time." });
                break;
            case 8:
                var to = Others.Select(o => o.Project.Code).Where(c => c != w.Code).ElementAt(m.B % (Others.Count - 1));
                var share = Math.Min(m.A * 10L, s.Funding.Withdrawn.Pence);
                w.Raise(nameof(ProposeReallocation), new { Officer = officer, Allocations = new[] { new { ProjectCode = to, Amount = share } }, Note = "Same residents." });
                break;
            case 9:
                w.Raise(nameof(ApproveReallocation), new { Officer = officer });
                break;
            case 10:
                w.Raise(nameof(RejectReallocation), new { Officer = officer, Reason = "Think again." });
                break;
            case 11:
                w.Raise(nameof(RecordPaymentReleased), new { Officer = officer, Amount = m.A * 5L, ReleasedOn = Iso(today), Reference = "PAY-1", OverrideReason = m.B % 2 == 0 ? "Agreed." : null });
                break;
            case 12:
                w.Raise(nameof(MarkProjectCompleted), new { Officer = officer, Note = "Delivered." });
                break;
            case 13:
                w.Raise(nameof(PauseReporting), new { Officer = officer, Reason = "The co-ordinator is away." });
                break;
            case 14:
                w.Raise(nameof(ResumeReporting), new { Officer = officer });
                break;
            case 15:
                if (ReviewReportAction.Reviewable(s) is { Latest: { } latest } reviewable)
                {
                    var accepted = m.B % 3 != 0;
                    w.Raise(nameof(ReviewReport), new
                    {
                        Officer = officer, Quarter = reviewable.Quarter.Label, latest.Version, Outcome = accepted ? "Accepted" : "ChangesRequested",
                        Sections = accepted ? Array.Empty<string>() : ["StatusComments"], Note = "Thank you.",
                    });
                }
                break;
            case 16:
                if (ChangeDueDateAction.Outstanding(s) is [var owed, ..])
                    w.Raise(nameof(ChangeQuarterDueDate), new { Officer = officer, Quarter = owed.Quarter.Label, DueOn = Iso(today.PlusDays(m.A % 30)), Reason = "Away." });
                break;
            case 17:
                w.Raise(nameof(ChangeLeadContact), new { Officer = officer, Lead = new { Name = $"Lead {m.B}", Email = $"lead{m.B}@example.org" } });
                break;
            case 18:
                w.Raise(nameof(ReceiveReallocatedFunds), new
                {
                    FromProjectCode = "ROC3", Amount = m.A * 3L, OperationId = ReceiveReallocatedFunds.OperationIdFor("ROC3", w.Code) + $"-{m.B}",
                    Stream = s.Project.FundingStream.ToString(),
                });
                break;
            case 19:
                w.Raise(nameof(ChangeWithdrawalAmount), new { Officer = officer, Amount = m.A * 2L });
                break;
            default:
                break; // only time passes
        }
    }

    [Property(MaxTest = Runs)]
    public Property EveryViewOfEveryReachableState_BuildsAndAgreesWithTheState_OnAnyDay() =>
        Prop.ForAll(Stories, story =>
        {
            var w = new World(story);
            var step = 0;
            CheckViews(w, render: false);
            foreach (var move in story.Moves)
            {
                Play(w, move);
                // The pages themselves at some steps (rendering is the slow part); the view models at every step.
                CheckViews(w, render: ++step % 8 == 0);
            }
            CheckViews(w, render: true);
            return true;
        });

    /// <summary>Guards the generator's vocabulary: these moves must reach the phases the property relies on, so a change to an input's shape cannot quietly leave them out.</summary>
    [Fact]
    public void HandWrittenStories_ReachEveryPhase()
    {
        var reached = new HashSet<Phase>();
        Story[] stories =
        [
            // ROC4 (from 4 Jan 2010) sends no report: Red on watch, its withdrawal proposed, approved; a reallocation proposed, approved.
            new(1, 2, [new(120, 20, 0, 0), new(40, 20, 0, 0), new(0, 5, 0, 0), new(0, 8, 500, 0), new(0, 9, 0, 1)]),
            // ROC1 reports Green, is paused, resumed and completed.
            new(0, 2, [new(80, 1, 0, 2), new(1, 13, 0, 0), new(1, 14, 0, 0), new(1, 12, 0, 0)]),
        ];
        foreach (var story in stories)
        {
            var w = new World(story);
            reached.Add(w.State.Phase);
            foreach (var move in story.Moves)
            {
                Play(w, move);
                reached.Add(w.State.Phase);
                CheckViews(w, render: true);
            }
        }
        Assert.Equal(Enum.GetValues<Phase>().ToHashSet(), reached);
    }

    private static void CheckViews(World w, bool render)
    {
        var state = w.State;
        // The state's quarters are oldest first, and each once: the views (and the decider's own "latest") rely on it.
        Assert.True(state.Quarters.Zip(state.Quarters.Skip(1)).All(p => p.First.Quarter < p.Second.Quarter),
            $"The quarters are not in order: {string.Join(", ", state.Quarters.Select(q => q.Quarter))}");
        foreach (var later in DaysLater)
        {
            var today = w.Today.PlusDays(later);
            var (row, project) = CheckProjectViews(w, today);
            CheckPackAndExports(w, today);
            if (render && later is 0 or 95) Render(w, today, row, project);
        }
    }

    private static (ProjectRow Row, ProjectView Project) CheckProjectViews(World w, LocalDate today)
    {
        var state = w.State;
        var row = ProjectRow.For(state, today, ProjectRow.WithdrawnOn(w.History));
        Assert.Equal(state.Quarters.MaxBy(q => q.Quarter), row.Quarter);
        Assert.Equal(row.Quarter is null, row.Report == ReportState.NotRequested);
        Assert.False(string.IsNullOrWhiteSpace(row.ReportText));
        // A report still owed when reporting stopped (completed, funding withdrawn) is no longer asked for: never "Missing".
        if (ProjectRow.ReportingStopped(state.Phase) && row.Quarter is { IsOutstanding: true })
            Assert.Equal(ReportState.Excused, row.Report);

        // A deadline counts down while Red (and while its withdrawal is decided); a decision waits, with its day, in the phases that wait for one.
        var watched = state.Phase is Phase.RedWatch or Phase.WithdrawalProposed;
        Assert.Equal(watched ? state.Red?.Deadline : null, row.RedDeadline);
        Assert.Equal(row.RedDeadline is { } d ? Period.Between(today, d, PeriodUnits.Days).Days : null, row.DaysLeft);
        Assert.Equal(state.Phase is Phase.WithdrawalProposed or Phase.ReallocationProposed or Phase.FundingWithdrawn, row.Waiting is not null);
        if (row.Waiting is { } waiting)
        {
            Assert.NotNull(waiting.Since);
            Assert.StartsWith("since ", waiting.SinceText(today), StringComparison.Ordinal);
        }

        // The status: none until something was reported (or counted as Red), else the latest.
        var known = state.Red?.LatestUpdate is not null || state.Quarters.Any(q => q.Latest is not null || q.Stage == QuarterStage.NoReport);
        Assert.Equal(known, ProjectRow.CurrentRag(state) is not null);
        Assert.True(new DashboardFilter(row.Project.StrategicPriority, row.Rag, row.Report).Keeps(row));

        var versions = ReportVersionRecord.From(w.History);
        var project = new ProjectView(Officers[0], state, row, today, w.History, [.. OfficerActions.All.Where(a => a.IsOpen(state))], null, versions,
            [.. InterimUpdateRecord.From(w.History).Select(u => u with { Comments = w.Updates.GetValueOrDefault(u.UpdateId)?.Comments })], []);
        var quarters = project.Quarters;
        Assert.Equal(quarters.Distinct().Count(), quarters.Count);
        Assert.True(quarters.Zip(quarters.Skip(1)).All(p => p.First > p.Second), "The project page lists its quarters newest first.");
        Assert.All(state.Quarters, q => Assert.Contains(q.Quarter, quarters));
        Assert.All(versions, v => Assert.Contains(v.Quarter, quarters));
        Assert.Equal(versions.Count, quarters.Sum(q => project.VersionsOf(q).Count));
        foreach (var action in project.Actions)
        {
            Assert.False(string.IsNullOrWhiteSpace(action.WhatHappens(state, today)), $"{action.Step} says nothing of what happens.");
            _ = action.Fields(state);
        }
        Assert.Equal(state.Quarters.Count, DecisionText.RagHistory(state).Count);
        Assert.False(string.IsNullOrWhiteSpace(DecisionText.Situation(state)));
        return (row, project);
    }

    private static void CheckPackAndExports(World w, LocalDate today)
    {
        var state = w.State;
        ProjectState[] all = [state, .. Others.Where(o => o.Project.Code != w.Code)];
        var quarters = PartnershipRecords.PackQuarters(all);
        Assert.True(quarters.Zip(quarters.Skip(1)).All(p => p.First > p.Second), "The pack's quarters are newest first.");
        var chosen = PartnershipRecords.LatestReportedQuarter(all, quarters);
        Assert.True(chosen is null || quarters.Contains(chosen.Value));
        foreach (var quarter in quarters.Cast<FinancialQuarter?>().Append(null))
        {
            var record = quarter is { } q ? state.QuarterFor(q) : null;
            var line = PartnershipRecords.PackProjectFor(state, quarter, today, record?.Latest is { } latest ? w.Reports.GetValueOrDefault(latest.ReportId) : null);
            Assert.Equal(record, line.Record);
            Assert.False(string.IsNullOrWhiteSpace(line.StatusText));
            Assert.Equal(record switch { { Latest: { } v } => v.Status, { Stage: QuarterStage.NoReport } => Rag.Red, _ => (Rag?)null }, line.Status);
            Assert.Equal(record?.Latest is not null && line.Text is null, line.TextMissing);
        }
        Assert.Equal(1, PartnershipRecords.ProjectsCsv([state]).Rows);
        Assert.Equal(1, PartnershipRecords.LedgerCsv([state]).Rows);
    }

    /// <summary>Renders every page the state gives an officer (and the Executive's summary and copy of the pack) with the app's components.</summary>
    private static void Render(World w, LocalDate today, ProjectRow row, ProjectView project)
    {
        var state = w.State;
        var code = state.Project.Code;
        var officer = Officers[0];
        Page<DashboardPage>(new DashboardView(officer, today, [row], 1, new DashboardFilter(null, null, null), RochfordSeed.Priorities), code);
        Page<ProjectPage>(project, code);
        foreach (var open in project.Actions)
        {
            var candidates = open is ProposeReallocationAction ? ProposeReallocationAction.Candidates(state, [state, .. Others]) : [];
            var action = open is ProposeReallocationAction propose ? propose with { CandidateCodes = [.. candidates.Select(c => c.Code)] } : open;
            Page<ProjectActionPage>(new ActionView(officer, state, action, today, candidates, new Dictionary<string, string>(), [], null, "submission"), code);
        }
        foreach (var quarter in project.Quarters)
        {
            var texts = project.VersionsOf(quarter).Select((v, i) => new ReportVersionText(v, w.Reports.GetValueOrDefault(v.ReportId), i == project.VersionsOf(quarter).Count - 1)).ToList();
            var comparison = texts.Count >= 2 ? new ReportComparison(texts[0], texts[^1]) : null;
            Page<ReportVersionsPage>(new ReportVersionsView(officer, state, quarter, state.QuarterFor(quarter), texts, comparison, null), code);
        }
        var link = new LinkRecord(LinkPurpose.ProjectSummary, code, null, "lsp.executive@example.org", today.PlusDays(30), false, null, "message");
        Page<ProjectSummaryPage>(new ProjectSummaryView(new Rochford.Lsp.Pages.Decisions.SummaryContext(link, state, w.History), UkCalendar.At(today, new LocalTime(12, 0))), code);

        // The pack of each quarter that can be chosen; with none asked of any project yet, the pack that says so.
        var quarters = PartnershipRecords.PackQuarters([state]);
        foreach (var quarter in quarters.Count == 0 ? [null] : quarters.Cast<FinancialQuarter?>())
        {
            var line = PartnershipRecords.PackProjectFor(state, quarter, today,
                quarter is { } q && state.QuarterFor(q)?.Latest is { } latest ? w.Reports.GetValueOrDefault(latest.ReportId) : null);
            var pack = PartnershipRecords.Pack(quarter, quarters, [line], today, []);
            Page<PackPage>(new PackView(officer, pack), quarter is null ? null : code);
            Page<PackPage>(new PackView(null, pack) { LinkExpiresOn = today.PlusDays(30) }, quarter is null ? null : code);
        }
    }

    private static readonly ServiceProvider Services = NewServices();

    private static ServiceProvider NewServices()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAntiforgery();
        services.AddSingleton(new AssetFiles());
        services.AddOptions<SiteOptions>();
        return services.BuildServiceProvider();
    }

    /// <summary>Renders <typeparamref name="TPage"/> with <paramref name="model"/> as the app does (HtmlRenderer), and checks it is a page about <paramref name="code"/>.</summary>
    private static void Page<TPage>(object model, string? code) where TPage : Microsoft.AspNetCore.Components.IComponent
    {
        var http = new DefaultHttpContext { RequestServices = Services };
        string html;
        try
        {
            html = Task.Run(() => ComponentResult.For<TPage>(model).RenderAsync(http)).GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"{typeof(TPage).Name} for {code} did not render: {ex}");
        }
        Assert.True(html.Contains("<h1", StringComparison.Ordinal) && (code is null || html.Contains(code, StringComparison.Ordinal)),
            $"{typeof(TPage).Name} for {code} has no heading or does not name the project:\n{html}");
        // Funding streams are named for people ("Performance Reward Grant"), never by the code's names for them.
        foreach (var stream in Enum.GetNames<FundingStream>())
            Assert.False(html.Contains(stream, StringComparison.Ordinal), $"{typeof(TPage).Name} for {code} shows the stream as {stream}.");
    }
}
