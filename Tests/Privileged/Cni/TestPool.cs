using System.Net;
using System.Net.Sockets;
using System.Numerics;

namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>One SpiderIPPool of <see cref="TestPools"/>: a subnet, one contiguous range of addresses and a gateway.</summary>
public sealed record TestPool(string Name, string Subnet, string First, string Last, string Gateway)
{
    public bool IsV6 => IPAddress.Parse(First).AddressFamily == AddressFamily.InterNetworkV6;

    public int PrefixLength => int.Parse(Subnet[(Subnet.IndexOf('/', StringComparison.Ordinal) + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The address <paramref name="offset"/> after <see cref="First"/> (lowest-free-first order hands them out so).</summary>
    public string Nth(int offset) => Add(First, offset);

    /// <summary><see cref="Nth"/> with the subnet's prefix length, as CNI results and NodeHost's records write it.</summary>
    public string NthCidr(int offset) => $"{Nth(offset)}/{PrefixLength}";

    /// <summary>Whether <paramref name="cidrOrAddress"/> is inside [First, Last].</summary>
    public bool Contains(string cidrOrAddress)
    {
        var address = cidrOrAddress.Split('/')[0];
        if (!IPAddress.TryParse(address, out var parsed) || parsed.AddressFamily != IPAddress.Parse(First).AddressFamily)
        {
            return false;
        }

        var value = ToInteger(parsed);
        return value >= ToInteger(IPAddress.Parse(First)) && value <= ToInteger(IPAddress.Parse(Last));
    }

    public string Yaml() => $"""
        apiVersion: spiderpool.spidernet.io/v2beta1
        kind: SpiderIPPool
        metadata:
          name: {Name}
        spec:
          ipVersion: {(IsV6 ? 6 : 4)}
          subnet: {Subnet}
          ips:
            - {First}-{Last}
          gateway: {Gateway}
        """;

    public static string Add(string address, int offset)
    {
        var parsed = IPAddress.Parse(address);
        var bytes = (ToInteger(parsed) + offset).ToByteArray(isUnsigned: true, isBigEndian: true);
        var size = parsed.AddressFamily == AddressFamily.InterNetwork ? 4 : 16;
        var padded = new byte[size];
        bytes.CopyTo(padded, size - bytes.Length);
        return new IPAddress(padded).ToString();
    }

    private static BigInteger ToInteger(IPAddress address) => new(address.GetAddressBytes(), isUnsigned: true, isBigEndian: true);
}
