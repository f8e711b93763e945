// What starts a project's reporting cycle: the project, the partnership's people, the cycle's timings and
// the date monitoring starts. Parsed and validated field by field, like every other input.

using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using NodaTime;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting.Cycle;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Json;

namespace Rochford.Lsp.Reporting;

/// <summary>The start payload of a project's reporting cycle.</summary>
/// <param name="Project">The funded project.</param>
/// <param name="Contacts">The partnership's officers and Executive Board.</param>
/// <param name="Settings">The partnership's cycle timings (defaults for anything left out).</param>
/// <param name="MonitoringStarts">The first quarter reported on is the one containing this date.</param>
public sealed partial record StartPayload(
    ProjectProfile Project,
    PartnershipContacts Contacts,
    CycleSettings Settings,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate MonitoringStarts)
{
    private const string Input = "Start";

    /// <summary>The payload as JSON, in the shape <see cref="Parse"/> reads.</summary>
    public string ToJson() => ReportingJson.Serialize(this);

    /// <summary>Parses and validates a start payload.</summary>
    /// <exception cref="InputRefusedException">A field is missing or invalid; the message says which and why.</exception>
    public static StartPayload Parse(string json)
    {
        var payload = PayloadReader.Parse(Input, json);
        var profile = ReadProject(payload);

        var contacts = CommandParser.ReadContacts(payload);

        var settings = payload.OptionalObject("Settings") is { } changes
            ? CommandParser.ReadSettingsChanges(changes).ApplyTo(CycleSettings.Default)
            : CycleSettings.Default;
        if (settings.Problem() is { } problem)
        {
            throw payload.Refuse($"'Settings': {problem}");
        }

        return new StartPayload(
            profile,
            contacts,
            settings,
            payload.RequiredDate("MonitoringStarts"));
    }

    /// <summary>Reads and checks the payload's "Project": what a project's start and an award's reservation both carry.</summary>
    internal static ProjectProfile ReadProject(PayloadReader payload)
    {
        var project = payload.RequiredObject("Project");
        var code = project.RequiredShortText("Code").ToUpperInvariant();
        if (!ProjectCodePattern().IsMatch(code))
        {
            throw payload.Refuse($"'Project.Code' must be letters followed by digits, like ROC4, not '{code}'.");
        }
        var priority = project.RequiredInt("StrategicPriority");
        if (priority is < 1 or > 7)
        {
            throw payload.Refuse($"'Project.StrategicPriority' must be 1 to 7, not {priority}.");
        }
        return new ProjectProfile(
            code,
            project.RequiredShortText("Name"),
            project.RequiredShortText("Organisation"),
            project.RequiredText("Objective"),
            priority,
            project.RequiredTexts("PerformanceIndicators"),
            project.RequiredEnum<FundingStream>("FundingStream", "PerformanceRewardGrant or AdditionalVoluntarySupport"),
            project.RequiredMoney("AmountAwarded"),
            project.Person("Lead", emailRequired: false));
    }

    /// <summary>True when <paramref name="code"/> (upper case) can be a project's code: letters then digits, like ROC4.</summary>
    public static bool IsProjectCode(string? code) => code is not null && ProjectCodePattern().IsMatch(code);

    [GeneratedRegex("^[A-Z]{1,10}[0-9]{1,4}$")]
    private static partial Regex ProjectCodePattern();
}
