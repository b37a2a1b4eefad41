namespace Spiderpool.Cni.Plugin;

/// <summary>What CHECK needs of the config's <c>prevResult</c>: the interface names (by index) and the addresses.</summary>
internal sealed record PrevResult(IReadOnlyList<string> InterfaceNames, IReadOnlyList<PrevResultIp> Ips)
{
    /// <summary>
    /// The addresses of one interface. A result without <c>interfaces</c> is an IPAM-only result (every address is the
    /// interface's); otherwise an address counts only if its <c>interface</c> index names that interface.
    /// </summary>
    public IReadOnlyList<PrevResultIp> IpsOf(string ifName) =>
        InterfaceNames.Count == 0
            ? Ips
            : Ips.Where(ip => ip.Interface is { } i && string.Equals(InterfaceNames[i], ifName, StringComparison.Ordinal)).ToList();
}
