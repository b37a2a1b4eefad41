namespace Spiderpool.Grains.Reserved;

/// <summary>Stored SpiderReservedIP objects: name → (family, normalised ranges).</summary>
[GenerateSerializer, Alias("spiderpool.ReservedIpState")]
public sealed class ReservedIpState
{
    [Id(0)] public Dictionary<string, ReservedIpEntry> Entries { get; set; } = [];
}
