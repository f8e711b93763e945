// A table entity as a dictionary of properties, like Azure.Data.Tables.TableEntity.
// Supported property types: string, bool, int, long, double, DateTimeOffset (and DateTime as UTC), Guid, byte[].

using Azure;

namespace Rochford.Lsp.Tables;

/// <summary>
/// An entity: <see cref="PartitionKey"/>, <see cref="RowKey"/>, and custom properties.
/// <see cref="ETag"/> and <see cref="Timestamp"/> are set by the service when read.
/// </summary>
public sealed class TableEntity : Dictionary<string, object?>
{
    /// <summary>Creates an empty entity.</summary>
    public TableEntity() : base(StringComparer.Ordinal) { }

    /// <summary>Creates an entity with its keys.</summary>
    public TableEntity(string partitionKey, string rowKey) : this()
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    /// <summary>The partition key: entities sharing one can be changed together in one transaction.</summary>
    public string PartitionKey
    {
        get => GetString(nameof(PartitionKey)) ?? "";
        set => this[nameof(PartitionKey)] = value;
    }

    /// <summary>The row key: unique within the partition.</summary>
    public string RowKey
    {
        get => GetString(nameof(RowKey)) ?? "";
        set => this[nameof(RowKey)] = value;
    }

    /// <summary>When the service last changed the entity (read-only; ignored on write).</summary>
    public DateTimeOffset? Timestamp { get; internal set; }

    /// <summary>The version the service returned; pass it back to update or delete conditionally.</summary>
    public ETag ETag { get; set; }

    /// <summary>Gets a string property, or null when absent.</summary>
    public string? GetString(string key) => TryGetValue(key, out var v) ? v as string : null;

    /// <summary>Gets an Int32 property, or null when absent.</summary>
    public int? GetInt32(string key) => TryGetValue(key, out var v) && v is not null ? Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>Gets an Int64 property (Int32 values widen), or null when absent.</summary>
    public long? GetInt64(string key) => TryGetValue(key, out var v) && v is not null ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>Gets a boolean property, or null when absent.</summary>
    public bool? GetBoolean(string key) => TryGetValue(key, out var v) ? v as bool? : null;

    /// <summary>Gets a double property, or null when absent.</summary>
    public double? GetDouble(string key) => TryGetValue(key, out var v) && v is not null ? Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>Gets a date-time property, or null when absent.</summary>
    public DateTimeOffset? GetDateTimeOffset(string key) => TryGetValue(key, out var v) ? v switch
    {
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        _ => null,
    } : null;

    /// <summary>Gets a Guid property, or null when absent.</summary>
    public Guid? GetGuid(string key) => TryGetValue(key, out var v) ? v as Guid? : null;

    /// <summary>Gets a binary property, or null when absent.</summary>
    public byte[]? GetBinary(string key) => TryGetValue(key, out var v) ? v as byte[] : null;
}
