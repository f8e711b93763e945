// The Rochford LSP as its documents describe it: the September 2009 Sustainable Community Strategy action
// plan (priorities, indicators, leads) and the March 2010 progress reports (projects ROC1 to ROC10).
// Figures are kept as printed. Amounts and contact details are not in the documents: they are examples.

using NodaTime;
using Rochford.Lsp.Reporting.Funding;

namespace Rochford.Lsp.Reporting.Seed;

/// <summary>The Rochford Local Strategic Partnership's seed data.</summary>
/// <remarks>
/// Only projects that the reports give a ROC code are included; the action plan's appendix names others
/// (e.g. Rayleigh Age Concern's luncheon club) without a code, and a code is what a project is monitored by.
/// Every project is Performance Reward Grant funded: the report says all PRG projects completed the reporting template.
/// </remarks>
public static class RochfordSeed
{
    private const string PrgAndAvs = "PRG and Additional Voluntary Support funding";
    private const string CigChair = "Chair of the Community Involvement Group (CIG)";

    private static IndicatorFigure F(string value, string? period = null, string? part = null) => new(value, period, part);

    private static PerformanceIndicator Indicator(string code, string description, IndicatorFigure[] baselines, IndicatorFigure[] targets, IndicatorFigure[]? results = null) =>
        new(code, description, baselines, targets, results ?? []);

    /// <summary>The seven strategic priorities of the 2009-2010 action plan.</summary>
    public static IReadOnlyList<StrategicPriority> Priorities { get; } =
    [
        new(1, "Supporting the Ageing Population", "Chair Health and Wellbeing Partnership (HWP)", PrgAndAvs,
        [
            Indicator("LI 2.1", "People over 65 who say that they receive the information, assistance and support needed to exercise choice and control to live independently",
                [F("26.5%", "2008/09")], [F("33.0%", "2010/11")]),
        ]),
        new(2, "Fostering Greater Community Cohesion", "Chair of Community Involvement Group (CIG)", PrgAndAvs,
        [
            Indicator("NI 6", "Participation in regular volunteering", [F("17.5%", "2008/09")], [F("19.5%", "2010/11")]),
            Indicator("NI 8", "Adult participation in sport and active recreation", [F("20.2%", "2005/06")], [F("24.7%", "2010/11")]),
        ]),
        new(3, "Strengthening the Third Sector", CigChair, PrgAndAvs,
        [
            Indicator("NI 7", "Environment for a thriving third sector", [F("15.9%", "2008/09")], [F("17.0%", "2009/10"), F("19.7%", "2010/11")]),
            Indicator("NI 11", "Engagement in the arts", [F("43.5%", "2008/09")], [F("44.5%", "2009/10"), F("46.5%", "2010/11")]),
        ]),
        new(4, "Increasing Accessibility to Services", CigChair, PrgAndAvs,
        [
            Indicator("LI 5.1", "Access to Services",
                [F("32.8%", part: "LI 5.1a"), F("76.4%", part: "LI 5.1b")], [F("38.9%", part: "LI 5.1a"), F("81.1%", part: "LI 5.1b")]),
            // Headed "LI 141" in the plan; its figures are printed under "NI 141".
            Indicator("LI 141", "\u201cSupporting People\u201d service users moved in a planned way",
                [F("78%", "2007/08", "NI 141")], [F("80%", "2010/11", "NI 141")]),
        ]),
        new(5, "Keeping Rochford Safe", "Chair of Rochford Crime and Disorder Reduction Partnership (CDRP)", "PRG funding",
        [
            Indicator("LI 7.2", "Feeling Safe", [F("49.9%", "2007/08")], [F("56.4%", "2010/11")]),
        ]),
        new(6, "Encouraging Economic Development", "To be established", "To be established",
        [
            Indicator("LI (NI 165)", "Proportion of population aged 19-64 for males and 19-59 for females qualified to at least Level 4 or higher",
                [F("24.9%", "2006")], [F("29.5%", "2011")], [F("24.6%", "2008/09")]),
        ]),
        new(7, "Promoting a Greener District", "Chair of LSP Executive", "",
        [
            Indicator("LI 188", "Planning to Adapt to Climate Change", [F("0", "2007/08")], [F("3", "2010/11")], [F("0", "2008/09")]),
        ]),
    ];

    // EXAMPLE VALUES: awards and leads' names and addresses are not in the seed documents.
    private static ProjectProfile Project(string code, string name, string organisation, string objective, int priority, string[] indicators, long awardedPounds) =>
        new(code, name, organisation, objective, priority, indicators, FundingStream.PerformanceRewardGrant, Money.Pounds(awardedPounds),
            new Person($"{name} project lead (example)", $"{code.ToLowerInvariant()}.lead@example.org"));

    /// <summary>The funded projects named in the March 2010 progress reports, linked to the action plan's priorities.</summary>
    public static IReadOnlyList<ProjectProfile> Projects { get; } =
    [
        Project("ROC1", "Sanctuary Scheme", "Sanctuary Scheme",
            "Installing Sanctuary Scheme in High Risk Domestic Violence Victims in the Rochford District", 5, ["LI 7.2"], 12_000),
        Project("ROC3", "STAR Partnership", "STAR Partnership",
            "To recruit a Star Partnership co-ordinator for a 2 year fixed term. The project aims to bring together a wide range of statutory, community and voluntary organisations to improve the health and wellbeing of the residents in the district of Rochford.",
            4, ["LI 5.1", "LI 141"], 30_000),
        Project("ROC4", "Careline", "SEE PCT",
            "To upgrade an existing monitoring only provision to include an emergency response for Careline installations. Careline is a community alarm provision which can be activated by the user by the simple press of a button on a pendant to contact a 24 hour call centre or it can be activated automatically by remote monitors in response to defined situations.",
            1, ["LI 2.1"], 15_000),
        // RRAVS's volunteering project sits under priority 3 in the plan's appendix and also serves NI 6 (volunteering).
        Project("ROC6", "Volunteering", "RRAVS", "ROC6 - Volunteering", 3, ["NI 7", "NI 6"], 8_500),
        Project("ROC7", "Fit for Life", "Blues BodyCare",
            "Increased sessions of Blues Body Care/Fit for Life to cover the whole District including the more rural areas.", 2, ["NI 8"], 6_000),
        // The printed objective begins "Green:", a status that slipped into the wrong box; it is left out here.
        Project("ROC8", "Domestic Abuse Officer", "Rochford District Council",
            "Employ a Domestic Abuse Reduction Officer at RDC to support victims and work with perpetrators", 5, ["LI 7.2"], 25_000),
        // Listed under priority 3 in the plan's appendix.
        Project("ROC9", "Neighbourhood Watch", "Neighbourhood Watch",
            "Increase the number of active Neighbourhood Watch Co-ordinators across the District", 3, ["NI 7"], 3_000),
        Project("ROC10", "Internet Safety", "London Bus Theatre Company",
            "To deliver a play on internet safety to primary schools in Rochford", 5, ["LI 7.2"], 2_500),
    ];

    /// <summary>Example officers and Executive Board addresses (the documents give no addresses for them).</summary>
    public static PartnershipContacts Contacts { get; } = new(
        [new Person("LSP Officer A (example)", "lsp.officer.a@example.org"), new Person("LSP Officer B (example)", "lsp.officer.b@example.org")],
        "lsp.executive@example.org",
        "lsp.executive.chair@example.org");

    /// <summary>The start payload for <paramref name="code"/>'s reporting cycle, with the partnership's usual settings.</summary>
    public static StartPayload StartPayloadFor(string code, LocalDate monitoringStarts) =>
        new(Partnership.Project(code), Contacts, CycleSettings.Default, monitoringStarts);

    /// <summary>The whole partnership.</summary>
    public static PartnershipSeed Partnership { get; } = new(Priorities, Projects, Contacts,
    [
        "Every project's amount awarded",
        "Every project lead's name and email address",
        "The LSP officers and their email addresses",
        "The Executive Board's and its chair's email addresses",
    ]);
}
