using System.Net;
using System.Net.NetworkInformation;
using Spiderpool.Netlink.Addresses;
using Spiderpool.Netlink.Links;
using Spiderpool.Netlink.Namespaces;
using Spiderpool.Tests.Privileged.Netlink;

namespace Spiderpool.Tests.Privileged.Probes;

/// <summary>
/// Two namespaces joined by a veth pair: A holds <see cref="HolderV4"/>/<see cref="HolderV6"/> on its end (the
/// address owner, or the gateway); B (the "pod") holds <see cref="PodV4"/>/<see cref="PodV6"/> and runs the probes.
/// IPv6 addresses use IFA_F_NODAD so they answer at once. Each instance uses its own subnet.
/// </summary>
internal sealed class ProbeLink : IAsyncDisposable
{
    private ProbeLink(TestNamespace a, TestNamespace b, string aLink, string bLink, int subnet)
    {
        A = a;
        B = b;
        ALink = aLink;
        BLink = bLink;
        HolderV4 = IPAddress.Parse($"10.{subnet / 256}.{subnet % 256}.1");
        PodV4 = IPAddress.Parse($"10.{subnet / 256}.{subnet % 256}.2");
        FreeV4 = IPAddress.Parse($"10.{subnet / 256}.{subnet % 256}.77");
        HolderV6 = IPAddress.Parse($"fd00:{subnet:x}::1");
        PodV6 = IPAddress.Parse($"fd00:{subnet:x}::2");
        FreeV6 = IPAddress.Parse($"fd00:{subnet:x}::77");
    }

    public TestNamespace A { get; }

    public TestNamespace B { get; }

    public string ALink { get; }

    public string BLink { get; }

    public IPAddress HolderV4 { get; }

    public IPAddress PodV4 { get; }

    public IPAddress FreeV4 { get; }

    public IPAddress HolderV6 { get; }

    public IPAddress PodV6 { get; }

    public IPAddress FreeV6 { get; }

    public PhysicalAddress AMac => A.Netlink.GetLink(ALink).Mac!;

    public PhysicalAddress BMac => B.Netlink.GetLink(BLink).Mac!;

    public static async Task<ProbeLink> CreateAsync()
    {
        var a = await TestNamespace.CreateAsync("a");
        TestNamespace? b = null;
        try
        {
            b = await TestNamespace.CreateAsync("b");
            var (aLink, bLink) = (TestNamespace.LinkName("a"), TestNamespace.LinkName("b"));
            using (var bFd = NetworkNamespace.Open(b.Path))
            {
                a.Netlink.AddLink(new VethLinkSpec(aLink, bLink) { PeerNamespace = bFd });
            }

            var link = new ProbeLink(a, b, aLink, bLink, Random.Shared.Next(1, 60_000));
            a.Netlink.AddAddress(new AddressSpec(aLink, link.HolderV4, 24));
            a.Netlink.AddAddress(new AddressSpec(aLink, link.HolderV6, 64) { Flags = AddressFlags.NoDad });
            b.Netlink.AddAddress(new AddressSpec(bLink, link.PodV4, 24));
            b.Netlink.AddAddress(new AddressSpec(bLink, link.PodV6, 64) { Flags = AddressFlags.NoDad });
            a.Netlink.SetLinkUp(aLink);
            b.Netlink.SetLinkUp(bLink);

            // Both ends must be able to transmit before a test measures anything: the kernel attaches a veth's
            // transmit queue from its link-watch work a moment after carrier comes up, and until then the holder's
            // answer would be dropped. (The probe itself waits for its own end; the far end is the test's business.)
            await WaitOperationallyUpAsync(a, aLink);
            await WaitOperationallyUpAsync(b, bLink);
            return link;
        }
        catch
        {
            if (b is not null)
            {
                await b.DisposeAsync();
            }

            await a.DisposeAsync();
            throw;
        }
    }

    private static async Task WaitOperationallyUpAsync(TestNamespace ns, string name)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (ns.Netlink.GetLink(name).OperationalState != OperationalState.Up)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{name} in {ns.Name} did not become operationally up within 5 s");
            }

            await Task.Delay(2);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
    }
}
