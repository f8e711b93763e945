using NodaTime;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Pages.Staff;

/// <summary>A project's page.</summary>
/// <param name="Done">The action just done, for the notification banner.</param>
public sealed record ProjectView(
    Person Officer,
    ProjectState State,
    ProjectRow Row,
    LocalDate Today,
    IReadOnlyList<HistoryRecord> History,
    IReadOnlyList<OfficerAction> Actions,
    OfficerAction? Done);

/// <summary>An action's page.</summary>
/// <param name="Refusal">Why it cannot be done (the project's rules, or its phase), in words.</param>
public sealed record ActionView(
    Person Officer,
    ProjectState State,
    OfficerAction Action,
    LocalDate Today,
    IReadOnlyList<ProjectProfile> Candidates,
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyList<Lead.FieldError> Errors,
    string? Refusal,
    string SubmissionId)
{
    /// <summary>The message for <paramref name="field"/>, if it has an error.</summary>
    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    /// <summary>The value sent for <paramref name="field"/> ("" when none).</summary>
    public string Value(string field) => Values.TryGetValue(field, out var value) ? value : "";
}
