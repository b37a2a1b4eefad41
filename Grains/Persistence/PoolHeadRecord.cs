namespace Spiderpool.Grains.Persistence;

/// <summary>A pool's head without its held addresses: what the pool index is rebuilt from.</summary>
public sealed record PoolHeadRecord(string Name, long Version, string HeadJson);
