namespace Spiderpool.Netlink.Links;

/// <summary>RFC 2863 operational state (<c>IFLA_OPERSTATE</c>, <c>IF_OPER_*</c>).</summary>
public enum OperationalState
{
    Unknown = 0,
    NotPresent = 1,
    Down = 2,
    LowerLayerDown = 3,
    Testing = 4,
    Dormant = 5,
    Up = 6,
}
