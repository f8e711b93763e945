// Signs each request with the storage account key using the Table service's SharedKeyLite scheme:
// HMAC-SHA256 over "x-ms-date\n/{account}{path}[?comp=...]". Runs per retry so the date is fresh.

using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Rochford.Lsp.Tables;

/// <summary>Adds <c>x-ms-date</c> and a SharedKeyLite <c>Authorization</c> header to every request.</summary>
internal sealed class SharedKeyLitePolicy : HttpPipelineSynchronousPolicy
{
    private readonly string _accountName;
    private readonly byte[] _key;
    private readonly TimeProvider _time;

    public SharedKeyLitePolicy(string accountName, string base64Key, TimeProvider? time = null)
    {
        _accountName = accountName;
        _key = Convert.FromBase64String(base64Key);
        _time = time ?? TimeProvider.System;
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        var date = _time.GetUtcNow().ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        message.Request.Headers.SetValue("x-ms-date", date);
        var signature = Sign(date, message.Request.Uri.ToUri());
        message.Request.Headers.SetValue("Authorization", $"SharedKeyLite {_accountName}:{signature}");
    }

    /// <summary>Computes the signature for a request at <paramref name="date"/> (RFC 1123) to <paramref name="uri"/>.</summary>
    internal string Sign(string date, Uri uri)
    {
        var stringToSign = date + "\n" + CanonicalizedResource(uri);
        using var hmac = new HMACSHA256(_key);
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(stringToSign)));
    }

    /// <summary>"/{account}{encoded path}", plus "?comp={value}" when the query has a comp parameter.</summary>
    internal string CanonicalizedResource(Uri uri)
    {
        var resource = "/" + _accountName + uri.AbsolutePath;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (pair.StartsWith("comp=", StringComparison.OrdinalIgnoreCase))
                return resource + "?comp=" + Uri.UnescapeDataString(pair[5..]);
        }
        return resource;
    }
}
