// Quarters sort by their first day (issue 21: sorting a project's quarters once threw "At least one object must implement
// IComparable", which made the dashboard answer 500 as soon as a Red project had a second quarter).
// Run: dotnet test tests/Rochford.Lsp.Reporting.Tests --filter FinancialQuarterOrder

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Rochford.Lsp.Reporting.Dates;

namespace Rochford.Lsp.Reporting.Tests.Dates;

public sealed class FinancialQuarterOrderProperties
{
    private const int Runs = 1000;

    private static readonly Gen<FinancialQuarter> Quarters =
        from year in Gen.Choose(1995, 2030)
        from number in Gen.Choose(1, 4)
        select new FinancialQuarter(year, number);

    private static Arbitrary<FinancialQuarter[]> Lists => Gen.ArrayOf(Quarters).ToArbitrary();

    private static Arbitrary<(FinancialQuarter, FinancialQuarter)> Pairs => Gen.Zip(Quarters, Quarters).ToArbitrary();

    [Property(MaxTest = Runs)]
    public Property DefaultComparer_AgreesWithTheFirstDays() =>
        Prop.ForAll(Pairs, pair =>
        {
            var (a, b) = pair;
            return Math.Sign(Comparer<FinancialQuarter>.Default.Compare(a, b)) == Math.Sign(a.FirstDay.CompareTo(b.FirstDay));
        });

    [Property(MaxTest = Runs)]
    public Property NonGenericCompareTo_AgreesWithTheGenericOne() =>
        Prop.ForAll(Pairs, pair =>
        {
            var (a, b) = pair;
            return ((IComparable)(object)a).CompareTo(b) == Comparer<FinancialQuarter>.Default.Compare(a, b)
                && ((IComparable)(object)a).CompareTo(null) > 0;
        });

    [Property(MaxTest = Runs)]
    public Property Order_IsTheOrderOfTheFirstDays() =>
        Prop.ForAll(Lists, quarters =>
            quarters.Order().Select(q => q.FirstDay).SequenceEqual(quarters.Select(q => q.FirstDay).Order())
            && quarters.OrderByDescending(q => q).Select(q => q.FirstDay).SequenceEqual(quarters.Select(q => q.FirstDay).OrderDescending()));

    [Property(MaxTest = Runs)]
    public Property Next_IsAlwaysLater() =>
        Prop.ForAll(Quarters.Where(q => q.StartYear < 9998).ToArbitrary(), q =>
            Comparer<FinancialQuarter>.Default.Compare(q.Next, q) > 0 && q.IsBefore(q.Next) && !q.Next.IsBefore(q));

    [Property(MaxTest = Runs)]
    public Property Operators_AgreeWithCompareTo() =>
        Prop.ForAll(Pairs, pair =>
        {
            var (a, b) = pair;
            var c = a.CompareTo(b);
            return (a < b) == (c < 0) && (a > b) == (c > 0) && (a <= b) == (c <= 0) && (a >= b) == (c >= 0)
                && (c == 0) == (a == b) && Math.Sign(b.CompareTo(a)) == -Math.Sign(c);
        });

    [Fact]
    public void CompareTo_SomethingThatIsNotAQuarter_IsRefused() =>
        Assert.Throws<ArgumentException>(() => ((IComparable)(object)new FinancialQuarter(2009, 4)).CompareTo("2009-10 Q4"));
}
