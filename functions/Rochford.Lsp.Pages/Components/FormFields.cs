namespace Rochford.Lsp.Pages.Components;

/// <summary>A GOV.UK textarea with a character count.</summary>
public sealed record TextAreaField(string Name, string Label, string Hint, string Value, string? Error);

/// <summary>The Red / Amber / Green radios.</summary>
public sealed record RagRadiosField(string Legend, string Hint, string? Selected, string? Error)
{
    /// <summary>The statuses and the partnership's definitions, as printed on the progress report.</summary>
    public static IReadOnlyList<(string Status, string Definition)> Choices { get; } =
    [
        ("Red", "Project experiencing or very likely to hit significant problems – urgent action required."),
        ("Amber", "Project has potential for significant problems – action required."),
        ("Green", "Project on target and no significant problems anticipated."),
    ];
}
