// A table the email part creates the first time it is used, once per process, so callers need no start-up order.

using Azure.Data.Tables;

namespace Rochford.Lsp.Email;

/// <summary>Wraps a <see cref="TableClient"/> whose table is created (if missing) before its first use.</summary>
internal sealed class CreatedOnFirstUse(TableClient table)
{
    private readonly SemaphoreSlim createLock = new(1, 1);
    private volatile bool created;

    /// <summary>The table, created if it did not exist.</summary>
    public async ValueTask<TableClient> GetAsync(CancellationToken cancellationToken)
    {
        if (created) return table;
        await createLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!created)
            {
                await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
                created = true;
            }
        }
        finally
        {
            createLock.Release();
        }
        return table;
    }
}
