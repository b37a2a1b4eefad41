using Spiderpool.Grains.Interfaces.Pools;

namespace Spiderpool.Grains.Pools;

/// <summary>A held address's holder and when it was last handed to a request (milliseconds since the epoch).</summary>
internal sealed record Holding(AddressHolder Holder, long StampUnixMs);
