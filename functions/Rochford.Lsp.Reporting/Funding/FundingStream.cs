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

/// <summary>How people name the streams.</summary>
public static class FundingStreams
{
    /// <summary>The stream as letters and pages name it, e.g. "Performance Reward Grant".</summary>
    public static string Describe(this FundingStream stream) => stream switch
    {
        FundingStream.PerformanceRewardGrant => "Performance Reward Grant",
        FundingStream.AdditionalVoluntarySupport => "Additional Voluntary Support funding",
        _ => stream.ToString(),
    };
}
