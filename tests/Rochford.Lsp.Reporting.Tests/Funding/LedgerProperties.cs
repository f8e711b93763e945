// Property tests: thousands of random operation sequences must keep the ledger's invariants.
// Run: dotnet test tests/Rochford.Lsp.Reporting.Tests --filter LedgerProperties

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Rochford.Lsp.Reporting.Funding;
using static Rochford.Lsp.Reporting.Funding.LedgerOperation;

namespace Rochford.Lsp.Reporting.Tests.Funding;

public sealed class LedgerProperties
{
    private const int Runs = 2000;
    private static readonly string[] Projects = ["ROC1", "ROC3", "ROC4", "ROC6"];

    // Small amounts and few ids so that sequences often hit limits and repeat ids.
    private static readonly Gen<string> OperationIds = Gen.Choose(1, 40).Select(n => $"op{n}");
    private static readonly Gen<string> ProjectCodes = Gen.Elements(Projects);
    private static readonly Gen<Money> Amounts = Gen.Choose(-100, 60_000).Select(pence => new Money(pence));

    private static readonly Gen<LedgerOperation> Operations = Gen.OneOf(
        from id in OperationIds from code in ProjectCodes from amount in Amounts select (LedgerOperation)new Award(id, code, amount),
        from id in OperationIds from code in ProjectCodes from amount in Amounts select (LedgerOperation)new Release(id, code, amount),
        from id in OperationIds from code in ProjectCodes from amount in Amounts select (LedgerOperation)new Withdraw(id, code, amount),
        from id in OperationIds from code in ProjectCodes from amount in Amounts select (LedgerOperation)new ReturnToUnallocated(id, code, amount),
        from id in OperationIds
        from code in ProjectCodes
        from allocations in Gen.ListOf(Gen.Zip(ProjectCodes, Amounts, (to, amount) => new Allocation(to, amount)), 3)
        select (LedgerOperation)new Reallocate(id, code, allocations));

    private static Arbitrary<LedgerOperation[]> Sequences => Gen.ArrayOf(Operations).ToArbitrary();

    private static readonly Ledger Start = Ledger.Open(FundingStream.AdditionalVoluntarySupport, new Money(100_000));

    private static IEnumerable<Ledger> Replay(IEnumerable<LedgerOperation> operations)
    {
        var ledger = Start;
        yield return ledger;
        foreach (var operation in operations)
        {
            ledger = ledger.Apply(operation).Ledger;
            yield return ledger;
        }
    }

    [Property(MaxTest = Runs)]
    public Property Apply_AnySequence_ConservesMoney() =>
        Prop.ForAll(Sequences, operations => Replay(operations).All(ledger => ledger.AccountedFor == ledger.Total));

    [Property(MaxTest = Runs)]
    public Property Apply_AnySequence_NeverLeavesANegativeBalance() =>
        Prop.ForAll(Sequences, operations => Replay(operations).All(ledger =>
            !ledger.Unallocated.IsNegative
            && ledger.Accounts.Values.All(account => !account.Unreleased.IsNegative && !account.Released.IsNegative && !account.Held.IsNegative)));

    [Property(MaxTest = Runs)]
    public Property Apply_EveryOperationTwice_EqualsApplyingOnce() =>
        Prop.ForAll(Sequences, operations =>
        {
            var once = Replay(operations).Last();
            var twice = Replay(operations.SelectMany(op => new[] { op, op })).Last();
            return Same(once, twice);
        });

    [Property(MaxTest = Runs)]
    public Property Apply_RefusedOperation_ChangesNothing() =>
        Prop.ForAll(Sequences, operations =>
        {
            var ledger = Start;
            foreach (var operation in operations)
            {
                var result = ledger.Apply(operation);
                if (!result.Succeeded && !ReferenceEquals(result.Ledger, ledger))
                {
                    return false;
                }
                ledger = result.Ledger;
            }
            return true;
        });

    private static bool Same(Ledger a, Ledger b) =>
        a.Unallocated == b.Unallocated
        && a.AppliedOperationIds.SetEquals(b.AppliedOperationIds)
        && Projects.All(code => a.AccountOf(code) == b.AccountOf(code));
}
