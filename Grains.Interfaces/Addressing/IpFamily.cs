namespace Spiderpool.Grains.Interfaces.Addressing;

/// <summary>IP family; the numeric values are Spiderpool's <c>ipVersion</c> values.</summary>
public enum IpFamily
{
    V4 = 4,
    V6 = 6,
}
