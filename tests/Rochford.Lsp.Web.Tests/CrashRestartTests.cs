// kill -9 of the app (and the workflow engine inside it) in the middle of a simulated quarter, then a restart on the
// same storage: the projects' histories and the emails sent must equal those of a run that was never interrupted.
// Only the app is killed, never Azurite: Azurite writes its tables to disk every few seconds, so killing it can lose
// acknowledged writes, which real storage never does.

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Web.Tests;

public sealed class CrashRestartTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Dictionary<string, string> Simulated = new() { ["Clock__SimulatedStart"] = "2010-03-16T09:00:00Z" };
    private const string Target = "2010-04-27T12:00:00Z";   // requests, reminders, due dates, chases and "no report received"

    [Fact]
    public async Task KilledInTheMiddleOfAQuarter_AndRestarted_EndsAsAnUninterruptedRunWithNothingLostOrSentTwice()
    {
        Outcome uninterrupted;
        await using (var app = await AppProcess.StartAsync(azurite.Server, Simulated))
        {
            await AdvanceAsync(app);
            uninterrupted = await OutcomeAsync(app);
        }

        string prefix;
        int mailAtKill;
        {
            var app = await AppProcess.StartAsync(azurite.Server, Simulated);
            prefix = app.TablePrefix;
            // Move the clock without waiting for the answer, and kill the process once the first emails have gone.
            var moving = app.Http.PostAsJsonAsync("dev/clock", new { advanceTo = Target });
            mailAtKill = await WaitForMailAsync(app, atLeast: 1);
            await app.DisposeAsync();   // Process.Kill: SIGKILL, no shutdown of the worker or the engine
            await Assert.ThrowsAnyAsync<Exception>(() => moving);
        }
        await using (var restarted = await AppProcess.StartAsync(azurite.Server, Simulated, prefix))
        {
            await AdvanceAsync(restarted);
            var recovered = await OutcomeAsync(restarted);

            Assert.True(mailAtKill < uninterrupted.Emails.Count, $"the kill should come before the last email ({mailAtKill} of {uninterrupted.Emails.Count} had gone)");
            Assert.Equal(uninterrupted.Histories.Keys.Order(), recovered.Histories.Keys.Order());
            foreach (var (project, history) in uninterrupted.Histories)
                Assert.Equal(history, recovered.Histories[project]);
            Assert.Equal(uninterrupted.Emails.Order(), recovered.Emails.Order());
        }
    }

    private sealed record Outcome(Dictionary<string, string[]> Histories, List<string> Emails);

    private static async Task AdvanceAsync(AppProcess app)
    {
        using var moved = await app.Http.PostAsJsonAsync("dev/clock", new { advanceTo = Target });
        Assert.True(moved.StatusCode == HttpStatusCode.OK, $"the clock did not move: {moved.StatusCode} {await moved.Content.ReadAsStringAsync()}\n{app.Log}");
    }

    /// <summary>Each project's history (type, time and sentence of every event) and every email (template, addressees, subject).</summary>
    private static async Task<Outcome> OutcomeAsync(AppProcess app)
    {
        var histories = new Dictionary<string, string[]>();
        foreach (var instance in (await app.Http.GetFromJsonAsync<JsonElement[]>("dev/instances.json"))!)
        {
            var id = instance.GetProperty("instanceId").GetString()!;
            histories[id] = [.. (await app.Http.GetFromJsonAsync<JsonElement[]>($"dev/instances/{id}/history.json"))!
                .Select(e => $"{e.GetProperty("at").GetDateTimeOffset():u} {e.GetProperty("type").GetString()}: {e.GetProperty("explanation").GetString()}")];
        }
        var mail = (await app.Http.GetFromJsonAsync<JsonElement[]>("dev/mailbox.json"))!;
        // The mailbox keeps one copy per message id: a second send of the same message would show as the same entry.
        Assert.Equal(mail.Length, mail.Select(m => m.GetProperty("messageId").GetString()).Distinct().Count());
        var emails = mail.Select(m =>
            $"{m.GetProperty("template").GetString()} to {string.Join(",", m.GetProperty("to").EnumerateArray().Select(a => a.GetString()))}: {m.GetProperty("subject").GetString()}").ToList();
        Assert.NotEmpty(emails);
        return new Outcome(histories, emails);
    }

    private static async Task<int> WaitForMailAsync(AppProcess app, int atLeast)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            var mail = await app.Http.GetFromJsonAsync<JsonElement[]>("dev/mailbox.json");
            if (mail!.Length >= atLeast) return mail.Length;
            await Task.Delay(5);
        }
        throw new TimeoutException($"No email was sent within 60 s of moving the clock:\n{app.Log}");
    }
}
