namespace Spiderpool.Netlink.Routes;

/// <summary>RTA_* attribute numbers (linux/rtnetlink.h) and the RTAX_* metrics nested in RTA_METRICS.</summary>
internal static class Rta
{
    public const ushort Destination = 1;
    public const ushort Source = 2;
    public const ushort InputInterface = 3;
    public const ushort OutputInterface = 4;
    public const ushort Gateway = 5;
    public const ushort Priority = 6;
    public const ushort PreferredSource = 7;
    public const ushort Metrics = 8;
    public const ushort Multipath = 9;
    public const ushort Table = 15;

    public const ushort MetricMtu = 2;

    /// <summary>RTNH_F_ONLINK in rtm_flags.</summary>
    public const uint FlagOnLink = 4;
}
