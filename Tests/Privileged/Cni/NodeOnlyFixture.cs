namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>A <see cref="CniFixture"/> without a NodeHost, for tests that start NodeHost and a silo of their own.</summary>
public sealed class NodeOnlyFixture : CniFixture
{
    protected override bool StartsNodeHost => false;
}
