using CsCheck;
using Spiderpool.Grains.Interfaces.Addressing;
using Xunit;

namespace Spiderpool.Tests.Unit.Addressing;

/// <summary>
/// IpRangeSet against a HashSet of offsets inside a 64-address window: whatever the ranges look like going in, the set
/// must hold exactly the model's addresses, in the one normalised shape.
/// </summary>
public class IpRangeSetPropertyTests
{
    private const long Iterations = 2_000;

    private static readonly Gen<(AddressWindow Window, (int Low, int High)[] A, (int Low, int High)[] B)> TwoSets =
        Gen.Select(AddressWindow.Gen, AddressWindow.Runs, AddressWindow.Runs);

    [Fact]
    public void FromRanges_HoldsExactlyTheModelAddresses_InNormalisedForm()
    {
        Gen.Select(AddressWindow.Gen, AddressWindow.Runs).Sample((window, runs) =>
        {
            var set = window.ToSet(runs);
            var model = AddressWindow.ToModel(runs);

            AddressWindow.AssertNormalised(set);
            Assert.Equal(model.Order(), window.OffsetsOf(set));
            Assert.Equal(model.Count, (int)set.Count);
            Assert.Equal(model.Count, set.CountSaturated);
            Assert.Equal(model.Count == 0, set.IsEmpty);
        }, iter: Iterations);
    }

    [Fact]
    public void Normalisation_IsIdempotentAndIndependentOfInputOrder()
    {
        Gen.Select(AddressWindow.Gen, AddressWindow.Runs).Sample((window, runs) =>
        {
            var set = window.ToSet(runs);

            Assert.Equal(set, IpRangeSet.FromRanges(set.Ranges));
            Assert.Equal(set.Ranges, IpRangeSet.FromRanges(set.Ranges).Ranges);
            Assert.Equal(set, window.ToSet([.. runs.Reverse()]));
            Assert.Equal(set, IpRangeSet.FromAddresses(set.Addresses().Reverse()));
        }, iter: Iterations);
    }

    [Fact]
    public void Union_AgreesWithSetUnion()
    {
        TwoSets.Sample((window, a, b) =>
        {
            var result = window.ToSet(a).Union(window.ToSet(b));
            var model = AddressWindow.ToModel(a);
            model.UnionWith(AddressWindow.ToModel(b));

            AddressWindow.AssertNormalised(result);
            Assert.Equal(model.Order(), window.OffsetsOf(result));
            Assert.Equal(window.ToSet([.. a, .. b]), result);
        }, iter: Iterations);
    }

    [Fact]
    public void Except_AgreesWithSetDifference()
    {
        TwoSets.Sample((window, a, b) =>
        {
            var result = window.ToSet(a).Except(window.ToSet(b));
            var model = AddressWindow.ToModel(a);
            model.ExceptWith(AddressWindow.ToModel(b));

            AddressWindow.AssertNormalised(result);
            Assert.Equal(model.Order(), window.OffsetsOf(result));
        }, iter: Iterations);
    }

    [Fact]
    public void Intersect_AgreesWithSetIntersection()
    {
        TwoSets.Sample((window, a, b) =>
        {
            var result = window.ToSet(a).Intersect(window.ToSet(b));
            var model = AddressWindow.ToModel(a);
            model.IntersectWith(AddressWindow.ToModel(b));

            AddressWindow.AssertNormalised(result);
            Assert.Equal(model.Order(), window.OffsetsOf(result));
        }, iter: Iterations);
    }

    [Fact]
    public void Overlaps_IsSubsetOf_AndEquality_AgreeWithTheModel()
    {
        TwoSets.Sample((window, a, b) =>
        {
            var (setA, setB) = (window.ToSet(a), window.ToSet(b));
            var (modelA, modelB) = (AddressWindow.ToModel(a), AddressWindow.ToModel(b));

            Assert.Equal(modelA.Overlaps(modelB), setA.Overlaps(setB));
            Assert.Equal(modelA.IsSubsetOf(modelB), setA.IsSubsetOf(setB));
            Assert.Equal(modelA.SetEquals(modelB), setA.Equals(setB));
            if (setA.Equals(setB))
            {
                Assert.Equal(setA.GetHashCode(), setB.GetHashCode());
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Contains_AgreesWithTheModelForEveryAddressOfTheWindow()
    {
        Gen.Select(AddressWindow.Gen, AddressWindow.Runs).Sample((window, runs) =>
        {
            var set = window.ToSet(runs);
            var model = AddressWindow.ToModel(runs);
            for (var offset = 0; offset < AddressWindow.Size; offset++)
            {
                Assert.Equal(model.Contains(offset), set.Contains(window.At(offset)));
            }
        }, iter: Iterations);
    }

    [Fact]
    public void ToStrings_RoundTripsThroughTryParseList()
    {
        Gen.Select(AddressWindow.Gen, AddressWindow.Runs).Sample((window, runs) =>
        {
            var set = window.ToSet(runs);

            Assert.True(IpRangeParser.TryParseList(set.ToStrings(), window.Family, out var parsed, out var error), error);
            Assert.Equal(set, parsed);
            Assert.Equal(set.ToStrings(), parsed.ToStrings());
        }, iter: Iterations);
    }
}
