using System.Net.NetworkInformation;
using Spiderpool.Netlink;
using Spiderpool.Netlink.Links;
using Spiderpool.Netlink.Protocol;
using Xunit;
using static Spiderpool.Tests.Unit.Netlink.Bytes;

namespace Spiderpool.Tests.Unit.Netlink;

public class LinkRequestTests
{
    // nlmsghdr flags: REQUEST|ACK|EXCL|CREATE = 0x0605; REQUEST|ACK = 0x0005.
    private const string Zero16 = "00000000000000000000000000000000";

    [Fact]
    public void NewMacvlan_IsByteForByteWhatIproute2Sends()
    {
        // strace of `ip link add mv0 link vh0 type macvlan mode bridge` (vh0 = ifindex 3), sequence set to 1.
        var iproute2 = Hex(
            "4c000000 1000 0506 01000000 00000000" + Zero16 +
            "0800 0500 03000000" +
            "0800 0300 6d763000" +
            "1c00 1200 0b00 0100 6d6163766c616e00 0c00 0200 0800 0100 04000000");

        var message = Encode(b => LinkRequests.New(b, new MacvlanLinkSpec("mv0", 3, MacvlanMode.Bridge), parentIndex: 3));

        Assert.Equal(ToHex(iproute2), ToHex(message));
    }

    [Fact]
    public void NewVeth_IsByteForByteWhatIproute2Sends()
    {
        // strace of `ip link add v0 type veth peer name v1`: the peer is a whole ifinfomsg plus its own attributes.
        var iproute2 = Hex(
            "54000000 1000 0506 01000000 00000000" + Zero16 +
            "0700 0300 763000 00" +
            "2c00 1200 0800 0100 76657468" +
            "2000 0200 1c00 0100" + Zero16 + "0700 0300 763100 00");

        var message = Encode(b => LinkRequests.New(b, new VethLinkSpec("v0", "v1"), parentIndex: 0));

        Assert.Equal(ToHex(iproute2), ToHex(message));
    }

    [Fact]
    public void NewVeth_PutsPeerNamespaceMacAndMtuInsideThePeer()
    {
        var spec = new VethLinkSpec("v0", "v1")
        {
            Mtu = 9000,
            PeerMtu = 1500,
            PeerMac = PhysicalAddress.Parse("02-00-00-00-00-02"),
        };

        var message = Encode(b => LinkRequests.New(b, spec, parentIndex: 0, namespaceFd: -1, peerNamespaceFd: 7));

        Assert.Equal(
            ToHex(Hex(
                "78000000 1000 0506 01000000 00000000" + Zero16 +
                "0700 0300 763000 00" +
                "0800 0400 28230000" +
                "4800 1200 0800 0100 76657468" +
                "3c00 0200 3800 0100" + Zero16 +
                "0700 0300 763100 00" +
                "0800 0400 dc050000" +
                "0a00 0100 020000000002 0000" +
                "0800 1c00 07000000")),
            ToHex(message));
    }

    [Fact]
    public void NewMacvlan_WithMtuMacAndTargetNamespace_PutsThemBeforeLinkInfo()
    {
        var spec = new MacvlanLinkSpec("mv0", "eth0", MacvlanMode.Private)
        {
            Mtu = 1400,
            Mac = PhysicalAddress.Parse("02-11-22-33-44-55"),
        };

        var message = Encode(b => LinkRequests.New(b, spec, parentIndex: 2, namespaceFd: 9));

        Assert.Equal(
            ToHex(Hex(
                "68000000 1000 0506 01000000 00000000" + Zero16 +
                "0800 0500 02000000" +
                "0800 0300 6d763000" +
                "0800 0400 78050000" +
                "0a00 0100 021122334455 0000" +
                "0800 1c00 09000000" +
                "1c00 1200 0b00 0100 6d6163766c616e00 0c00 0200 0800 0100 01000000")),
            ToHex(message));
    }

    [Fact]
    public void NewMacvlan_WithUnspecifiedMode_SendsNoInfoData()
    {
        var message = Encode(b => LinkRequests.New(b, new MacvlanLinkSpec("mv0", 3, MacvlanMode.Unspecified), parentIndex: 3));

        Assert.Equal(
            ToHex(Hex("40000000 1000 0506 01000000 00000000" + Zero16 + "0800 0500 03000000" + "0800 0300 6d763000" + "1000 1200 0b00 0100 6d6163766c616e00")),
            ToHex(message));
    }

    [Fact]
    public void NewIpvlan_SendsModeAndFlagsAsSixteenBitValues()
    {
        var message = Encode(b => LinkRequests.New(b, new IpvlanLinkSpec("ipv0", 2, IpvlanMode.L3, IpvlanFlags.Private), parentIndex: 2));

        Assert.Equal(
            ToHex(Hex(
                "58000000 1000 0506 01000000 00000000" + Zero16 +
                "0800 0500 02000000" +
                "0900 0300 69707630 00 000000" +
                "2400 1200 0a00 0100 697076 6c616e 0000" +
                "1400 0200 0600 0100 0100 0000 0600 0200 0100 0000")),
            ToHex(message));
    }

    [Fact]
    public void NewVlan_SendsTheIdInHostOrderAndTheProtocolInNetworkOrder()
    {
        var message = Encode(b => LinkRequests.New(b, new VlanLinkSpec("eth0.100", 2, 100, VlanProtocol.Ieee8021AD), parentIndex: 2));

        Assert.Equal(
            ToHex(Hex(
                "58000000 1000 0506 01000000 00000000" + Zero16 +
                "0800 0500 02000000" +
                "0d00 0300 657468302e313030 00 000000" +
                "2000 1200 0800 0100 766c616e" +
                "1400 0200 0600 0100 6400 0000 0600 0500 88a8 0000")),
            ToHex(message));
    }

    [Fact]
    public void NewBond_SendsModeAsAByteAndMiimon()
    {
        var message = Encode(b => LinkRequests.New(b, new BondLinkSpec("bond0", BondMode.Ieee8023AD) { MiimonMilliseconds = 100 }, parentIndex: 0));

        Assert.Equal(
            ToHex(Hex(
                "4c000000 1000 0506 01000000 00000000" + Zero16 +
                "0a00 0300 626f6e6430 00 0000" +
                "2000 1200 0800 0100 626f6e64" +
                "1400 0200 0500 0100 04 000000 0800 0300 64000000")),
            ToHex(message));
    }

    [Fact]
    public void NewDummy_SendsOnlyTheKind()
    {
        var message = Encode(b => LinkRequests.New(b, new DummyLinkSpec("dummy0"), parentIndex: 0));

        Assert.Equal(
            ToHex(Hex(
                "3c000000 1000 0506 01000000 00000000" + Zero16 +
                "0b00 0300 64756d6d7930 00 00" +
                "1000 1200 0900 0100 64756d6d79 000000")),
            ToHex(message));
    }

    [Fact]
    public void DeleteByIndex_IsByteForByteWhatIproute2Sends()
    {
        // strace of `ip link del vh0` (ifindex 3).
        var message = Encode(b => LinkRequests.Delete(b, 3));

        Assert.Equal(ToHex(Hex("20000000 1100 0500 01000000 00000000" + "00000000 03000000 00000000 00000000")), ToHex(message));
    }

    [Fact]
    public void DeleteByName_LetsTheKernelResolveTheName()
    {
        var message = Encode(b => LinkRequests.Delete(b, "mv0"));

        Assert.Equal(ToHex(Hex("28000000 1100 0500 01000000 00000000" + Zero16 + "0800 0300 6d763000")), ToHex(message));
    }

    [Theory]
    [InlineData(true, "01000000")]
    [InlineData(false, "00000000")]
    public void SetUpOrDown_ChangesOnlyTheUpFlag(bool up, string flags)
    {
        var message = Encode(b => LinkRequests.SetUp(b, 3, up));

        Assert.Equal(ToHex(Hex("20000000 1300 0500 01000000 00000000" + "0000 0000 03000000" + flags + "01000000")), ToHex(message));
    }

    [Fact]
    public void Rename_SendsTheIndexAndTheNewName()
    {
        var message = Encode(b => LinkRequests.Rename(b, 5, "eth1"));

        Assert.Equal(ToHex(Hex("2c000000 1300 0500 01000000 00000000" + "00000000 05000000 00000000 00000000" + "0900 0300 65746831 00 000000")), ToHex(message));
    }

    [Fact]
    public void MoveToNamespaceFd_SendsNetNsFd()
    {
        var message = Encode(b => LinkRequests.SetNamespaceFd(b, "mv0", 12, newName: null));

        Assert.Equal(ToHex(Hex("30000000 1300 0500 01000000 00000000" + Zero16 + "0800 0300 6d763000" + "0800 1c00 0c000000")), ToHex(message));
    }

    [Fact]
    public void MoveToNamespaceFdAndRename_UsesTheIndexSoTheNameSlotCarriesTheNewName()
    {
        var message = Encode(b => LinkRequests.SetNamespaceFd(b, 4, 12, newName: "eth0"));

        Assert.Equal(
            ToHex(Hex("34000000 1300 0500 01000000 00000000" + "00000000 04000000 00000000 00000000" + "0900 0300 65746830 00 000000" + "0800 1c00 0c000000")),
            ToHex(message));
    }

    [Fact]
    public void MoveToNamespaceOfProcess_SendsNetNsPid()
    {
        var message = Encode(b => LinkRequests.SetNamespacePid(b, 4, 4242));

        Assert.Equal(ToHex(Hex("28000000 1300 0500 01000000 00000000" + "00000000 04000000 00000000 00000000" + "0800 1300 92100000")), ToHex(message));
    }

    [Fact]
    public void SetMacAndMtu_SendAddressAndMtuAttributes()
    {
        var mac = Encode(b => LinkRequests.SetMac(b, 3, PhysicalAddress.Parse("02-00-00-00-00-07")));
        var mtu = Encode(b => LinkRequests.SetMtu(b, 3, 1400));

        // The attribute bytes equal iproute2's for `ip link set vh0 address 02:00:00:00:00:07` and `mtu 1400`.
        Assert.Equal(ToHex(Hex("2c000000 1300 0500 01000000 00000000" + "00000000 03000000 00000000 00000000" + "0a00 0100 020000000007 0000")), ToHex(mac));
        Assert.Equal(ToHex(Hex("28000000 1300 0500 01000000 00000000" + "00000000 03000000 00000000 00000000" + "0800 0400 78050000")), ToHex(mtu));
    }

    [Fact]
    public void GetByName_AsksToSkipStatistics()
    {
        var message = Encode(b => LinkRequests.GetByName(b, "vh0"));

        // iproute2 sends the same two attributes with RTEXT_FILTER_VF|SKIP_STATS (9); we do not want VF data.
        Assert.Equal(ToHex(Hex("30000000 1200 0100 01000000 00000000" + Zero16 + "0800 1d00 08000000" + "0800 0300 76683000")), ToHex(message));
    }

    [Fact]
    public void Dump_SetsTheDumpFlags()
    {
        var message = Encode(LinkRequests.Dump);

        Assert.Equal(ToHex(Hex("28000000 1200 0103 01000000 00000000" + Zero16 + "0800 1d00 08000000")), ToHex(message));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abcdefghijklmnop")]
    [InlineData("a/b")]
    [InlineData("a b")]
    [InlineData("a:b")]
    [InlineData("..")]
    public void LinkNames_TheKernelWouldRejectAreRefusedUpFront(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => new DummyLinkSpec(name));

        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LinkRef_PrintsNamesQuotedAndIndexesAsIfindex()
    {
        Assert.Equal("'eth0'", LinkRef.ByName("eth0").ToString());
        Assert.Equal("ifindex 7", ((LinkRef)7).ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => LinkRef.ByIndex(0));
    }

    internal static byte[] Encode(Action<NetlinkMessageBuilder> write)
    {
        var builder = new NetlinkMessageBuilder();
        write(builder);
        return builder.Complete(1).ToArray();
    }
}
