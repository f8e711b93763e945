namespace Rochford.Lsp.Email.Rendering;

/// <summary>Who a template's To or Cc recipients are, so each message can say why the reader gets it.</summary>
public enum Audience
{
    /// <summary>Nobody is copied for this template.</summary>
    None,

    /// <summary>The project's lead.</summary>
    ProjectLead,

    /// <summary>The LSP officers.</summary>
    Officers,

    /// <summary>Officers other than the one who proposed a reallocation (four eyes).</summary>
    OtherOfficers,

    /// <summary>The officer who proposed a reallocation.</summary>
    ProposingOfficer,

    /// <summary>The officer who proposed (first) and the other officers.</summary>
    ProposerAndOfficers,

    /// <summary>The LSP Executive Board.</summary>
    ExecutiveBoard,

    /// <summary>The Executive Board's chair.</summary>
    ExecutiveChair,

    /// <summary>The Executive Board and the officers.</summary>
    ExecutiveBoardAndOfficers,
}

/// <summary>The sentences that tell a reader why they got a message.</summary>
internal static class AudienceText
{
    /// <summary>"You are getting this because ..." / "You are copied in ...".</summary>
    public static string Why(Audience audience, RecipientRole role, string? project) => role == RecipientRole.To
        ? "You are getting this because " + audience switch
        {
            Audience.ProjectLead => $"you are the lead for {project}.",
            Audience.Officers => "you are an LSP officer monitoring the partnership's funded projects.",
            Audience.OtherOfficers => "you are an LSP officer and a different officer from the one who proposed this must approve it.",
            Audience.ProposingOfficer => "you proposed this reallocation.",
            Audience.ProposerAndOfficers => "you are an LSP officer: the officer who proposed this reallocation, or one who monitors it.",
            Audience.ExecutiveBoard => "you receive messages for the LSP Executive Board.",
            Audience.ExecutiveChair => "you chair the LSP Executive Board.",
            Audience.ExecutiveBoardAndOfficers => "you are on the LSP Executive Board or are an LSP officer.",
            _ => "you are named on this message.",
        }
        : "You are copied in " + audience switch
        {
            Audience.ProjectLead => $"as the lead for {project}.",
            Audience.Officers or Audience.OtherOfficers => "as an LSP officer.",
            Audience.ProposingOfficer => "because you proposed this reallocation.",
            Audience.ProposerAndOfficers => "as an LSP officer.",
            Audience.ExecutiveBoard => "for the LSP Executive Board.",
            Audience.ExecutiveChair => "as the chair of the LSP Executive Board.",
            Audience.ExecutiveBoardAndOfficers => "as a member of the LSP Executive Board or as an LSP officer.",
            _ => "for information.",
        };

    /// <summary>The intended recipients in words, for "could not be sent to ...".</summary>
    public static string Describe(Audience audience, string? project) => audience switch
    {
        Audience.ProjectLead => $"the lead for {project}",
        Audience.Officers => "the LSP officers",
        Audience.OtherOfficers => "the other LSP officers",
        Audience.ProposingOfficer => "the officer who proposed the reallocation",
        Audience.ProposerAndOfficers => "the LSP officers",
        Audience.ExecutiveBoard => "the LSP Executive Board",
        Audience.ExecutiveChair => "the chair of the LSP Executive Board",
        Audience.ExecutiveBoardAndOfficers => "the LSP Executive Board and officers",
        _ => "the intended recipient",
    };
}
