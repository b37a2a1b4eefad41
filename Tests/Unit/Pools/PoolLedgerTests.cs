using Spiderpool.Grains.Interfaces.Addressing;
using Spiderpool.Grains.Interfaces.Pools;
using Spiderpool.Grains.Persistence;
using Spiderpool.Grains.Pools;
using Xunit;

namespace Spiderpool.Tests.Unit.Pools;

/// <summary>The pool's bookkeeping on tiny ranges, in exact order, the way host-local tests its allocator.</summary>
public sealed class PoolLedgerTests
{
    private static readonly AddressHolder A = Holder("a");
    private static readonly AddressHolder B = Holder("b");
    private static readonly AddressHolder C = Holder("c");

    [Fact]
    public void Take_HandsOutTheLowestFreeAddressUntilNoneIsLeft()
    {
        var ledger = Ledger("10.0.0.1-10.0.0.3");

        Assert.Equal(["10.0.0.1", "10.0.0.2", "10.0.0.3"], new[] { A, B, C }.Select(h => ledger.Take(h, 1)?.ToString()));
        Assert.Null(ledger.Take(Holder("d"), 1));
        Assert.Equal(3, ledger.HeldCount);
        Assert.Equal(0, ledger.FreeCount);
    }

    [Fact]
    public void Release_ByTheHoldersUid_MakesTheAddressTheNextOneHandedOut()
    {
        var ledger = Ledger("10.0.0.1-10.0.0.3");
        ledger.Take(A, 1);
        ledger.Take(B, 1);

        var byOther = ledger.Release(Ip("10.0.0.1"), "uid-b");
        var released = ledger.Release(Ip("10.0.0.1"), "uid-a");
        var again = ledger.Release(Ip("10.0.0.1"), "uid-a");

        Assert.Equal(LedgerRelease.HeldByOther, byOther);
        Assert.Equal(LedgerRelease.Released, released);
        Assert.Equal(LedgerRelease.NotHeld, again);
        Assert.Equal("10.0.0.1", ledger.Take(C, 2)?.ToString());
    }

    [Fact]
    public void Renew_OfAHolder_ReturnsItsAddressAndRestartsItsGrace()
    {
        var ledger = Ledger("10.0.0.1-10.0.0.3");
        ledger.Take(A, 1);
        ledger.TakeChanges();

        var renewed = ledger.Renew(A with { ContainerId = "c-a-2" }, 50);

        Assert.Equal("10.0.0.1", renewed?.ToString());
        Assert.Null(ledger.Renew(B, 50));
        Assert.Empty(ledger.HeldBefore(50));
        var row = Assert.Single(ledger.TakeChanges().Upserts);
        Assert.Equal(("c-a-2", 50L), (row.ContainerId, row.StampUnixMs));
    }

    [Fact]
    public void ReservedAndExcluded_AreSkipped_AndAHeldAddressOutsideTheRangeStaysWithItsHolder()
    {
        var ledger = Ledger("10.0.0.1-10.0.0.4");
        ledger.Take(A, 1);

        var outside = ledger.SetRanges(IpFamily.V4, Set("10.0.0.2-10.0.0.4"), Set("10.0.0.2"));
        var next = ledger.Take(B, 1);
        ledger.Release(Ip("10.0.0.1"), "uid-a");

        Assert.Equal(["10.0.0.1"], outside.Select(a => a.ToString()));
        Assert.Equal("10.0.0.3", next?.ToString());
        Assert.Equal("10.0.0.4", ledger.Take(C, 1)?.ToString());
        Assert.Null(ledger.Take(Holder("d"), 1));
    }

    [Fact]
    public void Quarantine_KeepsAFreedAddressOutUntilItsTimeIsUp()
    {
        var ledger = Ledger("10.0.0.1-10.0.0.3");
        ledger.Take(A, 1);
        ledger.Quarantine(Ip("10.0.0.1"), untilUnixMs: 100);
        ledger.Release(Ip("10.0.0.1"), "uid-a");

        var during = ledger.Take(B, 99);
        var after = ledger.Take(C, 100);

        Assert.Equal("10.0.0.2", during?.ToString());
        Assert.Equal("10.0.0.1", after?.ToString());
    }

    [Fact]
    public void TakeAddress_GivesExactlyAFreeAddress_AndSaysWhyNotForAHeldQuarantinedOrUnallocatableOne()
    {
        var ledger = Ledger("10.0.0.1-10.0.0.5");
        ledger.Take(A, 1);
        ledger.Quarantine(Ip("10.0.0.4"), untilUnixMs: 100);

        var taken = ledger.TakeAddress(B, Ip("10.0.0.3"), 2);
        var held = ledger.TakeAddress(C, Ip("10.0.0.1"), 2);
        var quarantined = ledger.TakeAddress(C, Ip("10.0.0.4"), 2);
        var outside = ledger.TakeAddress(C, Ip("10.0.0.9"), 2);
        var afterwards = ledger.Take(C, 3);

        Assert.Equal(new ExactTake(true, ""), taken);
        Assert.Equal(new ExactTake(false, "is held by ns/a (container c-a, interface eth0)"), held);
        Assert.Equal(new ExactTake(false, "is in quarantine after an address conflict"), quarantined);
        Assert.Equal(new ExactTake(false, "is not allocatable: outside spec.ips, in spec.excludeIPs or reserved"), outside);
        Assert.Equal("10.0.0.2", afterwards?.ToString());
        Assert.Equal("10.0.0.3", ledger.Renew(B, 4)?.ToString());
    }

    [Fact]
    public void Repoint_MovesAnAddressToANewUidOrTakesAMissingOneBack_ButNeverFromSomeoneElse()
    {
        var ledger = Ledger("10.0.0.1-10.0.0.3");
        ledger.Take(A, 1);
        ledger.Take(B, 1);
        var newA = A with { PodUid = "uid-a-2", Node = "node-2" };

        Assert.True(ledger.Repoint(Ip("10.0.0.1"), "uid-a", newA, 5));
        Assert.False(ledger.Repoint(Ip("10.0.0.2"), "uid-a", newA with { IfName = "net1" }, 5));
        Assert.True(ledger.Repoint(Ip("10.0.0.3"), "uid-gone", C, 5));
        Assert.Equal("10.0.0.1", ledger.Renew(newA, 6)?.ToString());
        Assert.Null(ledger.Renew(A, 6));
        Assert.Equal(["uid-a-2", "uid-b", "uid-c"], ledger.Holdings().Select(h => h.Holder.PodUid));
    }

    [Fact]
    public void FreeIfUnchanged_LeavesAnAddressThatWasRenewedMeanwhile()
    {
        var ledger = Ledger("10.0.0.1-10.0.0.3");
        ledger.Take(A, 1);
        ledger.Take(B, 1);
        var examined = ledger.HeldBefore(10);
        ledger.Renew(A, 20);

        var freed = examined.Where(e => ledger.FreeIfUnchanged(e.Address, e.Holding)).Select(e => e.Address.ToString());

        Assert.Equal(["10.0.0.2"], freed);
    }

    [Fact]
    public void TakeChanges_CarriesOnlyWhatChangedSinceTheLastWrite()
    {
        var ledger = Ledger("10.0.0.1-10.0.0.9");
        ledger.Load([new HeldAddress(Ip("10.0.0.5"), "ns/old", "uid-old", "c-old", "eth0", 1, "node-1", "macvlan")]);
        ledger.SetRanges(IpFamily.V4, Set("10.0.0.1-10.0.0.9"), IpRangeSet.Empty);
        ledger.Take(A, 2);
        ledger.Release(Ip("10.0.0.5"), "uid-old");

        var first = ledger.TakeChanges();
        var second = ledger.TakeChanges();

        Assert.Equal(["10.0.0.1"], first.Upserts.Select(u => u.Address.ToString()));
        Assert.Equal(["10.0.0.5"], first.Removals.Select(a => a.ToString()));
        Assert.Empty(second.Upserts);
        Assert.Empty(second.Removals);
        Assert.False(ledger.HasChanges);
    }

    [Fact]
    public void Load_KeepsStoredHoldersOutOfTheFreeList()
    {
        var ledger = new PoolLedger();
        ledger.Load([new HeldAddress(Ip("10.0.0.1"), "ns/a", "uid-a", "c-a", "eth0", 1, "node-1", "macvlan")]);
        ledger.SetRanges(IpFamily.V4, Set("10.0.0.1-10.0.0.2"), IpRangeSet.Empty);

        Assert.Equal("10.0.0.2", ledger.Take(B, 2)?.ToString());
        Assert.Equal(["ns/a", "ns/b"], ledger.Holdings(h => h.NetName == "macvlan").Select(h => h.Holder.PodKey));
    }

    private static PoolLedger Ledger(string range)
    {
        var ledger = new PoolLedger();
        ledger.SetRanges(IpFamily.V4, Set(range), IpRangeSet.Empty);
        return ledger;
    }

    private static AddressHolder Holder(string pod) => new($"ns/{pod}", $"uid-{pod}", $"c-{pod}", "eth0", "node-1", "macvlan");

    private static IpAddr Ip(string text) => IpAddr.Parse(text);

    private static IpRangeSet Set(string ranges)
    {
        Assert.True(IpRangeParser.TryParseList([.. ranges.Split(',')], IpFamily.V4, out var set, out var error), error);
        return set;
    }
}
