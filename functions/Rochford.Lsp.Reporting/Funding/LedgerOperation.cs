// The operations that move money within one funding stream. Each carries an id so that applying it
// twice (a retried request, a redelivered event) has the effect of applying it once.

namespace Rochford.Lsp.Reporting.Funding;

/// <summary>One movement of money within a funding stream's <see cref="Ledger"/>.</summary>
/// <param name="OperationId">Unique per operation; a repeated id is ignored.</param>
public abstract record LedgerOperation(string OperationId)
{
    /// <summary>Award money from the stream's unallocated balance to a project.</summary>
    public sealed record Award(string OperationId, string ProjectCode, Money Amount) : LedgerOperation(OperationId);

    /// <summary>Pay part of a project's award to its organisation.</summary>
    public sealed record Release(string OperationId, string ProjectCode, Money Amount) : LedgerOperation(OperationId);

    /// <summary>Withdraw unreleased funding from a project; it is held until reallocated.</summary>
    public sealed record Withdraw(string OperationId, string ProjectCode, Money Amount) : LedgerOperation(OperationId);

    /// <summary>
    /// Move everything held from a withdrawn project to the recipients; what is not allocated returns to
    /// the stream's unallocated balance. All or nothing.
    /// </summary>
    public sealed record Reallocate(string OperationId, string FromProjectCode, IReadOnlyList<Allocation> Allocations) : LedgerOperation(OperationId);

    /// <summary>Return unreleased funding from a project (e.g. one completed under budget) to the unallocated balance.</summary>
    /// <param name="RefusedReallocation">True when the project refused money reallocated to it: it no longer counts as reallocated.</param>
    public sealed record ReturnToUnallocated(string OperationId, string ProjectCode, Money Amount, bool RefusedReallocation = false) : LedgerOperation(OperationId);
}

/// <summary>Part of a reallocation: an amount for one recipient project.</summary>
public sealed record Allocation(string ProjectCode, Money Amount);
