using System.Text.Json.Serialization;

namespace Rochford.Lsp.Reporting.Funding;

/// <summary>The grant streams the LSP received in 2009 to fund local projects.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FundingStream>))]
public enum FundingStream
{
    /// <summary>Performance Reward Grant: the County-wide reward for Essex's LAA 1 performance.</summary>
    PerformanceRewardGrant,

    /// <summary>Additional Voluntary Support funding.</summary>
    AdditionalVoluntarySupport,
}
