// The local engine's latency, one lead's submission at a time: from the lead's POST (which raises the input) to the
// project's history row for it in the read model, and to its receipt in the mailbox (the email-log row marked Sent,
// which SendEmailsActivity does right after the mailbox has stored the message).
// Run: ./bench.sh engine. Prints figures; it is not a timed test.

using System.Diagnostics;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Testing;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Benchmarks;

/// <summary>Input event -> history row committed -> receipt in the mailbox, p50 and p99, with the engine warm and idle.</summary>
internal static class EngineBenchmarks
{
    private const int Projects = 10;
    private const int WarmSamples = 40;
    private const int IdleSamples = 20;

    /// <summary>Long enough for the idle engine's queue polling to have backed off to its longest interval (1 s).</summary>
    private static readonly TimeSpan IdlePause = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(10);

    public static async Task RunAsync()
    {
        await using var azurite = await AzuriteServer.StartAllServicesAsync();
        await using var scenario = await LeadsScenario.StartAsync(azurite, Projects);
        foreach (var lead in scenario.Leads)
            await SampleAsync(scenario.ReadModel, lead); // warm-up

        foreach (var (what, count, pause) in new[]
                 {
                     ("engine warm: each input as soon as the last receipt was sent", WarmSamples, TimeSpan.Zero),
                     ($"engine idle: each input {IdlePause.TotalSeconds:F0} s after the last receipt", IdleSamples, IdlePause),
                 })
        {
            var samples = new List<(double Post, double History, double Receipt)>();
            for (var i = 0; i < count; i++)
            {
                await Task.Delay(pause);
                samples.Add(await SampleAsync(scenario.ReadModel, scenario.Leads[i % Projects]));
            }
            Console.WriteLine($"  -- {what} --");
            Figures.Line("lead's POST answered (input raised)", Figures.Latencies([.. samples.Select(s => s.Post)]));
            Figures.Line("input -> history row committed", Figures.Latencies([.. samples.Select(s => s.History)]), "none set in issue 10");
            Figures.Line("input -> receipt in the mailbox (email log Sent)", Figures.Latencies([.. samples.Select(s => s.Receipt)]), "none set in issue 10");
        }
    }

    /// <summary>One submission: milliseconds from just before the POST to its answer, to its history row, and to its receipt Sent.</summary>
    private static async Task<(double Post, double History, double Receipt)> SampleAsync(ReadModel readModel, LeadBrowser lead)
    {
        var clock = Stopwatch.StartNew();
        var submissionId = await lead.SubmitAsync();
        var post = clock.Elapsed.TotalMilliseconds;
        long? transition = null;
        await Figures.UntilAsync(async () => (transition = await readModel.HistoryTransitionAsync(lead.ProjectCode, LeadBrowser.InputIdPrefix(submissionId))) is not null,
            PollEvery, TimeSpan.FromMinutes(2), $"{lead.ProjectCode}'s history row for submission {submissionId}");
        var history = clock.Elapsed.TotalMilliseconds;
        await Figures.UntilAsync(async () => await readModel.EmailStateAsync(lead.ProjectCode, transition!.Value, EmailTemplates.SubmissionReceipt) == EmailLogState.Sent,
            PollEvery, TimeSpan.FromMinutes(2), $"{lead.ProjectCode}'s receipt for submission {submissionId}");
        return (post, history, clock.Elapsed.TotalMilliseconds);
    }
}
