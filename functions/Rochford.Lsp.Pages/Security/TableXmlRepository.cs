// Keeps ASP.NET Core Data Protection's key ring in Table Storage. Antiforgery tokens are protected with these
// keys: kept on the instance's disk they would be lost on every restart, deploy or scale-out, and a lead who
// had the form open would be refused. In a table, every instance and every restart shares one key ring.

using System.Xml.Linq;
using Azure.Data.Tables;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Rochford.Lsp.Pages.Security;

/// <summary>An <see cref="IXmlRepository"/> over one table: one row per key element, insert-only.</summary>
/// <remarks>
/// The interface is synchronous; Data Protection calls it only when it loads or rotates the key ring (at start and
/// about once a day), so blocking on the table call there is acceptable. Keys are stored as issued (the storage
/// account encrypts at rest and is reached only with the app's identity), like the file system repository does.
/// </remarks>
public sealed class TableXmlRepository(TableClient table) : IXmlRepository
{
    private const string Partition = "key";
    // Set once the table is known to exist. Not a Lazy<Task>: a creation that failed (storage down at start) would be kept,
    // and every later read of the key ring, so every form, would fail until the app restarted, long after storage came back.
    private volatile bool _created;

    /// <inheritdoc />
    public IReadOnlyCollection<XElement> GetAllElements() => GetAllElementsAsync().GetAwaiter().GetResult();

    /// <inheritdoc />
    public void StoreElement(XElement element, string friendlyName) => StoreElementAsync(element, friendlyName).GetAwaiter().GetResult();

    private async Task EnsureCreatedAsync()
    {
        if (_created) return;
        await table.CreateIfNotExistsAsync();
        _created = true;
    }

    private async Task<IReadOnlyCollection<XElement>> GetAllElementsAsync()
    {
        await EnsureCreatedAsync();
        var elements = new List<XElement>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}")))
            elements.Add(XElement.Parse(row.GetString("Xml") ?? throw new InvalidOperationException($"Data protection key row {row.RowKey} has no XML.")));
        return elements;
    }

    private async Task StoreElementAsync(XElement element, string friendlyName)
    {
        await EnsureCreatedAsync();
        // Friendly names are "key-{guid}": unique, and valid as a row key once stripped of anything a key forbids.
        var rowKey = new string([.. friendlyName.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-')]);
        await table.AddEntityAsync(new TableEntity(Partition, rowKey.Length > 0 ? rowKey : Guid.NewGuid().ToString("N"))
        {
            ["Xml"] = element.ToString(SaveOptions.DisableFormatting),
        });
    }
}
