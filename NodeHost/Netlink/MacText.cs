using System.Net.NetworkInformation;

namespace Spiderpool.Netlink;

/// <summary>Formats MAC addresses the way <c>ip</c> prints them (lower-case, colon-separated).</summary>
public static class MacText
{
    public static string Format(PhysicalAddress mac)
    {
        ArgumentNullException.ThrowIfNull(mac);
        return string.Join(':', mac.GetAddressBytes().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
