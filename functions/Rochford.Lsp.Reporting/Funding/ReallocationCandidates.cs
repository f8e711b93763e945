// Who should receive a withdrawn project's money. The LSP's practice: "this funding was then allocated to
// other projects addressing the same indicators". A pure ranking; officers choose from it.

using System.Text.Json.Serialization;

namespace Rochford.Lsp.Reporting.Funding;

/// <summary>Why a project is a candidate to receive reallocated funding, best first.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CandidateReason>))]
public enum CandidateReason
{
    /// <summary>It addresses at least one of the same performance indicators.</summary>
    SameIndicator,

    /// <summary>It serves the same strategic priority.</summary>
    SamePriority,

    /// <summary>It is funded from the same stream but shares neither: for the Executive to consider when nothing closer exists.</summary>
    SameStreamOnly,
}

/// <summary>A candidate recipient and why.</summary>
public sealed record ReallocationCandidate(ProjectProfile Project, CandidateReason Reason, IReadOnlyList<string> SharedIndicators);

/// <summary>Ranks the partnership's projects as recipients of a withdrawn project's funding.</summary>
public static class ReallocationCandidates
{
    /// <summary>
    /// The projects that could receive <paramref name="withdrawn"/>'s funding: same stream (money moves within a
    /// stream), not itself, not excluded (e.g. completed or withdrawn), best first.
    /// </summary>
    public static IReadOnlyList<ReallocationCandidate> Rank(ProjectProfile withdrawn, IEnumerable<ProjectProfile> projects, IReadOnlySet<string>? excludedCodes = null) =>
    [
        .. projects
            .Where(project => project.Code != withdrawn.Code && project.FundingStream == withdrawn.FundingStream && excludedCodes?.Contains(project.Code) != true)
            .Select(project =>
            {
                var shared = project.PerformanceIndicators.Intersect(withdrawn.PerformanceIndicators).ToList();
                var reason = shared.Count > 0 ? CandidateReason.SameIndicator
                    : project.StrategicPriority == withdrawn.StrategicPriority ? CandidateReason.SamePriority
                    : CandidateReason.SameStreamOnly;
                return new ReallocationCandidate(project, reason, shared);
            })
            .OrderBy(candidate => candidate.Reason)
            .ThenByDescending(candidate => candidate.SharedIndicators.Count)
            .ThenBy(candidate => candidate.Project.Code, StringComparer.Ordinal),
    ];
}
