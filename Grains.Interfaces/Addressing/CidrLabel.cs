namespace Spiderpool.Grains.Interfaces.Addressing;

/// <summary>
/// Spiderpool puts a pool's subnet into a label value, but a label value cannot hold '.', ':'
/// or '/', so it writes each of them as '-': "172.18.0.0/16" becomes "172-18-0-0-16". Values must match Spiderpool's
/// byte for byte for label selectors written against it to keep working, hence the text is used as written.
/// </summary>
public static class CidrLabel
{
    public static string ToLabelValue(string cidr)
    {
        if (!IpCidr.TryParse(cidr, out _, out var error))
        {
            throw new FormatException(error);
        }

        return cidr.Replace('.', '-').Replace(':', '-').Replace('/', '-');
    }

    public static string ToLabelValue(IpCidr cidr) => ToLabelValue(cidr.ToString());
}
