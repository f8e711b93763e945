using Azure;

namespace Rochford.Lsp.Tables;

/// <summary>The kind of operation in an entity-group transaction.</summary>
public enum TableTransactionActionType
{
    /// <summary>Insert; fails if the entity exists.</summary>
    Add,
    /// <summary>Merge into an existing entity, conditional on the ETag.</summary>
    UpdateMerge,
    /// <summary>Replace an existing entity, conditional on the ETag.</summary>
    UpdateReplace,
    /// <summary>Delete, conditional on the ETag.</summary>
    Delete,
    /// <summary>Insert or merge.</summary>
    UpsertMerge,
    /// <summary>Insert or replace.</summary>
    UpsertReplace,
}

/// <summary>One operation of a transaction. Update and delete actions require an ETag (use <see cref="ETag.All"/> deliberately for unconditional).</summary>
public sealed record TableTransactionAction
{
    /// <summary>Creates an action; throws when an update or delete has no ETag.</summary>
    public TableTransactionAction(TableTransactionActionType actionType, TableEntity entity, ETag etag = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (actionType is TableTransactionActionType.UpdateMerge or TableTransactionActionType.UpdateReplace or TableTransactionActionType.Delete
            && etag == default)
            throw new ArgumentException($"A {actionType} action needs an ETag: pass the entity's ETag, or ETag.All to overwrite unconditionally.", nameof(etag));
        ActionType = actionType;
        Entity = entity;
        ETag = etag;
    }

    /// <summary>What to do.</summary>
    public TableTransactionActionType ActionType { get; }

    /// <summary>The entity (for Delete only its keys matter).</summary>
    public TableEntity Entity { get; }

    /// <summary>The If-Match ETag for updates and deletes.</summary>
    public ETag ETag { get; }
}
